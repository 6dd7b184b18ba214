package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Concurrent callers never see an action decided twice")
class ConcurrencyTest {

  @Test
  @DisplayName(
      "threads racing to approve or reject the same actions: each action is decided exactly once")
  void racingDecisions() throws Exception {
    Clock clock = Clock.systemUTC();
    FakeDevices devices = FakeDevices.create(clock);
    try (ParryRuntime runtime =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(TaskScheduler.threadPool(2))
            .deviceGroups(Samples.groups())
            .executor("d", devices.executor())
            .executor("m", FakeMail.create(clock).executor())
            .executor("i", FakeDirectory.create(clock).executor())
            .build()) {
      runtime.start();
      int actions = 200;
      List<ActionId> ids = new ArrayList<>();
      for (int i = 0; i < actions; i++) {
        InvestigationId id = InvestigationId.of("race-" + i);
        runtime.open(id, AlertId.of("a"), Samples.SERVER);
        runtime.reportEvidence(
            id,
            Evidence.of(
                DeviceProcess.of(
                    Samples.SERVER.id(),
                    1 + i,
                    java.util.Objects.requireNonNull(Samples.PROCESS.creationTime()),
                    Samples.PROCESS.imagePath()),
                Verdict.MALICIOUS,
                "",
                clock.instant()));
        ids.add(
            runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0).id());
      }
      int threads = 4;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Caller caller =
            Caller.of("analyst-" + t + "@contoso.com", Permission.SECURITY_ADMINISTRATOR);
        boolean approves = t % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  int won = 0;
                  int lost = 0;
                  for (ActionId id : ids) {
                    try {
                      if (approves) {
                        runtime.approve(id, caller, "");
                      } else {
                        runtime.reject(id, caller, "");
                      }
                      won++;
                    } catch (CommandRejectedException e) {
                      lost++;
                    }
                  }
                  return new int[] {won, lost};
                }));
      }
      go.countDown();
      int won = 0;
      for (Future<int[]> result : results) {
        won += result.get(60, TimeUnit.SECONDS)[0];
      }
      pool.shutdown();
      assertEquals(actions, won, "exactly one decision per action won");
      for (ActionId id : ids) {
        List<InvestigationEvent> history =
            runtime.history(id.investigation(), ParryHarness.ANALYST);
        long decisions =
            history.stream()
                .filter(
                    e ->
                        e instanceof InvestigationEvent.ApprovalGranted
                            || e instanceof InvestigationEvent.ActionRejected)
                .count();
        assertEquals(1, decisions, () -> "decisions for " + id + ": " + history);
        for (int v = 0; v < history.size(); v++) {
          assertTrue(history.get(v) != null);
        }
        ActionStatus status =
            runtime
                .investigation(id.investigation(), ParryHarness.ANALYST)
                .orElseThrow()
                .actions()
                .get(0)
                .status();
        assertTrue(status != ActionStatus.PENDING_APPROVAL, status::toString);
      }
    }
  }
}
