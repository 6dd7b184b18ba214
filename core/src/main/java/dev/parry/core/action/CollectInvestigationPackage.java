package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Collect a forensic investigation package from a device.
 *
 * <p>Kind {@link ActionKind#COLLECT_INVESTIGATION_PACKAGE}; known to Defender's action API as
 * "CollectInvestigationPackage".
 *
 * @param device the device to collect the package from
 */
public record CollectInvestigationPackage(Device device) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device to collect the package from
   * @throws InvalidInputException if a component is null
   */
  public CollectInvestigationPackage {
    Checks.notNull(device, "device");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.COLLECT_INVESTIGATION_PACKAGE;
  }

  @Override
  public Device target() {
    return device;
  }
}
