package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * A user principal name ({@code name@suffix}), kept in lower case: directories compare UPNs
 * case-insensitively.
 *
 * <p>A UPN identifies a person: {@link #toString()} shows only the suffix.
 *
 * @param value at most 256 characters; name part 1-64 characters; suffix a DNS name with at least
 *     two labels
 */
public record UserPrincipalName(String value) {

  /** The longest principal name accepted: {@value}. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates the name and puts it in lower case.
   *
   * @param value at most 256 characters; name part 1-64 characters; suffix a DNS name with at least
   *     two labels
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not {@code name@suffix} within the limits
   */
  public UserPrincipalName {
    value = Identifiers.requireAddress("userPrincipalName", value, MAX_LENGTH);
  }

  /**
   * {@return the principal name for {@code value}}
   *
   * <pre>{@code UserPrincipalName upn = UserPrincipalName.of("alice@contoso.com");}</pre>
   *
   * @param value the principal name
   * @throws InvalidInputException if the value is not a valid principal name
   */
  public static UserPrincipalName of(String value) {
    return new UserPrincipalName(value);
  }

  /** {@return the principal name with its name part redacted, for logs} */
  @Override
  public String toString() {
    return "***@" + value.substring(value.indexOf('@') + 1);
  }
}
