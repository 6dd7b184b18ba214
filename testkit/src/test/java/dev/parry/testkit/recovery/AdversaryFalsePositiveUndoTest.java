package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.AdversaryCancelWindowTest.ANALYST;
import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import java.time.Duration;
import java.util.List;
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

  /**
   * Isolates the workstation automatically with an answer that comes a minute later (the fake
   * cannot stop a call it has not answered), and reports the workstation a false positive while the
   * call is out. {@return the action}
   */
  private static ActionId reportedWhileRunning(Rig rig, String investigation) {
    rig.devices.inject(Fault.latency(Duration.ofMinutes(1)), 1);
    ActionId action = rig.isolate(investigation, WORKSTATION);
    rig.settle();
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
      "the runtime carrying the action is another one, which stops right after the success")
  void carriedByAnotherRuntimeThatStops() {
    try (Rig first = new Rig(303, b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 304, "rig-2");
      try {
        second.runtime.start();
        first.devices.inject(Fault.latency(Duration.ofMinutes(1)), 1);
        ActionId action = first.isolate("inv-fp-two", WORKSTATION);
        first.settle();
        assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
        FalsePositiveReport report =
            second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        assertEquals(List.of(action), report.stillRunning(), report::toString);
        // the carrier records the success, and every call it makes after that fails
        first.store.failAfter(FaultyStore.Call.APPEND, 1, Integer.MAX_VALUE, false);
        first.store.failNext(FaultyStore.Call.CONTROL_CHANGES, 1_000, false);
        first.advance(Duration.ofMinutes(2));
        assertFalse(
            first.action(action).status() == ActionStatus.IN_PROGRESS, "the success was recorded");
        first.runtime.close();
        first.advance(Duration.ofMinutes(10));
        assertUndone(first, action);
      } finally {
        second.close();
      }
    }
  }
}
