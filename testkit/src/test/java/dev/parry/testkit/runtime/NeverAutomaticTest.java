package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.OffboardDevice;
import dev.parry.core.entity.Device;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A kind that never runs automatically waits for approval whatever policy planned it")
class NeverAutomaticTest {

  @Test
  @DisplayName(
      "a custom policy that plans offboarding as automatic: the action waits, nothing is sent")
  void customPolicyCannotAutomateOffboarding() {
    RemediationPolicy offboardEverything =
        (evidence, context) ->
            evidence.entity() instanceof Device device
                ? new RemediationPlan(
                    List.of(
                        new PlannedAction(
                            new OffboardDevice(device), ApprovalMode.AUTOMATIC, "custom rule")),
                    "custom")
                : RemediationPlan.nothing("custom");
    try (ParryHarness parry =
        ParryHarness.create(b -> b.deviceGroups(Samples.groups()).policy(offboardEverything))) {
      InvestigationId id = Samples.open(parry, "inv-offboard", Samples.WORKSTATION);
      parry
          .runtime()
          .reportEvidence(id, Samples.evidence(parry, Samples.WORKSTATION, Verdict.MALICIOUS));
      parry.advance(Duration.ofMinutes(10));
      ActionRecord offboard =
          parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0);
      assertEquals(ActionStatus.PENDING_APPROVAL, offboard.status(), offboard::toString);
      assertTrue(offboard.reason().contains("never runs automatically"), offboard.reason());
      assertEquals(0, parry.devices().calls().size(), "sent without approval");
    }
  }
}
