package dev.parry.spi.safety;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import java.time.Duration;

/**
 * At most {@code maxAutomatic} automatic actions per {@code window} for each kind, family or device
 * group (as {@code scope} says); past it, new automatic actions wait for approval instead.
 *
 * <pre>{@code
 * BlastRadiusLimit isolations = BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 20, Duration.ofHours(1));
 * }</pre>
 *
 * @param scope what the count is kept per: each action kind, each family or each device group
 * @param maxAutomatic automatic actions allowed per window and per scope value, 0 or more
 * @param window the sliding window the count covers: positive, at most 3,650 days
 */
public record BlastRadiusLimit(Scope scope, int maxAutomatic, Duration window) {

  /** What a count is kept per. */
  public enum Scope {
    /** Per action kind (20 isolations an hour). */
    KIND,
    /** Per family (100 device actions an hour). */
    FAMILY,
    /** Per device group of the investigation (10 automatic actions an hour in "Servers"). */
    DEVICE_GROUP
  }

  /**
   * Validates.
   *
   * @param scope what the count is kept per: each action kind, each family or each device group
   * @param maxAutomatic automatic actions allowed per window and per scope value, 0 or more
   * @param window the sliding window the count covers: positive, at most 3,650 days
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if {@code maxAutomatic} is negative or the window not positive or
   *     longer than 3,650 days
   */
  public BlastRadiusLimit {
    Checks.notNull(scope, "scope");
    Checks.notNull(window, "window");
    if (maxAutomatic < 0) {
      throw new InvalidInputException(
          "maxAutomatic", maxAutomatic, "maxAutomatic must not be negative, was: " + maxAutomatic);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(Durations.MAX) > 0) {
      throw new InvalidInputException(
          "window", window, "window must be positive and at most 3,650 days, was: " + window);
    }
  }

  /**
   * {@return at most {@code maxAutomatic} automatic actions per {@code window} for each value of
   * {@code scope}}: the documented way to make a limit, which keeps compiling if the type gains a
   * setting
   *
   * <pre>
   * {@code BlastRadiusLimit isolations = BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 20, Duration.ofHours(1));}
   * </pre>
   *
   * @param scope what the count is kept per
   * @param maxAutomatic automatic actions allowed per window and per scope value, 0 or more
   * @param window the sliding window, positive and at most 3,650 days
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxAutomatic} is negative or the window is not
   *     positive or too long
   */
  public static BlastRadiusLimit of(Scope scope, int maxAutomatic, Duration window) {
    return new BlastRadiusLimit(scope, maxAutomatic, window);
  }
}
