package dev.parry.core.action;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Run an antivirus scan on a device.
 *
 * <p>Kind {@link ActionKind#RUN_ANTIVIRUS_SCAN}; known to Defender's action API as
 * "RunAntiVirusScan".
 *
 * @param device the device to scan
 * @param scanType quick or full scan
 */
public record RunAntivirusScan(Device device, ScanType scanType) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param device the device to scan
   * @param scanType quick or full scan
   * @throws InvalidInputException if a component is null
   */
  public RunAntivirusScan {
    Checks.notNull(device, "device");
    Checks.notNull(scanType, "scanType");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RUN_ANTIVIRUS_SCAN;
  }

  @Override
  public Device target() {
    return device;
  }
}
