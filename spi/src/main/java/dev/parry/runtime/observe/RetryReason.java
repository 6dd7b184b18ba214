package dev.parry.runtime.observe;

import java.util.Locale;

/** Why the runtime sends an action again. */
public enum RetryReason {
  /** The executor reported a retryable failure; the runtime backs off. */
  FAILED,
  /** The backend answered that it is rate limited and said how long to wait. */
  RATE_LIMITED,
  /** The executor did not answer within the attempt timeout. */
  NO_ANSWER;

  /** {@return the name in metrics: lower case with underscores, as {@code no_answer}} */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
