package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Locale;
import java.util.Optional;

/**
 * A registry key on a device, the target of "remove registry key" (undone by restoring it).
 *
 * @param device the device whose registry holds the key
 * @param path the key's path, its root key spelled out
 */
public record RegistryKey(DeviceId device, RegistryKeyPath path) implements DeviceEntity {

  /**
   * Validates the key.
   *
   * @param device the device whose registry holds the key
   * @param path the key's path, its root key spelled out
   * @throws InvalidInputException if {@code device} or {@code path} is null
   */
  public RegistryKey {
    Checks.notNull(device, "device");
    Checks.notNull(path, "path");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "registry:" + device.value() + ":" + path.value().toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.empty();
  }
}
