package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Optional;

/**
 * A kernel driver on a device, the target of "disable driver" (undone by enabling it).
 *
 * @param device the device the driver is installed on
 * @param path the driver file on that device
 */
public record Driver(DeviceId device, WindowsPath path) implements DeviceEntity {

  /**
   * Validates the driver.
   *
   * @param device the device the driver is installed on
   * @param path the driver file on that device
   * @throws InvalidInputException if {@code device} or {@code path} is null
   */
  public Driver {
    Checks.notNull(device, "device");
    Checks.notNull(path, "path");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("driver:" + device.value() + ":" + path.comparisonKey());
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.of(path);
  }
}
