package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * An SMTP address ({@code local@domain}), kept in lower case: Parry treats addresses as
 * case-insensitive, as Exchange does.
 *
 * <p>Addresses are personal data: {@link #toString()} shows only the domain.
 *
 * @param value at most 254 characters; local part 1-64 characters; domain with at least two labels
 */
public record SmtpAddress(String value) {

  /** The longest address accepted: {@value}. */
  public static final int MAX_LENGTH = 254;

  /**
   * Validates the address and puts it in lower case.
   *
   * @param value at most 254 characters; local part 1-64 characters; domain with at least two
   *     labels
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not {@code local@domain} within the limits
   */
  public SmtpAddress {
    value = Identifiers.requireAddress("smtpAddress", value, MAX_LENGTH);
  }

  /**
   * {@return the address for {@code value}}
   *
   * <pre>{@code SmtpAddress to = SmtpAddress.of("alice@contoso.com");}</pre>
   *
   * @param value the address
   * @throws InvalidInputException if the value is not a valid address
   */
  public static SmtpAddress of(String value) {
    return new SmtpAddress(value);
  }

  /** {@return the domain part} */
  public DomainName domain() {
    return new DomainName(value.substring(value.indexOf('@') + 1));
  }

  /** {@return the address with its local part redacted, for logs} */
  @Override
  public String toString() {
    return "***@" + value.substring(value.indexOf('@') + 1);
  }
}
