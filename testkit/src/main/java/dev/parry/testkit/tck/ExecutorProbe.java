package dev.parry.testkit.tck;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.DeviceId;
import java.util.Optional;
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

  /**
   * {@return whether {@code action}'s effect is in place on one device, if the probe can tell}: for a
   * fleet-wide action (a file known by its hash alone), whether it reached that device. The default
   * cannot tell; a device executor that {@linkplain dev.parry.spi.executor.DeviceActionExecutor#honoursExclusions()
   * honours exclusions} needs a probe that can, or rule EXE-12 fails.
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
