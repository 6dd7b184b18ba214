package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Allow only code signed by a trusted publisher to run on a device.
 *
 * <p>Kind {@link ActionKind#RESTRICT_CODE_EXECUTION}; known to Defender's action API as
 * "RestrictCodeExecution".
 *
 * @param device the device to restrict to trusted code
 */
public record RestrictCodeExecution(Device device) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param device the device to restrict to trusted code
   * @throws InvalidInputException if a component is null
   */
  public RestrictCodeExecution {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESTRICT_CODE_EXECUTION;
  }

  @Override
  public Device target() {
    return device;
  }

  /** {@return the action that undoes this one: {@link RemoveCodeRestriction} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new RemoveCodeRestriction(device);
  }
}
