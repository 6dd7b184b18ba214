package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Offboard a device from the security service. Never automatic, cannot be undone.
 *
 * <p>Kind {@link ActionKind#OFFBOARD_DEVICE}; known to Defender's action API as "Offboard".
 *
 * @param device the device to offboard
 */
public record OffboardDevice(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device to offboard
   * @throws InvalidInputException if a component is null
   */
  public OffboardDevice {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.OFFBOARD_DEVICE;
  }

  @Override
  public Device target() {
    return device;
  }
}
