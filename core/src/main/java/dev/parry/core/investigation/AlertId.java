package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The identifier of the alert that started an investigation.
 *
 * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
 */
public record AlertId(String value) {

  /** The longest identifier accepted: {@value}. */
  public static final int MAX_LENGTH = 128;

  /**
   * Validates the identifier.
   *
   * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH} or holds another
   *     character
   */
  public AlertId {
    Text.requireChars(
        "alertId",
        value,
        1,
        MAX_LENGTH,
        "characters (ASCII letters, digits, '.', '_', ':', '-')",
        c -> Text.isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '-');
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code AlertId id = AlertId.of("da637851");}</pre>
   *
   * @param value the identifier
   * @throws InvalidInputException if the value is not valid
   */
  public static AlertId of(String value) {
    return new AlertId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
