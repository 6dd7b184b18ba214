package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.Fixtures;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (core/DOMAIN.md D32, D33, D44; "statuses that do not lie"): PARTIALLY_REMEDIATED means
 * some remediation was carried out "but not all"; D44 re-proposes an action after a failure so that
 * the remediation can still be carried out.
 *
 * <p>The break it guards against: the status counts action records, not remediations. A quarantine
 * that failed once and was proposed again by the next evidence (as D44 says) and then succeeded
 * leaves two records for one remediation, one FAILED and one SUCCEEDED. The file is quarantined,
 * nothing the investigation asked for is left undone, and the investigation ends
 * PARTIALLY_REMEDIATED.
 */
@DisplayName("Attack: a remediation that failed once and then succeeded")
class StatusAfterRetryAttackTest {

  private static final DeviceFile FILE =
      DeviceFile.onDevice(
          Fixtures.HASH, Fixtures.DEVICE_ID, WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe"));

  private Investigation investigation =
      Investigation.open(
              InvestigationId.of("inv-retry"),
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

  private void maliciousFileSeen() {
    Command.Proposal quarantine =
        new Command.Proposal(
            new PlannedAction(new QuarantineFile(FILE), ApprovalMode.AUTOMATIC, "test"),
            ApprovalRule.SINGLE);
    run(
        new Command.RecordEvidence(
            Evidence.of(FILE, Verdict.MALICIOUS, "", T0), List.of(quarantine), Actor.system()));
  }

  private ActionId last() {
    return investigation.actions().get(investigation.actions().size() - 1).id();
  }

  @Test
  @DisplayName("failed, proposed again by new evidence, then carried out: REMEDIATED")
  void failedThenCarriedOutIsRemediated() {
    maliciousFileSeen();
    run(new Command.Start(last()));
    run(new Command.Fail(last(), "device offline"));
    maliciousFileSeen(); // D44: after a failure, evidence proposes the action again
    assertEquals(2, investigation.actions().size(), "proposed again after the failure");
    run(new Command.Start(last()));
    run(new Command.Succeed(last(), "quarantined"));
    run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
    assertEquals(
        InvestigationStatus.REMEDIATED,
        investigation.status(),
        "the one remediation the investigation called for was carried out; actions: "
            + investigation.actions().stream()
                .map(a -> a.action().kind() + "=" + a.status())
                .toList());
  }
}
