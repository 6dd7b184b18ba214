// Past 400 lines because the rules every piece of text shares (identifiers, free text, escaping for
// logs) belong in one place.
package dev.parry.core.internal;

import dev.parry.core.error.InvalidInputException;
import java.util.Locale;

/**
 * Validation and quoting helpers for text that comes from outside Parry.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because the rules every piece of text shares (identifiers, free text, escaping
 * for logs) belong in one place.
 */
public final class Text {

  /** The most characters of an offending value an error message shows. */
  private static final int MAX_SHOWN = 80;

  /**
   * Strings already scanned and found free of control characters, looked up by their (cached) hash.
   * Strings are immutable, so a string that passed once passes again; constant reasons and
   * summaries then cost a length check only. Slots are overwritten racily, which is harmless: a
   * miss only rescans.
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
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the length is out of range or a control character is present
   */
  public static String require(String name, String value, int min, int max) {
    // kept small, with the errors built in methods of their own, so that the JIT inlines it into
    // every record that checks a text
    Checks.notNull(value, name);
    if (value.length() < min || value.length() > max) {
      throw badLength(name, value, min, max);
    }
    if (value.isEmpty()) {
      return value; // an empty text, as most comments are, holds no control character
    }
    int slot = value.hashCode() & (CLEAN.length - 1);
    if (value.equals(CLEAN[slot])) {
      return value;
    }
    int bad = firstControl(value);
    if (bad >= 0) {
      throw control(name, value, bad);
    }
    CLEAN[slot] = value;
    return value;
  }

  private static InvalidInputException badLength(String name, String value, int min, int max) {
    return new InvalidInputException(
        name,
        value,
        name
            + " must be "
            + min
            + "-"
            + max
            + " characters, was "
            + value.length()
            + ": "
            + show(value));
  }

  private static InvalidInputException control(String name, String value, int bad) {
    return new InvalidInputException(
        name,
        value,
        name
            + " must not contain control characters (found U+"
            + String.format("%04X", (int) value.charAt(bad))
            + " at index "
            + bad
            + "), was: "
            + show(value));
  }

  /**
   * Checks an identifier: like {@link #require(String, String, int, int)}, and also free of every
   * character that can make one identifier look like another (see {@link #firstSpoofing(String)}).
   * Letters, digits, marks, punctuation and symbols of any script are allowed, and so is the plain
   * space.
   *
   * @param name the component name used in error messages
   * @param value the value to check
   * @param min the minimum length
   * @param max the maximum length
   * @return {@code value}, unchanged
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the length is out of range or a spoofing character is present
   */
  public static String requireIdentifier(String name, String value, int min, int max) {
    require(name, value, min, max);
    requireNoSpoofing(name, value);
    return value;
  }

