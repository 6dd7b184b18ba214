package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.WORKSTATION_2;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.fake.ForwardingStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a cancel may trust of a flight while the lease it answers by is not what it seems: the
 * flight's own start landed and the flight does not know yet, its acknowledgement was lost, or the
 * lease it believes held ran out in the store while its renewals failed.
 */
class AdversaryCancelWindowTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  private static final Duration BACKING_OFF = Duration.ofMinutes(2);

  /** A store that runs a cancel once, right after the first write of an action's start landed. */
  private static final class CancelAfterStart extends ForwardingStore {
    private final boolean loseTheAck;
    Rig rig;
    ActionRecord answered;

    CancelAfterStart(InvestigationStore delegate, boolean loseTheAck) {
      super(delegate);
      this.loseTheAck = loseTheAck;
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      ChainHead head = super.append(id, expectedVersion, events, after);
      if (answered == null) {
        for (InvestigationEvent event : events) {
          if (event instanceof InvestigationEvent.ActionStarted started) {
            answered = rig.runtime.cancel(started.actionId(), ANALYST, "stop");
            if (loseTheAck) {
              throw new StoreUnavailableException(
                  "the acknowledgement was lost", new IOException("connection reset"));
            }
          }
        }
      }
      return head;
    }
  }

  @Test
  @DisplayName(
      "a cancel from another thread after this runtime's start landed, before the flight learns"
          + " it, is never answered CANCELLED for an action that is then sent")
  void cancelBetweenTheLandingAndTheFlightLearningIt() {
    cancelAfterTheStartLanded(601, false);
  }

  @Test
  @DisplayName(
      "the same when the start's acknowledgement is lost after it landed: CANCELLED is never"
          + " followed by a call, and no lease is left behind")
  void cancelAfterTheStartLandedAndItsAckWasLost() {
    cancelAfterTheStartLanded(602, true);
  }

  private static void cancelAfterTheStartLanded(long seed, boolean loseTheAck) {
    CancelAfterStart hooked = new CancelAfterStart(InMemoryInvestigationStore.create(), loseTheAck);
    try (Rig rig = new Rig(seed, hooked, "rig", r -> {})) {
      hooked.rig = rig;
      rig.runtime.start();
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.settle();
      rig.advance(Duration.ofHours(2));
      ActionRecord answer = hooked.answered;
      ActionRecord after = rig.action(action);
      assertTrue(after.status().isSettled(), () -> "never settled: " + after);
      if (answer.status() == ActionStatus.CANCELLED) {
        assertEquals(0, rig.executes(), () -> "answered CANCELLED, then sent: " + answer);
      }
      assertFalse(
          rig.devices.isInEffect(isolation(WORKSTATION))
              && after.status() == ActionStatus.CANCELLED,
          "cancelled yet applied: " + after);
      assertTrue(
          rig.store
              .delegateStore()
              .claim(action, "rig-b", rig.clock.instant(), Duration.ofSeconds(30)),
          "the runtime still holds a lease on the settled action");
    }
  }

  @Test
  @DisplayName(
      "a cancel from a listener of a retry's start stops the retry before its call, and it is never"
          + " sent again")
  void listenerCancelOfARetryStopsItBeforeTheCall() {
    ActionRecord[] answered = new ActionRecord[1];
    Rig[] holder = new Rig[1];
    RuntimeListener cancelling =
        new RuntimeListener() {
          @Override
          public void onEvent(InvestigationEvent event) {
            if (event instanceof InvestigationEvent.ActionStarted started
                && started.attempt() == 2
                && answered[0] == null) {
              answered[0] = holder[0].runtime.cancel(started.actionId(), ANALYST, "stop");
            }
          }
        };
    try (Rig rig = new Rig(603, r -> r.listener(cancelling))) {
      holder[0] = rig;
      rig.runtime.start();
      rig.devices.inject(Fault.failRetryable("busy", null), 1);
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.advance(Duration.ofHours(2));
      assertEquals(ActionStatus.CANCELLED, answered[0].status(), () -> "" + answered[0]);
      assertEquals(1, rig.executes(), () -> rig.devices.calls().toString());
      assertEquals(ActionStatus.CANCELLED, rig.action(action).status());
    }
  }

  @Test
  @DisplayName(
      "a cancel through a runtime whose lease renewals failed while the action waited for a"
          + " permit, until another runtime started and called it, never says it stopped before"
          + " any call")
  void cancelWhileQueuedAfterTheLeaseRanOut() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    try (Rig a =
        new Rig(604, shared, "rig", r -> r.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)))) {
      a.runtime.start();
      a.devices.inject(Fault.latency(Duration.ofMinutes(5)), 1);
      a.isolate("inv-0", WORKSTATION_2);
      a.settle();
      ActionId queued = a.isolate("inv-1", WORKSTATION); // waits for the only permit
      a.settle();
      a.store.failNext(FaultyStore.Call.CLAIM, 1_000, false); // this runtime's renewals fail
      a.advance(Duration.ofSeconds(40)); // its lease runs out in the store
      AdversaryLeaseTest.startedAndCalledByTheOther(shared, a, queued);
      a.store.heal();
      ActionRecord answer = a.runtime.cancel(queued, ANALYST, "stop");
      a.advance(Duration.ofHours(2));
      assertTrue(
          a.executes() >= 2, () -> "the scenario needs the other's call: " + a.devices.calls());
      AdversaryLeaseTest.assertNothingForgotten(a, queued, answer);
    }
  }

  @Test
  @DisplayName(
      "a cancel through a runtime whose lease renewals failed while it backed off after a busy"
          + " answer, until another runtime resumed and called the action, never says it stopped"
          + " before any call")
  void cancelWhileBackingOffAfterTheLeaseRanOut() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    try (Rig a = new Rig(605, shared, "rig", r -> {})) {
      a.runtime.start();
      ActionId action = a.backingOffWithItsLeaseRunOut("inv-1", BACKING_OFF);
      AdversaryLeaseTest.startedAndCalledByTheOther(shared, a, action);
      a.store.heal();
      ActionRecord answer = a.runtime.cancel(action, ANALYST, "stop");
      a.advance(Duration.ofHours(2));
      AdversaryLeaseTest.assertNothingForgotten(a, action, answer);
    }
  }

  @Test
  @DisplayName(
      "a cancel through a runtime whose lease ran out while its renewals failed: another runtime"
          + " that resumes the action right after the cancel read it is not called while the"
          + " cancel says it stopped before any call")
  void cancelLeavesNoGapForAnotherRuntimeAfterItsRead() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    AdversaryHookStore hooked = new AdversaryHookStore(shared);
    try (Rig a = new Rig(606, hooked, "rig", r -> {})) {
      a.runtime.start();
      ActionId action = a.backingOffWithItsLeaseRunOut("inv-1", BACKING_OFF);
      a.store.heal();
      // the cancel reads the action to authorize it, then the dispatcher reads what was started:
      // right after that read, another runtime resumes it, if the lease lets it
      hooked.afterNextLoad(
          () -> hooked.afterNextLoad(() -> resumedByTheOtherIfFree(shared, a, action)));
      ActionRecord answer = a.runtime.cancel(action, ANALYST, "stop");
      a.advance(Duration.ofHours(2));
      assertFalse(
          answer.note().contains("before any call") && a.executes() >= 2,
          "recorded as stopped before any call while the other runtime's call was out: "
              + answer
              + " "
              + a.devices.calls());
      assertFalse(
          a.devices.isInEffect(isolation(WORKSTATION))
              && a.action(action).status() == ActionStatus.CANCELLED,
          "cancelled yet applied: " + a.action(action));
    }
  }

  /** Another runtime resumes the action, as its dispatch does: only if it takes the lease. */
  private static void resumedByTheOtherIfFree(InvestigationStore store, Rig rig, ActionId action) {
    try {
      AdversaryLeaseTest.startedAndCalledByTheOther(store, rig, action);
    } catch (LeaseHeldException e) {
      // the cancelling runtime holds the lease: nothing is sent
    }
  }

  @Test
  @DisplayName(
      "a runtime closed while its start (with its lease) is being written leaves the action to"
          + " the next runtime, which sends it once, and no lease behind")
  void closeDuringTheStartWrite() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    AdversaryHookStore hooked = new AdversaryHookStore(shared);
    try (Rig a = new Rig(607, hooked, "rig", r -> {})) {
      a.runtime.start();
      hooked.beforeNextClaimBy("rig", action -> a.runtime.close());
      ActionId action = a.isolate("inv-1", WORKSTATION);
      a.settle();
      assertEquals(0, a.executes(), () -> a.devices.calls().toString());
      try (Rig b = new Rig(a, 608, "rig-b")) {
        b.runtime.start();
        b.advance(Duration.ofHours(2));
        assertEquals(
            ActionStatus.SUCCEEDED, b.action(action).status(), () -> "" + b.action(action));
        assertEquals(1, b.executes(), () -> b.devices.calls().toString());
        assertTrue(
            shared.claim(action, "rig-c", b.clock.instant(), Duration.ofSeconds(30)),
            "a lease is still held on the settled action");
      }
    }
  }

  @Test
  @DisplayName(
      "a cancel that cannot claim the lease of a flight backing off (the store fails) does not"
          + " strand the action: it is resumed and settles, and no lease is left behind")
  void cancelThatCannotClaimTheLeaseStrandsNothing() {
    try (Rig rig = new Rig(609, r -> {})) {
      rig.runtime.start();
      rig.devices.inject(Fault.failRetryable("busy", BACKING_OFF), 1);
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.settle(); // sent, answered busy: it backs off
      assertEquals(1, rig.executes(), () -> rig.devices.calls().toString());
      rig.store.failNext(FaultyStore.Call.CLAIM, 2, false);
      ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
      rig.advance(Duration.ofHours(2));
      ActionRecord after = rig.action(action);
      assertTrue(after.status().isSettled(), () -> "stranded: " + after + " after " + answer);
      if (after.status() == ActionStatus.CANCELLED) {
        assertEquals(1, rig.executes(), () -> "cancelled, then sent: " + rig.devices.calls());
      }
      assertTrue(
          rig.store
              .delegateStore()
              .claim(action, "rig-b", rig.clock.instant(), Duration.ofSeconds(30)),
          "the runtime still holds a lease on the settled action");
    }
  }
}
