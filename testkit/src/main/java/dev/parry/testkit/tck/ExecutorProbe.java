package dev.parry.testkit.tck;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.DeviceId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Observes the backend an executor acts on, so a contract can check effects rather than answers. A
 * probe tells whether an action's effect is in place and how many times the backend applied it: the
 * idempotency rule (EXE-5) cannot be checked from effects alone, since an effect applied twice
 * looks like one applied once.
 *
 * <pre>{@code
 * ExecutorProbe probe = ExecutorProbe.of(myTestTenant::isInEffect, myTestTenant::timesApplied);
 * }</pre>
 */
public interface ExecutorProbe {

  /**
   * {@return a probe from two queries of the backend under test}
   *
   * <pre>{@code
   * ExecutorProbe probe = ExecutorProbe.of(
   *     action -> tenant.isIsolated(((IsolateDevice) action).device().id().value()),
   *     action -> tenant.isolationRequests(((IsolateDevice) action).device().id().value()));
   * }</pre>
   *
   * @param isInEffect whether an action's effect is in place now
   * @param timesApplied how many times the backend applied an action's effect
   * @throws NullPointerException if an argument is null
   */
  static ExecutorProbe of(
      Predicate<RemediationAction> isInEffect, ToIntFunction<RemediationAction> timesApplied) {
    Objects.requireNonNull(isInEffect, "isInEffect");
    Objects.requireNonNull(timesApplied, "timesApplied");
    return new ExecutorProbe() {
      @Override
      public boolean isInEffect(RemediationAction action) {
        return isInEffect.test(action);
      }

      @Override
      public int timesApplied(RemediationAction action) {
        return timesApplied.applyAsInt(action);
      }

      @Override
      public String toString() {
        return "ExecutorProbe{of}";
      }
    };
  }

  /**
   * {@return whether {@code action}'s effect is in place in the backend now}
   *
   * @param action the action
   */
  boolean isInEffect(RemediationAction action);

  /**
   * {@return how many times the backend applied {@code action}'s effect} (isolated the device,
   * deleted the message, disabled the account): 0 before the first execution, 1 after an execution
   * however often its idempotency key was repeated. Count at the backend or at the edge of the test
   * tenant (for instance the state-changing requests a recording HTTP client sent for the action's
   * target), never in the executor under test. Rule EXE-5 fails when the count is not 1 after a
   * repeated key.
   *
   * @param action the action
   */
  int timesApplied(RemediationAction action);

  /**
   * {@return whether {@code action}'s effect is in place on one device, if the probe can tell}: for
   * a fleet-wide action (a file known by its hash alone), whether it reached that device. The
   * default cannot tell; a device executor that {@linkplain
   * dev.parry.spi.executor.DeviceActionExecutor#honoursExclusions() honours exclusions} needs a
   * probe that can, or rule EXE-12 fails.
   *
   * <pre>{@code
   * public Optional<Boolean> isInEffectOn(RemediationAction action, DeviceId device) {
   *   Sha256 hash = ((StopAndQuarantineFile) action).file().sha256();
   *   return Optional.of(myTestTenant.isQuarantined(device.value(), hash.hex()));
   * }
   * }</pre>
   *
   * @param action the action
   * @param device the device
   */
  default Optional<Boolean> isInEffectOn(RemediationAction action, DeviceId device) {
    return Optional.empty();
  }
}
