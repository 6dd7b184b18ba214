package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import java.time.Duration;

/**
 * At most {@code permits} executor calls to one backend (one entity family) in any window of length
 * {@code period}: a sliding window, so no stretch of time of that length ever holds more, whatever
 * its start. Calls past the limit wait; they are never failed. The count is kept in the store's
 * {@link dev.parry.spi.safety.ControlStore}, so every runtime sharing the store shares it.
 *
 * <pre>
 * {@code builder.limits(Limits.builder().rateLimits(RateLimit.of(10, Duration.ofMinutes(1))).build());}
 * </pre>
 *
 * @param permits calls allowed per period, 1 or more
 * @param period the length of the sliding window: positive, at most 3,650 days
 */
public record RateLimit(int permits, Duration period) {

  /** Defender's machine-action API quota, per minute: 100 calls. */
  public static final RateLimit MACHINE_ACTION_API = new RateLimit(100, Duration.ofMinutes(1));

  /** Defender's machine-action API quota, per hour: 1,500 calls. */
  public static final RateLimit MACHINE_ACTION_API_HOURLY =
      new RateLimit(1500, Duration.ofHours(1));

  /**
   * Validates.
   *
   * @param permits calls allowed per period, 1 or more
   * @param period the length of the sliding window: positive, at most 3,650 days
   * @throws InvalidInputException if {@code period} is null
   * @throws InvalidInputException if {@code permits} is less than 1 or the period is not positive
   *     or longer than 3,650 days
   */
  public RateLimit {
    Checks.notNull(period, "period");
    if (permits < 1) {
      throw new InvalidInputException(
          "permits", permits, "permits must be 1 or more, was: " + permits);
    }
    Durations.requirePositive("period", period);
  }

  /**
   * {@return at most {@code permits} calls in any window of {@code period}}: the documented way to
   * make a rate limit, which keeps compiling if the type gains a setting
   *
   * <pre>{@code RateLimit limit = RateLimit.of(10, Duration.ofMinutes(1));}</pre>
   *
   * @param permits calls allowed per period, 1 or more
   * @param period the period, positive and at most 3,650 days
   * @throws NullPointerException if {@code period} is null
   * @throws IllegalArgumentException if {@code permits} is less than 1 or the period is not
   *     positive or too long
   */
  public static RateLimit of(int permits, Duration period) {
    return new RateLimit(permits, period);
  }
}
