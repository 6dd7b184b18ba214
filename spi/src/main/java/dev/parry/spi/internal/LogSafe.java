package dev.parry.spi.internal;

import org.jspecify.annotations.Nullable;

/**
 * Escapes values from outside before they reach a log line, so a CR, LF or other control character
 * in an id cannot forge a line.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class LogSafe {

  private static final int MAX = 200;

  private LogSafe() {}

  /**
   * {@return {@code value}'s text with control characters escaped as {@code \\uXXXX} and cut at 200
   * characters}
   *
   * @param value any value; null gives "null"
   */
  public static String of(@Nullable Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
    for (int i = 0; i < text.length() && i < MAX; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX) {
      out.append("...");
    }
    return out.toString();
  }
}
