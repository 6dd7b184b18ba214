package dev.parry.core.entity;

import java.util.Objects;
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
   * @throws NullPointerException if {@code device} or {@code path} is null
   */
  public Driver {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(path, "path");
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
