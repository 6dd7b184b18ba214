package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.AdversaryCancelWindowTest.ANALYST;
import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.actor.Actor;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (README "False positives"): an action whose executor cannot stop the work already sent
 * when a false positive is reported ({@code stillRunning()}) is undone as soon as it succeeds. The
 * undo is an obligation like any other: it must be found from what is stored, whatever fails after
 * the report returned.
 */
@DisplayName("Attack: the undo a false positive asks of an action still running")
class AdversaryFalsePositiveUndoTest {

  private static final Caller OTHER_ANALYST =
      Caller.of("bob@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  /**
   * Isolates the workstation automatically with an answer that comes a minute later (the fake
   * cannot stop a call it has not answered), and reports the workstation a false positive while the
   * call is out. {@return the action}
   */
  private static ActionId reportedWhileRunning(Rig rig, String investigation) {
    ActionId action = rig.isolateWithCallOut(investigation, WORKSTATION);
    assertEquals(ActionStatus.IN_PROGRESS, rig.action(action).status());
    FalsePositiveReport report =
        rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
    assertEquals(List.of(action), report.stillRunning(), report::toString);
    return action;
  }

  private static void assertUndone(Rig rig, ActionId action) {
    ActionRecord after = rig.action(action);
    assertEquals(ActionStatus.UNDONE, after.status(), after::toString);
    assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)), "still isolated");
    assertTrue(after.undoRequest().isPresent());
    assertEquals("lab machine", after.undoRequest().get().comment());
    assertEquals(ANALYST.actor(), after.undoRequest().get().actor(), "the reporter asked for it");
  }

  @Test
  @DisplayName("the control store failing when the success is recorded loses no undo")
  void controlReadFailsAfterTheSuccess() {
    try (Rig rig = new Rig(301, b -> {})) {
      rig.runtime.start();
      ActionId action = reportedWhileRunning(rig, "inv-fp-read");
      rig.store.failNext(FaultyStore.Call.CONTROL_CHANGES, 1_000, false);
      rig.advance(Duration.ofMinutes(2)); // the call answers: succeeded
      rig.store.heal();
      rig.advance(Duration.ofMinutes(10));
      assertUndone(rig, action);
    }
  }

  @Test
  @DisplayName("a success whose acknowledgement was lost is still undone")
  void successAcknowledgementLost() {
    try (Rig rig = new Rig(302, b -> {})) {
      rig.runtime.start();
      ActionId action = reportedWhileRunning(rig, "inv-fp-ack");
      rig.store.failNext(FaultyStore.Call.APPEND, 1, true); // the success lands, its answer is lost
      rig.advance(Duration.ofMinutes(2));
      assertEquals(1, rig.store.lostAcks());
      rig.advance(Duration.ofMinutes(10));
      assertUndone(rig, action);
    }
  }

  @Test
  @DisplayName(
      "the runtime carrying the action loses its store right after the success: the other one undoes it")
  void carrierLosesItsStoreAfterTheSuccess() {
    AtomicReference<FaultyStore> breakOnSuccess = new AtomicReference<>();
    Consumer<ParryRuntime.Builder> listening =
        b ->
            b.listener(
                event -> {
                  FaultyStore store = breakOnSuccess.get();
                  if (event instanceof InvestigationEvent.ActionSucceeded && store != null) {
                    store.failing(1.0); // from here on, as if the carrier were gone
                  }
                });
    try (Rig first = new Rig(303, listening);
        Rig second = new Rig(first, 304, "rig-2")) {
      first.runtime.start();
      second.runtime.start();
      ActionId action = first.isolateWithCallOut("inv-fp-two", WORKSTATION);
      assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      breakOnSuccess.set(first.store);
      first.advance(Duration.ofSeconds(65)); // the success lands; nothing of the carrier's after it
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, first.action(action).status());
      assertEquals(0, undoCalls(first), "the carrier sent nothing after the success");
      first.advance(Duration.ofMinutes(10)); // its lease runs out; the other runtime takes over
      assertUndone(first, action);
      assertEquals(1, undoCalls(first), first.devices.calls()::toString);
    }
  }

  @Test
  @DisplayName(
      "the undo recorded with the success keeps its lease while its call is out: no other runtime sends it too")
  void undoKeepsTheLease() {
    try (Rig first = new Rig(305, b -> {});
        Rig second = new Rig(first, 306, "rig-2")) {
      // this runtime runs what it queues at once: the undo starts inside the write of the success
      first.runtime.close();
      first.runtime = first.build(b -> b.scheduler(inline(first.virtual)));
      first.runtime.start();
      second.runtime.start();
      ActionId action = first.isolateWithCallOut("inv-fp-lease", WORKSTATION);
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      // the undo's call answers in 90 s: longer than a lease, within the attempt's time-out
      first.devices.inject(Fault.latency(Duration.ofSeconds(90)), 1);
      first.advance(Duration.ofSeconds(65));
      assertEquals(1, undoCalls(first), "the undo is out");
      first.advance(Duration.ofMinutes(10));
      assertUndone(first, action);
      assertEquals(1, undoCalls(first), first.devices.calls()::toString);
    }
  }

  @Test
  @DisplayName("an action that succeeded before the report is undone by it")
  void succeededBeforeTheReport() {
    try (Rig rig = new Rig(307, b -> {})) {
      rig.runtime.start();
      ActionId action = rig.isolateWithCallOut("inv-fp-meanwhile", WORKSTATION);
      rig.advance(Duration.ofMinutes(2));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      FalsePositiveReport report =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.undone(), report::toString);
      rig.advance(Duration.ofMinutes(10));
      assertUndone(rig, action);
    }
  }

  @Test
  @DisplayName("a second report on an action whose undo already waits asks nothing twice")
  void reportedTwice() {
    try (Rig rig = new Rig(308, b -> {})) {
      rig.runtime.start();
      ActionId action = reportedWhileRunning(rig, "inv-fp-twice");
      FalsePositiveReport again =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "still a lab machine");
      assertEquals(List.of(action), again.stillRunning(), again::toString);
      assertEquals(
          1,
          rig.action(action).steps().stream()
              .filter(step -> step.kind() == ActionStep.Kind.UNDO_ON_SUCCESS)
              .count());
      rig.advance(Duration.ofMinutes(10));
      assertUndone(rig, action);
      assertEquals(1, undoCalls(rig));
    }
  }

  @Test
  @DisplayName(
      "an action held for approval after the report and approved by an analyst is left alone")
  void heldAndApprovedAgain() {
    try (Rig first = new Rig(309, b -> {});
        Rig second = new Rig(first, 310, "rig-2")) {
      first.runtime.start();
      second.runtime.start();
      // the first call is answered busy: the action backs off, carried by the first runtime
      first.devices.inject(Fault.failRetryable("busy", Duration.ofSeconds(30)), 1);
      ActionId action = first.isolate("inv-fp-held", WORKSTATION);
      first.settle();
      assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      first.advance(Duration.ofMinutes(1)); // its retry meets the indicator: held
      assertEquals(ActionStatus.PENDING_APPROVAL, first.action(action).status());
      first.runtime.approve(action, OTHER_ANALYST, "isolate it anyway");
      first.advance(Duration.ofMinutes(10));
      ActionRecord after = first.action(action);
      assertEquals(ActionStatus.SUCCEEDED, after.status(), after::toString);
      assertTrue(first.devices.isInEffect(isolation(WORKSTATION)));
      assertEquals(0, undoCalls(first));
    }
  }

  @Test
  @DisplayName(
      "an indicator added with allow undoes nothing: an action running then is left to succeed")
  void allowUndoesNothing() {
    try (Rig rig = new Rig(311, b -> {})) {
      rig.runtime.start();
      ActionId action = rig.isolateWithCallOut("inv-allow", WORKSTATION);
      for (AllowIndicator indicator : AllowIndicator.forValuesOf(WORKSTATION)) {
        rig.runtime.allow(ANALYST, indicator, "lab machine from now on");
      }
      rig.advance(Duration.ofMinutes(10));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      assertTrue(rig.devices.isInEffect(isolation(WORKSTATION)));
      assertEquals(0, undoCalls(rig));
    }
  }

  @Test
  @DisplayName(
      "an automatic action decided and sent while the report records its indicators is undone once it succeeds")
  void decidedWhileTheIndicatorsAreRecorded() {
    try (Rig first = new Rig(312, b -> {});
        Rig second = new Rig(first, 313, "rig-2")) {
      ControlStore shared = first.store.delegateStore().controls().orElseThrow();
      ActionId late = new ActionId(InvestigationId.of("inv-fp-late"), 1);
      ControlStore racing =
          HookedControls.hooked(
              shared,
              () -> {
                // after the report listed the entity's actions (none), before its indicator:
                // another runtime plans an isolation and sends it, meeting no indicator
                first.devices.inject(Fault.latency(Duration.ofMinutes(1)), 1);
                first.isolate(late.investigation().value(), WORKSTATION);
                first.settle();
              });
      second.runtime.close();
      second.runtime = second.build(b -> b.controls(racing));
      first.runtime.start();
      second.runtime.start();
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(
          ActionStatus.IN_PROGRESS, first.action(late).status(), "sent before the indicator");
      assertEquals(List.of(late), report.stillRunning(), report::toString);
      first.advance(Duration.ofMinutes(10));
      ActionRecord after = first.action(late);
      assertEquals(ActionStatus.UNDONE, after.status(), after::toString);
      assertFalse(first.devices.isInEffect(isolation(WORKSTATION)), "still isolated");
      assertEquals(Actor.system(), after.undoRequest().orElseThrow().actor());
    }
  }

  @Test
  @DisplayName(
      "the CSV names who asked for the undo of a running action, and why, after the action failed")
  void csvNamesTheReporter() {
    try (Rig first = new Rig(314, b -> {});
        Rig second = new Rig(first, 315, "rig-2")) {
      first.runtime.start();
      second.runtime.start();
      first.devices.inject(Fault.inProgressThenFail(3, "device offline"), 1);
      ActionId action = first.isolate("inv-fp-csv", WORKSTATION);
      first.settle();
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, OTHER_ANALYST, "a lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      first.advance(Duration.ofMinutes(10));
      assertEquals(ActionStatus.FAILED, first.action(action).status());
      String csv =
          first.runtime.exportCsv(ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build(), ANALYST);
      String row =
          csv.lines().filter(line -> line.startsWith(action.toString())).findFirst().orElseThrow();
      assertTrue(
          row.endsWith(",bob@contoso.com,a lab machine"),
          "the reporter or their comment is missing from the CSV:\n" + csv);
    }
  }

  @Test
  @DisplayName("a report the store fails part way throws, and reporting again finishes it")
  void reportFailsPartWay() {
    try (Rig rig = new Rig(316, b -> {})) {
      rig.runtime.start();
      ActionId action = rig.isolateWithCallOut("inv-fp-part", WORKSTATION);
      rig.store.failNext(FaultyStore.Call.APPEND, 1, false); // the undo's write fails
      assertThrows(
          StoreUnavailableException.class,
          () -> rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine"));
      assertTrue(rig.action(action).undoOnSuccess().isEmpty(), "nothing stored for it");
      FalsePositiveReport again =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), again.stillRunning(), again::toString);
      rig.advance(Duration.ofMinutes(10));
      assertUndone(rig, action);
    }
  }

  private static long undoCalls(Rig rig) {
    return rig.devices.calls().stream()
        .filter(call -> call.operation().equals("execute"))
        .filter(call -> call.request().action().kind() == ActionKind.RELEASE_FROM_ISOLATION)
        .count();
  }

  /** A scheduler that runs what is queued at once, and its timers on {@code timers}. */
  private static TaskScheduler inline(TaskScheduler timers) {
    return new TaskScheduler() {
      @Override
      public void execute(Runnable task) {
        task.run();
      }

      @Override
      public TaskScheduler.Cancellable schedule(Duration delay, Runnable task) {
        return timers.schedule(delay, task);
      }
    };
  }
}
