package dev.parry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.time.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The JUnit extension gives each test a fresh harness")
class ParryExtensionTest {

  @RegisterExtension
  static final ParryExtension PARRY =
      ParryExtension.with(
          b -> b.deviceGroups(DeviceGroups.of(AutomationLevel.SEMI_ALL_FOLDERS, List.of())));

  static ParryHarness previous;

  static final Device DEVICE = Device.of(DeviceId.of("d-1"), DeviceName.of("ws-1"));

  @Test
  @DisplayName(
      "a pending isolation is approved through the helpers and the investigation completes")
  void approveAndAssert(ParryHarness parry) {
    assertFresh(parry);
    InvestigationId id = InvestigationId.of("inv-ext");
    parry.runtime().open(id, AlertId.of("a"), DEVICE);
    parry
        .runtime()
        .reportEvidence(id, Evidence.of(DEVICE, Verdict.MALICIOUS, "", parry.clock().instant()));
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    parry.assertStatus(id, InvestigationStatus.PENDING_APPROVAL);
    ActionRecord approved = parry.approve(parry.pending().get(0).id());
    assertEquals(ActionStatus.SUCCEEDED, approved.status());
    parry.assertStatus(id, InvestigationStatus.REMEDIATED);
    parry.advance(Duration.ofDays(1));
  }

  @Test
  @DisplayName("a second test starts from nothing: no investigation, the clock at its start")
  void isolated(ParryHarness parry) {
    assertFresh(parry);
  }

  private static void assertFresh(ParryHarness parry) {
    if (previous != null) {
      assertNotSame(previous, parry);
    }
    previous = parry;
    assertEquals(TestClock.START, parry.clock().instant());
    assertTrue(parry.pending().isEmpty());
    assertTrue(parry.events().isEmpty());
  }
}
