package dev.parry.testkit.attack;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.attack.Fixtures.DC;
import static dev.parry.testkit.attack.Fixtures.HASH;
import static dev.parry.testkit.attack.Fixtures.TAGGED_DC;
import static dev.parry.testkit.attack.Fixtures.TIER_0;
import static dev.parry.testkit.attack.Fixtures.WS;
import static dev.parry.testkit.attack.Fixtures.action;
import static dev.parry.testkit.attack.Fixtures.evidence;
import static dev.parry.testkit.attack.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Protected devices reached by routes the guards may not see: another investigation's file, a retry
 * after break glass.
 */
@DisplayName("Attack: protected devices never receive an automatic action")
class ProtectedAssetsAttackTest {

  /** Retries come back half an hour later: after a ten-minute break glass has ended. */
  static final Limits SLOW_RETRY =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofMinutes(30), Duration.ofMinutes(30))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofHours(6));

  static ParryHarness harness(SafetyGuards guards, Limits limits) {
    ParryHarness parry =
        ParryHarness.create(b -> b.planTable(Fixtures.ISOLATE).safetyGuards(guards).limits(limits));
    parry.devices().enroll(DC).enroll(TAGGED_DC).enroll(WS);
    return parry;
  }

  @Test
  @DisplayName(
      "a file on a tag-protected device, reported in an investigation of another device, is quarantined automatically")
  void fileOnTaggedDeviceFromAnotherInvestigation() {
    try (ParryHarness parry =
        harness(SafetyGuards.builder().protectTag(TIER_0).build(), SLOW_RETRY)) {
      InvestigationId id = open(parry, "inv-lateral", WS);
      DeviceFile onDc =
          DeviceFile.onDevice(HASH, TAGGED_DC.id(), WindowsPath.of("C:\\Temp\\dropper.exe"));
      // the same report names the tagged DC itself: the runtime holds its isolation (it sees the
      // tag),
      // yet the file on it is another matter
      parry
          .runtime()
          .reportEvidence(
              id,
              List.of(
                  evidence(parry, TAGGED_DC, Verdict.MALICIOUS),
                  evidence(parry, onDc, Verdict.MALICIOUS)));
      parry.settle();
      assertEquals(
          ActionStatus.PENDING_APPROVAL,
          action(parry, id, ActionKind.ISOLATE_DEVICE).status(),
          "the isolation of the tagged DC waits: the guard knows the device is protected");
      ActionRecord quarantine = action(parry, id, ActionKind.QUARANTINE_FILE);
      assertFalse(
          parry.devices().isQuarantinedOn(HASH, TAGGED_DC.id()),
          "an automatic quarantine ran on the tag-protected DC: " + quarantine);
      assertEquals(ActionStatus.PENDING_APPROVAL, quarantine.status(), quarantine::toString);
    }
  }

  @Test
  @DisplayName(
      "control: the same file on the tag-protected DC waits when the alert is about the DC itself")
  void fileOnTaggedDeviceFromItsOwnInvestigation() {
    try (ParryHarness parry =
        harness(SafetyGuards.builder().protectTag(TIER_0).build(), SLOW_RETRY)) {
      InvestigationId id = open(parry, "inv-own", TAGGED_DC);
      DeviceFile onDc =
          DeviceFile.onDevice(HASH, TAGGED_DC.id(), WindowsPath.of("C:\\Temp\\dropper.exe"));
      parry.runtime().reportEvidence(id, evidence(parry, onDc, Verdict.MALICIOUS));
      parry.settle();
      assertEquals(
          ActionStatus.PENDING_APPROVAL, action(parry, id, ActionKind.QUARANTINE_FILE).status());
      assertFalse(parry.devices().isQuarantinedOn(HASH, TAGGED_DC.id()));
    }
  }

  @Test
  @DisplayName("held: a break glass that ends while the action waits for its first call holds it")
  void breakGlassEndsBeforeFirstCall() {
    try (ParryHarness parry =
        harness(
            SafetyGuards.builder().protectDevice(DC.id()).build(),
            SLOW_RETRY.withMaxConcurrentPerFamily(1).withAttemptTimeout(Duration.ofMinutes(30)))) {
      parry.devices().inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(20)), 1);
      InvestigationId first = open(parry, "inv-busy", WS);
      parry.runtime().reportEvidence(first, evidence(parry, WS, Verdict.MALICIOUS));
      parry.settle();
      parry.runtime().breakGlass(ANALYST, DC.id(), Duration.ofMinutes(10), "ransomware on dc-01");
      InvestigationId id = open(parry, "inv-queued", DC);
      parry.runtime().reportEvidence(id, evidence(parry, DC, Verdict.MALICIOUS));
      parry.settle();
      parry.advance(Duration.ofHours(1));
      assertTrue(parry.devices().isIsolated(WS.id()));
      assertFalse(parry.devices().isIsolated(DC.id()));
      assertEquals(
          ActionStatus.PENDING_APPROVAL, action(parry, id, ActionKind.ISOLATE_DEVICE).status());
    }
  }
}
