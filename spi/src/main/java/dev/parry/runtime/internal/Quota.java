package dev.parry.runtime.internal;

import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.safety.ControlStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor-call quota of each entity family: every rate limit holds in every window of its
 * period (a sliding window), counted in the {@link ControlStore} that every runtime on the store
 * shares; and a backend that answered "retry after" slows its whole family until then.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Quota {

  private final ControlStore controls;
  private final Clock clock;
  private final Map<EntityFamily, List<ControlStore.Window>> windows =
      new EnumMap<>(EntityFamily.class);

  /**
   * How long a caller refused by the count waits before asking again: the shortest spacing of the
   * limits.
   */
  private final Duration retry;

  private final Map<EntityFamily, Instant> throttledUntil = new ConcurrentHashMap<>();

  /**
   * Creates the quota.
   *
   * @param limits the rate limits, each per family
   * @param controls where the calls are counted
   * @param clock the clock
   */
  public Quota(List<RateLimit> limits, ControlStore controls, Clock clock) {
    this.controls = controls;
    this.clock = clock;
    Duration shortest = null;
    for (EntityFamily family : EntityFamily.values()) {
      List<ControlStore.Window> own = new ArrayList<>(limits.size());
      for (RateLimit limit : limits) {
        own.add(new ControlStore.Window("rate " + family, limit.period(), limit.permits()));
      }
      windows.put(family, List.copyOf(own));
    }
    for (RateLimit limit : limits) {
      Duration spacing = limit.period().dividedBy(limit.permits());
      shortest = shortest == null || spacing.compareTo(shortest) < 0 ? spacing : shortest;
    }
    Duration floor = Duration.ofMillis(1);
    this.retry = shortest == null || shortest.compareTo(floor) < 0 ? floor : shortest;
  }

  /**
   * Asks for one call of {@code family} now. {@return zero when the call may go now, counted in
   * every window; otherwise how long to wait before asking again}
   *
   * @param family the family
   * @throws dev.parry.spi.store.StoreUnavailableException if the count cannot be read or written
   */
  public Duration reserve(EntityFamily family) {
    Instant now = clock.instant();
    Instant until = throttledUntil.get(family);
    if (until != null && now.isBefore(until)) {
      return Duration.between(now, until);
    }
    return controls.admit(Objects.requireNonNull(windows.get(family)), now, true)
        ? Duration.ZERO
        : retry;
  }

  /**
   * Slows {@code family} down: no call of it is let through for {@code retryAfter}, as its backend
   * asked (a 429 with Retry-After).
   *
   * @param family the family
   * @param retryAfter how long its backend asked to wait
   */
  public void throttle(EntityFamily family, Duration retryAfter) {
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      return;
    }
    Instant until = clock.instant().plus(retryAfter);
    throttledUntil.merge(family, until, (a, b) -> a.isAfter(b) ? a : b);
  }
}
