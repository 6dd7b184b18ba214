package dev.parry.testkit.attack;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.attack.Fixtures.HASH;
import static dev.parry.testkit.attack.Fixtures.WS;
import static dev.parry.testkit.attack.Fixtures.evidence;
import static dev.parry.testkit.attack.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.testkit.ParryHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Operations that reach an effect the caller may not have through its own method. */
@DisplayName(
    "Attack: every operation is authorized by what it does, whichever method it comes through")
class AuthorizationByEffectAttackTest {

  /** May act on devices only: no Security Administrator, no Search and Purge. */
  static final Caller DEVICE_OPERATOR =
      Caller.of("operator@contoso.com", Permission.ACTIVE_REMEDIATION, Permission.READ);

  static final UserAccount USER = UserAccount.of(UserPrincipalName.of("carol@contoso.com"));
  static final EmailMessage MESSAGE =
      new EmailMessage(
          NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
          SmtpAddress.of("bob@contoso.com"),
          SmtpAddress.of("billing@evil.example"));

  static List<ActionRecord> pendingOf(ParryHarness parry, InvestigationId id, EntityFamily family) {
    return parry.runtime().investigation(id, ANALYST).orElseThrow().actions().stream()
        .filter(a -> a.action().family() == family && a.status() == ActionStatus.PENDING_APPROVAL)
        .toList();
  }

  @Test
  @DisplayName(
      "terminate rejects pending identity and email actions the caller may not reject one by one")
  void terminateRejectsWhatTheCallerMayNot() {
    try (ParryHarness parry = ParryHarness.create()) {
      parry.runtime().pauseAutomation(ANALYST, null, "hold everything for review");
      InvestigationId id = InvestigationId.of("inv-terminate");
      parry.runtime().open(id, AlertId.of("a-terminate"), null);
      parry
          .runtime()
          .reportEvidence(
              id,
              List.of(
                  evidence(parry, USER, Verdict.MALICIOUS).withRoles(EvidenceRole.COMPROMISED),
                  evidence(parry, MESSAGE, Verdict.MALICIOUS)));
      parry.settle();
      List<ActionRecord> identity = pendingOf(parry, id, EntityFamily.IDENTITY);
      List<ActionRecord> email = pendingOf(parry, id, EntityFamily.EMAIL);
      assertFalse(identity.isEmpty(), "an identity action waits");
      assertFalse(email.isEmpty(), "an email action waits");
      for (ActionRecord pending : identity) {
        assertThrows(
            AccessDeniedException.class,
            () -> parry.runtime().reject(pending.id(), DEVICE_OPERATOR, "no"));
      }
      for (ActionRecord pending : email) {
        assertThrows(
            AccessDeniedException.class,
            () -> parry.runtime().reject(pending.id(), DEVICE_OPERATOR, "no"));
      }
      try {
        parry.runtime().terminate(id, DEVICE_OPERATOR, "closing it");
      } catch (AccessDeniedException expected) {
        // the promise: a denial, and nothing changed
      }
      Investigation after = parry.runtime().investigation(id, ANALYST).orElseThrow();
      for (ActionRecord pending : identity) {
        assertEquals(
            ActionStatus.PENDING_APPROVAL,
            after.action(pending.id()).orElseThrow().status(),
            "a device operator rejected "
                + pending.action().kind()
                + " by terminating the investigation");
      }
      for (ActionRecord pending : email) {
        assertEquals(
            ActionStatus.PENDING_APPROVAL,
            after.action(pending.id()).orElseThrow().status(),
            "a device operator rejected "
                + pending.action().kind()
                + " by terminating the investigation");
      }
    }
  }

  @Test
  @DisplayName(
      "a false positive adds a tenant-wide, never-ending allow indicator that allow() refuses the same caller")
  void falsePositiveAllowsWhatAllowRefuses() {
    try (ParryHarness parry = ParryHarness.create()) {
      AllowIndicator hash = new AllowIndicator.FileHash(HASH);
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().allow(DEVICE_OPERATOR, hash, "mine"),
          "allow needs MANAGE_SAFETY");
      // a copy of the file on a workstation that nothing was planned for: no action to reject or
      // undo
      DeviceFile copy = DeviceFile.onDevice(HASH, WS.id(), WindowsPath.of("C:\\Temp\\tool.exe"));
      try {
        parry.runtime().reportFalsePositive(copy, DEVICE_OPERATOR, "just a tool");
      } catch (AccessDeniedException expected) {
        // the promise: the same effect needs the same permission
      }
      assertFalse(
          parry.runtime().allowIndicators(ParryHarness.ANALYST).contains(hash),
          "a caller refused allow() allow-listed the hash for every device and mailbox through a false positive");
    }
  }

  @Test
  @DisplayName(
      "a false positive by a device operator stops the remediation of a mail attachment, which the operator may not touch")
  void falsePositiveReachesEmail() {
    try (ParryHarness parry = ParryHarness.create()) {
      DeviceFile copy = DeviceFile.onDevice(HASH, WS.id(), WindowsPath.of("C:\\Temp\\tool.exe"));
      try {
        parry.runtime().reportFalsePositive(copy, DEVICE_OPERATOR, "just a tool");
      } catch (AccessDeniedException expected) {
        // the promise
      }
      InvestigationId id = InvestigationId.of("inv-mail");
      parry.runtime().open(id, AlertId.of("a-mail"), null);
      EmailAttachment attachment = new EmailAttachment(HASH, FileName.of("invoice.exe"), MESSAGE);
      parry.runtime().reportEvidence(id, evidence(parry, attachment, Verdict.MALICIOUS));
      parry.settle();
      assertFalse(
          parry.runtime().investigation(id, ANALYST).orElseThrow().actions().isEmpty(),
          "a caller without any email permission left a malicious attachment unremediated");
    }
  }

  @Test
  @DisplayName(
      "held: bulk approval of one kind is authorized for that kind, and a false negative for email is refused to a device operator")
  void bulkAndFalseNegativeHold() {
    try (ParryHarness parry = ParryHarness.create()) {
      int before = parry.denials().size();
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().reportFalseNegative(MESSAGE, DEVICE_OPERATOR, "missed phish"));
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().reportFalseNegative(USER, DEVICE_OPERATOR, "missed takeover"));
      assertTrue(parry.denials().size() >= before + 2);
      assertTrue(parry.pending().isEmpty(), "nothing opened");
      InvestigationId id = open(parry, "inv-bulk", WS);
      parry.runtime().pauseAutomation(ANALYST, null, "review");
      parry
          .runtime()
          .reportEvidence(
              id, evidence(parry, USER, Verdict.MALICIOUS).withRoles(EvidenceRole.COMPROMISED));
      List<ActionRecord> identity = pendingOf(parry, id, EntityFamily.IDENTITY);
      assertFalse(identity.isEmpty());
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().approveAll(List.of(identity.get(0).id()), DEVICE_OPERATOR, ""));
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().cancel(identity.get(0).id(), DEVICE_OPERATOR, ""));
      assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(identity.get(0).id()).status());
      assertEquals(Set.of(), Set.copyOf(parry.runtime().allowIndicators(ParryHarness.ANALYST)));
    }
  }
}
