package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Stop managed devices from talking to an unmanaged device.
 *
 * <p>Kind {@link ActionKind#CONTAIN_DEVICE}; known to Defender's action API as "Isolate
 * (UnManagedDevice)".
 *
 * @param device the unmanaged device to contain
 */
public record ContainDevice(Device device) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param device the unmanaged device to contain
   * @throws InvalidInputException if a component is null
   */
  public ContainDevice {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CONTAIN_DEVICE;
  }

  @Override
  public Device target() {
    return device;
  }

  /**
   * {@return the action that undoes this one: {@link ReleaseFromContainment} on the same target}
   */
  @Override
  public RemediationAction inverse() {
    return new ReleaseFromContainment(device);
  }
}
