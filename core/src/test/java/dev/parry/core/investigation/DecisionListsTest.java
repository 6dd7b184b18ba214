package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The lists a decision hands out and the state it builds")
class DecisionListsTest {

  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");

  Investigation investigation;
  final List<InvestigationEvent> log = new ArrayList<>();

  @BeforeEach
  void open() {
    Decision.Accepted opened =
        Investigation.open(
            InvestigationId.of("inv-lists"),
            AlertId.of("alert-1"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
    investigation = opened.after();
    log.addAll(opened.events());
  }

  Decision.Accepted accept(Command command) {
    Decision.Accepted accepted = (Decision.Accepted) investigation.decide(command, T0);
    investigation = accepted.after();
    log.addAll(accepted.events());
    return accepted;
  }

  ActionId propose(int device) {
    accept(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(
                    new IsolateDevice(
                        device == 0
                            ? DEVICE
                            : Device.of(DeviceId.of("d" + device), DeviceName.of("ws")),
                        IsolationType.FULL),
                    ApprovalMode.REQUIRES_APPROVAL,
                    "test"),
                ApprovalRule.SINGLE),
            Actor.system()));
    return investigation.actions().get(investigation.actions().size() - 1).id();
  }

  /** {@return {@code state} with these lists, every other component as it is} */
  static Investigation rebuilt(
      Investigation state,
      List<Evidence> evidence,
      @Nullable List<Evidence> threatsWithoutAction,
      List<ActionRecord> actions) {
    return new Investigation(
        state.id(),
        state.alertId(),
        state.level(),
        state.origin(),
        state.openedAt(),
        state.pendingExpiry(),
        state.version(),
        evidence,
        threatsWithoutAction,
        actions,
        state.analysis(),
        state.terminatedBy(),
        state.completedAt());
  }

  static <T> void assertUnmodifiable(List<T> list) {
    T any = list.get(0);
    assertThrows(UnsupportedOperationException.class, () -> list.add(any));
    assertThrows(UnsupportedOperationException.class, () -> list.add(0, any));
    assertThrows(UnsupportedOperationException.class, () -> list.set(0, any));
    assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
    assertThrows(UnsupportedOperationException.class, list::clear);
    assertRefusesEvenNoChange(list);
    assertEquals(List.copyOf(list), list, "equal to a JDK list of the same elements");
    assertEquals(List.copyOf(list).hashCode(), list.hashCode());
  }

  /** Like the JDK's unmodifiable lists: a change that would change nothing is refused too. */
  static <T> void assertRefusesEvenNoChange(List<T> list) {
    assertThrows(UnsupportedOperationException.class, () -> list.removeIf(x -> false));
    assertThrows(UnsupportedOperationException.class, () -> list.addAll(List.of()));
    assertThrows(UnsupportedOperationException.class, () -> list.addAll(0, List.of()));
    assertThrows(UnsupportedOperationException.class, () -> list.removeAll(List.of()));
    assertThrows(UnsupportedOperationException.class, () -> list.retainAll(list));
    assertThrows(UnsupportedOperationException.class, () -> list.replaceAll(x -> x));
    assertThrows(UnsupportedOperationException.class, () -> list.sort(null));
  }

  @Test
  @DisplayName("a decision's events cannot be modified, one event or several")
  void eventsAreUnmodifiable() {
    ActionId id = propose(0);
    accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
    Decision.Accepted one = accept(new Command.Approve(id, ALICE, ""));
    assertEquals(1, one.events().size());
    assertUnmodifiable(one.events());

    accept(new Command.Start(id));
    Decision.Accepted two = accept(new Command.Succeed(id, ""));
    assertEquals(2, two.events().size(), "the success and the completion");
    assertUnmodifiable(two.events());
  }

  @Test
  @DisplayName(
      "completion follows the actions however their list was built: decided, replayed or given")
  void completionFromEveryList() {
    ActionId first = propose(1);
    ActionId second = propose(2);
    accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
    for (ActionId id : List.of(first, second)) {
      assertFalse(investigation.isComplete());
      accept(new Command.Approve(id, ALICE, ""));
      accept(new Command.Start(id));
      assertFalse(Investigation.replay(log).isComplete());
      accept(new Command.Succeed(id, ""));
    }
    assertTrue(investigation.isComplete());
    assertEquals(investigation, Investigation.replay(log), "replay builds the same state");

    Investigation given =
        rebuilt(
            investigation,
            investigation.evidence(),
            investigation.threatsWithoutAction(),
            new ArrayList<>(investigation.actions()));
    assertTrue(given.isComplete());
    assertEquals(investigation, given);
  }

