package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Reconnect an isolated device: the undo of {@link IsolateDevice}.
 *
 * <p>Kind {@link ActionKind#RELEASE_FROM_ISOLATION}; known to Defender's action API as "Unisolate".
 *
 * @param device the device to release from isolation
 */
public record ReleaseFromIsolation(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device to release from isolation
   * @throws InvalidInputException if a component is null
   */
  public ReleaseFromIsolation {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RELEASE_FROM_ISOLATION;
  }

  @Override
  public Device target() {
    return device;
  }
}
