package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * A SHA-256 file digest.
 *
 * @param hex exactly 64 hexadecimal digits, kept in lower case
 */
public record Sha256(String hex) {

  /** The number of hexadecimal digits: {@value}. */
  public static final int DIGITS = 64;

  /**
   * Validates the digest and puts it in lower case.
   *
   * @param hex exactly 64 hexadecimal digits, kept in lower case
   * @throws InvalidInputException if {@code hex} is null
   * @throws InvalidInputException if it is not exactly {@value #DIGITS} hexadecimal digits
   */
  public Sha256 {
    hex = Identifiers.requireHex("sha256", hex, DIGITS);
  }

  /**
   * {@return the digest for {@code hex}, in either case}
   *
   * <pre>
   * {@code Sha256 digest = Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");}
   * </pre>
   *
   * @param hex the digest
   * @throws InvalidInputException if the value is not exactly {@value #DIGITS} hexadecimal digits
   */
  public static Sha256 of(String hex) {
    return new Sha256(hex);
  }

  /**
   * {@return the digest's canonical text}: its lower-case hexadecimal digits, the same as {@link
   * #hex()}. Every identifier type has {@code value()}; {@code hex()} stays, as the name a digest
   * goes by.
   *
   * <pre>{@code Sha256 same = Sha256.of(digest.value());}</pre>
   */
  public String value() {
    return hex;
  }

  @Override
  public String toString() {
    return hex;
  }
}
