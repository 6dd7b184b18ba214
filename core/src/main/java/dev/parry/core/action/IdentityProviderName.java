package dev.parry.core.action;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The name of an identity provider other than the main directory, as its executor knows it.
 *
 * @param value 1-64 characters: ASCII letters, digits, {@code . _ -}
 */
public record IdentityProviderName(String value) {

  /**
   * Validates the name.
   *
   * @param value 1-64 characters: ASCII letters, digits, {@code . _ -}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than 64 characters or holds another
   *     character
   */
  public IdentityProviderName {
    Text.requireChars(
        "identityProviderName",
        value,
        1,
        64,
        "characters (ASCII letters, digits, '.', '_', '-')",
        c -> Text.isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == '-');
  }

  /**
   * {@return the provider name}
   *
   * <pre>{@code IdentityProviderName okta = IdentityProviderName.of("okta");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the name is not valid
   */
  public static IdentityProviderName of(String value) {
    return new IdentityProviderName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
