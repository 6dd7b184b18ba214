package dev.parry.testkit.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A misbehaviour a fake executor plays instead of (or before) its normal answer.
 *
 * <pre>{@code
 * devices.inject(Fault.failRetryable("HTTP 503", null), 2);          // the next two calls fail, then normal
 * devices.inject(ActionKind.ISOLATE_DEVICE, Fault.inProgress(3), 1);  // "pending" three polls, then done
 * mail.inject(Fault.neverAnswer(), 1);                               // a call that never completes
 * }</pre>
 */
public sealed interface Fault {

  /**
   * {@return a retryable failure}
   *
   * @param reason the reason
   * @param retryAfter a Retry-After the executor reports, or null
   */
  static Fault failRetryable(String reason, @Nullable Duration retryAfter) {
    return new FailRetryable(reason, retryAfter);
  }

  /**
   * {@return a rate-limit answer: retryable, with a Retry-After}
   *
   * @param retryAfter how long to wait
   */
  static Fault rateLimited(Duration retryAfter) {
    return new FailRetryable("HTTP 429 Too Many Requests", retryAfter);
  }

  /**
   * {@return a non-retryable failure}
   *
   * @param reason the reason
   */
  static Fault fail(String reason) {
    return new FailPermanently(reason);
  }

  /**
   * {@return "in progress" for {@code polls} status calls, then the normal effect}
   *
   * @param polls 1 or more
   */
  static Fault inProgress(int polls) {
    return new InProgressFor(polls, null);
  }

  /**
   * {@return "in progress" for {@code polls} status calls, then a failure}
   *
   * @param polls 1 or more
   * @param reason the final failure's reason
   */
  static Fault inProgressThenFail(int polls, String reason) {
    return new InProgressFor(polls, reason);
  }

  /**
   * {@return an exception thrown from the executor call itself}
   *
   * @param message its message
   */
  static Fault throwing(String message) {
    return new Throw(message);
  }

  /** {@return a null instead of a completion stage} */
  static Fault nullStage() {
    return new NullStage();
  }

  /** {@return a stage that never completes} */
  static Fault neverAnswer() {
    return new NeverAnswer();
  }

  /**
   * {@return the normal answer, delivered after {@code latency} of virtual time}
   *
   * @param latency the delay
   */
  static Fault latency(Duration latency) {
    return new Latency(latency);
  }

  /**
   * {@return the normal answer, but the executor's callback fires twice, as a buggy client library
   * might}
   */
  static Fault completeTwice() {
    return new CompleteTwice();
  }

  /**
   * {@return a retryable "offline" failure for every call until the fake's clock reaches {@code
   * until}}, then normal answers; it is not used up by calls
   *
   * @param until when the target comes back
   */
  static Fault offlineUntil(Instant until) {
    return new OfflineUntil(until);
  }

  /** The callback fires twice. */
  record CompleteTwice() implements Fault {}

  /**
   * Offline until an instant.
   *
   * @param until the instant on the fake's clock from which it answers normally again
   */
  record OfflineUntil(Instant until) implements Fault {
    /**
     * Validates.
     *
     * @param until the instant on the fake's clock from which it answers normally again
     * @throws NullPointerException if {@code until} is null
     */
    public OfflineUntil {
      Objects.requireNonNull(until, "until");
    }
  }

  /**
   * Retryable failure.
   *
   * @param reason the reason the retryable failure it answers carries
   * @param retryAfter how long the backend asks the caller to wait (its Retry-After), or null for
   *     no advice
   */
  record FailRetryable(String reason, @Nullable Duration retryAfter) implements Fault {
    /**
     * Validates.
     *
     * @param reason the reason the retryable failure it answers carries
     * @param retryAfter how long the backend asks the caller to wait (its Retry-After), or null for
     *     no advice
     * @throws NullPointerException if {@code reason} is null
     */
    public FailRetryable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Permanent failure.
   *
   * @param reason the reason the permanent failure it answers carries
   */
  record FailPermanently(String reason) implements Fault {
    /**
     * Validates.
     *
     * @param reason the reason the permanent failure it answers carries
     * @throws NullPointerException if {@code reason} is null
     */
    public FailPermanently {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * In progress for some polls.
   *
   * @param polls status calls answered "in progress" before the end
   * @param failure the final failure's reason, or null to succeed
   */
  record InProgressFor(int polls, @Nullable String failure) implements Fault {
    /**
     * Validates.
     *
     * @param polls status calls answered "in progress" before the end
     * @param failure the final failure's reason, or null to succeed
     * @throws IllegalArgumentException if {@code polls} is less than 1
     */
    public InProgressFor {
      if (polls < 1) {
        throw new IllegalArgumentException("polls must be 1 or more, was: " + polls);
      }
    }
  }

  /**
   * Throw from the call.
   *
   * @param message the exception's message
   */
  record Throw(String message) implements Fault {}

  /** Answer null. */
  record NullStage() implements Fault {}

  /** Never answer. */
  record NeverAnswer() implements Fault {}

  /**
   * Answer late.
   *
   * @param latency the delay, in virtual time when the fake runs on a virtual scheduler
   */
  record Latency(Duration latency) implements Fault {
    /**
     * Validates.
     *
     * @param latency the delay, in virtual time when the fake runs on a virtual scheduler
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public Latency {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative, was: " + latency);
      }
    }
  }
}
