package dev.parry.core.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * A kernel driver on a device, the target of "disable driver" (undone by enabling it).
 *
 * @param device the device
 * @param path the driver file
 */
public record Driver(DeviceId device, WindowsPath path) implements DeviceEntity {

  /**
   * Validates the driver.
   *
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
