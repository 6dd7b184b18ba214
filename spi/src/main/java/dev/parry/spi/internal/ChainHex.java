package dev.parry.spi.internal;

import dev.parry.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Chain hashes between their 32 bytes and their 64 lower-case hexadecimal digits, without the
 * intermediate objects {@link java.util.HexFormat} makes: each append converts every hash it
 * stores.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class ChainHex {

  /** The bytes of a hash: {@value}. */
  public static final int BYTES = 32;

  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private ChainHex() {}

  /**
   * {@return the {@value #BYTES} bytes of {@code hash} from {@code from}, as 64 lower-case
   * hexadecimal digits}
   *
   * @param hash the bytes
   * @param from where the hash starts in them
   * @throws IndexOutOfBoundsException if they hold fewer than {@value #BYTES} bytes from there
   */
  public static String format(byte[] hash, int from) {
    Objects.checkFromIndexSize(from, BYTES, hash.length);
    byte[] text = new byte[2 * BYTES];
    for (int i = 0; i < BYTES; i++) {
      int b = hash[from + i];
      text[2 * i] = DIGITS[(b >> 4) & 0xf];
      text[2 * i + 1] = DIGITS[b & 0xf];
    }
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes the bytes of {@code hex} into {@code into} at {@code at}.
   *
   * @param hex 64 hexadecimal digits, in lower case (as a {@code ChainHash} holds them)
   * @param into where to write the {@value #BYTES} bytes
   * @param at where in it
   * @throws InvalidInputException if {@code hex} is not 64 lower-case hexadecimal digits
   */
  public static void parse(String hex, byte[] into, int at) {
    if (hex.length() != 2 * BYTES) {
      throw new InvalidInputException(
          "chainHash", hex.length(), "a chain hash is 64 hexadecimal digits, was: " + hex.length());
    }
    Objects.checkFromIndexSize(at, BYTES, into.length);
    for (int i = 0; i < BYTES; i++) {
      into[at + i] = (byte) (digit(hex, 2 * i) << 4 | digit(hex, 2 * i + 1));
    }
  }

  private static int digit(String hex, int index) {
    char c = hex.charAt(index);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    throw new InvalidInputException(
        "chainHash",
        null,
        "a chain hash is lower-case hexadecimal digits, found '" + c + "' at " + index);
  }
}
