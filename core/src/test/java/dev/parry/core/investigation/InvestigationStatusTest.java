package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Investigation statuses are derived by the documented table (core/DOMAIN.md D33)")
class InvestigationStatusTest {

  private static final List<RemediationAction> ACTIONS = Fixtures.oneActionOfEachKind();
  private static final PrincipalName ANALYST = PrincipalName.of("analyst@contoso.com");

  private Investigation investigation =
      Investigation.open(
              InvestigationId.of("inv-s"),
              AlertId.of("a"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              T0)
          .after();

  private void run(Command command) {
    Decision decision = investigation.decide(command, T0);
    if (decision instanceof Decision.Rejected rejected) {
      throw new AssertionError(rejected.rejection().toString());
    }
    investigation = ((Decision.Accepted) decision).after();
  }

  /** Adds an action and drives it to {@code target}. */
  private void actionIn(ActionStatus target) {
    RemediationAction action = ACTIONS.get(investigation.actions().size());
    boolean pending =
        target == ActionStatus.PENDING_APPROVAL
            || target == ActionStatus.REJECTED
            || target == ActionStatus.EXPIRED;
    run(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(
                    action,
                    pending ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC,
                    "test"),
                ApprovalRule.SINGLE),
            Actor.system()));
    ActionId id = investigation.actions().get(investigation.actions().size() - 1).id();
    switch (target) {
      case PENDING_APPROVAL, APPROVED -> {}
      case REJECTED -> run(new Command.Reject(id, Actor.principal(ANALYST), ""));
      case EXPIRED ->
          investigation =
              investigation.evolve(
                  new InvestigationEvent.ActionExpired(investigation.id(), T0, Actor.system(), id));
      case CANCELLED -> run(new Command.Cancel(id, Actor.principal(ANALYST), ""));
      default -> {
        run(new Command.Start(id));
        switch (target) {
          case SUCCEEDED -> run(new Command.Succeed(id, ""));
          case FAILED -> run(new Command.Fail(id, "broken"));
          case TIMED_OUT -> run(new Command.TimeOut(id));
          case UNDONE -> {
            run(new Command.Succeed(id, ""));
            run(new Command.RequestUndo(id, Actor.principal(ANALYST), ""));
            run(new Command.CompleteUndo(id, ""));
          }
          default -> {}
        }
      }
    }
  }

  /**
   * One row per line of the final-status table (core/DOMAIN.md D33, README "Domain choices").
   * Evidence is {@code -} (none), {@code clean} (examined, no threat) or {@code threat} (malicious,
   * and the policy planned no action for it: excluded, allowed or with no matching action). Actions
   * are proposed one after the other and driven to the statuses listed.
   */
  @ParameterizedTest(
      name = "{0}: analysis={1}, terminated={2}, evidence={3}, actions=[{4}] -> {5}, complete={6}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "S1 terminated by a principal  | -         | user   | clean  | PENDING_APPROVAL           | TERMINATED_BY_USER | true",
        "S1 terminated after analysis  | COMPLETED | user   | clean  | PENDING_APPROVAL           | TERMINATED_BY_USER | true",
        "S1 terminated by the system   | -         | system | clean  | IN_PROGRESS                | TERMINATED_BY_SYSTEM | false",
        "S2 an action is pending       | -         | -      | clean  | PENDING_APPROVAL           | PENDING_APPROVAL | false",
        "S2 pending after analysis     | COMPLETED | -      | clean  | SUCCEEDED PENDING_APPROVAL | PENDING_APPROVAL | false",
        "S3 in progress after analysis | COMPLETED | -      | clean  | IN_PROGRESS                | PENDING_RESOURCE | false",
        "S3 approved after analysis    | COMPLETED | -      | clean  | APPROVED                   | PENDING_RESOURCE | false",
        "S4 nothing reported           | -         | -      | -      | -                          | QUEUED | false",
        "S5 evidence, analysis running | -         | -      | clean  | -                          | RUNNING | false",
        "S5 approved, analysis running | -         | -      | clean  | APPROVED                   | RUNNING | false",
        "S5 one taken, one approved    | -         | -      | clean  | SUCCEEDED APPROVED         | RUNNING | false",
        "S6 analysis failed            | FAILED    | -      | clean  | -                          | FAILED | true",
        "S6 analysis failed, action    | FAILED    | -      | clean  | SUCCEEDED                  | FAILED | true",
        "S7 alert type unsupported     | UNSUPPORTED_ALERT_TYPE | - | - | -                      | UNSUPPORTED_ALERT_TYPE | true",
        "S8 analysis partial           | PARTIAL   | -      | clean  | SUCCEEDED                  | PARTIALLY_INVESTIGATED | true",
        "S9 clean evidence, no action  | COMPLETED | -      | clean  | -                          | NO_THREATS_FOUND | true",
        "S9 no evidence, no action     | COMPLETED | -      | -      | -                          | NO_THREATS_FOUND | true",
        "S10 threat with no action     | COMPLETED | -      | threat | -                          | PARTIALLY_INVESTIGATED | true",
        "S11 the action taken          | COMPLETED | -      | clean  | SUCCEEDED                  | REMEDIATED | true",
        "S11 taken, then undone        | COMPLETED | -      | clean  | UNDONE                     | REMEDIATED | true",
        "S12 taken and rejected        | COMPLETED | -      | clean  | SUCCEEDED REJECTED         | PARTIALLY_REMEDIATED | true",
        "S12 taken and expired         | COMPLETED | -      | clean  | SUCCEEDED EXPIRED          | PARTIALLY_REMEDIATED | true",
        "S12 taken and failed          | COMPLETED | -      | clean  | SUCCEEDED FAILED           | PARTIALLY_REMEDIATED | true",
        "S12 taken, a threat left      | COMPLETED | -      | threat | SUCCEEDED                  | PARTIALLY_REMEDIATED | true",
        "S13 the action failed         | COMPLETED | -      | clean  | FAILED                     | FAILED | true",
        "S13 failed and rejected       | COMPLETED | -      | clean  | REJECTED TIMED_OUT         | FAILED | true",
        "S13 failed, timed out, cancelled | COMPLETED | -   | clean  | FAILED TIMED_OUT CANCELLED | FAILED | true",
        "S14 the action rejected       | COMPLETED | -      | clean  | REJECTED                   | NOT_REMEDIATED | true",
        "S14 the action expired        | COMPLETED | -      | clean  | EXPIRED                    | NOT_REMEDIATED | true",
        "S14 the action cancelled      | COMPLETED | -      | clean  | CANCELLED                  | NOT_REMEDIATED | true",
        "S14 rejected, expired, threat | COMPLETED | -      | threat | REJECTED EXPIRED           | NOT_REMEDIATED | true"
      })
  @DisplayName("the final-status table, one row at a time")
  void table(
      String row,
      @Nullable AnalysisOutcome analysis,
      @Nullable String terminatedBy,
      @Nullable String evidence,
      @Nullable String actions,
      InvestigationStatus expected,
      boolean complete) {
    if (evidence != null) {
      Verdict verdict = evidence.equals("threat") ? Verdict.MALICIOUS : Verdict.NO_THREATS_FOUND;
      run(
          new Command.RecordEvidence(
              Evidence.of(Fixtures.DEVICE, verdict, "", T0), List.of(), Actor.system()));
    }
    if (actions != null) {
      Arrays.stream(actions.trim().split("\\s+", -1))
          .map(ActionStatus::valueOf)
          .forEach(this::actionIn);
    }
    if (analysis != null) {
      run(new Command.FinishAnalysis(analysis, Actor.system()));
    }
    if (terminatedBy != null) {
      run(
          new Command.Terminate(
              terminatedBy.equals("user") ? Actor.principal(ANALYST) : Actor.system(), ""));
    }
    assertEquals(expected, investigation.status(), row);
    assertEquals(complete, investigation.isComplete(), row);
  }

  private Decision.Accepted accepted(Command command) {
    Decision decision = investigation.decide(command, T0);
    if (decision instanceof Decision.Rejected rejected) {
      throw new AssertionError(rejected.rejection().toString());
    }
    Decision.Accepted accepted = (Decision.Accepted) decision;
    investigation = accepted.after();
    return accepted;
  }

  private Command.RecordEvidence threat(RemediationAction... planned) {
    List<Command.Proposal> proposals =
        Arrays.stream(planned)
            .map(
                a ->
                    new Command.Proposal(
                        new PlannedAction(a, ApprovalMode.REQUIRES_APPROVAL, "test"),
                        ApprovalRule.SINGLE))
            .toList();
    return new Command.RecordEvidence(
        Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "C2 beacon", T0),
        proposals,
        Actor.system());
  }

  @Nested
  @DisplayName("Statuses that once claimed a remediation that did not happen (core/DOMAIN.md D33)")
  class Findings {

    @Test
    @DisplayName("every action rejected: not remediated, not REMEDIATED")
    void allRejected() {
      run(threat(ACTIONS.get(0), ACTIONS.get(2)));
      for (ActionRecord action : investigation.actions()) {
        run(new Command.Reject(action.id(), Actor.principal(ANALYST), "not now"));
      }
      run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertEquals(InvestigationStatus.NOT_REMEDIATED, investigation.status());
    }

    @Test
    @DisplayName("every pending action expired: not remediated, not REMEDIATED")
    void allExpired() {
      run(threat(ACTIONS.get(0)));
      run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      Decision.Accepted expired =
          (Decision.Accepted)
              investigation.decide(
                  new Command.ExpirePending(), T0.plus(Investigation.DEFAULT_PENDING_EXPIRY));
      investigation = expired.after();
      assertEquals(ActionStatus.EXPIRED, investigation.actions().get(0).status());
      assertEquals(InvestigationStatus.NOT_REMEDIATED, investigation.status());
      assertEquals(
          InvestigationStatus.NOT_REMEDIATED,
          ((InvestigationEvent.Completed) expired.events().get(expired.events().size() - 1))
              .status());
    }

    @Test
    @DisplayName(
        "a malicious finding the policy planned nothing for: partially investigated, not NO_THREATS_FOUND")
    void threatWithoutAction() {
      run(threat());
      run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertEquals(InvestigationStatus.PARTIALLY_INVESTIGATED, investigation.status());
    }

    @Test
    @DisplayName(
        "one action approved and taken, another rejected: partially remediated, not REMEDIATED")
    void approvedAndRejected() {
      run(threat(ACTIONS.get(0), ACTIONS.get(2)));
      ActionId approved = investigation.actions().get(0).id();
      run(new Command.Approve(approved, ANALYST, "go"));
      run(new Command.Start(approved));
      run(new Command.Succeed(approved, "isolated"));
      run(
          new Command.Reject(
              investigation.actions().get(1).id(), Actor.principal(ANALYST), "not this one"));
      run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertEquals(InvestigationStatus.PARTIALLY_REMEDIATED, investigation.status());
    }

    @Test
    @DisplayName("an approved action that then fails is not remediated: the investigation failed")
    void approvedThenFailed() {
      run(threat(ACTIONS.get(0)));
      ActionId approved = investigation.actions().get(0).id();
      run(new Command.Approve(approved, ANALYST, "go"));
      run(new Command.Start(approved));
      run(new Command.Fail(approved, "device offline"));
      run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertEquals(InvestigationStatus.FAILED, investigation.status());
    }
  }

  @Nested
  @DisplayName("A threat that led to no action is recorded as such (core/DOMAIN.md D34)")
  class ThreatsWithoutAction {

    @Test
    @DisplayName(
        "a threat with an empty plan is recorded with a NoActionPlanned event, and replays")
    void recorded() {
      Decision.Accepted accepted = accepted(threat());
      Evidence evidence = investigation.evidence().get(0);
      assertEquals(
          List.of(
              new InvestigationEvent.EvidenceRecorded(
                  investigation.id(), T0, Actor.system(), evidence),
              new InvestigationEvent.NoActionPlanned(
                  investigation.id(), T0, Actor.system(), evidence)),
          accepted.events());
      assertEquals(List.of(evidence), investigation.threatsWithoutAction());
    }

    @Test
    @DisplayName("the events rebuild the threats that led to no action")
    void replays() {
      List<InvestigationEvent> events =
          new java.util.ArrayList<>(
              Investigation.open(
                      investigation.id(),
                      investigation.alertId(),
                      AutomationLevel.FULL,
                      Investigation.DEFAULT_PENDING_EXPIRY,
                      Actor.system(),
                      T0)
                  .events());
      events.addAll(accepted(threat()).events());
      events.addAll(accepted(threat(ACTIONS.get(0))).events());
      events.addAll(
          accepted(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system())).events());
      assertEquals(investigation, Investigation.replay(events));
      assertEquals(1, Investigation.replay(events).threatsWithoutAction().size());
    }

    @Test
    @DisplayName("clean or unknown evidence is not a threat: nothing is recorded")
    void cleanEvidence() {
      for (Verdict verdict : List.of(Verdict.NO_THREATS_FOUND, Verdict.UNKNOWN)) {
        Decision.Accepted accepted =
            accepted(
                new Command.RecordEvidence(
                    Evidence.of(Fixtures.DEVICE, verdict, "", T0), List.of(), Actor.system()));
        assertEquals(1, accepted.events().size(), verdict.toString());
      }
      assertEquals(List.of(), investigation.threatsWithoutAction());
    }

    @Test
    @DisplayName(
        "a threat whose planned action already exists led to that action: nothing is recorded")
    void duplicatePlan() {
      run(threat(ACTIONS.get(0)));
      Decision.Accepted again = accepted(threat(ACTIONS.get(0)));
      assertEquals(1, again.events().size(), "the evidence joins; its action is the existing one");
      assertEquals(List.of(), investigation.threatsWithoutAction());
    }

    @Test
    @DisplayName("the event refuses evidence that is no threat")
    void refusesClean() {
      Evidence clean = Evidence.of(Fixtures.DEVICE, Verdict.NO_THREATS_FOUND, "", T0);
      InvalidInputException refused =
          assertThrows(
              InvalidInputException.class,
              () ->
                  new InvestigationEvent.NoActionPlanned(
                      investigation.id(), T0, Actor.system(), clean));
      assertTrue(refused.getMessage().contains("NO_THREATS_FOUND"), refused.getMessage());
    }
  }
}
