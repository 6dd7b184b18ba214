package dev.parry.core.entity;

import dev.parry.core.internal.Text;
import java.util.Locale;
import java.util.Objects;

/**
 * A Windows security identifier (SID) of an on-premises account, such as
 * {@code S-1-5-21-3623811015-3361044348-30300820-1013}: the stable id of an Active Directory account,
 * as Defender's {@code userSid} carries it.
 *
 * @param value {@code S-1-} then an identifier authority and 1-15 sub-authorities, decimal, dash-separated; kept with an upper-case {@code S}
 */
public record SecurityIdentifier(String value) {

  /** The longest SID accepted: {@value} characters (revision, authority and 15 sub-authorities). */
  public static final int MAX_LENGTH = 184;

  /**
   * Validates the SID and puts its leading letter in upper case.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is not {@code S-1-authority-sub[-sub...]}
   */
  public SecurityIdentifier {
    Objects.requireNonNull(value, "sid");
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.length() > MAX_LENGTH || !upper.matches("S-1-[0-9]{1,14}(-[0-9]{1,10}){1,15}")) {
      throw new IllegalArgumentException("sid must be S-1-, an authority and 1-15 sub-authorities (decimal, '-'"
          + " between them), was: " + Text.show(value));
    }
    value = upper;
  }

  /**
   * {@return the SID for {@code value}}
   *
   * <pre>{@code SecurityIdentifier sid = SecurityIdentifier.of("S-1-5-21-3623811015-3361044348-30300820-1013");}</pre>
   *
   * @param value the SID
   * @throws IllegalArgumentException if the value is not a SID
   */
  public static SecurityIdentifier of(String value) {
    return new SecurityIdentifier(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
