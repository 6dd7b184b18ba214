package dev.parry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "A large rate limit is counted in blocks: the store is asked once for many calls, and no window"
        + " of any runtime's calls passes the limit")
class QuotaTest {

  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  /** A clock the test moves. */
  static final class ManualClock extends Clock {
    volatile Instant now = T0;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * A control store written before admissions of several, counting how often it is asked to admit:
   * the interface's default {@code admitUpTo} answers one at a time through {@code admit}.
   */
  static class OneAtATime implements ControlStore {
    final ControlStore real;
    final AtomicInteger asks = new AtomicInteger();

    OneAtATime(ControlStore real) {
      this.real = real;
    }

    @Override
    public ControlChange record(ControlChange change) {
      return real.record(change);
    }

    @Override
    public List<ControlChange> changes(long after, int limit) {
      return real.changes(after, limit);
    }

    @Override
    public boolean admit(List<Window> windows, Instant now, boolean consume) {
      asks.incrementAndGet();
      return real.admit(windows, now, consume);
    }
  }

  /** A control store that counts how often it is asked to admit, one or several at once. */
  static final class Counting extends OneAtATime {
    Counting(ControlStore real) {
      super(real);
    }

    /** The most calls one admission answered. */
    final AtomicInteger largest = new AtomicInteger();

    @Override
    public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
      asks.incrementAndGet();
      int admitted = real.admitUpTo(windows, now, wanted, countedAt);
      largest.accumulateAndGet(admitted, Math::max);
      return admitted;
    }
  }

  @Test
  @DisplayName("under a limit of a million a minute, 1,000 calls ask the store at most 30 times")
  void aLargeLimitAsksInBlocks() {
    ManualClock clock = new ManualClock();
    Counting store = new Counting(InMemoryControlStore.create());
    Quota quota = new Quota(List.of(RateLimit.of(1_000_000, Duration.ofMinutes(1))), store, clock);
    for (int i = 0; i < 1000; i++) {
      clock.advance(Duration.ofMillis(1));
      assertEquals(Duration.ZERO, quota.reserve(EntityFamily.DEVICE), "call " + i);
    }
    assertTrue(store.asks.get() <= 30, "asked the store " + store.asks.get() + " times");
  }

  @Test
  @DisplayName(
      "under a limit allowing fewer than 2 calls in a hundredth of a hold, each call is counted on"
          + " its own, at the time it"
          + " is let through")
  void aSmallLimitCountsEachCall() {
    ManualClock clock = new ManualClock();
    Counting store = new Counting(InMemoryControlStore.create());
    Quota quota = new Quota(List.of(RateLimit.of(1_999, Duration.ofMinutes(1))), store, clock);
    for (int i = 0; i < 1_999; i++) {
      assertEquals(Duration.ZERO, quota.reserve(EntityFamily.DEVICE), "call " + i);
    }
    assertEquals(1_999, store.asks.get(), "one admission per call");
    assertTrue(quota.reserve(EntityFamily.DEVICE).compareTo(Duration.ZERO) > 0, "the limit");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(
        Duration.ZERO,
        quota.reserve(EntityFamily.DEVICE),
        "the uses were counted at the time of the call, and ended a minute later");
  }

  @Test
  @DisplayName(
      "8 threads asking at one instant are let through 20,000 times under 20,000 a minute, less at"
          + " most one block left unspent")
  void concurrentCallersNeverPassTheLimit() throws Exception {
    ManualClock clock = new ManualClock();
    Counting store = new Counting(InMemoryControlStore.create());
    Quota quota = new Quota(List.of(RateLimit.of(20_000, Duration.ofMinutes(1))), store, clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        counts.add(
            pool.submit(
                () -> {
                  int through = 0;
                  for (int i = 0; i < 5_000; i++) {
                    through += quota.reserve(EntityFamily.DEVICE).isZero() ? 1 : 0;
                  }
                  return through;
                }));
      }
      int through = 0;
      for (Future<Integer> count : counts) {
        through += count.get(60, TimeUnit.SECONDS);
      }
      assertTrue(through <= 20_000, "let through " + through);
      assertTrue(through >= 20_000 - Quota.MOST_AT_ONCE, "let through " + through);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "a block spent at the end of its hold still counts a full period after its last call: the"
          + " window never lets more through")
  void aBlockSpentLateStillCounts() {
    ManualClock clock = new ManualClock();
    Counting store = new Counting(InMemoryControlStore.create());
    RateLimit limit = RateLimit.of(64_000, Duration.ofSeconds(1)); // blocks of 64, held 100 ms
    Quota quota = new Quota(List.of(limit), store, clock);
    List<Instant> through = new ArrayList<>();
    for (int i = 0; i < limit.permits() - Quota.MOST_AT_ONCE; i++) {
      assertEquals(Duration.ZERO, quota.reserve(EntityFamily.DEVICE), "call " + i + " at T0");
      through.add(clock.instant());
    }
    clock.advance(Duration.ofMillis(1));
    while (quota.reserve(EntityFamily.DEVICE).isZero()) { // a new block, then spent late
      through.add(clock.instant());
      clock.now = T0.plus(Duration.ofMillis(99));
    }
    clock.now = T0.plus(limit.period()).plus(Duration.ofMillis(2));
    for (int i = 0; i < limit.permits(); i++) {
      if (quota.reserve(EntityFamily.DEVICE).isZero()) {
        through.add(clock.instant());
      }
    }
    int most = mostInAnyWindow(through, limit.period());
    assertTrue(most <= limit.permits(), most + " calls in one window of " + limit);
  }

