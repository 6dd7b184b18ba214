package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Windows service on a device, the target of "stop service" (undone by starting it again).
 *
 * @param device the device the service is installed on
 * @param name the service's name, compared case-insensitively
 * @param binaryPath the service's executable, or null if unknown
 */
public record WindowsService(DeviceId device, ServiceName name, @Nullable WindowsPath binaryPath)
    implements DeviceEntity {

  /**
   * Validates the service.
   *
   * @param device the device the service is installed on
   * @param name the service's name, compared case-insensitively
   * @param binaryPath the service's executable, or null if unknown
   * @throws InvalidInputException if {@code device} or {@code name} is null
   */
  public WindowsService {
    Checks.notNull(device, "device");
    Checks.notNull(name, "name");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "service:" + device.value() + ":" + name.value().toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.ofNullable(binaryPath);
  }
}
