package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The domain of an account as Defender reports it ({@code domainName}): a NetBIOS domain name such
 * as {@code CONTOSO} (the {@code DOMAIN} of <code>DOMAIN&#92;user</code>), a DNS domain, or a
 * device's name for a local account. Kept as given; accounts compare it without regard to case
 * ({@link #canonical()}).
 *
 * @param value 1-255 characters, none of {@code \ / : * ? " < > |} and no spoofing characters
 */
public record NetbiosDomain(String value) {

  /** The longest name accepted: {@value} (a DNS name; NetBIOS names are at most 15). */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the name.
   *
   * @param value 1-255 characters, none of {@code \ / : * ? " < > |} and no spoofing characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, too long or holds a character no domain name
   *     holds
   */
  public NetbiosDomain {
    Text.requireIdentifier("domain", value, 1, MAX_LENGTH);
    Text.requireChars(
        "domain",
        value,
        1,
        MAX_LENGTH,
        "characters (not \\ / : * ? \" < > |)",
        c -> "\\/:*?\"<>|".indexOf(c) < 0);
  }

  /**
   * {@return the domain for {@code value}}
   *
   * <pre>{@code NetbiosDomain domain = NetbiosDomain.of("CONTOSO");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the value is not a valid domain name
   */
  public static NetbiosDomain of(String value) {
    return new NetbiosDomain(value);
  }

  /** {@return the name as accounts compare it: in lower case} */
  public String canonical() {
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
