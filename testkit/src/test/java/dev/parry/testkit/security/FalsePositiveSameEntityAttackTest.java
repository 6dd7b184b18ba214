package dev.parry.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.testkit.ParryHarness;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Attacks README "Device entities as Defender reports them" and "Allow indicators are values"
 * together: two reports of one thing (Entity.sameAs, what an investigation de-duplicates by) must
 * be one thing for a false positive too. Promise: "A false positive adds the indicator for the
 * value, not the copy: the file's hash (every copy on every device ...)", and "It rejects the
 * pending actions on the entity, undoes the completed ones". The break it guards against: the
 * indicator keeps one hash (or one key) of the entity, and the actions are looked up by exact
 * entity key, so the same file or user reported under another identifier (most real Defender file
 * evidence carries only a SHA-1) is remediated again, and an action on it is left in place.
 */
@DisplayName("Attack: a false positive on the same file or user reported under another identifier")
class FalsePositiveSameEntityAttackTest {

  static final Sha256 SHA256 =
      Sha256.of("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
  static final Sha1 SHA1 = Sha1.of("0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33");
  static final WindowsPath PATH = WindowsPath.of("C:\\Temp\\tool.exe");
  static final ObjectId OBJECT_ID = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  static final UserPrincipalName UPN = UserPrincipalName.of("alice@contoso.com");

  static List<ActionRecord> planned(
      ParryHarness parry, String name, Device device, Entity entity, EvidenceRole... roles) {
    InvestigationId id = InvestigationId.of(name);
    parry.runtime().open(id, AlertId.of("a-" + name), device);
    parry
        .runtime()
        .reportEvidence(
            id,
            Evidence.of(entity, Verdict.MALICIOUS, "t", parry.clock().instant()).withRoles(roles));
    return parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
  }

  @Test
  @DisplayName(
      "a false positive on a file reported with both hashes allows the same file reported by its SHA-1 alone")
  void falsePositiveOnBothHashesCoversTheSha1AloneReport() {
    try (ParryHarness parry = AllowIndicatorsTest.harness()) {
      Device ws1 = AllowIndicatorsTest.WS_1;
      Device ws2 = AllowIndicatorsTest.WS_2;
      assertFalse(
          planned(parry, "fps-1", ws1, new DeviceFile(SHA256, SHA1, ws1.id(), PATH)).isEmpty());
      parry.settle();
      parry
          .runtime()
          .reportFalsePositive(
              new DeviceFile(SHA256, SHA1, ws1.id(), PATH),
              ParryHarness.ANALYST,
              "signed internal tool");
      // the next alert about this very file carries only its SHA-1,
      assertEquals(
          List.of(),
          planned(parry, "fps-2", ws2, new DeviceFile(null, SHA1, ws2.id(), PATH)),
          "the hash the analyst cleared, reported by its SHA-1, is quarantined again");
    }
  }

  @Test
  @DisplayName(
      "a false positive on a file undoes the quarantine of that file when the quarantine named it by its SHA-1")
  void falsePositiveUndoesTheQuarantineOfTheSameFileKnownBySha1() {
    try (ParryHarness parry = AllowIndicatorsTest.harness()) {
      Device ws1 = AllowIndicatorsTest.WS_1;
      DeviceFile bySha1 = new DeviceFile(null, SHA1, ws1.id(), PATH);
      DeviceFile byBoth = new DeviceFile(SHA256, SHA1, ws1.id(), PATH);
      assertTrue(byBoth.sameAs(bySha1), "one file, as README defines it");
      assertFalse(planned(parry, "fpu-1", ws1, bySha1).isEmpty());
      parry.settle();
      FalsePositiveReport report =
          parry.runtime().reportFalsePositive(byBoth, ParryHarness.ANALYST, "signed tool");
      assertFalse(
          report.undone().isEmpty(), "the quarantine of this very file stays in place: " + report);
    }
  }

  @Test
  @DisplayName(
      "a false positive on a user known by id and UPN allows the same user reported by the UPN alone")
  void falsePositiveOnAUserCoversTheSameUserByUpn() {
    try (ParryHarness parry = AllowIndicatorsTest.harness()) {
      Device ws1 = AllowIndicatorsTest.WS_1;
      UserAccount full = UserAccount.of(OBJECT_ID).withUpn(UPN);
      UserAccount byUpn = UserAccount.of(UPN);
      assertTrue(full.sameAs(byUpn), "one user, as README defines it");
      assertFalse(planned(parry, "fpid-1", ws1, full, EvidenceRole.COMPROMISED).isEmpty());
      parry.settle();
      parry.runtime().reportFalsePositive(full, ParryHarness.ANALYST, "travel, not a compromise");
      assertEquals(
          List.of(),
          planned(parry, "fpid-2", ws1, byUpn, EvidenceRole.COMPROMISED),
          "the user the analyst cleared is disabled again when the next alert names only the UPN");
    }
  }

  @Test
  @DisplayName(
      "a false positive on a user known by the UPN undoes the actions on the same user known by id and UPN")
  void falsePositiveOnAUserByUpnUndoesTheActionsOnTheSameUser() {
    try (ParryHarness parry = AllowIndicatorsTest.harness()) {
      Device ws1 = AllowIndicatorsTest.WS_1;
      UserAccount full = UserAccount.of(OBJECT_ID).withUpn(UPN);
      UserAccount byUpn = UserAccount.of(UPN);
      List<ActionRecord> actions = planned(parry, "fpiu-1", ws1, full, EvidenceRole.COMPROMISED);
      assertFalse(actions.isEmpty());
      parry.settle();
      FalsePositiveReport report =
          parry.runtime().reportFalsePositive(byUpn, ParryHarness.ANALYST, "not her");
      assertFalse(
          report.rejected().isEmpty() && report.undone().isEmpty() && report.cancelled().isEmpty(),
          "nothing done about " + actions.size() + " actions on the same user: " + report);
    }
  }
}
