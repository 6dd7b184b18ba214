package dev.parry.core.entity;

import java.util.Locale;
import java.util.Objects;
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
   * @throws NullPointerException if {@code device} or {@code path} is null
   */
  public RegistryKey {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(path, "path");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("registry:" + device.value() + ":" + path.value().toLowerCase(Locale.ROOT));
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
