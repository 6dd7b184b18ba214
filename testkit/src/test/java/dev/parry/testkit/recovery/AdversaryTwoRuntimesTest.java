package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ReleaseFromIsolation;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes on one store, leases running out while a call is out, undo racing a time box, racing
 * starts.
 */
class AdversaryTwoRuntimesTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Test
  @DisplayName(
      "a lease that runs out while the call is out (renewals failing) is taken over with the same key, applied once")
  void leaseExpiresWhileCallOut() {
    try (Rig a = new Rig(401, b -> {});
        Rig b = new Rig(a, 402, "rig-b")) {
      a.runtime.start();
      b.runtime.start();
      a.devices.inject(Fault.latency(Duration.ofMinutes(5)), 1);
      ActionId action = a.isolate("inv-1", WORKSTATION);
      a.settle();
      assertEquals(ActionStatus.IN_PROGRESS, a.action(action).status());
      a.store.failNext(FaultyStore.Call.CLAIM, 1_000, false); // a cannot renew its lease
      a.advance(Duration.ofMinutes(2));
      a.store.heal();
      a.advance(Duration.ofMinutes(30));
      assertEquals(ActionStatus.SUCCEEDED, a.action(action).status());
      assertEquals(1, a.devices.timesApplied(isolation(WORKSTATION)));
      assertTrue(a.executes() >= 2, "the other runtime took over: " + a.devices.calls());
      assertEquals(List.of(), a.virtual.failures());
      assertTrue(a.runtime.health().isHealthy() && b.runtime.health().isHealthy());
    }
  }

  @Test
  @DisplayName(
      "a cancel through one runtime while the other holds the action queued behind the family's permit: no call")
  void cancelThroughTheOther() {
    try (Rig a = new Rig(403, b -> b.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)));
        Rig b = new Rig(a, 404, "rig-b")) {
      a.runtime.start();
      b.runtime.start();
      a.devices.inject(Fault.latency(Duration.ofMinutes(3)), 1);
      a.isolate("inv-0", Rig.WORKSTATION_2);
      a.settle();
      ActionId queued = a.isolate("inv-1", WORKSTATION);
      a.settle();
      ActionRecord answer = b.runtime.cancel(queued, ANALYST, "stop");
      assertEquals(ActionStatus.CANCELLED, answer.status());
      a.advance(Duration.ofHours(1));
      assertEquals(ActionStatus.CANCELLED, a.action(queued).status());
      assertFalse(a.devices.isInEffect(isolation(WORKSTATION)));
      assertEquals(
          0,
          a.devices.calls().stream()
              .filter(c -> c.request().action().equals(isolation(WORKSTATION)))
              .count());
    }
  }

  @Test
  @DisplayName("an analyst's undo racing the end of the time box sends one undo with one key")
  void undoRacingTimeBoxEnd() {
    AdversaryHookStore hooks = new AdversaryHookStore(InMemoryInvestigationStore.create());
    try (Rig rig =
        new Rig(
            405, hooks, "rig", b -> b.timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofHours(4)))) {
      rig.runtime.start();
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.settle();
      rig.advance(Duration.ofHours(4).minusSeconds(1));
      hooks.afterNextLoad(
          () ->
              rig.advance(
                  Duration.ofSeconds(30))); // the box ends between the analyst's read and write
      assertThrows(CommandRejectedException.class, () -> rig.runtime.undo(action, ANALYST, "done"));
      rig.advance(Duration.ofHours(2));
      assertEquals(ActionStatus.UNDONE, rig.action(action).status());
      List<String> keys =
          rig.devices.calls().stream()
              .filter(c -> c.request().action() instanceof ReleaseFromIsolation)
              .map(c -> c.request().idempotencyKey().toString())
              .distinct()
              .toList();
      assertEquals(1, keys.size(), keys::toString);
      assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)));
    }
  }

  @Test
  @DisplayName(
      "start() called from many threads at once runs one first pass and leaves the runtime started once")
  void concurrentStarts() throws Exception {
    try (Rig rig = new Rig(406, b -> {})) {
      rig.scheduler.refuseNext(1, 0);
      ActionId action = rig.isolate("inv-1", WORKSTATION); // before start: its dispatch lost
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          starts.add(
              pool.submit(
                  () -> {
                    go.await();
                    rig.runtime.start();
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> start : starts) {
          start.get(10, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      rig.advance(Duration.ofMinutes(5));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      assertEquals(1, rig.executes());
      assertTrue(rig.runtime.health().isHealthy());
      assertEquals(List.of(), rig.virtual.failures());
    }
  }
}
