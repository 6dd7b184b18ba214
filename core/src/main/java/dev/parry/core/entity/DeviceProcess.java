package dev.parry.core.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * A running process on a device, the target of "kill process".
 *
 * @param device the device it runs on
 * @param processId the operating system's process id, positive
 * @param imagePath the executable the process runs
 */
public record DeviceProcess(DeviceId device, long processId, WindowsPath imagePath) implements DeviceEntity {

  /**
   * Validates the process.
   *
   * @throws NullPointerException if {@code device} or {@code imagePath} is null
   * @throws IllegalArgumentException if {@code processId} is not positive
   */
  public DeviceProcess {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(imagePath, "imagePath");
    if (processId <= 0) {
      throw new IllegalArgumentException("processId must be positive, was: " + processId);
    }
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("process:" + device.value() + ":" + processId + ":"
        + imagePath.comparisonKey());
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<WindowsPath> filePath() {
    return Optional.of(imagePath);
  }
}
