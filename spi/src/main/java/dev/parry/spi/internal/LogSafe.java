package dev.parry.spi.internal;

import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * Escapes values from outside before they reach a log line: a CR, LF or other control character
 * cannot forge a line, a right-to-left override cannot turn the line around, and an invisible
 * character or an unpaired surrogate shows. Every log call that writes an id, a principal, a reason
 * or an exception's message writes it through here.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class LogSafe {

  private static final int MAX = 200;

  private LogSafe() {}

  /**
   * {@return {@code value} for a log line: its {@code toString} is the value's text, spoofing
   * characters (control, bidirectional, invisible, odd-space and unpaired ones) escaped and cut at
   * 200 characters} (see {@link Text#escape(String, int)}). The text is built only when a line is
   * written, so a disabled level costs no escaping.
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
      return Text.escape(String.valueOf(value), MAX);
    }
  }
}
