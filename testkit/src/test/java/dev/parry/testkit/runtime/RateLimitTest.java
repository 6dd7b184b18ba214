package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Rate limits hold in every window of their period, all at once, across runtimes, and a 429 slows the family")
class RateLimitTest {

  static final Limits LIMITS = DispatchTest.LIMITS.withActionTimeout(Duration.ofDays(1));

  /** A malicious file on its own workstation: quarantined automatically at Full. */
  static void quarantine(ParryHarness parry, int n) {
    Device device = Device.of(DeviceId.of("d-rl-" + n), DeviceName.of("ws-rl-" + n));
    InvestigationId id = Samples.open(parry, "inv-rl-" + n, device);
    String hex = String.format(Locale.ROOT, "%064x", n + 1);
    DeviceFile file =
        DeviceFile.onDevice(
            Sha256.of(hex), device.id(), WindowsPath.of("C:\\Temp\\x" + n + ".exe"));
    parry.runtime().reportEvidence(id, Samples.evidence(parry, file, Verdict.MALICIOUS));
  }

  static List<Instant> executeTimes(ParryHarness... runtimes) {
    List<Instant> times = new ArrayList<>();
    for (ParryHarness parry : runtimes) {
      parry.devices().calls().stream()
          .filter(c -> c.operation().equals("execute"))
          .map(Call::at)
          .forEach(times::add);
    }
    times.sort(null);
    return times;
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

  /** {@return a runtime named {@code name} on {@code store}, under {@code limits}} */
  static ParryHarness onStore(InvestigationStore store, Limits limits, String name) {
    return ParryHarness.onStore(
        store, b -> b.deviceGroups(Samples.groups()).limits(limits).instanceName(name));
  }

  static void allSucceeded(ParryHarness parry) {
    parry
        .runtime()
        .actions(ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build(), ParryHarness.ANALYST)
        .items()
        .forEach(a -> assertEquals(ActionStatus.SUCCEEDED, a.status(), a::toString));
  }

  @Test
  @DisplayName(
      "100 a minute lets no more than 100 through in any minute: not 150 in the first 30 seconds")
  void noBurstPastTheLimit() {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .limits(LIMITS.withRateLimit(RateLimit.of(100, Duration.ofMinutes(1)))))) {
      Instant start = parry.clock().instant();
      for (int i = 0; i < 300; i++) {
        quarantine(parry, i);
      }
      parry.advance(Duration.ofSeconds(30));
      List<Instant> firstHalfMinute = executeTimes(parry);
      assertTrue(
          firstHalfMinute.size() <= 100, "calls in the first 30 s: " + firstHalfMinute.size());
      parry.advance(Duration.ofMinutes(10));
      List<Instant> times = executeTimes(parry);
      assertEquals(300, times.size(), "every action was called in the end");
      assertTrue(
          mostInAnyWindow(times, Duration.ofMinutes(1)) <= 100,
          "most calls in any minute: " + mostInAnyWindow(times, Duration.ofMinutes(1)));
      assertTrue(
          times.get(times.size() - 1).isBefore(start.plus(Duration.ofMinutes(4))),
          "no needless waiting");
      allSucceeded(parry);
    }
  }

  @Test
  @DisplayName("two limits hold at once: 10 a minute and 25 an hour (scaled from 100 and 1,500)")
  void severalLimitsAtOnce() {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .limits(
                        LIMITS.withRateLimit(
                            RateLimit.of(10, Duration.ofMinutes(1)),
                            RateLimit.of(25, Duration.ofHours(1)))))) {
      for (int i = 0; i < 60; i++) {
        quarantine(parry, i);
      }
      parry.advance(Duration.ofHours(3));
      List<Instant> times = executeTimes(parry);
      assertEquals(60, times.size());
      assertTrue(mostInAnyWindow(times, Duration.ofMinutes(1)) <= 10, "per minute");
      assertTrue(
          mostInAnyWindow(times, Duration.ofHours(1)) <= 25,
          "most in any hour: " + mostInAnyWindow(times, Duration.ofHours(1)));
      allSucceeded(parry);
    }
  }

  @Test
  @DisplayName("two runtimes on one store share the limit: 10 a minute in all, not 10 each")
  void sharedByRuntimesOnOneStore() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    Limits limits = LIMITS.withRateLimit(RateLimit.of(10, Duration.ofMinutes(1)));
    try (ParryHarness a = onStore(store, limits, "a");
        ParryHarness b = onStore(store, limits, "b")) {
      for (int i = 0; i < 20; i++) {
        quarantine(a, i);
        quarantine(b, 100 + i);
      }
      for (int step = 0; step < 60 * 6; step++) { // the two runtimes' clocks move together
        a.advance(Duration.ofSeconds(1));
        b.advance(Duration.ofSeconds(1));
      }
      List<Instant> times = executeTimes(a, b);
      assertEquals(40, times.size(), "every action was called in the end");
      assertTrue(
          mostInAnyWindow(times, Duration.ofMinutes(1)) <= 10,
          "most calls in any minute across both: " + mostInAnyWindow(times, Duration.ofMinutes(1)));
    }
  }

  @Test
  @DisplayName(
      "two runtimes counting in blocks under 2,000 a second, one behind a store whose admissions"
          + " fail after counting and answered a 429, the other polling: no second holds more"
          + " than 2,000 backend calls across both, and every action is called")
  void blocksHoldAcrossRuntimes() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    FaultyStore faulty = FaultyStore.wrapping(store, 11);
    Limits limits = LIMITS.withRateLimit(RateLimit.of(2_000, Duration.ofSeconds(1)));
    try (ParryHarness a = onStore(faulty, limits, "a");
        ParryHarness b = onStore(store, limits, "b")) {
      a.runtime().start(); // the reconciler picks up what a failed count left due
      b.runtime().start();
      b.devices().inject(Fault.inProgress(2), 40); // 40 actions polled until done
      for (int i = 0; i < 1_500; i++) {
        if (i == 500) {
          faulty.failNext(FaultyStore.Call.CONTROL_ADMIT, 50, true); // counted, answer lost
          a.devices().inject(Fault.rateLimited(Duration.ofMillis(300)), 1);
        }
        quarantine(a, i);
        quarantine(b, 10_000 + i);
      }
      for (int step = 0; step < 600; step++) { // the two runtimes' clocks move together
        a.advance(Duration.ofMillis(50));
        b.advance(Duration.ofMillis(50));
      }
      for (int step = 0; step < 300; step++) { // the polls, 30 s apart
        a.advance(Duration.ofSeconds(1));
        b.advance(Duration.ofSeconds(1));
      }
      List<Instant> times = new ArrayList<>();
      for (ParryHarness parry : List.of(a, b)) {
        parry.devices().calls().stream()
            .filter(c -> !c.operation().equals("cancel"))
            .map(Call::at)
            .forEach(times::add);
      }
      times.sort(null);
      assertTrue(executeTimes(a).size() >= 1_500, "runtime a called: " + executeTimes(a).size());
      assertEquals(1_500, executeTimes(b).size(), "runtime b called each once");
      assertTrue(times.size() >= 3_000 + 40 * 2, "calls with the polls: " + times.size());
      assertTrue(
          mostInAnyWindow(times, Duration.ofSeconds(1)) <= 2_000,
          "most backend calls in any second across both: "
              + mostInAnyWindow(times, Duration.ofSeconds(1)));
      allSucceeded(a);
      allSucceeded(b);
    }
  }

  @Test
  @DisplayName(
      "an action waiting on one runtime for the shared limit is carried by it: the store answers"
          + " it as due to no other runtime, which leaves it alone")
  void waitingForTheLimitHoldsTheLease() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    Limits limits = LIMITS.withRateLimit(RateLimit.of(10, Duration.ofMinutes(1)));
    try (ParryHarness a = onStore(store, limits, "a");
        ParryHarness b = onStore(store, limits, "b")) {
      a.runtime().start();
      b.runtime().start(); // its reconciler looks for due work on every tick
      for (int i = 0; i < 30; i++) {
        quarantine(a, i); // 10 called at once, 20 wait for the limit on runtime a
      }
      for (int step = 0; step < 50; step++) { // the two runtimes' clocks move together
        a.advance(Duration.ofSeconds(1));
        b.advance(Duration.ofSeconds(1));
        assertEquals(
            List.of(),
            store.due(a.clock().instant(), "b", null, 100),
            "due to runtime b while runtime a waits to call them");
      }
      a.advance(Duration.ofMinutes(3));
      assertEquals(30, executeTimes(a).size(), "runtime a called every action");
      assertEquals(List.of(), executeTimes(b), "runtime b called none");
    }
  }

  @Test
  @DisplayName(
      "an action queued on one runtime behind its family's concurrency cap is carried by it: the"
          + " store answers it as due to no other runtime")
  void queuedBehindTheCapHoldsTheLease() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    Limits limits = LIMITS.withMaxConcurrentPerFamily(1);
    try (ParryHarness a = onStore(store, limits, "a")) {
      a.devices().inject(Fault.inProgress(1000), 1); // the first call keeps the only permit
      for (int i = 0; i < 3; i++) {
        quarantine(a, i);
      }
      a.settle();
      assertEquals(1, executeTimes(a).size(), "the first action called, two queued");
      assertEquals(
          List.of(),
          store.due(a.clock().instant(), "b", null, 100),
          "due to another runtime while runtime a carries them");
    }
  }

  @Test
  @DisplayName("a 429 with Retry-After on one action holds the whole family until then")
  void retryAfterSlowsTheFamily() {
    try (ParryHarness parry =
        ParryHarness.create(b -> b.deviceGroups(Samples.groups()).limits(LIMITS))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofMinutes(5)), 1);
      quarantine(parry, 0);
      parry.settle();
      Instant throttled = parry.clock().instant();
      for (int i = 1; i <= 5; i++) {
        quarantine(parry, i);
      }
      parry.advance(Duration.ofMinutes(4));
      assertEquals(
          1, executeTimes(parry).size(), "no call of the family while the backend asked to wait");
      parry.advance(Duration.ofMinutes(2));
      List<Instant> times = executeTimes(parry);
      assertEquals(7, times.size(), "the throttled action again and the five that waited");
      assertTrue(
          times.subList(1, times.size()).stream()
              .allMatch(t -> !t.isBefore(throttled.plus(Duration.ofMinutes(5)))),
          times::toString);
      allSucceeded(parry);
    }
  }

  @Test
  @DisplayName(
      "while the shared count cannot be kept, nothing is sent; once it can, each action is sent once")
  void countUnavailableSendsNothing() {
    FaultyStore store = FaultyStore.wrapping(InMemoryInvestigationStore.create(), 7);
    try (ParryHarness parry =
        ParryHarness.onStore(store, b -> b.deviceGroups(Samples.groups()).limits(LIMITS))) {
      parry.runtime().start();
      store.failNext(FaultyStore.Call.CONTROL_ADMIT, Integer.MAX_VALUE, false);
      quarantine(parry, 0);
      parry.advance(Duration.ofMinutes(10));
      assertEquals(0, executeTimes(parry).size());
      store.heal();
      parry.advance(Duration.ofMinutes(5));
      assertEquals(1, executeTimes(parry).size());
      allSucceeded(parry);
    }
  }

  @Test
  @DisplayName(
      "a status query is a call to the backend: polls count against the limit with the calls that start actions")
  void statusQueriesCount() {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .limits(LIMITS.withRateLimit(RateLimit.of(10, Duration.ofMinutes(1)))))) {
      parry
          .devices()
          .inject(Fault.inProgress(6), 20); // each of 20 actions answers "in progress" six times
      for (int i = 0; i < 20; i++) {
        quarantine(parry, i);
      }
      parry.advance(Duration.ofHours(2));
      List<Instant> times = new ArrayList<>();
      parry.devices().calls().stream()
          .filter(c -> !c.operation().equals("cancel"))
          .map(Call::at)
          .forEach(times::add);
      times.sort(null);
      assertTrue(times.size() >= 20 * 7, "every action was started and polled: " + times.size());
      assertTrue(
          mostInAnyWindow(times, Duration.ofMinutes(1)) <= 10,
          "most backend calls in any minute: " + mostInAnyWindow(times, Duration.ofMinutes(1)));
      allSucceeded(parry);
    }
  }
}
