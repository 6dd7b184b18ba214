package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Release code execution on a device: the undo of {@link RestrictCodeExecution}.
 *
 * <p>Kind {@link ActionKind#REMOVE_CODE_RESTRICTION}; known to Defender's action API as
 * "UnrestrictCodeExecution".
 *
 * @param device the device whose code execution restriction is removed
 */
public record RemoveCodeRestriction(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device whose code execution restriction is removed
   * @throws InvalidInputException if a component is null
   */
  public RemoveCodeRestriction {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REMOVE_CODE_RESTRICTION;
  }

  @Override
  public Device target() {
    return device;
  }
}
