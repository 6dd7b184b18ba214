package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How hard the runtime tries and how much it runs at once.
 *
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxAttempts(3).withAttemptTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param maxAttempts executor calls per action before a retryable failure becomes final, 1 or more
 * @param backoffBase the first retry's delay; each retry doubles it, with up to 20% jitter
 * @param backoffMax the longest delay between retries
 * @param attemptTimeout how long one executor call may go unanswered before it counts as a retryable failure
 * @param actionTimeout how long an action may stay in progress (retries and polling included) before it times out
 * @param maxConcurrentPerFamily executor calls in flight per family; more wait in a queue, 1 or more
 * @param rateLimits executor calls per family, at most so many in any window of each limit's period: every
 *     limit holds at once, and runtimes sharing a store share the count
 * @param pendingExpiry how long an action may wait for approval before it expires (counts as rejected)
 */
public record Limits(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration attemptTimeout,
    Duration actionTimeout, int maxConcurrentPerFamily, List<RateLimit> rateLimits, Duration pendingExpiry) {

  /**
   * Validates.
   *
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if a count is less than 1, a duration is not positive or longer than
   *     3,650 days, or the rate limits are empty or two have one period
   */
  public Limits {
    if (maxAttempts < 1) {
      throw new InvalidInputException("maxAttempts", maxAttempts, "maxAttempts must be 1 or more, was: " + maxAttempts);
    }
    if (maxConcurrentPerFamily < 1) {
      throw new InvalidInputException("maxConcurrentPerFamily", maxConcurrentPerFamily,
          "maxConcurrentPerFamily must be 1 or more, was: " + maxConcurrentPerFamily);
    }
    positive("backoffBase", backoffBase);
    positive("backoffMax", backoffMax);
    positive("attemptTimeout", attemptTimeout);
    positive("actionTimeout", actionTimeout);
    positive("pendingExpiry", pendingExpiry);
    rateLimits = List.copyOf(Checks.notNull(rateLimits, "rateLimits"));
    if (rateLimits.isEmpty()) {
      throw new InvalidInputException("rateLimits", null,
          "at least one rate limit is needed; for no practical limit give a large one");
    }
    Set<Duration> periods = new HashSet<>();
    for (RateLimit limit : rateLimits) {
      if (!periods.add(limit.period())) {
        throw new InvalidInputException("rateLimits", null,
            "two rate limits have the period " + limit.period() + ": " + rateLimits);
      }
    }
  }

  private static void positive(String name, Duration value) {
    Durations.requirePositive(name, value);
  }


  /**
   * {@return the defaults}: 5 attempts, backoff from 1 second to 5 minutes, 2 minutes per attempt,
   * 3 days per action (Defender retries an offline device's isolation for 3 days), 64 calls in flight
   * and, per family, 100 calls a minute and 1,500 an hour (Defender's machine-action API quota), 7 days
   * of pending approval.
   */
  public static Limits defaults() {
    return new Limits(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofDays(3), 64,
        List.of(RateLimit.MACHINE_ACTION_API, RateLimit.MACHINE_ACTION_API_HOURLY), Duration.ofDays(7));
  }

  /**
   * {@return these limits with another attempt count}
   *
   * @param value attempts, 1 or more
   */
  public Limits withMaxAttempts(int value) {
    return new Limits(value, backoffBase, backoffMax, attemptTimeout, actionTimeout, maxConcurrentPerFamily, rateLimits,
        pendingExpiry);
  }

  /**
   * {@return these limits with another backoff}
   *
   * @param base the first delay
   * @param max the longest delay
   */
  public Limits withBackoff(Duration base, Duration max) {
    return new Limits(maxAttempts, base, max, attemptTimeout, actionTimeout, maxConcurrentPerFamily, rateLimits,
        pendingExpiry);
  }

  /**
   * {@return these limits with another attempt timeout}
   *
   * @param value the timeout
   */
  public Limits withAttemptTimeout(Duration value) {
    return new Limits(maxAttempts, backoffBase, backoffMax, value, actionTimeout, maxConcurrentPerFamily, rateLimits,
        pendingExpiry);
  }

  /**
   * {@return these limits with another action timeout}
   *
   * @param value the timeout
   */
  public Limits withActionTimeout(Duration value) {
    return new Limits(maxAttempts, backoffBase, backoffMax, attemptTimeout, value, maxConcurrentPerFamily, rateLimits,
        pendingExpiry);
  }

  /**
   * {@return these limits with another concurrency cap}
   *
   * @param value calls in flight per family
   */
  public Limits withMaxConcurrentPerFamily(int value) {
    return new Limits(maxAttempts, backoffBase, backoffMax, attemptTimeout, actionTimeout, value, rateLimits,
        pendingExpiry);
  }

  /**
   * {@return these limits with other rate limits, all of which hold at once}
   *
   * @param values the rate limits, at least one, each with its own period
   */
  public Limits withRateLimit(RateLimit... values) {
    return new Limits(maxAttempts, backoffBase, backoffMax, attemptTimeout, actionTimeout, maxConcurrentPerFamily,
        List.of(values), pendingExpiry);
  }

  /**
   * {@return these limits with another pending expiry}
   *
   * @param value the expiry
   */
  public Limits withPendingExpiry(Duration value) {
    return new Limits(maxAttempts, backoffBase, backoffMax, attemptTimeout, actionTimeout, maxConcurrentPerFamily,
        rateLimits, value);
  }
}
