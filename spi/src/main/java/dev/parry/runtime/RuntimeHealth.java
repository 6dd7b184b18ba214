package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How the runtime's reconciler is doing, for a service's health check: whether the runtime started,
 * when the reconciler last completed a pass over the store's due work, how far behind that is, and
 * how many passes failed in a row. A pass fails when the store cannot answer; the reconciler keeps
 * retrying with capped backoff, and recovers by itself once the store answers again.
 *
 * <pre>{@code
 * RuntimeHealth health = runtime.health();
 * if (!health.isHealthy()) {
 *   return HealthCheckResponse.down().withData("parry", health.toString());
 * }
 * }</pre>
 *
 * @param started whether {@link ParryRuntime#start()} succeeded (and {@link ParryRuntime#close()}
 *     was not called)
 * @param lastPass when the last pass completed, or null if none did yet
 * @param lag how long since the last completed pass (since the start, if none completed)
 * @param consecutiveFailures how many passes failed since the last one that completed
 * @param failedPasses how many passes failed since the runtime was built
 * @param interval how often the reconciler runs when all is well
 * @param unanchored how many investigations have a chain head the audit anchor failed to take,
 *     offered again on every pass. Not a health failure: actions carry on; but until the anchor
 *     takes them, a tail cut off those investigations' chains after their last anchored head goes
 *     unseen
 */
public record RuntimeHealth(
    boolean started,
    @Nullable Instant lastPass,
    Duration lag,
    int consecutiveFailures,
    long failedPasses,
    Duration interval,
    int unanchored) {

  /**
   * Validates the report.
   *
   * @param started whether {@link ParryRuntime#start()} succeeded (and {@link ParryRuntime#close()}
   *     was not called)
   * @param lastPass when the last pass completed, or null if none did yet
   * @param lag how long since the last completed pass (since the start, if none completed)
   * @param consecutiveFailures how many passes failed since the last one that completed
   * @param failedPasses how many passes failed since the runtime was built
   * @param interval how often the reconciler runs when all is well
   * @param unanchored how many investigations have a chain head the audit anchor failed to take,
   *     offered again on every pass. Not a health failure: actions carry on; but until the anchor
   *     takes them, a tail cut off those investigations' chains after their last anchored head goes
   *     unseen
   * @throws InvalidInputException if {@code lag} or {@code interval} is null
   * @throws InvalidInputException if a count is negative
   */
  public RuntimeHealth {
    Checks.notNull(lag, "lag");
    Checks.notNull(interval, "interval");
    if (consecutiveFailures < 0 || failedPasses < 0 || unanchored < 0) {
      throw new InvalidInputException(
          "consecutiveFailures",
          null,
          "counts must not be negative, were: "
              + consecutiveFailures
              + ", "
              + failedPasses
              + ", "
              + unanchored);
    }
  }

  /**
   * {@return whether the runtime is started, its last pass completed, and that was no longer ago
   * than three intervals}: what a readiness or liveness check should ask.
   */
  public boolean isHealthy() {
    return started && consecutiveFailures == 0 && lag.compareTo(interval.multipliedBy(3)) <= 0;
  }
}
