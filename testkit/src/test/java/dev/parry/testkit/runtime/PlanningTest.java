package dev.parry.testkit.runtime;

import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.testkit.ParryHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Planning in the runtime: device groups govern devices only")
class PlanningTest {

  static List<String> described(Investigation investigation) {
    List<String> out = new ArrayList<>();
    for (ActionRecord action : investigation.actions()) {
      out.add(action.action().kind() + " " + action.mode() + " " + action.status());
    }
    return out;
  }

  @Nested
  @DisplayName("Email and identity automation are configured apart from device groups")
  class FamilyAutomation {

    @Test
    @DisplayName("with ungrouped devices at no automated response, email and identity investigations still open and plan")
    void ungroupedOff() {
      try (ParryHarness parry = ParryHarness.create(b -> b.deviceGroups(
          DeviceGroups.of(AutomationLevel.NO_AUTOMATED_RESPONSE, List.of())))) {
        InvestigationId phish = Samples.open(parry, "inv-phish", null);
        parry.runtime().reportEvidence(phish, evidence(parry, MESSAGE, Verdict.MALICIOUS));
        assertEquals(List.of("SOFT_DELETE_EMAIL REQUIRES_APPROVAL PENDING_APPROVAL"),
            described(parry.runtime().investigation(phish, ParryHarness.ANALYST).orElseThrow()));
        InvestigationId identity = Samples.open(parry, "inv-identity", null);
        parry.runtime().reportEvidence(identity, evidence(parry, USER, Verdict.COMPROMISED));
        parry.settle();
        assertTrue(parry.directory().isDisabled(USER), "a compromised user is disabled automatically");
        parry.runtime().reportEvidence(identity, evidence(parry, Samples.FILE, Verdict.MALICIOUS));
        assertEquals(3, parry.runtime().investigation(identity, ParryHarness.ANALYST).orElseThrow().actions().size(),
            "device evidence with no device group to go by plans at the ungrouped devices' level: nothing");
        assertThrows(InvestigationRefusedException.class, () -> Samples.open(parry, "inv-device", WORKSTATION),
            "an alert about a device in a group with no automated response is still refused");
      }
    }

    @Test
    @DisplayName("email automation FULL runs email remediation automatically; identity automation SEMI holds users")
    void configured() {
      try (ParryHarness parry = ParryHarness.create(b -> b.emailAutomation(AutomationLevel.FULL)
          .identityAutomation(AutomationLevel.SEMI_ALL_FOLDERS))) {
        InvestigationId id = Samples.open(parry, "inv-both", null);
        parry.runtime().reportEvidence(id, evidence(parry, MESSAGE, Verdict.MALICIOUS));
        parry.runtime().reportEvidence(id, evidence(parry, USER, Verdict.COMPROMISED));
        parry.settle();
        assertEquals(List.of("SOFT_DELETE_EMAIL AUTOMATIC SUCCEEDED", "MARK_USER_COMPROMISED REQUIRES_APPROVAL PENDING_APPROVAL",
            "DISABLE_USER REQUIRES_APPROVAL PENDING_APPROVAL", "RESET_PASSWORD REQUIRES_APPROVAL PENDING_APPROVAL"),
            described(parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow()));
        assertTrue(parry.mail().isSoftDeleted(MESSAGE));
      }
    }

    @Test
    @DisplayName("the builder refuses a folder level for email or identities, naming it")
    void folderLevels() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ParryRuntime.builder().emailAutomation(AutomationLevel.SEMI_CORE_FOLDERS));
      assertEquals("emailAutomation must be FULL, SEMI_ALL_FOLDERS or NO_AUTOMATED_RESPONSE (folder levels judge file"
          + " paths on devices), was: SEMI_CORE_FOLDERS", e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> ParryRuntime.builder().identityAutomation(AutomationLevel.SEMI_NON_TEMP_FOLDERS));
    }
  }
}
