package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Locale;

/**
 * A link of an investigation's audit chain: SHA-256 over the previous link, an event's version and
 * the event's canonical form, as {@link AuditTrail#link} computes it, in hexadecimal.
 *
 * @param value exactly 64 hexadecimal digits, kept in lower case
 */
public record ChainHash(String value) {

  /** The number of hexadecimal digits: {@value}. */
  public static final int DIGITS = 64;

  /** What the first event of a chain links to: 64 zeros. */
  public static final ChainHash GENESIS = new ChainHash("0".repeat(DIGITS));

  /**
   * Validates the hash and puts it in lower case.
   *
   * @param value exactly 64 hexadecimal digits, kept in lower case
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not exactly {@value #DIGITS} hexadecimal digits
   */
  public ChainHash {
    Checks.notNull(value, "chainHash");
    if (!isLowerCaseHex(value)) {
      Text.requireChars("chainHash", value, DIGITS, DIGITS, "hexadecimal digits", Text::isHex);
      value = value.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@return the hash for {@code value}, in either case}
   *
   * <pre>
   * {@code ChainHash head = ChainHash.of("a142c0629ef3d2feaa89f3384bc494e6b15d36eadf367e1deefcab1639ed4629");}
   * </pre>
   *
   * @param value the hash
   * @throws InvalidInputException if the value is not exactly {@value #DIGITS} hexadecimal digits
   */
  public static ChainHash of(String value) {
    return new ChainHash(value);
  }

  /**
   * {@return whether {@code value} is a hash as Parry writes them}: one pass, as every link makes
   * one
   */
  private static boolean isLowerCaseHex(String value) {
    if (value.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < DIGITS; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
