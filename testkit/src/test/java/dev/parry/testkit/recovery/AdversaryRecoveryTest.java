package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the level-triggered recovery: lost timers, failed reads in scheduled work,
 * interleavings.
 */
class AdversaryRecoveryTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Test
  @DisplayName(
      "a reconciler tick timer the scheduler accepted and lost at start is re-armed; a lost dispatch is resumed")
  void lostTickTimer() {
    try (Rig rig = new Rig(101, b -> {})) {
      rig.scheduler.losingTimers(1.0);
      rig.runtime.start(); // the first tick's timer is accepted and never runs
      rig.scheduler.heal();
      rig.scheduler.refuseNext(1, 0); // the next dispatch is lost: only a pass can find it
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.advance(Duration.ofHours(2));
      RuntimeHealth health = rig.runtime.health();
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status(), health::toString);
      assertTrue(health.isHealthy(), health::toString);
    }
  }

  @Test
  @DisplayName("a tick timer lost mid-life is re-armed too")
  void lostTickTimerMidLife() {
    try (Rig rig = new Rig(102, b -> {})) {
      rig.runtime.start();
      rig.advance(Duration.ofMinutes(5));
      rig.scheduler.losingTimers(1.0);
      rig.advance(Duration.ofSeconds(11)); // one tick runs; its re-arm is lost
      rig.scheduler.heal();
      rig.scheduler.refuseNext(1, 0);
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.advance(Duration.ofHours(2));
      assertEquals(
          ActionStatus.SUCCEEDED,
          rig.action(action).status(),
          () -> rig.runtime.health().toString());
      assertTrue(rig.runtime.health().isHealthy(), () -> rig.runtime.health().toString());
    }
  }

  @Test
  @DisplayName(
      "a failed read as a resumed dispatch begins is logged, not thrown into the scheduler")
  void failedReadInBeginEscapes() {
    try (Rig rig = new Rig(103, b -> {})) {
      rig.runtime.start();
      rig.scheduler.refuseNext(1, 0);
      ActionId action = rig.isolate("inv-1", WORKSTATION); // approved, its dispatch lost
      rig.runtime.close();
      rig.virtual.dropAll();
      rig.runtime = rig.build();
      rig.runtime.start(); // the first pass queues the dispatch
      rig.store.failNext(FaultyStore.Call.LOAD, 1, false);
      rig.settle();
      rig.advance(Duration.ofMinutes(10));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      assertEquals(List.of(), rig.virtual.failures());
    }
  }

  @Test
  @DisplayName(
      "a failed write while a follower is carried by its leader is logged, not thrown into the scheduler")
  void failedFollowerStartEscapes() {
    try (Rig rig = new Rig(104, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(Fault.inProgress(2), 1);
      ActionId first = rig.isolate("inv-1", WORKSTATION);
      rig.settle();
      ActionId second = rig.isolate("inv-2", WORKSTATION); // waits for the first's outcome
      rig.settle();
      rig.store.failAfter(
          FaultyStore.Call.APPEND,
          1,
          1,
          false); // the leader's success lands; the follower's start fails
      rig.advance(Duration.ofMinutes(2));
      rig.advance(Duration.ofMinutes(30));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
      assertEquals(ActionStatus.SUCCEEDED, rig.action(second).status());
      assertEquals(List.of(), rig.virtual.failures());
    }
  }

  @Test
  @DisplayName(
      "a cancel that read APPROVED while the dispatch sent its call does not answer CANCELLED")
  void cancelRacingDispatch() {
    AdversaryHookStore hooks = new AdversaryHookStore(InMemoryInvestigationStore.create());
    try (Rig rig = new Rig(105, hooks, "rig", b -> {})) {
      rig.runtime.start();
      rig.devices.inject(Fault.latency(Duration.ofMinutes(1)), 1);
      ActionId action = rig.isolate("inv-1", WORKSTATION); // approved; its dispatch is queued
      hooks.afterNextLoad(rig::settle); // the dispatcher runs right after cancel() read the action
      ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
      long cancelCalls =
          rig.devices.calls().stream().filter(c -> c.operation().equals("cancel")).count();
      rig.advance(Duration.ofMinutes(10));
      if (answer.status() == ActionStatus.CANCELLED) {
        String seen =
            "executes="
                + rig.executes()
                + ", cancel calls="
                + cancelCalls
                + ", stored="
                + rig.action(action).status()
                + ", isolated afterwards="
                + rig.devices.isInEffect(isolation(WORKSTATION));
        assertTrue(
            rig.executes() == 0 || cancelCalls > 0,
            "answered CANCELLED with a call out that the executor was never asked to stop: "
                + seen);
        assertFalse(
            rig.devices.isInEffect(isolation(WORKSTATION)),
            "the cancelled isolation took effect: " + seen);
      }
    }
  }

  @Test
  @DisplayName(
      "two undos of one shared effect, the second joining while the first decides 'kept', lift the effect")
  void sharedEffectUndoRace() {
    AdversaryHookStore hooks = new AdversaryHookStore(InMemoryInvestigationStore.create());
    try (Rig rig = new Rig(106, hooks, "rig", b -> {})) {
      rig.runtime.start();
      ActionId first = rig.isolate("inv-1", WORKSTATION);
      rig.settle();
      ActionId second = rig.isolate("inv-2", WORKSTATION);
      rig.settle();
      rig.runtime.undo(first, ANALYST, "not this one");
      hooks.afterNextQuery(
          () -> { // while the first undo looks for other holders
            rig.runtime.undo(second, ANALYST, "all clear");
            rig.settle();
          });
      rig.settle();
      rig.advance(Duration.ofHours(2));
      assertEquals(ActionStatus.UNDONE, rig.action(first).status());
      assertEquals(ActionStatus.UNDONE, rig.action(second).status());
      assertFalse(
          rig.devices.isInEffect(isolation(WORKSTATION)),
          "both isolations are UNDONE but the device is still isolated: "
              + rig.action(second).note());
    }
  }
}
