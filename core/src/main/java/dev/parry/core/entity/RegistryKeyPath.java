package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.util.Locale;
import java.util.Map;

/**
 * A registry key path: a root key then its subkeys, compared case-insensitively as Windows does.
 *
 * <p>Short root names are expanded ({@code HKLM\Software\Run} becomes {@code
 * HKEY_LOCAL_MACHINE\Software\Run}); forward slashes are not separators in the registry and are
 * kept as they are.
 *
 * @param value the path with its root key spelled out, at most 4,096 characters
 */
public record RegistryKeyPath(String value) {

  /** The longest path accepted: {@value}. */
  public static final int MAX_LENGTH = 4096;

  private static final Map<String, String> ROOTS =
      Map.of(
          "HKLM",
          "HKEY_LOCAL_MACHINE",
          "HKCU",
          "HKEY_CURRENT_USER",
          "HKU",
          "HKEY_USERS",
          "HKCR",
          "HKEY_CLASSES_ROOT",
          "HKCC",
          "HKEY_CURRENT_CONFIG");

  /**
   * Validates the path and expands its root key.
   *
   * @param value the path with its root key spelled out, at most 4,096 characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, too long, holds a spoofing character, has an
   *     empty segment or does not start with a root key
   */
  public RegistryKeyPath {
    Text.requireIdentifier("registryKeyPath", value, 1, MAX_LENGTH);
    int slash = value.indexOf('\\');
    String root = (slash < 0 ? value : value.substring(0, slash)).toUpperCase(Locale.ROOT);
    String full = ROOTS.getOrDefault(root, root);
    if (!ROOTS.containsValue(full)) {
      throw new InvalidInputException(
          "registryKeyPath",
          value,
          "registryKeyPath must start with a root key (HKEY_LOCAL_MACHINE, HKLM, HKEY_CURRENT_USER, HKCU, "
              + "HKEY_USERS, HKU, HKEY_CLASSES_ROOT, HKCR, HKEY_CURRENT_CONFIG, HKCC), was: "
              + Text.show(value));
    }
    String rest = slash < 0 ? "" : value.substring(slash);
    if (rest.contains("\\\\") || rest.endsWith("\\")) {
      throw new InvalidInputException(
          "registryKeyPath",
          value,
          "registryKeyPath must not have empty segments, was: " + Text.show(value));
    }
    value = full + rest;
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "registryKeyPath",
          value,
          "registryKeyPath must be at most "
              + MAX_LENGTH
              + " characters once its root key is spelled out, was: "
              + Text.show(value));
    }
  }

  /**
   * {@return the path for {@code value}}
   *
   * <pre>
   * {@code RegistryKeyPath run = RegistryKeyPath.of("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");}
   * </pre>
   *
   * @param value the path
   * @throws InvalidInputException if the value is not a valid key path
   */
  public static RegistryKeyPath of(String value) {
    return new RegistryKeyPath(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegistryKeyPath that && Text.equalsFolded(value, that.value);
  }

  @Override
  public int hashCode() {
    return Text.foldedHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
