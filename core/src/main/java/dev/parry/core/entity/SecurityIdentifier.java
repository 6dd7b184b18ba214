package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Locale;

/**
 * A Windows security identifier (SID) of an on-premises account, such as {@code
 * S-1-5-21-3623811015-3361044348-30300820-1013}: the stable id of an Active Directory account, as
 * Defender's {@code userSid} carries it.
 *
 * @param value {@code S-1-} then an identifier authority and 1-15 sub-authorities, decimal,
 *     dash-separated; kept as Windows reads it: an upper-case {@code S}, each number without
 *     leading zeros ({@code S-1-5-018} is {@code S-1-5-18})
 */
public record SecurityIdentifier(String value) {

  /** The longest SID accepted: {@value} characters (revision, authority and 15 sub-authorities). */
  public static final int MAX_LENGTH = 184;

  /**
   * Validates the SID, puts its leading letter in upper case and writes each number without leading
   * zeros.
   *
   * @param value {@code S-1-} then an identifier authority and 1-15 sub-authorities, decimal,
   *     dash-separated; kept as Windows reads it: an upper-case {@code S}, each number without
   *     leading zeros ({@code S-1-5-018} is {@code S-1-5-18})
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not {@code S-1-authority-sub[-sub...]}
   */
  public SecurityIdentifier {
    Checks.notNull(value, "securityIdentifier");
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.length() > MAX_LENGTH || !upper.matches("S-1-[0-9]{1,14}(-[0-9]{1,10}){1,15}")) {
      throw new InvalidInputException(
          "securityIdentifier",
          value,
          "sid must be S-1-, an authority and 1-15 sub-authorities (decimal, '-'"
              + " between them), was: "
              + Text.show(value));
    }
    StringBuilder canonical = new StringBuilder("S");
    int from = 2; // past "S-": each number up to the next dash, without its leading zeros
    while (from <= upper.length()) {
      int dash = upper.indexOf('-', from);
      int end = dash < 0 ? upper.length() : dash;
      canonical.append('-').append(Long.parseLong(upper.substring(from, end)));
      from = end + 1;
    }
    value = canonical.toString();
  }

  /**
   * {@return whether this is the SID of an account a directory can disable: a domain or local
   * account ({@code S-1-5-21-…}) or an Entra ID one ({@code S-1-12-1-…})}
   */
  public boolean isAccount() {
    return value.startsWith("S-1-5-21-") || value.startsWith("S-1-12-1-");
  }

  /**
   * {@return the SID for {@code value}}
   *
   * <pre>
   * {@code SecurityIdentifier sid = SecurityIdentifier.of("S-1-5-21-3623811015-3361044348-30300820-1013");}
   * </pre>
   *
   * @param value the SID
   * @throws InvalidInputException if the value is not a SID
   */
  public static SecurityIdentifier of(String value) {
    return new SecurityIdentifier(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
