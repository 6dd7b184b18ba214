package dev.parry.testkit.tck;

import dev.parry.core.action.RemediationAction;
import java.util.OptionalInt;

/**
 * Observes the backend an executor acts on, so a contract can check effects rather than answers.
 *
 * <pre>{@code
 * ExecutorProbe probe = action -> myTestTenant.isIsolated(((IsolateDevice) action).device().id());
 * }</pre>
 */
@FunctionalInterface
public interface ExecutorProbe {

  /**
   * {@return whether {@code action}'s effect is in place in the backend now}
   *
   * @param action the action
   */
  boolean isInEffect(RemediationAction action);

  /**
   * {@return how many times the backend applied {@code action}'s effect, if it can tell}: the default
   * cannot, and the idempotency rule then checks answers and effects only.
   *
   * @param action the action
   */
  default OptionalInt timesApplied(RemediationAction action) {
    return OptionalInt.empty();
  }
}
