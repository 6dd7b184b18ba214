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
 * <p>Under limits so large that each allows 2 or more calls in a hundredth of a hold (a tenth of
 * the shortest period, at most a second), the quota counts calls in blocks: it asks the store for
 * several at once, counted at the end of the hold, and lets them through until then. A use counted
 * at the end of the hold covers a call made before it, so no window admits more than its limit;
 * what a block leaves unspent still counts, so a window may admit a little less. A block doubles,
 * up to what every limit allows in a hundredth of the hold and at most {@value #MOST_AT_ONCE},
 * while each is spent before its hold ends, and halves when one is not. At most one block is left
 * unspent per hold, so the calls a runtime wastes stay within about a hundredth of each limit, in
 * any window, whatever its pace.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Quota {

  /** The most calls counted in one block: {@value}. */
  static final int MOST_AT_ONCE = 64;

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

  /** The most calls one block holds under these limits: 1 counts each call on its own. */
  private final int largest;

  /** How long the calls of a block may be spent. */
  private final Duration hold;

  /** Each family's current block. */
  private final Map<EntityFamily, Block> blocks = new EnumMap<>(EntityFamily.class);

  /** Calls counted in the store and not spent yet: guarded by itself. */
  private static final class Block {
    /** How many the next request asks for. */
    int size = 1;

    /** How many are left to spend. */
    int left;

    /** Whether the last request was answered in full, so that spending it all calls for more. */
    boolean full;

    /** When the calls left stop being spendable: the time they were counted at. */
    Instant until = Instant.MIN;
  }

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
    Duration held = Duration.ofSeconds(1);
    for (RateLimit limit : limits) {
      Duration tenth = limit.period().dividedBy(10);
      held = tenth.compareTo(held) < 0 ? tenth : held;
    }
    // a block left unspent wastes at most one hold's share: a hundredth of what a limit allows in
    // a hold keeps all of them together within about a hundredth of any window, however long
    long most = MOST_AT_ONCE;
    for (RateLimit limit : limits) {
      most =
          Math.min(
              most, held.multipliedBy(limit.permits()).dividedBy(100).dividedBy(limit.period()));
    }
    this.largest = (int) Math.max(1, most);
    this.hold = held;
    for (EntityFamily family : EntityFamily.values()) {
      blocks.put(family, new Block());
    }
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
    Duration throttled = throttled(family, now);
    if (!throttled.isZero()) {
      return throttled;
    }
    List<ControlStore.Window> own = Objects.requireNonNull(windows.get(family));
    if (largest == 1) {
      return controls.admit(own, now, true) ? Duration.ZERO : retry;
    }
    Block block = Objects.requireNonNull(blocks.get(family));
    synchronized (block) {
      now = clock.instant(); // after any wait for another caller's request: the call's own time
      throttled = throttled(family, now); // a Retry-After may have come meanwhile
      if (!throttled.isZero()) {
        return throttled;
      }
      if (block.left > 0 && now.isBefore(block.until)) {
        block.left--;
        return Duration.ZERO;
      }
      if (block.left > 0) {
        block.size = Math.max(1, block.size / 2); // the last block outlived its hold
      } else if (block.full) {
        block.size = Math.min(largest, block.size * 2); // the last block was spent in time
      }
      block.left = 0;
      block.full = false;
      Instant spendBy = now.plus(hold);
      int admitted = controls.admitUpTo(own, now, block.size, spendBy);
      if (admitted == 0) {
        return retry;
      }
      block.full = admitted == block.size;
      block.left = admitted - 1;
      block.until = spendBy;
      return Duration.ZERO;
    }
  }

  /** {@return how long {@code family} is held back at {@code now} by a backend's Retry-After} */
  private Duration throttled(EntityFamily family, Instant now) {
    Instant until = throttledUntil.get(family);
    return until != null && now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
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
