package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.ForwardingStore;
import dev.parry.testkit.time.TestClock;
import dev.parry.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Dispatch rules: retries, backoff, polling, deadlines, de-duplication, limits, expiry, restart")
class DispatchTest {

  static final Limits LIMITS =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofHours(1));

  ParryHarness parry = harness(b -> {});

  static ParryHarness harness(Consumer<ParryRuntime.Builder> more) {
    return ParryHarness.create(
        b -> {
          b.deviceGroups(Samples.groups()).limits(LIMITS).planTable(Samples.ISOLATE_AUTOMATICALLY);
          more.accept(b);
        });
  }

  @AfterEach
  void close() {
    parry.close();
  }

  ActionRecord isolate(ParryHarness on, String id, Device device) {
    InvestigationId investigation = open(on, id, device);
    on.runtime().reportEvidence(investigation, evidence(on, device, Verdict.MALICIOUS));
    return on.runtime()
        .investigation(investigation, ParryHarness.ANALYST)
        .orElseThrow()
        .actions()
        .get(0);
  }

  ActionRecord reload(ActionRecord action) {
    return parry
        .runtime()
        .investigation(action.id().investigation(), ParryHarness.ANALYST)
        .orElseThrow()
        .action(action.id())
        .orElseThrow();
  }

  List<Call> executes() {
    return parry.devices().calls().stream().filter(c -> c.operation().equals("execute")).toList();
  }

  @Test
  @DisplayName(
      "retryable failures are retried with exponential backoff, the same idempotency key and rising attempts")
  void retries() {
    parry.devices().inject(Fault.failRetryable("HTTP 503", null), 2);
    ActionRecord action = isolate(parry, "inv-1", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(2));
    assertEquals(ActionStatus.SUCCEEDED, reload(action).status());
    List<Call> calls = executes();
    assertEquals(3, calls.size());
    assertEquals(
        Set.of(calls.get(0).request().idempotencyKey()),
        Set.copyOf(calls.stream().map(c -> c.request().idempotencyKey()).toList()));
    assertEquals(List.of(1, 2, 3), calls.stream().map(c -> c.request().attempt()).toList());
    Duration first = Duration.between(calls.get(0).at(), calls.get(1).at());
    Duration second = Duration.between(calls.get(1).at(), calls.get(2).at());
    assertTrue(
        first.compareTo(Duration.ofSeconds(10)) >= 0
            && first.compareTo(Duration.ofSeconds(12)) <= 0,
        first::toString);
    assertTrue(
        second.compareTo(Duration.ofSeconds(20)) >= 0
            && second.compareTo(Duration.ofSeconds(24)) <= 0,
        second::toString);
    assertEquals(
        1, parry.devices().timesApplied(new IsolateDevice(WORKSTATION, IsolationType.FULL)));
    assertEquals(3, reload(action).attempts());
  }

  @Test
  @DisplayName(
      "a first backoff longer than the longest waits the longest: no retry waits past backoffMax")
  void backoffBaseLongerThanMax() {
    parry.close();
    parry =
        harness(b -> b.limits(LIMITS.withBackoff(Duration.ofMinutes(10), Duration.ofSeconds(30))));
    parry.devices().inject(Fault.failRetryable("HTTP 503", null), 2);
    ActionRecord action = isolate(parry, "inv-backoff", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(2));
    assertEquals(ActionStatus.SUCCEEDED, reload(action).status());
    List<Call> calls = executes();
    assertEquals(3, calls.size());
    for (int i = 1; i < calls.size(); i++) {
      assertEquals(
          Duration.ofSeconds(30),
          Duration.between(calls.get(i - 1).at(), calls.get(i).at()),
          "retry " + i);
    }
  }

  @Test
  @DisplayName("retries stop at the attempt limit and the action fails with the reason")
  void exhausted() {
    parry.devices().inject(Fault.failRetryable("HTTP 503", null), 10);
    ActionRecord action = isolate(parry, "inv-2", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(2));
    assertEquals(ActionStatus.FAILED, reload(action).status());
    assertTrue(reload(action).note().contains("HTTP 503"), reload(action).note());
    assertEquals(4, executes().size());
  }

  @Test
  @DisplayName("a non-retryable failure fails at once; a Retry-After is honoured")
  void permanentAndRetryAfter() {
    parry.devices().inject(ActionKind.ISOLATE_DEVICE, Fault.fail("device offboarded"), 1);
    ActionRecord failed = isolate(parry, "inv-3", WORKSTATION);
    parry.settle();
    assertEquals(ActionStatus.FAILED, reload(failed).status());
    assertEquals(1, executes().size());

    Device other = Device.of(DeviceId.of("d-ws-9"), DeviceName.of("ws-9"));
    parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
    ActionRecord limited = isolate(parry, "inv-4", other);
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    List<Call> calls = executes();
    assertEquals(Duration.ofSeconds(45), Duration.between(calls.get(1).at(), calls.get(2).at()));
    assertEquals(ActionStatus.SUCCEEDED, reload(limited).status());
  }

  @Test
  @DisplayName("work answered in progress is polled until it finishes")
  void polling() {
    parry.devices().inject(Fault.inProgress(3), 1);
    ActionRecord action = isolate(parry, "inv-5", WORKSTATION);
    parry.settle();
    assertEquals(ActionStatus.IN_PROGRESS, reload(action).status());
    parry.advance(Duration.ofMinutes(5));
    assertEquals(ActionStatus.SUCCEEDED, reload(action).status());
    assertEquals(
        3, parry.devices().calls().stream().filter(c -> c.operation().equals("status")).count());
  }

  @Test
  @DisplayName("work still in progress at the action deadline times out")
  void deadline() {
    parry.devices().inject(Fault.inProgress(10_000), 1);
    ActionRecord action = isolate(parry, "inv-6", WORKSTATION);
    parry.advance(Duration.ofHours(2));
    assertEquals(ActionStatus.TIMED_OUT, reload(action).status());
  }

  @Test
  @DisplayName(
      "an executor that never answers, throws or answers null gives a timed-out or failed action, and nothing else is affected")
  void misbehaviour() {
    Device a = Device.of(DeviceId.of("d-a"), DeviceName.of("ws-a"));
    Device b = Device.of(DeviceId.of("d-b"), DeviceName.of("ws-b"));
    Device c = Device.of(DeviceId.of("d-c"), DeviceName.of("ws-c"));
    parry.devices().inject(Fault.neverAnswer(), 4);
    ActionRecord silent = isolate(parry, "inv-7", a);
    parry.advance(Duration.ofHours(1));
    assertEquals(ActionStatus.TIMED_OUT, reload(silent).status());
    assertEquals(4, executes().size(), "each silent attempt was retried up to the limit");

    parry.devices().inject(Fault.throwing("boom\r\nforged log line"), 1);
    ActionRecord thrown = isolate(parry, "inv-8", b);
    parry.devices().inject(Fault.nullStage(), 1);
    ActionRecord nulled = isolate(parry, "inv-9", c);
    ActionRecord healthy = isolate(parry, "inv-10", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(ActionStatus.FAILED, reload(thrown).status());
    assertTrue(reload(thrown).note().contains("executor threw"), reload(thrown).note());
    assertTrue(
        reload(thrown).note().chars().noneMatch(ch -> ch == '\r' || ch == '\n'),
        "no raw CR/LF recorded");
    assertEquals(ActionStatus.FAILED, reload(nulled).status());
    assertTrue(reload(nulled).note().contains("null"), reload(nulled).note());
    assertEquals(ActionStatus.SUCCEEDED, reload(healthy).status());
    assertTrue(
        parry.scheduler().failures().isEmpty(), () -> parry.scheduler().failures().toString());
  }

  @Test
  @DisplayName("an executor whose callback fires twice is recorded once")
  void completeTwice() {
    parry.devices().inject(Fault.completeTwice(), 1);
    ActionRecord action = isolate(parry, "inv-twice", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(ActionStatus.SUCCEEDED, reload(action).status());
    assertEquals(
        1,
        parry.events().stream()
            .filter(
                e -> e instanceof dev.parry.core.investigation.InvestigationEvent.ActionSucceeded)
            .count());
    assertTrue(parry.scheduler().failures().isEmpty());
  }

  @Test
  @DisplayName("a device offline for a while is retried until it comes back")
  void offlineDevice() {
    parry.close();
    parry = harness(b -> b.limits(LIMITS.withMaxAttempts(10)));
    parry
        .devices()
        .offlineUntil(WORKSTATION.id(), parry.clock().instant().plus(Duration.ofMinutes(2)));
    ActionRecord action = isolate(parry, "inv-offline", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(ActionStatus.SUCCEEDED, reload(action).status());
    List<Call> calls = executes();
    assertTrue(calls.size() > 2, () -> "retried while offline: " + calls.size());
    assertTrue(
        !calls.get(calls.size() - 1).at().isBefore(calls.get(0).at().plus(Duration.ofMinutes(2))));
  }

  @Test
  @DisplayName("the same action on the same target in two investigations is dispatched once")
  void deduplication() {
    parry.devices().inject(Fault.latency(Duration.ofSeconds(30)), 1);
    ActionRecord first = isolate(parry, "inv-11", WORKSTATION);
    ActionRecord second = isolate(parry, "inv-12", WORKSTATION);
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(1, executes().size());
    assertEquals(ActionStatus.SUCCEEDED, reload(first).status());
    assertEquals(ActionStatus.SUCCEEDED, reload(second).status());
    assertTrue(reload(second).note().contains(first.id().toString()), reload(second).note());
  }

  @Test
  @DisplayName("when the action others wait on is cancelled, the waiting one is dispatched itself")
  void cancelledLeaderReleasesFollowers() {
    parry
        .devices()
        .inject(Fault.inProgress(100), 1); // in progress at the backend, which can stop it
    ActionRecord first = isolate(parry, "inv-lead", WORKSTATION);
    parry.settle();
    ActionRecord second = isolate(parry, "inv-follow", WORKSTATION);
    parry.settle();
    assertEquals(1, executes().size(), "the second waits for the first");
    parry.runtime().cancel(first.id(), ANALYST, "wrong device");
    parry.scheduler().runUntilIdle(Duration.ofMinutes(10));
    assertEquals(ActionStatus.CANCELLED, reload(first).status());
    assertEquals(ActionStatus.SUCCEEDED, reload(second).status());
    assertEquals(2, executes().size());
  }

  @Test
  @DisplayName("the concurrency cap queues work instead of failing it")
  void concurrencyCap() {
    parry.close();
    parry = harness(b -> b.limits(LIMITS.withMaxConcurrentPerFamily(2)));
    parry.devices().inject(Fault.latency(Duration.ofSeconds(5)), 100);
    for (int i = 0; i < 6; i++) {
      isolate(parry, "inv-c" + i, Device.of(DeviceId.of("d-c" + i), DeviceName.of("ws-c" + i)));
    }
    parry.settle();
    assertEquals(2, executes().size(), "two in flight at most");
    parry.advance(Duration.ofSeconds(5));
    assertEquals(4, executes().size(), "the next two start as the first two finish");
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(6, executes().size());
    parry
        .runtime()
        .actions(ActionQuery.all().build(), ANALYST)
        .items()
        .forEach(a -> assertEquals(ActionStatus.SUCCEEDED, a.status()));
  }

  @Test
  @DisplayName("the rate limit spaces calls out instead of failing them: 3 a minute, in any minute")
  void rateLimit() {
    parry.close();
    parry = harness(b -> b.limits(LIMITS.withRateLimit(RateLimit.of(3, Duration.ofMinutes(1)))));
    Instant start = parry.clock().instant();
    for (int i = 0; i < 6; i++) {
      isolate(parry, "inv-r" + i, Device.of(DeviceId.of("d-r" + i), DeviceName.of("ws-r" + i)));
    }
    parry.scheduler().runUntilIdle(Duration.ofHours(1));
    List<Instant> times = executes().stream().map(Call::at).toList();
    assertEquals(
        List.of(
            start,
            start,
            start,
            start.plusSeconds(60),
            start.plusSeconds(60),
            start.plusSeconds(60)),
        times);
    parry
        .runtime()
        .actions(ActionQuery.all().build(), ANALYST)
        .items()
        .forEach(a -> assertEquals(ActionStatus.SUCCEEDED, a.status()));
  }

  @Test
  @DisplayName("a pending action expires after 7 days and counts as rejected")
  void expiry() {
    InvestigationId id = open(parry, "inv-13", SERVER);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.MALICIOUS));
    parry.advance(Duration.ofDays(7).minusSeconds(1));
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        parry
            .runtime()
            .investigation(id, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .status());
    parry.advance(Duration.ofSeconds(1));
    assertEquals(
        ActionStatus.EXPIRED,
        parry
            .runtime()
            .investigation(id, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .status());
  }

  @Test
  @DisplayName(
      "approval expiry per kind: an isolation waits one hour, other kinds the default 7 days")
  void expiryPerKind() {
    parry.close();
    parry = harness(b -> b.pendingExpiry(ActionKind.ISOLATE_DEVICE, Duration.ofHours(1)));
    InvestigationId id = open(parry, "inv-kind", SERVER);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.MALICIOUS));
    parry.runtime().reportEvidence(id, evidence(parry, Samples.PROCESS, Verdict.MALICIOUS));
    parry.advance(Duration.ofHours(1));
    List<ActionRecord> actions =
        parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
    assertEquals(
        ActionStatus.EXPIRED, actions.get(0).status(), "the isolation expired after its hour");
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        actions.get(1).status(),
        "the kill waits for the default expiry");
    parry.advance(Duration.ofDays(7));
    assertEquals(
        ActionStatus.EXPIRED,
        parry
            .runtime()
            .investigation(id, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(1)
            .status());
  }

  /**
   * Opens investigation {@code name} on the server and approves and starts its isolation as another
   * runtime would, which then holds the lease for {@code lease} and dies.
   */
  private ActionId startedElsewhere(String name, Duration lease) {
    InvestigationId id = open(parry, name, SERVER);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.MALICIOUS));
    Investigation state = parry.store().load(id).orElseThrow();
    ActionId action = state.actions().get(0).id();
    for (Command command :
        List.of(
            new Command.Approve(action, PrincipalName.of("elsewhere@contoso.com"), ""),
            new Command.Start(action))) {
      Decision.Accepted next = (Decision.Accepted) state.decide(command, parry.clock().instant());
      parry.store().append(id, state.version(), next.events(), next.after());
      state = next.after();
    }
    assertTrue(parry.store().claim(action, "replica-that-died", parry.clock().instant(), lease));
    return action;
  }

  @Test
  @DisplayName(
      "an action a dead runtime left in progress is resumed once its lease ends, with the same key, once")
  void watchdogResumesAfterTheLease() {
    ActionId action = startedElsewhere("inv-orphan", Duration.ofMinutes(5));
    parry.advance(Duration.ofMinutes(4));
    assertEquals(ActionStatus.IN_PROGRESS, parry.action(action).status());
    assertTrue(
        parry.devices().calls().isEmpty(), "dispatched while another runtime held the lease");
    parry.advance(Duration.ofMinutes(5));
    assertEquals(ActionStatus.SUCCEEDED, parry.action(action).status());
    assertEquals(1, parry.devices().calls().size());
    assertEquals(
        action + ":execute", parry.devices().calls().get(0).request().idempotencyKey().value());
  }

  @Test
  @DisplayName(
      "a runtime whose lease was taken over drops the action: its late answer records nothing")
  void lostLeaseDropsTheFlight() {
    parry.close();
    AtomicBoolean stolen = new AtomicBoolean();
    ForwardingStore store =
        new ForwardingStore(InMemoryInvestigationStore.create()) {
          @Override
          public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
            return !stolen.get() && super.claim(action, owner, now, lease);
          }
        };
    parry =
        ParryHarness.onStore(
            store,
            b ->
                b.deviceGroups(Samples.groups())
                    .limits(LIMITS)
                    .planTable(Samples.ISOLATE_AUTOMATICALLY));
    parry.devices().inject(Fault.latency(Duration.ofMinutes(1)), 1);
    InvestigationId id = open(parry, "inv-stolen", WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, WORKSTATION, Verdict.MALICIOUS));
    parry.advance(Duration.ofSeconds(1));
    ActionId action = parry.store().load(id).orElseThrow().actions().get(0).id();
    assertEquals(1, parry.devices().calls().size(), "the executor was called");
    stolen.set(true); // another runtime holds the lease from now on (this one stalled past it)
    parry.advance(
        Duration.ofMinutes(2)); // the lease keeper finds it lost; the executor answers at 1 minute
    assertEquals(
        1, parry.devices().timesApplied(new IsolateDevice(WORKSTATION, IsolationType.FULL)));
    assertEquals(
        ActionStatus.IN_PROGRESS,
        parry.action(action).status(),
        "the runtime recorded an outcome for an action it no longer held");
  }

  @Test
  @DisplayName(
      "the watchdog times out an action whose dead runtime held it past its deadline, and emits the event")
  void watchdog() {
    ActionId action = startedElsewhere("inv-stuck", Duration.ofHours(2));
    parry.advance(Duration.ofMinutes(59));
    assertEquals(ActionStatus.IN_PROGRESS, parry.action(action).status());
    parry.advance(Duration.ofMinutes(90));
    assertEquals(ActionStatus.TIMED_OUT, parry.action(action).status());
    assertTrue(
        parry.events().stream().anyMatch(e -> e instanceof InvestigationEvent.ActionTimedOut));
    assertTrue(parry.devices().calls().isEmpty(), "an action past its deadline is not dispatched");
    parry.advance(
        Duration.ofMinutes(1)); // the lease keeper runs: it must not take the settled action back
    assertTrue(
        parry
            .store()
            .claim(action, "another-runtime", parry.clock().instant(), Duration.ofSeconds(30)),
        "the runtime still holds the lease of an action it timed out");
  }

  @Test
  @DisplayName("a saturated scheduler loses no approved action: the watchdog resubmits it")
  void saturatedScheduler() {
    parry.close();
    AtomicInteger rejections = new AtomicInteger(1);
    TestClock clock = TestClock.create();
    VirtualScheduler virtual = VirtualScheduler.on(clock);
    TaskScheduler saturated =
        new TaskScheduler() {
          @Override
          public void execute(Runnable task) {
            if (rejections.getAndDecrement() > 0) {
              throw new RejectedExecutionException("pool full");
            }
            virtual.execute(task);
          }

          @Override
          public Cancellable schedule(Duration delay, Runnable task) {
            return virtual.schedule(delay, task);
          }
        };
    FakeDevices devices = FakeDevices.create(clock);
    try (ParryRuntime runtime =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(saturated)
            .limits(LIMITS)
            .requiredKinds(Set.of())
            .executor("d", devices.executor())
            .planTable(Samples.ISOLATE_AUTOMATICALLY)
            .build()) {
      runtime.start();
      InvestigationId id = InvestigationId.of("inv-full");
      runtime.open(id, AlertId.of("a"), WORKSTATION);
      runtime.reportEvidence(id, Evidence.of(WORKSTATION, Verdict.MALICIOUS, "", clock.instant()));
      virtual.runDue();
      assertEquals(
          ActionStatus.APPROVED,
          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0).status(),
          "the dispatch was refused by the full pool");
      virtual.advance(Duration.ofMinutes(10));
      assertEquals(
          ActionStatus.SUCCEEDED,
          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0).status());
      assertTrue(devices.isIsolated(WORKSTATION.id()));
    }
  }

  @Test
  @DisplayName(
      "after a restart, approved and in-progress actions resume with the same key and take effect once")
  void restart() {
    parry.devices().inject(Fault.neverAnswer(), 1);
    Device other = Device.of(DeviceId.of("d-r"), DeviceName.of("ws-r"));
    ActionRecord inFlight = isolate(parry, "inv-15", other);
    parry.settle();
    assertEquals(ActionStatus.IN_PROGRESS, reload(inFlight).status());
    ActionRecord approved = isolate(parry, "inv-14", WORKSTATION);
    assertEquals(ActionStatus.APPROVED, reload(approved).status());
    parry.restart();
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, reload(approved).status());
    assertEquals(ActionStatus.SUCCEEDED, reload(inFlight).status());
    assertEquals(
        1, parry.devices().timesApplied(new IsolateDevice(WORKSTATION, IsolationType.FULL)));
    assertEquals(1, parry.devices().timesApplied(new IsolateDevice(other, IsolationType.FULL)));
    List<Call> otherCalls =
        executes().stream().filter(c -> c.request().actionId().equals(inFlight.id())).toList();
    assertEquals(2, otherCalls.size());
    assertEquals(
        otherCalls.get(0).request().idempotencyKey(), otherCalls.get(1).request().idempotencyKey());

    InvestigationId pending = open(parry, "inv-16", SERVER);
    parry.runtime().reportEvidence(pending, evidence(parry, SERVER, Verdict.MALICIOUS));
    parry.restart();
    parry.advance(Duration.ofDays(7));
    assertEquals(
        ActionStatus.EXPIRED,
        parry
            .runtime()
            .investigation(pending, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .status(),
        "expiry timers are re-armed on start");
  }
}
