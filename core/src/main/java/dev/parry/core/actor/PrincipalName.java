package dev.parry.core.actor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of a person or service account acting in Parry (an analyst's sign-in name, for example),
 * in one canonical form, so that one principal is never two: Unicode-normalized (NFKC: full-width
 * and other compatibility forms become their plain letters) and lower-cased, since sign-in names
 * are case-insensitive. Two-step approval, quorums, requester exclusion and the audit trail all
 * compare and record this form; {@code Alice@Contoso.com} and {@code alice@contoso.com} are one
 * principal.
 *
 * <p>Characters that can make one name look like another are refused with a typed error naming the
 * value, as in every identifier (the identifier rule of {@link dev.parry.core.entity}): control
 * characters, invisible and bidirectional formatting characters (zero-width spaces and joiners,
 * right-to-left overrides, isolates, the byte-order mark, tag characters), spaces other than the
 * plain space, unpaired surrogates, Hangul fillers, variation selectors and the other
 * default-ignorable code points. The reserved name {@value #RESERVED_SYSTEM} is refused in any
 * spelling, so nobody can pose as the system.
 *
 * @param value the canonical name: 1-256 characters once normalized, no spoofing characters, not
 *     {@value #RESERVED_SYSTEM}
 */
public record PrincipalName(String value) {

  /** The name reserved for {@link Actor#system()}: {@value}. */
  public static final String RESERVED_SYSTEM = "system";

  /**
   * Validates the name and puts it in canonical form.
   *
   * @param value the canonical name: 1-256 characters once normalized, no spoofing characters, not
   *     {@value #RESERVED_SYSTEM}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty or longer than 256 characters, holds a spoofing
   *     character, has surrounding whitespace, or is the reserved system name in any spelling
   */
  public PrincipalName {
    Text.requireIdentifier("principalName", value, 1, 256);
    if (!value.strip().equals(value)) {
      throw new InvalidInputException(
          "principalName",
          value,
          "principalName must not start or end with whitespace, was: " + Text.show(value));
    }
    if (!isCanonicalAscii(value)) {
      value = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
    Text.require("principalName", value, 1, 256);
    if (Text.firstSpoofing(value) >= 0 || !value.strip().equals(value)) {
      throw new InvalidInputException(
          "principalName",
          value,
          "principalName normalizes to a name with invisible characters or"
              + " surrounding whitespace, was: "
              + Text.show(value));
    }
    if (value.equals(RESERVED_SYSTEM)) {
      throw new InvalidInputException(
          "principalName", null, "principalName '" + value + "' is reserved for the system");
    }
  }

  /**
   * {@return whether {@code value} is plain ASCII without upper-case letters: already canonical}
   */
  private static boolean isCanonicalAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return the principal name}
   *
   * <pre>{@code PrincipalName analyst = PrincipalName.of("alice@contoso.com");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the name is not valid
   */
  public static PrincipalName of(String value) {
    return new PrincipalName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
