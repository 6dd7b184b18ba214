package dev.parry.core.action;

import dev.parry.core.entity.Device;
import java.util.Objects;

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
   * @throws NullPointerException if a component is null
   */
  public ReleaseFromIsolation {
    Objects.requireNonNull(device, "device");
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
