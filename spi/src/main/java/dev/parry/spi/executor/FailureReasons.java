package dev.parry.spi.executor;

import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into a failure reason a {@link ExecutionOutcome.Failed} accepts. */
final class FailureReasons {

  /** How many wrappers are looked through at most, against a cycle of causes. */
  private static final int MAX_UNWRAP = 8;

  private FailureReasons() {}

  static String of(Throwable error, int max) {
    Checks.notNull(error, "error");
    Throwable cause = error;
    for (int i = 0;
        i < MAX_UNWRAP
            && (cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null;
        i++) {
      cause = cause.getCause();
    }
    String type = typeName(cause.getClass());
    String message = cause.getMessage();
    String clean = message == null ? "" : clean(message);
    String reason = clean.isEmpty() ? type : type + ": " + clean;
    return cut(reason, max);
  }

  /** The simple name of the first named class: an anonymous class is named by what it extends. */
  private static String typeName(Class<?> type) {
    Class<?> named = type;
    while (named.getSimpleName().isEmpty() && named.getSuperclass() != null) {
      named = named.getSuperclass();
    }
    return named.getSimpleName().isEmpty() ? "Throwable" : named.getSimpleName();
  }

  /**
   * Controls and odd spaces become one space, spoofing characters U+FFFD; trimmed; what shows
   * nothing is dropped.
   */
  private static String clean(String message) {
    StringBuilder out = new StringBuilder(Math.min(message.length(), 4096));
    boolean visible = false;
    for (int i = 0; i < message.length(); ) {
      int codePoint = message.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == ' '
          || Character.isWhitespace(codePoint)
          || Character.isSpaceChar(codePoint)
          || (codePoint < 0x10000 && Text.isControl((char) codePoint))) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
      } else if (Text.isSpoofing(codePoint)) {
        out.append('\ufffd');
      } else {
        out.appendCodePoint(codePoint);
        visible = true;
      }
    }
    if (!visible) {
      return "";
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    return out.substring(0, end);
  }

  private static String cut(String reason, int max) {
    if (reason.length() <= max) {
      return reason;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end) + "…";
  }
}