  @Test
  @DisplayName(
      "a runtime asking in bursts of 33 a second under 64,000 an hour leaves little of any window"
          + " unspent: at least 90 % of what an exact limit lets through goes through")
  void burstsLeaveLittleUnspent() {
    ManualClock clock = new ManualClock();
    RateLimit limit = RateLimit.of(64_000, Duration.ofHours(1));
    Quota quota = new Quota(List.of(limit), InMemoryControlStore.create(), clock);
    List<Instant> asked = new ArrayList<>();
    List<Instant> through = new ArrayList<>();
    for (int second = 0; second < 3 * 3_600; second++) {
      for (int i = 0; i < 33; i++) { // a burst, then more than a hold of quiet
        asked.add(clock.instant());
        if (quota.reserve(EntityFamily.DEVICE).isZero()) {
          through.add(clock.instant());
        }
      }
      clock.advance(Duration.ofMillis(1_001)); // whatever was left of a block outlives its hold
    }
    int most = mostInAnyWindow(through, limit.period());
    assertTrue(most <= limit.permits(), most + " calls in one window of " + limit);
    int exact = exact(asked, List.of(limit));
    assertTrue(
        through.size() >= exact * 0.9,
        through.size() + " let through, an exact limit lets " + exact);
  }

  @Test
  @DisplayName(
      "two runtimes each asking 32 times a second under 200,000 an hour: what one leaves"
          + " unspent do not starve the other, at least 90 % of an exact limit goes through")
  void steadyPacesDoNotStarve() {
    ManualClock clock = new ManualClock();
    RateLimit limit = RateLimit.of(200_000, Duration.ofHours(1));
    InMemoryControlStore shared = InMemoryControlStore.create();
    Quota[] quotas = {
      new Quota(List.of(limit), shared, clock), new Quota(List.of(limit), shared, clock)
    };
    List<Instant> asked = new ArrayList<>();
    List<Instant> through = new ArrayList<>();
    Duration spacing = Duration.ofSeconds(1).dividedBy(32);
    for (int i = 0; i < 32 * 2 * 3_600; i++) {
      for (Quota quota : quotas) {
        asked.add(clock.instant());
        if (quota.reserve(EntityFamily.DEVICE).isZero()) {
          through.add(clock.instant());
        }
      }
      clock.advance(spacing);
    }
    int most = mostInAnyWindow(through, limit.period());
    assertTrue(most <= limit.permits(), most + " calls in one window of " + limit);
    int exact = exact(asked, List.of(limit));
    assertTrue(
        through.size() >= exact * 0.9,
        through.size() + " let through, an exact limit lets " + exact);
  }

