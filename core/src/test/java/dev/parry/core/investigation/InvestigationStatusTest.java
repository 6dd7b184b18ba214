package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.Fixtures;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Investigation statuses are derived by the documented table (Defender's documentation, README Domain choices §5)")
class InvestigationStatusTest {

  private static final List<RemediationAction> ACTIONS = Fixtures.oneActionOfEachKind();
  private static final PrincipalName ANALYST = PrincipalName.of("analyst@contoso.com");

  private Investigation investigation = Investigation.open(InvestigationId.of("inv-s"), AlertId.of("a"), AutomationLevel.FULL,
      Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), T0).after();

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
    boolean pending = target == ActionStatus.PENDING_APPROVAL || target == ActionStatus.REJECTED
        || target == ActionStatus.EXPIRED;
    run(new Command.ProposeAction(new Command.Proposal(new PlannedAction(action,
        pending ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC, "test"), ApprovalRule.SINGLE), Actor.system()));
    ActionId id = investigation.actions().get(investigation.actions().size() - 1).id();
    switch (target) {
      case PENDING_APPROVAL, APPROVED -> { }
      case REJECTED -> run(new Command.Reject(id, Actor.principal(ANALYST), ""));
      case EXPIRED -> investigation = investigation.evolve(
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
          default -> { }
        }
      }
    }
  }

  @ParameterizedTest(name = "analysis={0}, terminated={1}, evidence={2}, actions=[{3}] -> {4}, complete={5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "-         | -      | false | -                            | QUEUED | false",
      "-         | -      | true  | -                            | RUNNING | false",
      "-         | -      | true  | APPROVED                     | RUNNING | false",
      "-         | -      | true  | SUCCEEDED APPROVED            | RUNNING | false",
      "-         | -      | true  | PENDING_APPROVAL              | PENDING_APPROVAL | false",
      "COMPLETED | -      | true  | SUCCEEDED PENDING_APPROVAL    | PENDING_APPROVAL | false",
      "COMPLETED | -      | true  | IN_PROGRESS                   | PENDING_RESOURCE | false",
      "COMPLETED | -      | true  | APPROVED                      | PENDING_RESOURCE | false",
      "COMPLETED | -      | true  | -                            | NO_THREATS_FOUND | true",
      "COMPLETED | -      | false | -                            | NO_THREATS_FOUND | true",
      "COMPLETED | -      | true  | SUCCEEDED                     | REMEDIATED | true",
      "COMPLETED | -      | true  | SUCCEEDED REJECTED EXPIRED    | REMEDIATED | true",
      "COMPLETED | -      | true  | REJECTED                      | REMEDIATED | true",
      "COMPLETED | -      | true  | UNDONE                        | REMEDIATED | true",
      "COMPLETED | -      | true  | SUCCEEDED FAILED              | PARTIALLY_REMEDIATED | true",
      "COMPLETED | -      | true  | REJECTED TIMED_OUT            | PARTIALLY_REMEDIATED | true",
      "COMPLETED | -      | true  | FAILED                        | FAILED | true",
      "COMPLETED | -      | true  | FAILED TIMED_OUT CANCELLED    | FAILED | true",
      "FAILED    | -      | true  | -                            | FAILED | true",
      "FAILED    | -      | true  | SUCCEEDED                     | FAILED | true",
      "PARTIAL   | -      | true  | SUCCEEDED                     | PARTIALLY_INVESTIGATED | true",
      "UNSUPPORTED_ALERT_TYPE | - | false | -                      | UNSUPPORTED_ALERT_TYPE | true",
      "-         | user   | true  | PENDING_APPROVAL              | TERMINATED_BY_USER | true",
      "-         | system | true  | IN_PROGRESS                   | TERMINATED_BY_SYSTEM | false",
      "COMPLETED | user   | true  | PENDING_APPROVAL              | TERMINATED_BY_USER | true"})
  @DisplayName("the final-status table")
  void table(@Nullable AnalysisOutcome analysis, @Nullable String terminatedBy, boolean evidence,
      @Nullable String actions, InvestigationStatus expected, boolean complete) {
    if (evidence) {
      run(new Command.RecordEvidence(Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "", T0), List.of(), Actor.system()));
    }
    if (actions != null) {
      Arrays.stream(actions.trim().split("\\s+", -1)).map(ActionStatus::valueOf).forEach(this::actionIn);
    }
    if (analysis != null) {
      run(new Command.FinishAnalysis(analysis, Actor.system()));
    }
    if (terminatedBy != null) {
      run(new Command.Terminate(terminatedBy.equals("user") ? Actor.principal(ANALYST) : Actor.system(), ""));
    }
    assertEquals(expected, investigation.status());
    assertEquals(complete, investigation.isComplete());
  }
}
