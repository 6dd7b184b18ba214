package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * A device's host name as its backend reports it. Compared case-insensitively.
 *
 * @param value 1-255 characters, no spoofing characters (see the package documentation), no '\\',
 *     '/' or spaces
 */
public record DeviceName(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the value.
   *
   * @param value 1-255 characters, no spoofing characters (see the package documentation), no '\\',
   *     '/' or spaces
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH}, holds a
   *     spoofing character, or holds '\\', '/' or spaces
   */
  public DeviceName {
    Text.requireIdentifier("deviceName", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(c -> "\\/ ".indexOf(c) >= 0)) {
      throw new InvalidInputException(
          "deviceName",
          value,
          "deviceName must not contain '\\', '/' or spaces, was: " + Text.show(value));
    }
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code DeviceName v = DeviceName.of("ws-finance-042");}</pre>
   *
   * @param value the text
   * @throws InvalidInputException if the value is not valid
   */
  public static DeviceName of(String value) {
    return new DeviceName(value);
  }

  /**
   * {@return the name a backend reported, or null for the empty name}: Defender answers {@code ""}
   * for some machines, which then have no name ({@link Device#name()} null) and are known by their
   * id
   *
   * <pre>
   * {@code Device device = new Device(id, DeviceName.ofReported(""), null, Set.of(), OsPlatform.WINDOWS);}
   * </pre>
   *
   * @param value the reported text, possibly empty
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if a non-empty value is not valid
   */
  public static @Nullable DeviceName ofReported(String value) {
    Checks.notNull(value, "value");
    return value.isEmpty() ? null : new DeviceName(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeviceName that && Text.equalsFolded(value, that.value);
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
