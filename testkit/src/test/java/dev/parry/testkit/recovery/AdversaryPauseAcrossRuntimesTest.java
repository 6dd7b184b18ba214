package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kill switch recorded through one runtime while another dispatches from many threads. */
class AdversaryPauseAcrossRuntimesTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  private static ParryRuntime runtime(
      InMemoryInvestigationStore store, String name, Clock clock, FakeDevices devices) {
    return ParryRuntime.builder()
        .clock(clock)
        .scheduler(TaskScheduler.threadPool(4))
        .store(store)
        .instanceName(name)
        .limits(Rig.LIMITS)
        .requiredKinds(Set.of())
        .deviceGroups(Rig.groups())
        .planTable(Rig.ISOLATE_AUTOMATICALLY)
        .executor("fake-devices", devices.executor())
        .build();
  }

  @Test
  @DisplayName(
      "a kill switch pulled through one runtime while another reports threats from eight threads:"
          + " no action whose report began after the pause returned is sent")
  void pauseThroughOneWhileTheOtherDispatches() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    FakeDevices devices = FakeDevices.create(clock);
    int threads = 8;
    int perThread = 60;
    try (ParryRuntime pausing = runtime(shared, "pausing", clock, devices);
        ParryRuntime dispatching = runtime(shared, "dispatching", clock, devices)) {
      pausing.start();
      dispatching.start();
      AtomicBoolean paused = new AtomicBoolean();
      Set<ActionId> afterPause = ConcurrentHashMap.newKeySet();
      Set<Device> afterPauseDevices = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch reported = new CountDownLatch(threads * 10);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  int late = 0;
                  for (int r = 0; r < perThread || late < 5; r++) {
                    String name = "k-" + thread + "-" + r;
                    Device device =
                        new Device(
                            DeviceId.of("d-" + name),
                            DeviceName.of(name),
                            null,
                            Set.of(),
                            OsPlatform.WINDOWS);
                    InvestigationId id = InvestigationId.of("inv-" + name);
                    boolean after = paused.get(); // read before the report begins
                    dispatching.open(id, AlertId.of("alert-" + name), device);
                    dispatching.reportEvidence(
                        id, Evidence.of(device, Verdict.MALICIOUS, "test", clock.instant()));
                    reported.countDown();
                    if (after) {
                      late++;
                      afterPause.add(new ActionId(id, 1));
                      afterPauseDevices.add(device);
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      // some reports go before the pause, the rest during and after it; each thread makes at least
      // five after it returned
      assertTrue(reported.await(60, TimeUnit.SECONDS));
      pausing.pauseAutomation(ANALYST, null, "bad rule");
      paused.set(true);
      for (Future<?> each : done) {
        each.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      for (Device device : afterPauseDevices) {
        assertEquals(
            0,
            devices.timesApplied(isolation(device)),
            () -> "sent after the pause returned: " + device);
      }
      for (ActionId id : afterPause) {
        ActionStatus status =
            dispatching
                .investigation(id.investigation(), ParryHarness.ANALYST)
                .orElseThrow()
                .action(id)
                .orElseThrow()
                .status();
        assertEquals(ActionStatus.PENDING_APPROVAL, status, id::toString);
      }
      Thread.sleep(Duration.ofMillis(50).toMillis()); // any dispatch still queued meets the pause
      for (Device device : afterPauseDevices) {
        assertEquals(0, devices.timesApplied(isolation(device)), device::toString);
      }
    }
  }
}
