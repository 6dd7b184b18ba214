package dev.parry.runtime.observe;

import java.util.Locale;

/** How an executor call ended, as a metric or trace shows it. */
public enum CallOutcome {
  /** The executor reported the work done. */
  SUCCEEDED,
  /** The executor took the work and reported it in progress; a status poll follows. */
  IN_PROGRESS,
  /** The executor reported a failure that is not retried. */
  FAILED,
  /** The executor reported a failure worth retrying, without asking to wait. */
  RETRYABLE,
  /** The backend answered that it is rate limited (an HTTP 429 with Retry-After). */
  RATE_LIMITED,
  /**
   * The executor threw, or its stage completed with null instead of an outcome (an executor that
   * returns null instead of a stage is {@link #FAILED}).
   */
  ERROR,
  /** No answer within the attempt timeout. */
  NO_ANSWER,
  /**
   * The dispatch ended (a cancel, the runtime closed, the lease was lost) while the call was out.
   */
  ABANDONED,
  /** A cancel the executor confirmed: the work is stopped. */
  STOPPED,
  /** A cancel the executor did not confirm (it answered false, late, or failed). */
  NOT_STOPPED;

  /**
   * {@return the name in metrics and traces: lower case with underscores, as {@code rate_limited}}
   */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
