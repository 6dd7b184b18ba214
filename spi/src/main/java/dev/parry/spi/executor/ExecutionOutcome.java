package dev.parry.spi.executor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What an executor answers for one request.
 *
 * <pre>{@code
 * return CompletableFuture.completedFuture(ExecutionOutcome.succeeded("device isolated"));
 * return CompletableFuture.completedFuture(ExecutionOutcome.retryableFailure("HTTP 503", null));
 * return CompletableFuture.completedFuture(ExecutionOutcome.inProgress(ExternalReference.of(id), Duration.ofSeconds(30)));
 * return client.isolate(id).thenApply(...).exceptionally(e -> ExecutionOutcome.retryableFailure(e, null));
 * }</pre>
 */
public sealed interface ExecutionOutcome {

  /** The most characters a reason or detail holds: {@value}. */
  int MAX_TEXT = 2000;

  /**
   * {@return a success}
   *
   * @param detail what was done, possibly empty
   */
  static ExecutionOutcome succeeded(String detail) {
    return new Succeeded(detail);
  }

  /**
   * {@return a failure that retrying will not fix}
   *
   * @param reason why, not empty
   */
  static ExecutionOutcome failed(String reason) {
    return new Failed(reason, false, null);
  }

  /**
   * {@return a failure that may pass on retry, such as a rate limit or an unreachable backend}
   *
   * @param reason why, not empty
   * @param retryAfter how long to wait before retrying, or null to let the runtime back off
   */
  static ExecutionOutcome retryableFailure(String reason, @Nullable Duration retryAfter) {
    return new Failed(reason, true, retryAfter);
  }

  /**
   * {@return a failure that retrying will not fix, for an exception}: the reason is made by {@link
   * #reasonOf(Throwable)}, so any message is accepted
   *
   * <pre>{@code
   * return client.disable(upn).thenApply(ok -> ExecutionOutcome.succeeded("disabled"))
   *     .exceptionally(ExecutionOutcome::failed);
   * }</pre>
   *
   * @param error what went wrong
   * @throws InvalidInputException if {@code error} is null
   */
  static ExecutionOutcome failed(Throwable error) {
    return new Failed(reasonOf(error), false, null);
  }

  /**
   * {@return a failure that may pass on retry, for an exception}: the reason is made by {@link
   * #reasonOf(Throwable)}, so any message is accepted (null, empty, too long, several lines)
   *
   * <pre>{@code
   * return client.isolate(id, key).thenApply(ref -> ExecutionOutcome.inProgress(ExternalReference.of(ref), poll))
   *     .exceptionally(e -> ExecutionOutcome.retryableFailure(e, null));
   * }</pre>
   *
   * @param error what went wrong
   * @param retryAfter how long to wait before retrying, or null to let the runtime back off
   * @throws InvalidInputException if {@code error} is null
   * @throws InvalidInputException if {@code retryAfter} is negative
   */
  static ExecutionOutcome retryableFailure(Throwable error, @Nullable Duration retryAfter) {
    return new Failed(reasonOf(error), true, retryAfter);
  }

  /**
   * {@return a reason for {@code error} that a {@link Failed} accepts}: {@code "Type: message"}, or
   * the type alone when the message is null or blank. The wrappers a future adds ({@code
   * CompletionException}, {@code ExecutionException}) are looked through to their cause; control
   * characters and line breaks become spaces; characters that make text look like other text
   * (bidirectional controls, zero-width characters, unpaired surrogates) become U+FFFD; runs of
   * spaces shrink to one; a reason longer than {@value #MAX_TEXT} characters is cut, ending in "…",
   * without splitting a character.
   *
   * @param error what went wrong
   * @throws InvalidInputException if {@code error} is null
   */
  static String reasonOf(Throwable error) {
    return FailureReasons.of(error, MAX_TEXT);
  }

  /**
   * {@return an answer that the backend accepted the work and will finish later}
   *
   * @param reference the backend's reference, handed back to {@code status}
   * @param pollAfter when to ask again
   */
  static ExecutionOutcome inProgress(ExternalReference reference, Duration pollAfter) {
    return new InProgress(reference, pollAfter);
  }

  /**
   * The executor carried the action out (or had already, for a repeated idempotency key).
   *
   * @param detail what was done, 0-2,000 characters, no control characters
   */
  record Succeeded(String detail) implements ExecutionOutcome {
    /**
     * Validates.
     *
     * @param detail what was done, 0-2,000 characters, no control characters
     * @throws InvalidInputException if the detail is too long or holds a control character
     */
    public Succeeded {
      Text.require("detail", detail, 0, MAX_TEXT);
    }
  }

  /**
   * The executor could not carry the action out.
   *
   * @param reason why, 1-2,000 characters, no control characters
   * @param retryable whether a retry with the same idempotency key may succeed
   * @param retryAfter how long to wait before retrying (a backend's Retry-After), or null
   */
  record Failed(String reason, boolean retryable, @Nullable Duration retryAfter)
      implements ExecutionOutcome {
    /**
     * Validates.
     *
     * @param reason why, 1-2,000 characters, no control characters
     * @param retryable whether a retry with the same idempotency key may succeed
     * @param retryAfter how long to wait before retrying (a backend's Retry-After), or null
     * @throws InvalidInputException if the reason is empty, too long or holds a control character,
     *     or {@code retryAfter} is negative
     */
    public Failed {
      Text.require("reason", reason, 1, MAX_TEXT);
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new InvalidInputException(
            "retryAfter", retryAfter, "retryAfter must not be negative, was: " + retryAfter);
      }
    }
  }

  /**
   * The backend accepted the work and will finish it later; the runtime polls {@link
   * ActionExecutor#status(ExecutionRequest, ExternalReference)} after {@code pollAfter}.
   *
   * @param reference the backend's reference for the work, to pass to {@code status} and {@code
   *     cancel}
   * @param pollAfter when to ask again, positive
   */
  record InProgress(ExternalReference reference, Duration pollAfter) implements ExecutionOutcome {
    /**
     * Validates.
     *
     * @param reference the backend's reference for the work, to pass to {@code status} and {@code
     *     cancel}
     * @param pollAfter when to ask again, positive
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if {@code pollAfter} is zero or negative
     */
    public InProgress {
      Checks.notNull(reference, "reference");
      Checks.notNull(pollAfter, "pollAfter");
      if (pollAfter.isNegative() || pollAfter.isZero()) {
        throw new InvalidInputException(
            "pollAfter", pollAfter, "pollAfter must be positive, was: " + pollAfter);
      }
    }
  }
}
