package dev.parry.runtime.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on an injected clock: {@link #reserve(Instant)} takes a permit and says how long
 * the caller must wait for it. Permits are reserved in call order, so waiting callers never starve.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class TokenBucket {

  private final int capacity;
  private final long nanosPerPermit;
  private double tokens;
  private Instant updated;

  /**
   * Creates a full bucket.
   *
   * @param permits permits per period
   * @param period the period
   * @param now the current time
   */
  public TokenBucket(int permits, Duration period, Instant now) {
    this.capacity = permits;
    this.nanosPerPermit = Math.max(1, period.toNanos() / permits);
    this.tokens = permits;
    this.updated = now;
  }

  /**
   * Takes one permit.
   *
   * @param now the current time
   * @return how long to wait before using it: zero if a permit is free now
   */
  public synchronized Duration reserve(Instant now) {
    if (now.isAfter(updated)) {
      tokens = Math.min(capacity, tokens + (double) Duration.between(updated, now).toNanos() / nanosPerPermit);
      updated = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens * nanosPerPermit));
  }
}
