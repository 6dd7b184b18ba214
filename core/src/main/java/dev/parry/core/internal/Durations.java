package dev.parry.core.internal;

import dev.parry.core.error.InvalidInputException;
import java.time.Duration;

/**
 * The one check for every duration Parry takes from a caller or a configuration: positive and at
 * most {@link #MAX}, so that no time Parry stores or derives from it can overflow.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Durations {

  /**
   * The longest duration Parry accepts anywhere (time box, extension, expiry, lease, timeout,
   * break-glass): 3,650 days, about ten years. Far longer than any remediation should last, and
   * short enough that adding it to any time Parry handles stays a valid {@link java.time.Instant}.
   */
  public static final Duration MAX = Duration.ofDays(3650);

  private Durations() {}

  /**
   * {@return {@code value}, checked}: positive and at most {@link #MAX}.
   *
   * @param name what the duration is, for the message
   * @param value the duration
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is zero, negative or longer than {@link #MAX}
   */
  public static Duration requirePositive(String name, Duration value) {
    return requirePositive(name, name, value);
  }

  /**
   * {@return {@code value}, checked}: positive and at most {@link #MAX}.
   *
   * @param field the parameter, for {@link InvalidInputException#field()}
   * @param what what the duration is, for the message ({@code time box of ISOLATE_DEVICE})
   * @param value the duration
   * @throws InvalidInputException if {@code value} is null, zero, negative or longer than {@link
   *     #MAX}
   */
  public static Duration requirePositive(String field, String what, Duration value) {
    Checks.notNull(value, field);
    if (value.isNegative() || value.isZero() || value.compareTo(MAX) > 0) {
      throw new InvalidInputException(
          field, value, what + " must be positive and at most " + MAX + ", was: " + value);
    }
    return value;
  }
}
