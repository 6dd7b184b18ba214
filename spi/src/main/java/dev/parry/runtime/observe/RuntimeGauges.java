package dev.parry.runtime.observe;

import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.RuntimeHealth;
import java.util.OptionalInt;

/**
 * Levels a runtime can be asked for at any time, for gauges: each answer is read from memory the
 * runtime keeps anyway, never from the store, so a gauge may read it as often as it likes.
 */
public interface RuntimeGauges {

  /**
   * {@return how many actions of {@code family} wait to be sent}: for a permit of the family's
   * concurrency cap or for its rate limit (including a backend's Retry-After)
   *
   * @param family the family
   */
  int waiting(EntityFamily family);

  /** {@return how many actions (and undos) this runtime is dispatching, waiting ones included} */
  int inFlight();

  /**
   * {@return how many actions wait for approval in the store, as the last reconciler pass counted
   * them}: empty until a pass counted them. Counted only when instrumentation is configured.
   */
  OptionalInt pendingApprovals();

  /** {@return how the reconciler is doing: its lag and its consecutive failures} */
  RuntimeHealth health();
}
