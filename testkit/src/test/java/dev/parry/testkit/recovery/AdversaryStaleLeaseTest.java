package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a flight may write ahead of its start while the lease it believes held ran out in the store
 * (its renewals failed) and another runtime started and called the action meanwhile.
 */
class AdversaryStaleLeaseTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  private static final Duration BACKING_OFF = Duration.ofMinutes(2);

  @Test
  @DisplayName(
      "a kill switch met at the retry of an automatic action whose lease ran out while its"
          + " renewals failed, after another runtime started and called it, does not hold the"
          + " action for approval")
  void holdAfterTheLeaseRanOutWhileBackingOff() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    try (Rig a = new Rig(701, shared, "rig", r -> {})) {
      a.runtime.start();
      ActionId action = a.backingOffWithItsLeaseRunOut("inv-1", BACKING_OFF);
      AdversaryLeaseTest.startedAndCalledByTheOther(shared, a, action);
      assertEquals(2, a.executes(), () -> a.devices.calls().toString());
      a.runtime.pauseAutomation(ANALYST, null, "bad rule");
      a.advance(BACKING_OFF); // the retry meets the kill switch
      List<InvestigationEvent> events = shared.events(action.investigation());
      int secondStart = -1;
      for (int i = 0, starts = 0; i < events.size(); i++) {
        if (events.get(i) instanceof InvestigationEvent.ActionStarted && ++starts == 2) {
          secondStart = i;
        }
      }
      assertTrue(secondStart >= 0, events::toString);
      assertFalse(
          events.subList(secondStart, events.size()).stream()
              .anyMatch(InvestigationEvent.ActionHeld.class::isInstance),
          () -> "held for approval after another runtime sent it: " + events);
      assertNotEquals(ActionStatus.PENDING_APPROVAL, a.action(action).status());
    }
  }

  @Test
  @DisplayName(
      "an automatic action another runtime started and left, resumed during a pause by the runtime"
          + " that proposed it, is carried on as sent, not taken for a first dispatch to hold")
  void resumedDuringAPauseByTheRuntimeThatProposedIt() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    try (Rig a = new Rig(702, shared, "rig", r -> {})) {
      ActionId action = a.isolate("inv-1", WORKSTATION); // proposed here, not dispatched yet
      assertEquals(ActionStatus.APPROVED, a.action(action).status());
      AdversaryLeaseTest.startedAndCalledByTheOther(shared, a, action); // then it stops
      a.runtime.pauseAutomation(ANALYST, null, "bad rule");
      a.advance(Duration.ofSeconds(40)); // the other's lease runs out
      a.runtime.start();
      a.advance(Duration.ofMinutes(20));
      assertEquals(
          ActionStatus.SUCCEEDED,
          a.action(action).status(),
          () -> "not carried on: " + shared.events(action.investigation()));
      assertFalse(
          shared.events(action.investigation()).stream()
              .anyMatch(InvestigationEvent.ActionHeld.class::isInstance),
          () -> "held for approval after another runtime sent it");
    }
  }
}
