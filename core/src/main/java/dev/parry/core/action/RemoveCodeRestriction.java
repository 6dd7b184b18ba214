package dev.parry.core.action;

import dev.parry.core.entity.Device;
import java.util.Objects;

/**
 * Release code execution on a device: the undo of {@link RestrictCodeExecution}.
 *
 * <p>Kind {@link ActionKind#REMOVE_CODE_RESTRICTION}; known to Defender's action API as "UnrestrictCodeExecution".
 *
 * @param device the device whose code execution restriction is removed
 */
public record RemoveCodeRestriction(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device whose code execution restriction is removed
   * @throws NullPointerException if a component is null
   */
  public RemoveCodeRestriction {
    Objects.requireNonNull(device, "device");
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
