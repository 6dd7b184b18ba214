package dev.parry.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that starts at a fixed, non-zero instant ({@link #START}) and moves only when told to,
 * never backwards. Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = TestClock.create();
 * clock.advance(Duration.ofDays(7));
 * }</pre>
 */
public final class TestClock extends Clock {

  /** Where every test clock starts: 2026-03-01T09:00:00Z. */
  public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = start;
  }

  /** {@return a clock at {@link #START}} */
  public static TestClock create() {
    return new TestClock(START);
  }

  /**
   * {@return a clock at {@code start}}
   *
   * @param start the first instant
   */
  public static TestClock startingAt(Instant start) {
    return new TestClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, zero or more
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock never moves back, duration was: " + duration);
    }
    now = now.plus(duration);
  }

  /**
   * Moves the clock to {@code instant}, if that is later than now.
   *
   * @param instant the instant
   */
  synchronized void moveTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a TestClock stays in UTC");
  }

  @Override
  public String toString() {
    return "TestClock{" + now + "}";
  }
}