  /**
   * {@return the most calls in any window of {@code length}}: windows ending at each call cover
   * every maximum.
   */
  static int mostInAnyWindow(List<Instant> times, Duration length) {
    int most = 0;
    int start = 0;
    for (int end = 0; end < times.size(); end++) {
      while (!times.get(start).isAfter(times.get(end).minus(length))) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  /**
   * {@return how many of the requests at {@code asked} exact sliding windows let through, one per
   * limit}
   */
  static int exact(List<Instant> asked, List<RateLimit> limits) {
    List<Instant> through = new ArrayList<>();
    int[] start = new int[limits.size()]; // each limit's first call still in its window
    for (Instant at : asked) {
      boolean room = true;
      for (int l = 0; l < limits.size(); l++) {
        RateLimit limit = limits.get(l);
        while (start[l] < through.size()
            && !through.get(start[l]).isAfter(at.minus(limit.period()))) {
          start[l]++;
        }
        room &= through.size() - start[l] < limit.permits();
      }
      if (room) {
        through.add(at);
      }
    }
    return through.size();
  }

  /**
   * Asks {@code requests} times at random paces (bursts at one instant, steady spacing about twice
   * as fast as {@code first} allows, and pauses), each through a quota picked by {@code pick}, and
   * checks that no window of any limit passes it, and that at least 90 % of what exact limits let
   * through goes through, and that each of {@code blocking} admitted several calls at once.
   */
  static void atRandomPaces(
      Random random,
      String what,
      RateLimit first,
      List<RateLimit> limits,
      ManualClock clock,
      Quota[] quotas,
      int requests,
      java.util.function.IntSupplier pick,
      Counting... blocking) {
    long spacing = first.period().toNanos() / first.permits() / 2;
    List<Instant> asked = new ArrayList<>();
    List<Instant> through = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int pace = random.nextInt(100);
      if (pace < 2) {
        clock.advance(first.period().dividedBy(1 + random.nextInt(8))); // a pause
      } else if (pace >= 20) { // otherwise a burst: several at one instant
        clock.advance(Duration.ofNanos((long) (random.nextDouble() * 2 * spacing)));
      }
      asked.add(clock.instant());
      if (quotas[pick.getAsInt()].reserve(EntityFamily.DEVICE).isZero()) {
        through.add(clock.instant());
      }
    }
    for (RateLimit limit : limits) {
      int most = mostInAnyWindow(through, limit.period());
      assertTrue(most <= limit.permits(), what + ": " + most + " calls in one window of " + limit);
    }
    int exact = exact(asked, limits);
    assertTrue(
        through.size() >= exact * 0.9,
        what + ": " + through.size() + " let through, exact limits let " + exact);
    for (Counting store : blocking) {
      assertTrue(
          store.largest.get() >= 2,
          what + ": not counted in blocks, at most " + store.largest.get() + " at once");
    }
  }

  /** {@return a seed, printed so that a failure replays with -Dparry.seed} */
  static long seed() {
    long seed = Long.getLong("parry.seed", System.nanoTime());
    System.out.println("QuotaTest seed: " + seed + " (replay with -Dparry.seed=" + seed + ")");
    return seed;
  }

  @Test
  @DisplayName(
      "two runtimes under two limits at once, a short one and a long one both counted in blocks,"
          + " asking at random paces: no window of either passes its limit, and at least 90 % of"
          + " what exact limits would let through goes through")
  void twoLimitsAtRandomPaces() {
    long seed = seed();
    Random random = new Random(seed);
    for (int round = 0; round < 6; round++) {
      // limits whose blocks hold 2 or more: what each allows in a hundredth of the hold, a hold
      // being a tenth of the short period (1-10 s)
      RateLimit shortLimit =
          RateLimit.of(
              10_000 + random.nextInt(20_000), Duration.ofMillis(1_000 + random.nextInt(9_000)));
      int periods = 6 + random.nextInt(10);
      RateLimit longLimit =
          RateLimit.of(
              shortLimit.permits() * periods / (2 + random.nextInt(3)),
              shortLimit.period().multipliedBy(periods));
      List<RateLimit> limits = List.of(shortLimit, longLimit);
      ManualClock clock = new ManualClock();
      InMemoryControlStore shared = InMemoryControlStore.create();
      Counting[] stores = {new Counting(shared), new Counting(shared)};
      atRandomPaces(
          random,
          "seed " + seed + ", round " + round + ", " + limits,
          shortLimit,
          limits,
          clock,
          new Quota[] {new Quota(limits, stores[0], clock), new Quota(limits, stores[1], clock)},
          longLimit.permits() * 3,
          () -> random.nextInt(2),
          stores);
    }
  }

  @Test
  @DisplayName(
      "two runtimes, one of them on a store that admits one at a time, asking at random paces"
          + " with bursts and pauses, under one limit or two: no window passes its limit, and at"
          + " least 90 % of what exact limits would let through goes through")
  void randomPacesNeverPassTheLimit() {
    long seed = seed();
    Random random = new Random(seed);
    for (int round = 0; round < 12; round++) {
      // limits whose blocks hold 2 or more: what each allows in a hundredth of the hold, a hold
      // being a tenth of the short period (1-10 s)
      RateLimit first =
          RateLimit.of(
              5_000 + random.nextInt(15_000), Duration.ofMillis(1_000 + random.nextInt(9_000)));
      List<RateLimit> limits = new ArrayList<>(List.of(first));
      if (random.nextBoolean()) { // a longer period that binds over it: 60-90 % of the rate
        int times = 2 + random.nextInt(4);
        limits.add(
            RateLimit.of(
                (int) (first.permits() * times * (0.6 + 0.3 * random.nextDouble())),
                first.period().multipliedBy(times)));
      }
      ManualClock clock = new ManualClock();
      InMemoryControlStore shared = InMemoryControlStore.create();
      Counting counted = new Counting(shared);
      atRandomPaces(
          random,
          "seed " + seed + ", round " + round + ", " + limits,
          first,
          limits,
          clock,
          new Quota[] {
            new Quota(limits, counted, clock), new Quota(limits, new OneAtATime(shared), clock)
          },
          first.permits() * 8,
          () -> random.nextInt(10) < 8 ? 0 : 1,
          counted);
    }
  }
}
