package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (core/DOMAIN.md D41, README "False positives"): reporting a false positive undoes what
 * was done to the entity and adds an allow indicator "so that later investigations leave the entity
 * alone".
 *
 * <p>The break it guards against: the report only looks at actions PENDING_APPROVAL (rejected) and
 * SUCCEEDED (undone). An automatic quarantine that is already approved or in progress at the
 * executor is neither cancelled nor undone, and the dispatcher's last check ({@code
 * SafetyControls.holdReason}) does not consult allow indicators. So the file the analyst just
 * declared harmless ends up quarantined, with no undo asked for, after the report returned "nothing
 * to undo".
 */
@DisplayName("Attack: a false positive reported while the automatic action is in flight")
class FalsePositiveInFlightAttackTest {

  private static final DeviceFile FILE =
      DeviceFile.onDevice(
          Fixtures.HASH, Fixtures.WS.id(), WindowsPath.of("C:\\Users\\al\\Downloads\\tool.exe"));

  @Test
  @DisplayName("an in-progress quarantine of the reported file is stopped or undone by the report")
  void inProgressQuarantineSurvivesTheReport() {
    try (ParryHarness parry =
        ParryHarness.create(
            b -> b.deviceGroups(DeviceGroups.of(AutomationLevel.FULL, List.of())))) {
      parry.devices().inject(ActionKind.QUARANTINE_FILE, Fault.inProgress(3), 1);
      InvestigationId id = Fixtures.open(parry, "inv-fp-flight", Fixtures.WS);
      parry.runtime().reportEvidence(id, Fixtures.evidence(parry, FILE, Verdict.MALICIOUS));
      parry.settle();
      // the executor accepted the quarantine and is working on it
      org.junit.jupiter.api.Assertions.assertEquals(
          ActionStatus.IN_PROGRESS,
          Fixtures.action(parry, id, ActionKind.QUARANTINE_FILE).status());

      FalsePositiveReport report =
          parry.runtime().reportFalsePositive(FILE, ParryHarness.ANALYST, "signed in-house tool");
      parry.advance(Duration.ofMinutes(10));

      ActionStatus after = Fixtures.action(parry, id, ActionKind.QUARANTINE_FILE).status();
      assertFalse(
          parry.devices().isQuarantined(Fixtures.HASH) && after == ActionStatus.SUCCEEDED,
          "after the false-positive report ("
              + report
              + ") the file is quarantined and the action is "
              + after
              + " with no undo requested");
    }
  }

  @Test
  @DisplayName(
      "an approved quarantine still waiting for its rate-limit slot is not sent after the report")
  void queuedQuarantineSurvivesTheReport() {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(DeviceGroups.of(AutomationLevel.FULL, List.of()))
                    .limits(
                        dev.parry.runtime.Limits.defaults()
                            .withRateLimit(
                                new dev.parry.runtime.RateLimit(1, Duration.ofMinutes(1)))))) {
      // a first quarantine uses the minute's only slot
      DeviceFile other =
          DeviceFile.onDevice(
              dev.parry.core.entity.Sha256.of("1".repeat(64)),
              Fixtures.WS.id(),
              WindowsPath.of("C:\\Users\\al\\Downloads\\other.exe"));
      InvestigationId first = Fixtures.open(parry, "inv-fp-first", Fixtures.WS);
      parry.runtime().reportEvidence(first, Fixtures.evidence(parry, other, Verdict.MALICIOUS));
      parry.settle();
      InvestigationId id = Fixtures.open(parry, "inv-fp-queued", Fixtures.WS);
      parry.runtime().reportEvidence(id, Fixtures.evidence(parry, FILE, Verdict.MALICIOUS));
      parry.settle();
      org.junit.jupiter.api.Assertions.assertEquals(
          ActionStatus.APPROVED,
          Fixtures.action(parry, id, ActionKind.QUARANTINE_FILE).status(),
          "queued behind the rate limit");

      parry.runtime().reportFalsePositive(FILE, ParryHarness.ANALYST, "signed in-house tool");
      parry.advance(Duration.ofMinutes(5));

      assertFalse(
          parry.devices().isQuarantined(Fixtures.HASH),
          "the file reported as a false positive was quarantined afterwards; action is "
              + Fixtures.action(parry, id, ActionKind.QUARANTINE_FILE).status());
    }
  }
}
