package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * A tag set on a device, used by device groups to match it. Compared case-insensitively.
 *
 * @param value 1-200 characters, no spoofing characters (see the package documentation)
 */
public record DeviceTag(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 200;

  /**
   * Validates the value.
   *
   * @param value 1-200 characters, no spoofing characters (see the package documentation)
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH}, holds a
   *     spoofing character
   */
  public DeviceTag {
    Text.requireIdentifier("deviceTag", value, 1, MAX_LENGTH);
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code DeviceTag v = DeviceTag.of("finance");}</pre>
   *
   * @param value the text
   * @throws InvalidInputException if the value is not valid
   */
  public static DeviceTag of(String value) {
    return new DeviceTag(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeviceTag that && Text.equalsFolded(value, that.value);
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
