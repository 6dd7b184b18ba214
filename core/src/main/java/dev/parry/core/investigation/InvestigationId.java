package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * The identifier of an investigation, chosen by the caller (an alert id often serves) and unique in
 * a store.
 *
 * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
 */
public record InvestigationId(String value) {

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
  public InvestigationId {
    Text.requireChars(
        "investigationId",
        value,
        1,
        MAX_LENGTH,
        "characters (ASCII letters, digits, '.', '_', ':', '-')",
        c -> Text.isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '-');
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code InvestigationId id = InvestigationId.of("inv-2026-0001");}</pre>
   *
   * @param value the identifier
   * @throws InvalidInputException if the value is not valid
   */
  public static InvestigationId of(String value) {
    return new InvestigationId(value);
  }

  // equality written out rather than generated: every transition and every store lookup asks it
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || (o instanceof InvestigationId other && value.equals(other.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
