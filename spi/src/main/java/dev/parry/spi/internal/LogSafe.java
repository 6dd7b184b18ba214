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
   * {@return {@code value}'s text, control characters escaped and cut at 200 characters} (see
   * {@link Text#escapeControls(String, int)})
   *
   * @param value any value; null gives "null"
   */
  public static String of(@Nullable Object value) {
    return Text.escapeControls(String.valueOf(value), MAX);
  }
}