  @Test
  @DisplayName("the evidence, the threats without action and an action's steps cannot be modified")
  void stateListsAreUnmodifiable() {
    accept(
        new Command.RecordEvidence(
            Evidence.of(DEVICE, Verdict.NO_THREATS_FOUND, "", T0), List.of(), Actor.system()));
    accept(
        new Command.RecordEvidence(
            Evidence.of(DEVICE, Verdict.MALICIOUS, "", T0), List.of(), Actor.system()));
    ActionId id = propose(1);
    accept(new Command.Approve(id, ALICE, "looks right"));
    assertEquals(2, investigation.evidence().size());
    assertUnmodifiable(investigation.evidence());
    assertEquals(1, investigation.threatsWithoutAction().size());
    assertUnmodifiable(investigation.threatsWithoutAction());
    assertUnmodifiable(investigation.action(id).orElseThrow().steps());
    assertEquals(investigation, Investigation.replay(log), "replay builds the same state");
  }

  @Test
  @DisplayName(
      "a transition hands on the lists it did not change as they are: no copy per transition")
  void unchangedListsAreHandedOn() {
    accept(
        new Command.RecordEvidence(
            Evidence.of(DEVICE, Verdict.MALICIOUS, "", T0), List.of(), Actor.system()));
    ActionId id = propose(1);
    accept(new Command.Approve(id, ALICE, "looks right"));
    Investigation approved = investigation;
    accept(new Command.Start(id));
    assertSame(approved.evidence(), investigation.evidence());
    assertSame(approved.threatsWithoutAction(), investigation.threatsWithoutAction());
    assertSame(
        approved.action(id).orElseThrow().steps(), investigation.action(id).orElseThrow().steps());
    assertEquals(investigation, Investigation.replay(log), "replay builds the same state");
  }

  @Test
  @DisplayName("empty lists of a new state refuse every change, even one that would change nothing")
  void emptyListsRefuseEveryChange() {
    ActionId id = propose(1);
    assertTrue(investigation.evidence().isEmpty());
    assertRefusesEvenNoChange(investigation.evidence());
    assertRefusesEvenNoChange(investigation.threatsWithoutAction());
    assertRefusesEvenNoChange(investigation.action(id).orElseThrow().steps());
    assertRefusesEvenNoChange(investigation.actions());
  }

  @Test
  @DisplayName(
      "none, one, two or three threats given as evidence, grown by a clean verdict and given back as threats, are checked")
  void threatsOfEverySizeGivenAsEvidenceLoseTheirMark() {
    for (int n = 0; n <= 3; n++) {
      open();
      for (int i = 0; i < n; i++) {
        accept(
            new Command.RecordEvidence(
                Evidence.of(
                    Device.of(DeviceId.of("t" + i), DeviceName.of("ws")),
                    Verdict.MALICIOUS,
                    "",
                    T0),
                List.of(),
                Actor.system()));
      }
      assertEquals(n, investigation.threatsWithoutAction().size(), "threats without action");
      Investigation asEvidence =
          rebuilt(
              investigation, investigation.threatsWithoutAction(), null, investigation.actions());
      Investigation grown =
          asEvidence.evolve(
              new InvestigationEvent.EvidenceRecorded(
                  asEvidence.id(),
                  T0,
                  Actor.system(),
                  Evidence.of(DEVICE, Verdict.NO_THREATS_FOUND, "", T0)));
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> rebuilt(grown, grown.evidence(), grown.evidence(), grown.actions()),
              n + " threats");
      assertEquals("threatsWithoutAction", e.field());
    }
  }

  @Test
  @DisplayName(
      "a state's evidence given back as its threats without action is checked like any other list")
  void evidenceGivenAsThreatsIsChecked() {
    accept(
        new Command.RecordEvidence(
            Evidence.of(DEVICE, Verdict.NO_THREATS_FOUND, "", T0), List.of(), Actor.system()));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                rebuilt(
                    investigation,
                    investigation.evidence(),
                    investigation.evidence(),
                    investigation.actions()));
    assertEquals("threatsWithoutAction", e.field());
  }

  @Test
  @DisplayName("a list given from outside is copied: changing it later changes no state")
  void givenListsAreCopied() {
    List<Evidence> evidence =
        new ArrayList<>(List.of(Evidence.of(DEVICE, Verdict.NO_THREATS_FOUND, "", T0)));
    Investigation given = rebuilt(investigation, evidence, null, investigation.actions());
    evidence.add(Evidence.of(DEVICE, Verdict.MALICIOUS, "", T0));
    assertEquals(1, given.evidence().size());
    Investigation after =
        ((Decision.Accepted)
                given.decide(
                    new Command.RecordEvidence(
                        Evidence.of(DEVICE, Verdict.SUSPICIOUS, "", T0), List.of(), Actor.system()),
                    T0))
            .after();
    assertEquals(1, given.evidence().size(), "a decision leaves the state it was made on alone");
    assertEquals(2, after.evidence().size());
  }

  @Test
  @DisplayName("a null among a decision's events is refused, named by its index")
  void nullEventNamed() {
    InvestigationEvent event = log.get(0);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new Decision.Accepted(Arrays.asList(event, null), investigation));
    assertEquals("events[1]", e.field());
    assertEquals("events[1] must not be null", e.getMessage());
  }
}
