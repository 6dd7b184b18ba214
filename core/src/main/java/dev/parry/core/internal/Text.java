package dev.parry.core.internal;

import java.util.Locale;
import java.util.Objects;

/**
 * Validation and quoting helpers for text that comes from outside Parry.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Text {

  /** The most characters of an offending value an error message shows. */
  private static final int MAX_SHOWN = 80;

  /**
   * Strings already scanned and found free of control characters, looked up by their (cached) hash. Strings are
   * immutable, so a string that passed once passes again; constant reasons and summaries then cost
   * a length check only. Slots are overwritten racily, which is harmless: a miss only rescans.
   */
  private static final String[] CLEAN = new String[1024];

  private Text() {}

  /**
   * Checks that {@code value} is non-null, {@code min}..{@code max} characters long and free of
   * control characters.
   *
   * @param name the component name used in error messages
   * @param value the value to check
   * @param min the minimum length
   * @param max the maximum length
   * @return {@code value}, unchanged
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the length is out of range or a control character is present
   */
  public static String require(String name, String value, int min, int max) {
    Objects.requireNonNull(value, name);
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + "-" + max + " characters, was " + value.length() + ": " + show(value));
    }
    int slot = value.hashCode() & (CLEAN.length - 1);
    if (value.equals(CLEAN[slot])) {
      return value;
    }
    int bad = firstControl(value);
    if (bad < 0) {
      CLEAN[slot] = value;
    }
    if (bad >= 0) {
      throw new IllegalArgumentException(
          name + " must not contain control characters (found U+"
              + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad + "), was: " + show(value));
    }
    return value;
  }

  /**
   * Checks that {@code value} is {@code min}..{@code max} characters, each in {@code allowed}.
   *
   * @param name the component name used in error messages
   * @param value the value to check
   * @param min the minimum length
   * @param max the maximum length
   * @param allowed a description of the allowed characters, for the message
   * @param matcher which characters are allowed
   * @return {@code value}, unchanged
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the length is out of range or a character is not allowed
   */
  public static String requireChars(
      String name, String value, int min, int max, String allowed, CharMatcher matcher) {
    Objects.requireNonNull(value, name);
    if (value.length() < min || value.length() > max || !allMatch(value, matcher)) {
      throw new IllegalArgumentException(
          name + " must be " + min + "-" + max + " " + allowed + ", was: " + show(value));
    }
    return value;
  }

  private static boolean allMatch(String value, CharMatcher matcher) {
    for (int i = 0; i < value.length(); i++) {
      if (!matcher.matches(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return {@code value} with every control character replaced by a space}, for text from outside
   * that is recorded rather than refused (an executor's failure reason, for example)
   *
   * @param value any text
   */
  public static String withoutControls(String value) {
    if (firstControl(value) < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(isControl(c) ? ' ' : c);
    }
    return out.toString();
  }

  /**
   * {@return whether {@code c} is a control character or a line or paragraph separator}: a character
   * that could break a line in a log or a message
   *
   * @param c the character
   */
  public static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /**
   * {@return the index of the first character that can make one identifier look like another, or -1}:
   * a control character, an invisible or bidirectional formatting character (zero-width space and
   * joiners, right-to-left and left-to-right overrides and isolates, the byte-order mark), a line or
   * paragraph separator, a space other than the plain space, or half of a surrogate pair without its
   * other half
   *
   * @param value the text
   */
  public static int firstSpoofing(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      int type = Character.getType(c);
      if (Character.isLowSurrogate(c) || isControl(c) || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || (type == Character.SPACE_SEPARATOR && c != ' ')) {
        return i;
      }
    }
    return -1;
  }

  /** {@return the index of the first control character (see {@link #isControl(char)}), or -1} */
  public static int firstControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (isControl(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@return {@code value} with each control character written as a backslash, {@code u} and four
   * hexadecimal digits, cut to {@code max} characters (then followed by {@code ...})}: safe in a log line
   *
   * @param value any text
   * @param max how many characters of it to keep
   */
  public static String escapeControls(String value, int max) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 8);
    for (int i = 0; i < value.length() && i < max; i++) {
      char c = value.charAt(i);
      if (isControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > max) {
      out.append("...");
    }
    return out.toString();
  }

  /**
   * Quotes a value for an error message or a log line: control characters are escaped (so a CR/LF
   * cannot forge a line) and long values are cut.
   *
   * @param value any text
   * @return the value in single quotes, escaped and at most about 80 characters long
   */
  public static String show(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16).append('\'');
    int limit = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\'') {
        out.append("\\'");
      } else if (isControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (value.length() > MAX_SHOWN) {
      out.append("... (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }

  /**
   * {@return whether two identifiers are equal ignoring case} (root-locale lower case, consistent
   * with {@link #foldedHash(String)})
   *
   * @param a one value
   * @param b the other
   */
  public static boolean equalsFolded(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  /**
   * {@return a hash code consistent with {@link #equalsFolded(String, String)}}
   *
   * @param value the value
   */
  public static int foldedHash(String value) {
    return value.toLowerCase(Locale.ROOT).hashCode();
  }

  /** {@return whether {@code c} is an ASCII letter or digit} */
  public static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** {@return whether {@code c} is a hexadecimal digit, either case} */
  public static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A predicate over characters. */
  @FunctionalInterface
  public interface CharMatcher {
    /** {@return whether {@code c} is allowed} */
    boolean matches(char c);
  }
}
