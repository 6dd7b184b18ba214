package dev.parry.core.action;

import dev.parry.core.entity.Device;
import java.util.Objects;

/**
 * Run an antivirus scan on a device.
 *
 * <p>Kind {@link ActionKind#RUN_ANTIVIRUS_SCAN}; known to Defender's action API as "RunAntiVirusScan".
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
   * @throws NullPointerException if a component is null
   */
  public RunAntivirusScan {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(scanType, "scanType");
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
