package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.runtime.TaskScheduler;
import dev.parry.runtime.UnknownActionException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.FakeDevices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Cancel racing the dispatch on real threads: an action answered CANCELLED is never sent")
class CancelRaceTest {

  static final Caller ANALYST = Caller.of("racer@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Test
  @DisplayName("300 automatic isolations, each cancelled from another thread as it is dispatched")
  void cancelRacesDispatch() throws Exception {
    Clock clock = Clock.systemUTC();
    FakeDevices devices = FakeDevices.create(clock);
    Map<ActionId, ActionStatus> answers = new ConcurrentHashMap<>();
    ExecutorService cancellers = Executors.newFixedThreadPool(2);
    try (TaskScheduler pool = TaskScheduler.threadPool(2);
        ParryRuntime runtime =
            ParryRuntime.builder()
                .clock(clock)
                .scheduler(late(pool))
                .store(InMemoryInvestigationStore.create())
                .requiredKinds(Set.of())
                .planTable(Rig.ISOLATE_AUTOMATICALLY)
                .limits(
                    Limits.defaults()
                        .withRateLimit(
                            RateLimit.of(
                                1_000_000, Duration.ofSeconds(1)))) // the race, not the quota
                .executor("fake-devices", devices.executor())
                .build()) {
      runtime.start();
      List<Future<?>> races = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        InvestigationId id = InvestigationId.of("race-" + i);
        Device device =
            new Device(
                DeviceId.of("d-race-" + i),
                DeviceName.of("race-" + i),
                null,
                Set.of(),
                OsPlatform.WINDOWS);
        CountDownLatch opened = new CountDownLatch(1);
        ActionId action = new ActionId(id, 1);
        races.add(
            cancellers.submit(
                () -> {
                  opened.await();
                  // from the moment the investigation is open: the cancel meets the action as it is
                  // proposed, approved, dispatched or settled, whatever the machine's speed
                  long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                  while (true) {
                    try {
                      answers.put(action, runtime.cancel(action, ANALYST, "race").status());
                      return null;
                    } catch (UnknownActionException notProposedYet) {
                      if (System.nanoTime() > until) {
                        throw notProposedYet;
                      }
                      Thread.onSpinWait();
                    } catch (CommandRejectedException settledFirst) {
                      answers.put(action, ActionStatus.SUCCEEDED);
                      return null;
                    }
                  }
                }));
        runtime.open(id, AlertId.of("a-" + i), device);
        opened.countDown();
        runtime.reportEvidence(id, Evidence.of(device, Verdict.MALICIOUS, "race", clock.instant()));
      }
      for (Future<?> race : races) {
        race.get(30, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && !allSettled(runtime, answers.keySet())) {
        Thread.sleep(20);
      }
      int cancelled = 0;
      for (Map.Entry<ActionId, ActionStatus> answer : answers.entrySet()) {
        ActionRecord stored =
            runtime
                .investigation(answer.getKey().investigation(), ANALYST)
                .orElseThrow()
                .action(answer.getKey())
                .orElseThrow();
        assertTrue(stored.status().isSettled(), () -> "never settled: " + stored);
        if (answer.getValue() == ActionStatus.CANCELLED) {
          cancelled++;
          assertEquals(ActionStatus.CANCELLED, stored.status());
          List<Call> sent =
              devices.calls().stream()
                  .filter(c -> c.request().actionId().equals(answer.getKey()))
                  .toList();
          assertEquals(List.of(), sent, "an action answered CANCELLED was sent to its executor");
        }
      }
      System.out.println("cancel race: " + cancelled + " of 300 answered CANCELLED, none sent");
      assertTrue(cancelled > 0, "no cancel won a race: the test tested nothing");
    } finally {
      cancellers.shutdownNow();
    }
  }

  private static boolean allSettled(ParryRuntime runtime, Set<ActionId> actions) {
    for (ActionId id : actions) {
      if (!runtime
          .investigation(id.investigation(), ANALYST)
          .flatMap(i -> i.action(id))
          .map(a -> a.status().isSettled())
          .orElse(false)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pool, every other task (at random) started up to 200 µs late, as on a loaded machine: such
   * a dispatch leaves its action approved for a moment however fast the path has become, and the
   * rest race at full speed, so that cancels meet actions approved, in progress and settled.
   */
  static TaskScheduler late(TaskScheduler pool) {
    return new TaskScheduler() {
      @Override
      public void execute(Runnable task) {
        pool.execute(
            () -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              if (random.nextBoolean()) {
                LockSupport.parkNanos(random.nextLong(200_000));
              }
              task.run();
            });
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        return pool.schedule(delay, task);
      }
    };
  }
}
