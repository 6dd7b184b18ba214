package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Cut a device off the network, except for the security service's own connection.
 *
 * <p>Kind {@link ActionKind#ISOLATE_DEVICE}; known to Defender's action API as "Isolate".
 *
 * @param device the device to isolate
 * @param isolationType full or selective isolation
 */
public record IsolateDevice(Device device, IsolationType isolationType)
    implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param device the device to isolate
   * @param isolationType full or selective isolation
   * @throws InvalidInputException if a component is null
   */
  public IsolateDevice {
    Checks.notNull(device, "device");
    Checks.notNull(isolationType, "isolationType");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ISOLATE_DEVICE;
  }

  @Override
  public Device target() {
    return device;
  }

  /** {@return the action that undoes this one: {@link ReleaseFromIsolation} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new ReleaseFromIsolation(device);
  }
}
