package dev.parry.spi.audit;

import dev.parry.core.internal.Text;
import java.util.Locale;

/**
 * A link of an investigation's audit chain: SHA-256 over the previous link, an event's version and the
 * event's canonical form, as {@link AuditTrail#link} computes it, in hexadecimal.
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
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is not exactly {@value #DIGITS} hexadecimal digits
   */
  public ChainHash {
    value = Text.requireChars("chain hash", value, DIGITS, DIGITS, "hexadecimal digits", Text::isHex)
        .toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the hash for {@code value}, in either case}
   *
   * <pre>{@code ChainHash head = ChainHash.of("a142c0629ef3d2feaa89f3384bc494e6b15d36eadf367e1deefcab1639ed4629");}</pre>
   *
   * @param value the hash
   * @throws IllegalArgumentException if the value is not exactly {@value #DIGITS} hexadecimal digits
   */
  public static ChainHash of(String value) {
    return new ChainHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
