package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The SAM account name of an on-premises account (the {@code user} of <code>DOMAIN&#92;user</code>
 * ), kept as given; accounts compare it without regard to case ({@link #canonical()}).
 *
 * @param value 1-104 characters, none of {@code " / \ [ ] : ; | = , + * ? < >} and no spoofing
 *     characters
 */
public record SamAccountName(String value) {

  /**
   * The longest name accepted: {@value} (Active Directory's limit for a user account's SAM name).
   */
  public static final int MAX_LENGTH = 104;

  /**
   * Validates the name.
   *
   * @param value 1-104 characters, none of {@code " / \ [ ] : ; | = , + * ? < >} and no spoofing
   *     characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, too long, or holds a character Windows refuses in
   *     account names
   */
  public SamAccountName {
    Text.requireIdentifier("samAccountName", value, 1, MAX_LENGTH);
    Text.requireChars(
        "samAccountName",
        value,
        1,
        MAX_LENGTH,
        "characters (not \" / \\ [ ] : ; | = , + * ? < >)",
        c -> "\"/\\[]:;|=,+*?<>".indexOf(c) < 0);
  }

  /**
   * {@return the name for {@code value}}
   *
   * <pre>{@code SamAccountName name = SamAccountName.of("alice");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the value is not a valid account name
   */
  public static SamAccountName of(String value) {
    return new SamAccountName(value);
  }

  /** {@return the name as accounts compare it: in lower case} */
  public String canonical() {
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  /** {@return a redacted form for logs: the length only} */
  @Override
  public String toString() {
    return "***";
  }
}
