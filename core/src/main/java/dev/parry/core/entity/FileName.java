package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The name of a file without its folder (an email attachment, for example).
 *
 * @param value 1-255 characters, no spoofing characters (see the package documentation), no '\\' or
 *     '/'
 */
public record FileName(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the value.
   *
   * @param value 1-255 characters, no spoofing characters (see the package documentation), no '\\'
   *     or '/'
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH}, holds a
   *     spoofing character, or holds '\\' or '/'
   */
  public FileName {
    Text.requireIdentifier("fileName", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(c -> "\\/".indexOf(c) >= 0)) {
      throw new InvalidInputException(
          "fileName", value, "fileName must not contain '\\' or '/', was: " + Text.show(value));
    }
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code FileName v = FileName.of("invoice.pdf.exe");}</pre>
   *
   * @param value the text
   * @throws InvalidInputException if the value is not valid
   */
  public static FileName of(String value) {
    return new FileName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
