package dev.parry.spi.internal;

import dev.parry.core.internal.Text;
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
   * {@return {@code value} for a log line: its {@code toString} is the value's text, control
   * characters escaped and cut at 200 characters} (see {@link Text#escapeControls(String, int)}).
   * The text is built only when a line is written, so a disabled level costs no escaping.
   *
   * @param value any value; null gives "null"
   */
  public static Object of(@Nullable Object value) {
    return new Escaped(value);
  }

  /** A value whose text is escaped when, and each time, it is printed. */
  private record Escaped(@Nullable Object value) {
    @Override
    public String toString() {
      return Text.escapeControls(String.valueOf(value), MAX);
    }
  }
}
