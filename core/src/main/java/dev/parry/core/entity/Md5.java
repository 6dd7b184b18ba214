package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * An MD5 file digest: an attribute of a file only, never its identity (MD5 collisions are cheap to
 * make), so no entity key, sameness rule or allow indicator uses it.
 *
 * @param hex exactly 32 hexadecimal digits, kept in lower case
 */
public record Md5(String hex) {

  /** The number of hexadecimal digits: {@value}. */
  public static final int DIGITS = 32;

  /**
   * Validates the digest and puts it in lower case.
   *
   * @param hex exactly 32 hexadecimal digits, kept in lower case
   * @throws InvalidInputException if {@code hex} is null
   * @throws InvalidInputException if it is not exactly {@value #DIGITS} hexadecimal digits
   */
  public Md5 {
    hex = Identifiers.requireHex("md5", hex, DIGITS);
  }

  /**
   * {@return the digest for {@code hex}, in either case}
   *
   * <pre>{@code Md5 digest = Md5.of("d41d8cd98f00b204e9800998ecf8427e");}</pre>
   *
   * @param hex the digest
   * @throws InvalidInputException if the value is not exactly {@value #DIGITS} hexadecimal digits
   */
  public static Md5 of(String hex) {
    return new Md5(hex);
  }

  /**
   * {@return the digest's canonical text}: its lower-case hexadecimal digits, the same as {@link
   * #hex()}. Every identifier type has {@code value()}; {@code hex()} stays, as the name a digest
   * goes by.
   *
   * <pre>{@code Md5 same = Md5.of(digest.value());}</pre>
   */
  public String value() {
    return hex;
  }

  @Override
  public String toString() {
    return hex;
  }
}