  /**
   * Checks that {@code value} holds no spoofing character (see {@link #firstSpoofing(String)}).
   *
   * @param name the component name used in error messages
   * @param value the value to check
   * @return {@code value}, unchanged
   * @throws InvalidInputException if a spoofing character is present, naming it, its index and the
   *     value, escaped
   */
  public static String requireNoSpoofing(String name, String value) {
    int bad = firstSpoofing(value);
    if (bad >= 0) {
      throw new InvalidInputException(
          name,
          value,
          name
              + " must not hold invisible, formatting or unpaired characters (found U+"
              + String.format(Locale.ROOT, "%04X", value.codePointAt(bad))
              + " at index "
              + bad
              + "), was: "
              + show(value));
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
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the length is out of range or a character is not allowed
   */
  public static String requireChars(
      String name, String value, int min, int max, String allowed, CharMatcher matcher) {
    Checks.notNull(value, name);
    if (value.length() < min || value.length() > max || !allMatch(value, matcher)) {
      throw new InvalidInputException(
          name,
          value,
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
   * {@return whether {@code c} is a control character or a line or paragraph separator}: a
   * character that could break a line in a log or a message
   *
   * @param c the character
   */
  public static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /**
   * {@return whether {@code codePoint} draws nothing on its own: a combining mark, or the blank
   * braille pattern}
   */
  private static boolean showsNothing(int codePoint) {
    int type = Character.getType(codePoint);
    return codePoint == 0x2800
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /**
   * {@return {@code value}, checked as {@link #require} does and holding at least one character a
   * reader can see}: text made only of spaces of any kind, invisible characters and format
   * characters (a no-break space, a zero-width space, a Hangul filler), the blank braille pattern
   * or combining marks with nothing to combine with is refused like empty text
   *
   * @param name the value's name, for the error
   * @param value the text
   * @param max the longest allowed
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the text is too long, holds a control character, or shows
   *     nothing
   */
  public static String requireVisible(String name, String value, int max) {
    require(name, value, 0, max);
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (!Character.isWhitespace(codePoint)
          && !isSpoofing(codePoint)
          && !showsNothing(codePoint)) {
        return value;
      }
      i += Character.charCount(codePoint);
    }
    throw new InvalidInputException(
        name, value, name + " must hold visible text, was: " + show(value));
  }

  /**
   * {@return the index of the first character that can make one identifier look like another, or
   * -1}: see {@link #isSpoofing(int)}; half of a surrogate pair without its other half counts too
   *
   * @param value the text
   */
  public static int firstSpoofing(String value) {
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f) { // printable ASCII, the common case
        i++;
        continue;
      }
      int codePoint = value.codePointAt(i);
      if (isSpoofing(codePoint)) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  /**
   * {@return whether {@code codePoint} can make one identifier look like another}: a control
   * character; a line or paragraph separator; a format character (the bidirectional controls
   * U+202A-202E, U+2066-2069, U+200E, U+200F and U+061C, the zero-width space U+200B, joiners
   * U+200C, U+200D and U+2060, the byte-order mark U+FEFF, the soft hyphen, tag characters and the
   * like); a space other than the plain space (U+00A0, U+2007, U+202F, U+3000 and the like); a
   * surrogate code unit on its own; any other Unicode default-ignorable code point (the Hangul
   * fillers U+115F, U+1160, U+3164 and U+FFA0, variation selectors, the combining grapheme joiner,
   * the Mongolian vowel separator, U+E0000-E0FFF); or a noncharacter (U+FDD0-FDEF and the last two
   * code points of each plane)
   *
   * @param codePoint a code point, or a surrogate code unit
   */
  public static boolean isSpoofing(int codePoint) {
    if (codePoint < 0x7f) {
      return codePoint < 0x20;
    }
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR
        || isDefaultIgnorable(codePoint)
        || isNoncharacter(codePoint);
  }

  /**
   * {@return whether {@code codePoint} is default-ignorable (Unicode's DerivedCoreProperties) but
   * not a format character}
   */
  private static boolean isDefaultIgnorable(int codePoint) {
    return codePoint == 0x034F
        || codePoint == 0x115F
        || codePoint == 0x1160
        || codePoint == 0x17B4
        || codePoint == 0x17B5
        || (codePoint >= 0x180B && codePoint <= 0x180F)
        || codePoint == 0x2065
        || codePoint == 0x3164
        || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
        || codePoint == 0xFFA0
        || (codePoint >= 0xFFF0 && codePoint <= 0xFFF8)
        || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF);
  }

  private static boolean isNoncharacter(int codePoint) {
    return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
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
   * {@return {@code value} for a log line or an export: each spoofing character (see {@link
   * #isSpoofing(int)}: control characters, bidirectional controls, invisible characters, odd
   * spaces, unpaired surrogates) written as a backslash, {@code u} and four lower-case hexadecimal
   * digits per UTF-16 unit, cut to {@code max} characters of {@code value} (then followed by {@code
   * ...})} The cut never splits a surrogate pair. A backslash is kept as it is, so that paths stay
   * readable: a backslash and {@code u} that were in the text read like an escape, but they are
   * visible either way.
   *
   * @param value any text
   * @param max how many characters of it to keep
   */
  public static String escape(String value, int max) {
    if (value.length() <= max && firstSpoofing(value) < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 8);
    int end = cut(value, max);
    appendEscaped(out, value, end, false);
    if (end < value.length()) {
      out.append("...");
    }
    return out.toString();
  }

  /**
   * {@return where to cut {@code value} to keep at most {@code max} characters without splitting a
   * surrogate pair}
   */
  private static int cut(String value, int max) {
    if (value.length() <= max) {
      return value.length();
    }
    return max > 0
            && Character.isHighSurrogate(value.charAt(max - 1))
            && Character.isLowSurrogate(value.charAt(max))
        ? max - 1
        : max;
  }

  /**
   * Appends {@code value}'s first {@code end} characters, each spoofing one escaped, and
   * backslashes and quotes too if {@code quoted}.
   */
  private static void appendEscaped(StringBuilder out, String value, int end, boolean quoted) {
    for (int i = 0; i < end; ) {
      int codePoint = value.codePointAt(i);
      int count = Character.charCount(codePoint);
      if (quoted && (codePoint == '\\' || codePoint == '\'')) {
        out.append('\\').append((char) codePoint);
      } else if (isSpoofing(codePoint)) {
        for (int j = i; j < i + count; j++) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) value.charAt(j)));
        }
      } else {
        out.appendCodePoint(codePoint);
      }
      i += count;
    }
  }

  /**
   * Quotes a value for an error message or a log line: spoofing characters are escaped (so a CR/LF
   * cannot forge a line and a right-to-left override cannot turn the text around; see {@link
   * #escape(String, int)}), as are backslashes and single quotes, and long values are cut.
   *
   * @param value any text
   * @return the value in single quotes, escaped and at most about 80 characters long
   */
  public static String show(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16).append('\'');
    appendEscaped(out, value, cut(value, MAX_SHOWN), true);
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
