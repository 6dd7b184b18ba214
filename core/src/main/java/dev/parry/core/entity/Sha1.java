package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * A SHA-1 file digest.
 *
 * @param hex exactly 40 hexadecimal digits, kept in lower case
 */
public record Sha1(String hex) {

  /** The number of hexadecimal digits: {@value}. */
  public static final int DIGITS = 40;

  /**
   * Validates the digest and puts it in lower case.
   *
   * @param hex exactly 40 hexadecimal digits, kept in lower case
   * @throws InvalidInputException if {@code hex} is null
   * @throws InvalidInputException if it is not exactly {@value #DIGITS} hexadecimal digits
   */
  public Sha1 {
    hex = Identifiers.requireHex("sha1", hex, DIGITS);
  }

  /**
   * {@return the digest for {@code hex}, in either case}
   *
   * <pre>{@code Sha1 digest = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");}</pre>
   *
   * @param hex the digest
   * @throws InvalidInputException if the value is not exactly {@value #DIGITS} hexadecimal digits
   */
  public static Sha1 of(String hex) {
    return new Sha1(hex);
  }

  /**
   * {@return the digest's canonical text}: its lower-case hexadecimal digits, the same as {@link
   * #hex()}. Every identifier type has {@code value()}; {@code hex()} stays, as the name a digest
   * goes by.
   *
   * <pre>{@code Sha1 same = Sha1.of(digest.value());}</pre>
   */
  public String value() {
    return hex;
  }

  @Override
  public String toString() {
    return hex;
  }
}
