package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.WORKSTATION_2;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.KillProcess;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dispatch lease taken with the start's write, attacked with two runtimes on one store (a
 * flight that waits without the lease while the other runtime sends the action), and what a cancel
 * may trust of a flight whose earlier call went unanswered.
 */
class AdversaryLeaseTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  /**
   * Runtime A queues the action behind its family's only permit; runtime B sends it (its call slow)
   * and shuts down with the call out, giving its lease back.
   */
  private static ActionId sentByTheOtherWhileQueued(Rig a, Rig b) {
    a.runtime.start();
    b.runtime.start();
    a.devices.inject(Fault.latency(Duration.ofMinutes(5)), 1);
    a.devices.inject(Fault.latency(Duration.ofMinutes(20)), 1);
    a.isolate("inv-0", WORKSTATION_2);
    a.settle();
    ActionId queued = a.isolate("inv-1", WORKSTATION);
    a.settle();
    a.advance(Duration.ofSeconds(30));
    b.runtime.close(); // if B sent it, its call is still out
    return queued;
  }

  @Test
  @DisplayName(
      "the kill switch thrown while one runtime queues an automatic action the other already sent"
          + " never holds that action for approval")
  void killSwitchNeverHoldsWhatTheOtherSent() {
    try (Rig a = new Rig(501, r -> r.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)));
        Rig b = new Rig(a, 502, "rig-b")) {
      ActionId queued = sentByTheOtherWhileQueued(a, b);
      a.runtime.pauseAutomation(ANALYST, null, "bad signature update");
      a.advance(Duration.ofHours(2));
      ActionRecord after = a.action(queued);
      assertFalse(
          after.status() == ActionStatus.PENDING_APPROVAL
              && a.devices.isInEffect(isolation(WORKSTATION)),
          "held for approval while applied: " + after);
    }
  }

  @Test
  @DisplayName(
      "a cancel through the runtime that queued an action the other runtime already sent never"
          + " says it stopped before any call")
  void cancelNeverForgetsTheOthersCall() {
    try (Rig a = new Rig(503, r -> r.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)));
        Rig b = new Rig(a, 504, "rig-b")) {
      ActionId queued = sentByTheOtherWhileQueued(a, b);
      a.devices.inject(Fault.failRetryable("busy", null), 1);
      for (int i = 0; i < 600 && a.executes() < 3; i++) {
        a.advance(Duration.ofSeconds(1)); // A's permit frees: A sends, answered busy
      }
      ActionRecord answer = a.runtime.cancel(queued, ANALYST, "stop");
      a.advance(Duration.ofHours(2));
      assertNothingForgotten(a, queued, answer);
    }
  }

  @Test
  @DisplayName(
      "a cancel confirmed for the retry answered 'in progress' is not taken as stopping the earlier"
          + " call that went unanswered")
  void confirmedRetryDoesNotStopTheSilentCall() {
    try (Rig rig = new Rig(505, r -> {})) {
      rig.runtime.start();
      rig.devices.inject(Fault.latency(Duration.ofMinutes(5)), 1);
      rig.devices.inject(Fault.inProgress(3), 1);
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      for (int i = 0; i < 600 && rig.executes() < 2; i++) {
        rig.advance(Duration.ofSeconds(1)); // the first call goes silent; the retry is in progress
      }
      assertEquals(2, rig.executes(), "the scenario needs the retry sent: " + rig.devices.calls());
      ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
      rig.advance(Duration.ofHours(2));
      assertTrue(rig.devices.isInEffect(isolation(WORKSTATION)), "the first call took effect");
      assertFalse(
          answer.status() == ActionStatus.CANCELLED
              || rig.action(action).status() == ActionStatus.CANCELLED,
          "cancelled while the first call took effect: " + answer);
    }
  }

  @Test
  @DisplayName(
      "a cancel from a listener of the dispatch's start leaves no lease on the cancelled action for"
          + " the runtime to renew")
  void listenerCancelLeavesNoLease() {
    ActionRecord[] answered = new ActionRecord[1];
    Rig[] holder = new Rig[1];
    RuntimeListener cancelling =
        new RuntimeListener() {
          @Override
          public void onEvent(InvestigationEvent event) {
            if (event instanceof InvestigationEvent.ActionStarted started && answered[0] == null) {
              answered[0] = holder[0].runtime.cancel(started.actionId(), ANALYST, "stop");
            }
          }
        };
    try (Rig rig = new Rig(506, r -> r.listener(cancelling))) {
      holder[0] = rig;
      rig.runtime.start();
      ActionId action = rig.isolate("inv-1", WORKSTATION);
      rig.advance(Duration.ofMinutes(10));
      assertEquals(ActionStatus.CANCELLED, answered[0].status());
      assertEquals(0, rig.executes());
      assertTrue(
          rig.store
              .delegateStore()
              .claim(action, "rig-b", rig.clock.instant(), Duration.ofSeconds(30)),
          "the runtime still renews a lease on the cancelled action");
    }
  }

  @Test
  @DisplayName(
      "an action waiting for the same action on its target is not sent by the other runtime"
          + " meanwhile")
  void followerIsNotSentByTheOther() {
    try (Rig a = new Rig(507, r -> {});
        Rig b = new Rig(a, 508, "rig-b")) {
      a.runtime.start();
      b.runtime.start();
      a.devices.inject(Fault.latency(Duration.ofSeconds(90)), 1);
      a.isolate("inv-0", WORKSTATION);
      a.settle();
      ActionId follower = a.isolate("inv-1", WORKSTATION);
      a.settle();
      a.advance(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, a.action(follower).status());
      assertEquals(
          1, a.devices.timesApplied(isolation(WORKSTATION)), () -> a.devices.calls().toString());
    }
  }

  @Test
  @DisplayName(
      "a cancel while this runtime's start is being written, after another runtime started, called"
          + " and lost its lease, never says it stopped before any call")
  void cancelDuringTheStartWriteNeverForgetsTheOthersCall() {
    cancelDuringTheStartWrite(509, rig -> {});
  }

  @Test
  @DisplayName(
      "the same, when the store cannot say whether another runtime started it: a call is taken to be"
          + " out")
  void cancelDuringTheStartWriteWithoutTheStore() {
    // the cancel's own read of the action, then the read that would tell of the other's start
    cancelDuringTheStartWrite(511, rig -> rig.store.failAfter(FaultyStore.Call.LOAD, 1, 1, false));
  }

  /**
   * Runtime A's start is being written (its lease claimed with it) when another runtime starts the
   * action, calls, and lets its lease run out; then an analyst cancels through A.
   */
  private static void cancelDuringTheStartWrite(long seed, Consumer<Rig> beforeCancel) {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    AdversaryHookStore hooked = new AdversaryHookStore(shared);
    ActionRecord[] answered = new ActionRecord[1];
    try (Rig a = new Rig(seed, hooked, "rig", r -> {})) {
      a.runtime.start();
      hooked.beforeNextClaimBy(
          "rig",
          action -> {
            startedAndCalledByTheOther(shared, a, action);
            a.clock.advance(Duration.ofMinutes(5)); // the other runtime's lease runs out
            beforeCancel.accept(a);
            answered[0] = a.runtime.cancel(action, ANALYST, "stop");
          });
      ActionId action = a.isolate("inv-1", WORKSTATION);
      a.settle();
      a.advance(Duration.ofHours(2));
      assertTrue(
          a.executes() >= 1, () -> "the scenario needs the other's call: " + a.devices.calls());
      ActionRecord answer = answered[0];
      assertNothingForgotten(a, action, answer);
    }
  }

  @Test
  @DisplayName(
      "an action this runtime cannot send is not cancelled as 'not sent' after another runtime"
          + " started it, called and lost its lease")
  void notSentNeverForgetsTheOthersCall() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    AdversaryHookStore hooked = new AdversaryHookStore(shared);
    try (Rig a = new Rig(510, hooked, "rig", r -> {})) {
      hooked.beforeNextClaimBy(
          "rig",
          action -> {
            startedAndCalledByTheOther(shared, a, action);
            a.clock.advance(Duration.ofMinutes(5)); // the other's lease runs out
          });
      Instant t = a.clock.instant();
      Decision.Accepted opened =
          Investigation.open(
              InvestigationId.of("inv-kill"),
              AlertId.of("a"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              t);
      Decision.Accepted proposed =
          (Decision.Accepted)
              opened
                  .after()
                  .decide(
                      new Command.ProposeAction(
                          new Command.Proposal(
                              new PlannedAction(
                                  new KillProcess( // without its creation time: not sendable here
                                      new DeviceProcess(
                                          WORKSTATION.id(), 31337, WindowsPath.of("C:\\x.exe"))),
                                  ApprovalMode.AUTOMATIC,
                                  "stored by an earlier release"),
                              ApprovalRule.SINGLE),
                          Actor.system()),
                      t);
      List<InvestigationEvent> events = new ArrayList<>(opened.events());
      events.addAll(proposed.events());
      shared.append(opened.after().id(), 0, events, proposed.after());
      ActionId kill = new ActionId(opened.after().id(), 1);
      a.runtime.start();
      a.advance(Duration.ofHours(2));
      assertTrue(
          a.executes() >= 1, () -> "the scenario needs the other's call: " + a.devices.calls());
      ActionRecord after = a.action(kill);
      assertFalse(
          after.status() == ActionStatus.CANCELLED && after.note().contains("not sent"),
          "recorded as not sent while the other runtime's call was out: " + after);
    }
  }

  /**
   * A cancel's answer while a call may have been out: never "stopped before any call", and the
   * action never cancelled with the isolation in effect.
   */
  static void assertNothingForgotten(Rig rig, ActionId action, ActionRecord answer) {
    assertFalse(
        answer.note().contains("before any call"),
        "recorded as stopped before any call while a call was out: " + answer);
    assertFalse(
        rig.devices.isInEffect(isolation(WORKSTATION))
            && rig.action(action).status() == ActionStatus.CANCELLED,
        "cancelled yet applied: " + rig.action(action));
  }

  /** What another runtime does: records the start with its lease, and calls the executor. */
  static void startedAndCalledByTheOther(InvestigationStore store, Rig rig, ActionId action) {
    Investigation state = store.load(action.investigation()).orElseThrow();
    Instant now = rig.clock.instant();
    Decision.Accepted started =
        (Decision.Accepted)
            state.decide(new Command.Start(action, now.plus(Duration.ofHours(1))), now);
    store.appendClaiming(
        action.investigation(),
        state.version(),
        started.events(),
        started.after(),
        action,
        "rig-b",
        now,
        Duration.ofSeconds(30));
    ActionRecord record = started.after().action(action).orElseThrow();
    rig.devices
        .executor()
        .execute(
            ExecutionRequest.builder()
                .action(record.action())
                .purpose(ExecutionPurpose.EXECUTE)
                .idempotencyKey(IdempotencyKey.of(action.value() + ":execute"))
                .attempt(1)
                .deadline(now.plus(Duration.ofMinutes(2)))
                .actionId(action)
                .build());
  }
}
