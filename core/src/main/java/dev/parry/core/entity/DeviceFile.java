package dev.parry.core.entity;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file, identified by its SHA-256 and optionally by the device and path it was found at.
 *
 * <p>A file without a device means "this file wherever it is" (stop and quarantine on every device);
 * with a device and path it is one copy, the target of an automated quarantine.
 *
 * @param sha256 the file's SHA-256
 * @param sha1 the file's SHA-1 if known, or null
 * @param device the device the copy was found on, or null for the file on every device
 * @param path where the copy is, or null if unknown; requires a device
 */
public record DeviceFile(Sha256 sha256, @Nullable Sha1 sha1, @Nullable DeviceId device, @Nullable WindowsPath path)
    implements DeviceEntity {

  /**
   * Validates the file.
   *
   * @throws NullPointerException if {@code sha256} is null
   * @throws IllegalArgumentException if a path is given without a device
   */
  public DeviceFile {
    Objects.requireNonNull(sha256, "sha256");
    if (path != null && device == null) {
      throw new IllegalArgumentException("a file path needs the device it is on, path was: " + path);
    }
  }

  /**
   * {@return one copy of a file, on a device at a path}
   *
   * <pre>{@code
   * DeviceFile copy = DeviceFile.onDevice(Sha256.of(hex), DeviceId.of("a3f7c19e"),
   *     WindowsPath.of("C:\\Temp\\invoice.exe"));
   * }</pre>
   *
   * @param sha256 the file's SHA-256
   * @param device the device
   * @param path the file's path on it
   */
  public static DeviceFile onDevice(Sha256 sha256, DeviceId device, WindowsPath path) {
    return new DeviceFile(sha256, null, device, path);
  }

  /**
   * {@return a file identified by its hash alone, wherever it is}
   *
   * @param sha256 the file's SHA-256
   */
  public static DeviceFile anywhere(Sha256 sha256) {
    return new DeviceFile(sha256, null, null, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("file:" + sha256.hex() + (device == null ? "" : "@" + device.value())
        + (path == null ? "" : ":" + path.comparisonKey()));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.ofNullable(device);
  }

  @Override
  public Optional<WindowsPath> filePath() {
    return Optional.ofNullable(path);
  }
}
