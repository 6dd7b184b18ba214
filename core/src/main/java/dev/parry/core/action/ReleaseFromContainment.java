package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Lift the containment of an unmanaged device: the undo of {@link ContainDevice}.
 *
 * <p>Kind {@link ActionKind#RELEASE_FROM_CONTAINMENT}; known to Defender's action API as "Unisolate
 * (UnManagedDevice)".
 *
 * @param device the contained unmanaged device to release
 */
public record ReleaseFromContainment(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the contained unmanaged device to release
   * @throws InvalidInputException if a component is null
   */
  public ReleaseFromContainment {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RELEASE_FROM_CONTAINMENT;
  }

  @Override
  public Device target() {
    return device;
  }
}
