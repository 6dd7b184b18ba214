package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Reliability: concurrent callers and a failing store lose nothing and decide nothing twice")
class ReliabilityTest {

  static final int THREADS = 8;
  static final int INVESTIGATIONS = 50;
  static final int OPERATIONS_PER_THREAD = 2_000;

  @Test
  @DisplayName(
      "8 threads approve, reject, undo, cancel and report evidence on 50 shared investigations, 10 rounds")
  void concurrentRounds() throws Exception {
    for (int round = 0; round < 10; round++) {
      concurrentOperations();
    }
  }

  void concurrentOperations() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    FakeDevices devices = FakeDevices.create(clock);
    Map<InvestigationId, Long> versions = new HashMap<>();
    try (ParryRuntime runtime =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(TaskScheduler.threadPool(2))
            .store(store)
            .deviceGroups(Samples.groups())
            .planTable(Samples.ISOLATE_AUTOMATICALLY)
            .limits(Limits.defaults().withRateLimit(RateLimit.of(1_000_000, Duration.ofSeconds(1))))
            .executor("d", devices.executor())
            .executor("m", FakeMail.create(clock).executor())
            .executor("i", FakeDirectory.create(clock).executor())
            .build()) {
      runtime.start();
      List<InvestigationId> ids = new ArrayList<>();
      for (int i = 0; i < INVESTIGATIONS; i++) {
        InvestigationId id = InvestigationId.of("rel-" + i);
        runtime.open(id, AlertId.of("a"), i % 2 == 0 ? Samples.SERVER : Samples.WORKSTATION);
        ids.add(id);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger refused = new AtomicInteger();
      AtomicBoolean readerSawShrink = new AtomicBoolean();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = 1000L + t;
        Caller caller =
            Caller.of("analyst-" + t + "@contoso.com", Permission.SECURITY_ADMINISTRATOR);
        work.add(
            pool.submit(
                () -> {
                  go.await();
                  Random random = new Random(seed);
                  for (int n = 0; n < OPERATIONS_PER_THREAD; n++) {
                    InvestigationId id = ids.get(random.nextInt(ids.size()));
                    try {
                      List<ActionRecord> actions =
                          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
                      ActionId pick =
                          actions.isEmpty()
                              ? null
                              : actions.get(random.nextInt(actions.size())).id();
                      switch (random.nextInt(6)) {
                        case 0 ->
                            runtime.reportEvidence(
                                id,
                                Evidence.of(
                                    Device.of(
                                        DeviceId.of("c-" + random.nextInt(40)),
                                        DeviceName.of("ws")),
                                    Verdict.MALICIOUS,
                                    "",
                                    Instant.now()));
                        case 1 -> {
                          if (pick != null) runtime.approve(pick, caller, "");
                        }
                        case 2 -> {
                          if (pick != null) runtime.reject(pick, caller, "");
                        }
                        case 3 -> {
                          if (pick != null) runtime.undo(pick, caller, "");
                        }
                        case 4 -> {
                          if (pick != null) runtime.cancel(pick, caller, "");
                        }
                        default -> {
                          long version =
                              runtime
                                  .investigation(id, ParryHarness.ANALYST)
                                  .orElseThrow()
                                  .version();
                          synchronized (versions) {
                            Long before =
                                versions.put(id, Math.max(version, versions.getOrDefault(id, 0L)));
                            if (before != null && version < before - 1_000_000) {
                              readerSawShrink.set(true);
                            }
                          }
                        }
                      }
                    } catch (CommandRejectedException e) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> future : work) {
        future.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      // let dispatches finish
      Instant end = Instant.now().plus(Duration.ofSeconds(20));
      while (Instant.now().isBefore(end)
          && !store
              .queryActions(
                  ActionQuery.all()
                      .statuses(
                          java.util.EnumSet.of(
                              ActionStatus.APPROVED,
                              ActionStatus.IN_PROGRESS,
                              ActionStatus.UNDO_IN_PROGRESS))
                      .limit(1)
                      .build())
              .items()
              .isEmpty()) {
        Thread.sleep(10);
      }
      List<ActionRecord> stuck =
          store
              .queryActions(
                  ActionQuery.all()
                      .statuses(
                          java.util.EnumSet.of(
                              ActionStatus.APPROVED,
                              ActionStatus.IN_PROGRESS,
                              ActionStatus.UNDO_IN_PROGRESS))
                      .limit(20)
                      .build())
              .items();
      assertTrue(
          stuck.isEmpty(),
          () ->
              "every dispatched action settled, but: "
                  + stuck
                  + " "
                  + runtime
                  + " history: "
                  + (stuck.isEmpty() ? "" : store.events(stuck.get(0).id().investigation())));
      int events = 0;
      for (InvestigationId id : ids) {
        List<InvestigationEvent> log = store.events(id);
        Investigation state = store.load(id).orElseThrow();
        events += log.size();
        assertEquals(
            state,
            Investigation.replay(log),
            "no event lost or reordered: the log rebuilds the state");
        assertEquals(log.size(), state.version());
        Map<ActionId, Integer> decisions = new HashMap<>();
        for (InvestigationEvent event : log) {
          if (event instanceof InvestigationEvent.ApprovalGranted granted && granted.quorumReached()
              || event instanceof InvestigationEvent.ActionRejected
              || event instanceof InvestigationEvent.ActionExpired) {
            decisions.merge(((InvestigationEvent.ActionEvent) event).actionId(), 1, Integer::sum);
          }
        }
        decisions.forEach(
            (action, count) ->
                assertEquals(1, count, () -> action + " decided " + count + " times"));
        boolean settled = state.actions().stream().allMatch(a -> a.status().isSettled());
        assertEquals(state.isAnalysisFinished() && settled, state.isComplete());
      }
      assertTrue(events > INVESTIGATIONS * 5, "the threads did real work: " + events + " events");
      assertTrue(refused.get() > 0, "some operations raced and were refused");
      assertTrue(!readerSawShrink.get());
    }
  }

  /**
   * Fails about one append in {@code every}, at seeded random, so that callers and background work
   * both see failures.
   */
  static final class FailingStore extends ForwardingStore {
    final Random random = new Random(7);
    final int every;

    FailingStore(int every) {
      super(InMemoryInvestigationStore.create());
      this.every = every;
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      boolean fail;
      synchronized (random) {
        fail = random.nextInt(every) == 0;
      }
      if (fail) {
        throw new IllegalStateException("database unavailable");
      }
      return super.append(id, expectedVersion, events, after);
    }
  }

  @Test
  @DisplayName(
      "a store that fails writes: the caller sees the failure, nothing is half-applied, the rest carries on")
  void failingStore() {
    FailingStore store = new FailingStore(3);
    try (ParryHarness parry =
        ParryHarness.onStore(
            store,
            b -> b.deviceGroups(Samples.groups()).planTable(Samples.ISOLATE_AUTOMATICALLY))) {
      int failures = 0;
      List<InvestigationId> opened = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        InvestigationId id = InvestigationId.of("fs-" + i);
        try {
          parry.runtime().open(id, AlertId.of("a"), Samples.WORKSTATION);
          opened.add(id);
          parry
              .runtime()
              .reportEvidence(
                  id,
                  Samples.evidence(
                      parry,
                      Device.of(DeviceId.of("fs-" + i), DeviceName.of("ws")),
                      Verdict.MALICIOUS));
        } catch (IllegalStateException e) {
          assertEquals("database unavailable", e.getMessage());
          failures++;
        }
        parry.settle();
      }
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertTrue(failures > 5, "failures seen by callers: " + failures);
      assertTrue(
          parry.scheduler().failures().isEmpty(),
          () -> "background work failed: " + parry.scheduler().failures());
      for (InvestigationId id : opened) {
        Investigation state = store.load(id).orElseThrow();
        assertEquals(state, Investigation.replay(store.events(id)), "every investigation is whole");
        for (ActionRecord action : state.actions()) {
          assertEquals(
              ActionStatus.SUCCEEDED,
              action.status(),
              () -> "retried through the failures: " + action);
          assertEquals(
              1, parry.devices().timesApplied(action.action()), "took effect exactly once");
        }
      }
      assertThrows(
          IllegalStateException.class,
          () -> {
            for (int i = 0; i < 8; i++) {
              parry
                  .runtime()
                  .open(InvestigationId.of("fs-more-" + i), AlertId.of("a"), Samples.WORKSTATION);
            }
          });
    }
  }
}
