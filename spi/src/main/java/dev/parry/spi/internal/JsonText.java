package dev.parry.spi.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON text (RFC 8259) into a tree of maps, lists, strings, numbers, booleans and nulls.
 *
 * <p>Strict where a lenient reader would let two readers disagree: a member name that appears
 * twice, a raw control character in a string, a number with a leading zero or a non-ASCII digit,
 * text after the value, and nesting deeper than 64 are refused; so is a number longer than 400
 * characters. An integer that fits a {@code long} reads as a {@link Long}; any other number as a
 * {@link BigDecimal}. An escaped unpaired surrogate reads as that char, so text Parry wrote from an
 * ill-formed Java string reads back unchanged.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class JsonText {

  private static final int MAX_DEPTH = 64;

  /**
   * The longest number read, in characters: far past any a long or a date needs, short of quadratic
   * parsing.
   */
  private static final int MAX_NUMBER_LENGTH = 400;

  private final String text;
  private int at;
  private int depth;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * {@return the value {@code text} holds}
   *
   * @param text JSON text
   * @throws MalformedJsonException if the text is not one well-formed JSON value
   */
  public static @Nullable Object parse(String text) {
    JsonText parser = new JsonText(text);
    Object value = parser.value();
    parser.skipSpace();
    if (parser.at != text.length()) {
      throw parser.error("text after the value");
    }
    return value;
  }

  /** Text that is not well-formed JSON; the message names the offset and what was wrong there. */
  public static final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    MalformedJsonException(int offset, String what) {
      super("malformed JSON at offset " + offset + ": " + what);
      this.offset = offset;
    }

    /** {@return the offset in the text, in chars, where reading stopped} */
    public int offset() {
      return offset;
    }
  }

  private @Nullable Object value() {
    skipSpace();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return switch (text.charAt(at)) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", true);
      case 'f' -> literal("false", false);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, @Nullable Object> object() {
    enter();
    at++;
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      at++;
      depth--;
      return out;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      int nameAt = at;
      String name = string();
      skipSpace();
      expect(':');
      if (out.containsKey(name)) {
        at = nameAt;
        throw error("member " + LogSafe.of(name) + " appears twice");
      }
      out.put(name, value());
      skipSpace();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect('}');
      depth--;
      return out;
    }
  }

  private List<@Nullable Object> array() {
    enter();
    at++;
    List<@Nullable Object> out = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      at++;
      depth--;
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect(']');
      depth--;
      return out;
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private String string() {
    at++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated escape");
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> throw error("bad escape");
      }
    }
  }

  private char unicodeEscape() {
    if (at + 4 > text.length()) {
      throw error("short unicode escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at + i), 16);
      if (digit < 0 || text.charAt(at + i) > 'f') {
        throw error("bad unicode escape");
      }
      code = code * 16 + digit;
    }
    at += 4;
    return (char) code;
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character");
    }
    at += word.length();
    return value;
  }

  private Object number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("expected a value");
    }
    boolean integer = true;
    if (peek() == '.') {
      at++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      digits();
      integer = false;
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      digits();
      integer = false;
    }
    if (at - start > MAX_NUMBER_LENGTH) {
      at = start;
      throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    String number = text.substring(start, at);
    if (integer && number.length() <= 18) {
      return Long.parseLong(number);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) { // an exponent past what a BigDecimal holds
      at = start;
      throw error("number out of range");
    }
    if (integer) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException tooBig) {
        return value;
      }
    }
    return value;
  }

  private void digits() {
    while (isDigit(peek())) {
      at++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void skipSpace() {
    while (at < text.length()
        && (text.charAt(at) == ' '
            || text.charAt(at) == '\n'
            || text.charAt(at) == '\r'
            || text.charAt(at) == '\t')) {
      at++;
    }
  }

  private MalformedJsonException error(String what) {
    return new MalformedJsonException(at, what);
  }
}
