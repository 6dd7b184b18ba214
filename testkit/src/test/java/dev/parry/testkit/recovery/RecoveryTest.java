package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.SERVER;
import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.WORKSTATION_2;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.ReleaseFromIsolation;
import dev.parry.core.actor.Actor;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Recovery is level-triggered: what is due is derived from the store, whatever fails")
class RecoveryTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Nested
  @DisplayName("The reconciler never dies")
  class Reconciler {

    @Test
    @DisplayName(
        "a failed store query does not stop it: a lost dispatch is resumed on a later pass")
    void survivesAFailedQuery() {
      try (Rig rig = new Rig(1, b -> {})) {
        rig.runtime.start();
        rig.scheduler.refuseNext(1, 0); // the dispatch of the next action is lost
        rig.store.failNext(FaultyStore.Call.DUE, 3, false);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.advance(Duration.ofMinutes(30));
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
        assertEquals(1, rig.devices.timesApplied(isolation(WORKSTATION)));
        RuntimeHealth health = rig.runtime.health();
        assertEquals(0, health.consecutiveFailures());
        assertTrue(health.failedPasses() >= 3, health::toString);
        assertTrue(health.isHealthy(), health::toString);
      }
    }

    @Test
    @DisplayName(
        "health reports consecutive failures and lag while the store is down, and recovers without a restart")
    void healthShowsAnOutage() {
      try (Rig rig = new Rig(2, b -> {})) {
        rig.runtime.start();
        rig.store.failNext(FaultyStore.Call.DUE, 1_000_000, false);
        rig.advance(Duration.ofMinutes(20));
        RuntimeHealth down = rig.runtime.health();
        assertFalse(down.isHealthy(), down::toString);
        assertTrue(down.consecutiveFailures() >= 3, down::toString);
        assertTrue(down.lag().compareTo(Duration.ofMinutes(15)) >= 0, down::toString);
        rig.store.heal();
        rig.advance(Duration.ofMinutes(5));
        assertTrue(rig.runtime.health().isHealthy(), () -> rig.runtime.health().toString());
      }
    }

    @Test
    @DisplayName("a refused re-arm is made good by the next call into the runtime")
    void refusedRearm() {
      try (Rig rig = new Rig(3, b -> {})) {
        rig.runtime.start();
        rig.scheduler.refuseNext(
            0, 1_000); // every timer refused for a while: the reconciler cannot re-arm
        rig.advance(Duration.ofMinutes(10));
        rig.scheduler.heal();
        rig.scheduler.refuseNext(1, 0); // and the next dispatch is lost
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.advance(Duration.ofMinutes(10));
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      }
    }

    @Test
    @DisplayName(
        "the thread-pool scheduler hands a failing task's exception to its handler, and keeps running")
    void threadPoolReportsFailures() throws Exception {
      List<Throwable> failures = new ArrayList<>();
      CountDownLatch after = new CountDownLatch(1);
      try (TaskScheduler pool =
          TaskScheduler.threadPool(
              1,
              failure -> {
                synchronized (failures) {
                  failures.add(failure);
                }
              })) {
        pool.execute(
            () -> {
              throw new IllegalStateException("boom");
            });
        pool.execute(after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
      }
      synchronized (failures) {
        assertEquals(1, failures.size());
        assertEquals("boom", failures.get(0).getMessage());
      }
    }
  }

  @Nested
  @DisplayName("start() is idempotent and retryable")
  class Start {

    @Test
    @DisplayName(
        "a start that cannot read the store leaves the runtime not started; the next start resumes")
    void retryable() {
      try (Rig rig = new Rig(4, b -> {})) {
        rig.runtime.start();
        rig.scheduler.refuseNext(1, 0);
        ActionId action = rig.isolate("inv-1", WORKSTATION); // approved, its dispatch lost
        rig.runtime.close();
        rig.virtual.dropAll();
        rig.runtime = rig.build();
        rig.store.failNext(FaultyStore.Call.DUE, 1, false);
        assertThrows(StoreUnavailableException.class, rig.runtime::start);
        assertFalse(rig.runtime.health().started());
        rig.runtime.start();
        assertTrue(rig.runtime.health().started());
        rig.runtime.start(); // twice: nothing more
        rig.settle();
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
        assertEquals(1, rig.executes());
      }
    }
  }

  @Nested
  @DisplayName("Work in flight survives store and scheduler faults")
  class InFlight {

    @Test
    @DisplayName(
        "an isolation waiting for another investigation's isolation of the same device is carried"
            + " by its runtime: the store answers it as due to no other runtime")
    void followerHoldsTheLease() {
      try (Rig rig = new Rig(20, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.inProgress(1000), 1); // the first isolation runs on
        ActionId first = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        ActionId second = rig.isolate("inv-2", WORKSTATION);
        rig.settle();
        assertEquals(1, rig.executes(), "the second waits for the first's outcome");
        assertEquals(ActionStatus.IN_PROGRESS, rig.action(first).status());
        assertEquals(ActionStatus.APPROVED, rig.action(second).status());
        assertEquals(
            List.of(),
            rig.store.delegateStore().due(rig.clock.instant(), "another-runtime", null, 100),
            "due to another runtime while this one carries them");
      }
    }

    @Test
    @DisplayName(
        "a failed read while an undo is dispatched neither strands the undo nor keeps the family's permit")
    void failedReadInUndo() {
      try (Rig rig = new Rig(5, b -> b.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)))) {
        rig.runtime.start();
        ActionId first = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        rig.runtime.undo(first, ANALYST, "false alarm");
        rig.store.failNext(FaultyStore.Call.LOAD, 2, false);
        rig.store.failNext(FaultyStore.Call.QUERY, 2, false);
        rig.settle();
        ActionId second = rig.isolate("inv-2", WORKSTATION_2);
        rig.advance(Duration.ofMinutes(10));
        assertEquals(ActionStatus.UNDONE, rig.action(first).status());
        assertEquals(ActionStatus.SUCCEEDED, rig.action(second).status());
      }
    }

    @Test
    @DisplayName(
        "a scheduler that refuses the attempt timer after ActionStarted does not leave the action in progress")
    void refusedAttemptTimer() {
      try (Rig rig = new Rig(6, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.neverAnswer(), 1);
        rig.scheduler.refuseNext(0, 1); // the attempt timer of the first call
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.advance(Duration.ofMinutes(30));
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
        assertEquals(1, rig.devices.timesApplied(isolation(WORKSTATION)));
      }
    }

    @Test
    @DisplayName(
        "a pending action whose proposal landed with its acknowledgement lost still expires")
    void expiryAfterLostAck() {
      try (Rig rig = new Rig(7, b -> {})) {
        rig.runtime.start();
        InvestigationId id = InvestigationId.of("inv-1");
        rig.runtime.open(id, AlertId.of("a-1"), SERVER);
        rig.store.failNext(FaultyStore.Call.APPEND, 1, true);
        assertThrows(
            StoreUnavailableException.class,
            () ->
                rig.runtime.reportEvidence(
                    id,
                    dev.parry.core.verdict.Evidence.of(
                        SERVER,
                        dev.parry.core.verdict.Verdict.SUSPICIOUS,
                        "t",
                        rig.clock.instant())));
        ActionId pending = new ActionId(id, 1);
        assertEquals(
            ActionStatus.PENDING_APPROVAL, rig.action(pending).status(), "the write landed");
        rig.runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
        rig.advance(Duration.ofDays(7).plusHours(1));
        assertEquals(ActionStatus.EXPIRED, rig.action(pending).status());
        assertTrue(rig.store.delegateStore().load(id).orElseThrow().isComplete());
      }
    }

    @Test
    @DisplayName(
        "a first dispatch whose ActionStarted write, which takes the lease, landed with its"
            + " acknowledgement lost is resumed with the same key and applied once")
    void startWithLeaseAfterLostAck() {
      try (Rig rig = new Rig(9, b -> {})) {
        rig.runtime.start();
        rig.store.failAfter(FaultyStore.Call.APPEND, 2, 1, true); // open, evidence; then the start
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.advance(Duration.ofMinutes(30));
        assertEquals(1, rig.store.lostAcks(), "the start landed, its acknowledgement lost");
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
        assertEquals(1, rig.devices.timesApplied(isolation(WORKSTATION)));
        assertEquals(
            1,
            rig.devices.calls().stream()
                .map(call -> call.request().idempotencyKey())
                .distinct()
                .count(),
            "idempotency keys sent");
      }
    }

    @Test
    @DisplayName(
        "a time-boxed isolation whose success landed with its acknowledgement lost is still lifted")
    void timeBoxAfterLostAck() {
      try (Rig rig = new Rig(8, b -> b.timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofHours(4)))) {
        rig.runtime.start();
        rig.store.failAfter(
            FaultyStore.Call.APPEND, 3, 1, true); // open, evidence, start; then the success
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status(), "the success landed");
        assertEquals(1, rig.store.lostAcks());
        rig.advance(Duration.ofHours(6));
        assertEquals(ActionStatus.UNDONE, rig.action(action).status());
        assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)));
      }
    }
  }

  @Nested
  @DisplayName("Cancel means cancel")
  class Cancel {

    @Test
    @DisplayName(
        "a cancel acknowledged right after the dispatch was stored is never followed by the executor call")
    void noCallAfterCancel() {
      List<ActionRecord> answered = new ArrayList<>();
      long[] executesAtCancel = {-1};
      Rig[] holder = new Rig[1];
      try (Rig rig =
          new Rig(
              9,
              b ->
                  b.listener(
                      new dev.parry.runtime.RuntimeListener() {
                        @Override
                        public void onEvent(InvestigationEvent event) {
                          if (event instanceof InvestigationEvent.ActionStarted started
                              && answered.isEmpty()) {
                            answered.add(
                                holder[0].runtime.cancel(started.actionId(), ANALYST, "stop"));
                            executesAtCancel[0] = holder[0].executes();
                          }
                        }
                      }))) {
        holder[0] = rig;
        rig.runtime.start();
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.advance(Duration.ofHours(2));
        assertEquals(1, answered.size());
        assertEquals(ActionStatus.CANCELLED, answered.get(0).status());
        assertEquals(0, executesAtCancel[0]);
        assertEquals(0, rig.executes(), "the executor was called after an acknowledged cancel");
        assertEquals(ActionStatus.CANCELLED, rig.action(action).status());
      }
    }

    @Test
    @DisplayName(
        "a call already out is cancelled by the executor, and the status says what the executor answered")
    void callAlreadyOut() {
      try (Rig rig = new Rig(10, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.inProgress(100), 1);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        assertEquals(ActionStatus.IN_PROGRESS, rig.action(action).status());
        ActionRecord cancelled = rig.runtime.cancel(action, ANALYST, "stop");
        assertEquals(ActionStatus.CANCELLED, cancelled.status());
        assertTrue(cancelled.note().contains("executor confirmed"), cancelled.note());
        assertEquals(
            1, rig.devices.calls().stream().filter(c -> c.operation().equals("cancel")).count());
        rig.advance(Duration.ofHours(2));
        assertEquals(ActionStatus.CANCELLED, rig.action(action).status());
      }
    }

    @Test
    @DisplayName(
        "a call that went unanswered may still run: a cancel between retries asks the executor, it is not 'before any call'")
    void silenceThenCancel() {
      try (Rig rig = new Rig(17, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.neverAnswer(), 1);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        rig.advance(
            Duration.ofMinutes(2)
                .plusSeconds(1)); // the attempt timed out: backing off before a retry
        ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
        assertEquals(
            ActionStatus.IN_PROGRESS, answer.status(), "the unanswered call may still take effect");
        assertEquals(
            1, rig.devices.calls().stream().filter(c -> c.operation().equals("cancel")).count());
        rig.advance(Duration.ofHours(2));
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      }
    }

    @Test
    @DisplayName(
        "a dispatch whose start followed another runtime's start, whose lease had ended, knows a"
            + " call may be out: after a retry answered 'busy', a cancel still asks the executor")
    void startAfterAnotherRuntimesStartThenBusyThenCancel() {
      InMemoryInvestigationStore backing = InMemoryInvestigationStore.create();
      boolean[] injected = {false};
      ForwardingStore otherStartsFirst =
          new ForwardingStore(backing) {
            @Override
            public ChainHead append(
                InvestigationId id,
                long expectedVersion,
                List<InvestigationEvent> events,
                Investigation after) {
              if (!injected[0]
                  && events.stream().anyMatch(e -> e instanceof InvestigationEvent.ActionStarted)) {
                injected[0] = true;
                // another runtime started the action, sent its call and let its lease go
                Investigation stored = backing.load(id).orElseThrow();
                ActionId started =
                    ((InvestigationEvent.ActionStarted)
                            events.stream()
                                .filter(e -> e instanceof InvestigationEvent.ActionStarted)
                                .findFirst()
                                .orElseThrow())
                        .actionId();
                Decision.Accepted other =
                    (Decision.Accepted)
                        stored.decide(new Command.Start(started), events.get(0).at());
                backing.append(id, stored.version(), other.events(), other.after());
              }
              return super.append(id, expectedVersion, events, after);
            }
          };
      try (Rig rig = new Rig(19, otherStartsFirst, "rig", b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.failRetryable("busy", Duration.ofMinutes(10)), 1);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        assertTrue(injected[0], "the scenario needs the other runtime's start");
        assertEquals(2, rig.action(action).attempts(), "the other runtime's start and this one's");
        assertEquals(1, rig.executes(), "the scenario needs this runtime's call answered busy");
        ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
        assertFalse(
            answer.note().contains("before any call"),
            "recorded as stopped before any call while the other runtime's call may still run: "
                + answer.note());
        assertEquals(
            1, rig.devices.calls().stream().filter(c -> c.operation().equals("cancel")).count());
      }
    }

    @Test
    @DisplayName(
        "a retry answered 'busy' says nothing of the earlier call that went unanswered: a cancel"
            + " then still asks the executor")
    void silenceThenBusyThenCancel() {
      try (Rig rig = new Rig(18, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.neverAnswer(), 1);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        rig.devices.inject(Fault.failRetryable("busy", Duration.ofMinutes(10)), 1);
        rig.advance(Duration.ofMinutes(5)); // the first call timed out; the retry was answered busy
        assertEquals(
            2,
            rig.devices.calls().stream().filter(c -> c.operation().equals("execute")).count(),
            "the scenario needs the retry sent and answered before the cancel");
        ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
        assertFalse(
            answer.note().contains("before any call"),
            "recorded as stopped before any call while the first call may still run: "
                + answer.note());
        assertEquals(
            1, rig.devices.calls().stream().filter(c -> c.operation().equals("cancel")).count());
      }
    }

    @Test
    @DisplayName(
        "when the executor cannot stop work already out, the action stays in progress and settles on its outcome")
    void executorCannotStop() {
      try (Rig rig = new Rig(11, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(Fault.neverAnswer(), 1);
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        ActionRecord answer = rig.runtime.cancel(action, ANALYST, "stop");
        assertEquals(ActionStatus.IN_PROGRESS, answer.status());
        rig.advance(Duration.ofHours(2));
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      }
    }
  }

  @Nested
  @DisplayName("Undo")
  class Undo {

    @Test
    @DisplayName("a failed undo can succeed later: every undo attempt has its own idempotency key")
    void failedUndoRetried() {
      try (Rig rig = new Rig(12, b -> {})) {
        rig.runtime.start();
        ActionId action = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        rig.devices.inject(ActionKind.RELEASE_FROM_ISOLATION, Fault.fail("device busy"), 1);
        rig.runtime.undo(action, ANALYST, "false alarm");
        rig.settle();
        assertEquals(ActionStatus.UNDO_FAILED, rig.action(action).status());
        rig.runtime.undo(action, ANALYST, "try again");
        rig.settle();
        assertEquals(ActionStatus.UNDONE, rig.action(action).status());
        List<Call> undos =
            rig.devices.calls().stream()
                .filter(
                    c ->
                        c.operation().equals("execute")
                            && c.request().action() instanceof ReleaseFromIsolation)
                .toList();
        assertEquals(2, undos.size());
        assertNotEquals(
            undos.get(0).request().idempotencyKey(), undos.get(1).request().idempotencyKey());
        assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)));
      }
    }

    @Test
    @DisplayName(
        "undoing one of two isolations of a device keeps the effect the other holds, and says so")
    void sharedEffect() {
      try (Rig rig = new Rig(13, b -> {})) {
        rig.runtime.start();
        ActionId first = rig.isolate("inv-1", WORKSTATION);
        rig.settle();
        ActionId second = rig.isolate("inv-2", WORKSTATION);
        rig.settle();
        assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
        assertEquals(ActionStatus.SUCCEEDED, rig.action(second).status());
        rig.runtime.undo(first, ANALYST, "not this one");
        rig.settle();
        ActionRecord kept = rig.action(first);
        assertEquals(ActionStatus.UNDONE, kept.status());
        assertTrue(kept.note().contains(second.toString()), kept.note());
        assertTrue(
            rig.devices.isInEffect(isolation(WORKSTATION)),
            "the other investigation's isolation was lifted");
        rig.runtime.undo(second, ANALYST, "all clear");
        rig.settle();
        assertEquals(ActionStatus.UNDONE, rig.action(second).status());
        assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)));
      }
    }
  }

  @Nested
  @DisplayName("Safety guards apply at dispatch time")
  class Guards {

    @Test
    @DisplayName("pausing automation holds automatic actions already queued behind the rate limit")
    void killSwitchHoldsQueuedActions() {
      try (Rig rig =
          new Rig(
              14, b -> b.limits(Rig.LIMITS.withRateLimit(RateLimit.of(1, Duration.ofHours(1)))))) {
        rig.runtime.start();
        ActionId first = rig.isolate("inv-1", WORKSTATION);
        ActionId second = rig.isolate("inv-2", WORKSTATION_2);
        rig.settle();
        assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
        rig.runtime.pauseAutomation(ANALYST, null, "incident: bad detection rule");
        rig.advance(Duration.ofHours(2));
        ActionRecord held = rig.action(second);
        assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
        assertTrue(held.reason().contains("paused"), held.reason());
        assertFalse(rig.devices.isInEffect(isolation(WORKSTATION_2)));
      }
    }
  }

  @Nested
  @DisplayName("Durations are bounded")
  class Durations {

    @Test
    @DisplayName(
        "durations past the documented maximum are refused with a typed error naming the value")
    void refused() {
      try (Rig rig = new Rig(15, b -> {})) {
        rig.runtime.start();
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        InvalidInputException box =
            assertThrows(
                InvalidInputException.class,
                () ->
                    rig.runtime.takeAction(
                        new IsolateDevice(WORKSTATION, dev.parry.core.action.IsolationType.FULL),
                        ANALYST,
                        "contain",
                        false,
                        huge));
        assertTrue(box.getMessage().contains(huge.toString()), box.getMessage());
        List<org.junit.jupiter.api.function.Executable> refusals =
            List.of(
                () -> rig.runtime.breakGlass(ANALYST, WORKSTATION.id(), huge, "maintenance"),
                () -> ParryRuntime.builder().dispatchLease(huge),
                () -> ParryRuntime.builder().reconcileEvery(huge),
                () -> ParryRuntime.builder().pendingExpiry(ActionKind.ISOLATE_DEVICE, huge),
                () -> ParryRuntime.builder().timeBox(ActionKind.ISOLATE_DEVICE, huge),
                () -> Limits.defaults().withActionTimeout(huge),
                () -> Limits.defaults().withAttemptTimeout(huge),
                () -> Limits.defaults().withBackoff(Duration.ofSeconds(1), huge),
                () -> Limits.defaults().withPendingExpiry(huge),
                () -> RateLimit.of(1, huge));
        for (org.junit.jupiter.api.function.Executable refusal : refusals) {
          InvalidInputException refused = assertThrows(InvalidInputException.class, refusal);
          assertTrue(
              refused.getMessage().contains(huge.toString())
                  && refused.getMessage().contains("PT87600H"),
              refused.getMessage());
        }
        ActionRecord taken =
            rig.runtime.takeAction(
                isolation(WORKSTATION), ANALYST, "contain", false, Duration.ofHours(1));
        rig.settle();
        InvalidInputException extension =
            assertThrows(
                InvalidInputException.class,
                () -> rig.runtime.extendTimeBox(taken.id(), huge, ANALYST, ""));
        assertTrue(extension.getMessage().contains(huge.toString()), extension.getMessage());
        assertEquals(0, rig.store.faults());
      }
    }

    @Test
    @DisplayName(
        "a stored action with an enormous time box cannot make start() or the reconciler fail")
    void storedHugeTimeBox() {
      try (Rig rig = new Rig(16, b -> {})) {
        InvestigationId id = InvestigationId.of("inv-old");
        Decision.Accepted opened =
            Investigation.open(
                id,
                AlertId.of("a"),
                dev.parry.core.automation.AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                rig.clock.instant());
        List<InvestigationEvent> events = new ArrayList<>(opened.events());
        Investigation state = opened.after();
        ActionId action = new ActionId(id, 1);
        for (InvestigationEvent event :
            List.of(
                new InvestigationEvent.ActionProposed(
                    id,
                    rig.clock.instant(),
                    Actor.system(),
                    action,
                    isolation(WORKSTATION),
                    ApprovalMode.AUTOMATIC,
                    "stored long ago",
                    ApprovalRule.SINGLE,
                    Duration.ofSeconds(Long.MAX_VALUE)),
                new InvestigationEvent.ActionStarted(
                    id, rig.clock.instant(), Actor.system(), action, 1),
                new InvestigationEvent.ActionSucceeded(
                    id, rig.clock.instant(), Actor.system(), action, "done"))) {
          events.add(event);
          state = state.evolve(event);
        }
        rig.store.append(id, 0, events, state);
        rig.runtime.start();
        rig.advance(Duration.ofDays(30));
        assertTrue(rig.runtime.health().isHealthy(), () -> rig.runtime.health().toString());
        assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      }
    }
  }
}
