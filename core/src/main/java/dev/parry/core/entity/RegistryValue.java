package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Locale;
import java.util.Optional;

/**
 * A value under a registry key on a device, the target of "remove registry value" (undone by
 * restoring it). A persistence entry such as a {@code Run} entry is a value, not a key: removing it
 * leaves the key and its other values alone.
 *
 * <p>Its identity is the device, the key and the value's name (compared case-insensitively, as
 * Windows does); its type and data are what a restore writes back, not part of the identity. The
 * key is {@code regvalue:device:keypath\\name}: a key path never holds {@code \\} (no empty
 * segments), so the first one ends it.
 *
 * @param device the device whose registry holds the value
 * @param keyPath the key the value is under
 * @param name the value's name; empty for the key's default value
 * @param type the value's registry type ({@code REG_SZ}, {@code REG_DWORD}...), written back on
 *     restore
 * @param data the value's data as the backend reports it (numbers in decimal, binary as hexadecimal
 *     digits, strings as they are), at most {@value #MAX_DATA} characters: any character, as an
 *     attacker writes it (a tab, a line break), kept exactly and never logged
 */
public record RegistryValue(
    DeviceId device, RegistryKeyPath keyPath, String name, RegistryValueType type, String data)
    implements DeviceEntity {

  /** The longest value name accepted, Windows' limit: {@value}. */
  public static final int MAX_NAME = 16_383;

  /** The longest data accepted: {@value}. */
  public static final int MAX_DATA = 65_536;

  /**
   * Validates the value.
   *
   * @param device the device whose registry holds the value
   * @param keyPath the key the value is under
   * @param name the value's name; empty for the key's default value
   * @param type the value's registry type ({@code REG_SZ}, {@code REG_DWORD}...), written back on
   *     restore
   * @param data the value's data as the backend reports it (numbers in decimal, binary as
   *     hexadecimal digits, strings as they are), at most {@value #MAX_DATA} characters: any
   *     character, as an attacker writes it (a tab, a line break), kept exactly and never logged
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if the name is too long or holds a spoofing character, or the
   *     data is too long
   */
  public RegistryValue {
    Checks.notNull(device, "device");
    Checks.notNull(keyPath, "keyPath");
    Text.requireIdentifier("registryValueName", name, 0, MAX_NAME);
    Checks.notNull(type, "type");
    Checks.notNull(data, "data");
    if (data.length() > MAX_DATA) {
      throw new InvalidInputException(
          "registryValueData",
          data.length(),
          "registryValueData must be at most " + MAX_DATA + " characters, was " + data.length());
    }
  }

  /**
   * {@return a value of a key}
   *
   * <pre>{@code
   * RegistryValue run = RegistryValue.of(DeviceId.of("a3f7c19e"),
   *     RegistryKeyPath.of("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"), "updater",
   *     RegistryValueType.STRING, "C:\\ProgramData\\svc\\miner.exe");
   * }</pre>
   *
   * @param device the device
   * @param keyPath the key
   * @param name the value's name
   * @param type its type
   * @param data its data
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException as the canonical constructor
   */
  public static RegistryValue of(
      DeviceId device, RegistryKeyPath keyPath, String name, RegistryValueType type, String data) {
    return new RegistryValue(device, keyPath, name, type, data);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "regvalue:"
            + device.value()
            + ":"
            + keyPath.value().toLowerCase(Locale.ROOT)
            + "\\\\"
            + name.toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RegistryValue{device="
        + device
        + ", keyPath="
        + keyPath
        + ", name="
        + Text.escape(name, 200)
        + ", type="
        + type
        + ", data=("
        + data.length()
        + " characters, not shown)}";
  }
}
