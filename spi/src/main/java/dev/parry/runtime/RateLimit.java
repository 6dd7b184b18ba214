package dev.parry.runtime;

import dev.parry.core.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} executor calls per {@code period} to one backend. Calls past the limit
 * wait their turn; they are never failed.
 *
 * @param permits calls allowed per period, 1 or more
 * @param period the period, positive
 */
public record RateLimit(int permits, Duration period) {

  /** Defender's machine-action API quota: 100 calls a minute. */
  public static final RateLimit MACHINE_ACTION_API = new RateLimit(100, Duration.ofMinutes(1));

  /**
   * Validates.
   *
   * @throws NullPointerException if {@code period} is null
   * @throws IllegalArgumentException if {@code permits} is less than 1 or the period is not positive or longer
   *     than 3,650 days
   */
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be 1 or more, was: " + permits);
    }
    Durations.requirePositive("period", period);
  }
}
