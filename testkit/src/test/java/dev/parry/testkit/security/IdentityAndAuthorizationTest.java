package dev.parry.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.ApprovalRules;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.auth.Permission;
import dev.parry.testkit.ParryHarness;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Identities cannot be spoofed, and every operation is authorized by what it does")
class IdentityAndAuthorizationTest {

  static final Device WORKSTATION = Device.of(DeviceId.of("d-ws-9"), DeviceName.of("ws-9"));

  @Nested
  @DisplayName("Principal names")
  class Principals {

    @Test
    @DisplayName(
        "one canonical form: case, compatibility forms and full-width letters do not make a second principal")
    void canonical() {
      assertEquals(PrincipalName.of("alice@contoso.com"), PrincipalName.of("Alice@Contoso.COM"));
      assertEquals(
          PrincipalName.of("alice@contoso.com"),
          PrincipalName.of("\uFF41lice@contoso.com")); // full-width a
      assertEquals("alice@contoso.com", PrincipalName.of("ALICE@CONTOSO.COM").value());
    }

    @Test
    @DisplayName(
        "invisible, bidirectional, non-breaking and unpaired characters are refused, naming the value")
    void spoofingRefused() {
      for (String spoof :
          List.of(
              "alice@contoso.com\u200B",
              "ali\u200Dce@contoso.com",
              "\u202Eamoc.otnoc@ecila",
              "alice\u2066@contoso.com",
              "alice\u00A0smith",
              "\uFEFFalice",
              "alice\uD800",
              "\uDC00alice",
              "alice\u2028x",
              "alice\u0007")) {
        InvalidInputException refused =
            assertThrows(
                InvalidInputException.class,
                () -> PrincipalName.of(spoof),
                () -> "accepted: " + spoof.codePoints().mapToObj(Integer::toHexString).toList());
        assertTrue(refused.getMessage().startsWith("principalName"), refused.getMessage());
      }
    }

    @Test
    @DisplayName("the system's name is reserved in every spelling")
    void systemReserved() {
      for (String name :
          List.of("system", "SYSTEM", "System", "\uFF53\uFF59\uFF53\uFF54\uFF45\uFF4D")) {
        assertThrows(InvalidInputException.class, () -> PrincipalName.of(name), name);
      }
    }

    @Test
    @DisplayName(
        "two-step approval cannot be bypassed by spelling the requester's name differently")
    void fourEyesBySpelling() {
      try (ParryHarness parry = ParryHarness.create()) {
        Caller requester = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);
        ActionRecord isolate =
            parry
                .runtime()
                .takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL), requester, "contain", true);
        for (String spelling :
            List.of("Alice@Contoso.com", "ALICE@CONTOSO.COM", "\uFF41lice@contoso.com")) {
          CommandRejectedException refused =
              assertThrows(
                  CommandRejectedException.class,
                  () ->
                      parry
                          .runtime()
                          .approve(
                              isolate.id(),
                              Caller.of(spelling, Permission.SECURITY_ADMINISTRATOR),
                              ""));
          assertEquals(RejectionReason.REQUESTER_CANNOT_APPROVE, refused.reason(), spelling);
        }
        assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(isolate.id()).status());
      }
    }

    @Test
    @DisplayName("a quorum of two is not met by one principal under two spellings")
    void quorumBySpelling() {
      try (ParryHarness parry =
          ParryHarness.create(
              b ->
                  b.approvalRules(
                      ApprovalRules.defaults()
                          .with(ActionKind.ISOLATE_DEVICE, new ApprovalRule(2, true))))) {
        ActionRecord isolate =
            parry
                .runtime()
                .takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL),
                    ParryHarness.ANALYST,
                    "contain",
                    false);
        parry
            .runtime()
            .approve(
                isolate.id(), Caller.of("bob@contoso.com", Permission.SECURITY_ADMINISTRATOR), "");
        CommandRejectedException twice =
            assertThrows(
                CommandRejectedException.class,
                () ->
                    parry
                        .runtime()
                        .approve(
                            isolate.id(),
                            Caller.of("BOB@contoso.com", Permission.SECURITY_ADMINISTRATOR),
                            ""));
        assertEquals(RejectionReason.ALREADY_APPROVED_BY_PRINCIPAL, twice.reason());
        assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(isolate.id()).status());
      }
    }
  }

  @Nested
  @DisplayName("Authorization by effect")
  class ByEffect {

    @Test
    @DisplayName(
        "a false positive cannot re-enable a user for a caller who may not undo DISABLE_USER; nothing changes")
    void falsePositiveCannotUndoWhatTheCallerMayNot() {
      // an operator who may report false positives and manage allow indicators, but not act on
      // identities
      dev.parry.spi.auth.Authorizer operatorMayNotUndoIdentity =
          (caller, operation, kind) ->
              caller.name().value().equals("operator@contoso.com")
                      && (operation == Operation.REPORT_FALSE_POSITIVE
                          || operation == Operation.MANAGE_SAFETY)
                  ? java.util.Optional.empty()
                  : dev.parry.spi.auth.Authorizer.defaults().deny(caller, operation, kind);
      try (ParryHarness parry =
          ParryHarness.create(b -> b.authorizer(operatorMayNotUndoIdentity))) {
        UserAccount user = UserAccount.of(UserPrincipalName.of("carol@contoso.com"));
        InvestigationId id = InvestigationId.of("inv-user");
        parry.runtime().open(id, AlertId.of("a-user"), null);
        parry
            .runtime()
            .reportEvidence(
                id,
                Evidence.of(user, Verdict.MALICIOUS, "token theft", parry.clock().instant())
                    .withRoles(EvidenceRole.COMPROMISED));
        parry.settle();
        ActionRecord disabled =
            parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().stream()
                .filter(a -> a.action().kind() == ActionKind.DISABLE_USER)
                .findFirst()
                .orElseThrow();
        assertEquals(ActionStatus.SUCCEEDED, disabled.status());
        parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().stream()
            .filter(a -> a.status() == ActionStatus.PENDING_APPROVAL)
            .forEach(
                a ->
                    parry
                        .runtime()
                        .reject(a.id(), ParryHarness.ANALYST, "the password reset is not needed"));
        Caller deviceOperator = Caller.of("operator@contoso.com", Permission.ACTIVE_REMEDIATION);
        assertThrows(
            AccessDeniedException.class,
            () -> parry.runtime().undo(disabled.id(), deviceOperator, ""));
        int denialsBefore = parry.denials().size();
        AccessDeniedException denied =
            assertThrows(
                AccessDeniedException.class,
                () -> parry.runtime().reportFalsePositive(user, deviceOperator, "not compromised"));
        assertEquals(Operation.UNDO, denied.operation());
        assertEquals(java.util.Optional.of(ActionKind.DISABLE_USER), denied.kind());
        assertEquals(
            denialsBefore + 1, parry.denials().size(), "the denial is reported to listeners");
        parry.settle();
        assertEquals(ActionStatus.SUCCEEDED, parry.action(disabled.id()).status());
        assertFalse(
            parry.runtime().allowIndicators(ParryHarness.ANALYST).stream()
                .anyMatch(i -> i.toString().contains("carol")),
            "an allow indicator was recorded although the report was denied");
      }
    }

    @Test
    @DisplayName(
        "reads take a caller: a caller without view permission is denied the investigation and its history")
    void readsNeedView() {
      try (ParryHarness parry = ParryHarness.create()) {
        InvestigationId id = InvestigationId.of("inv-read");
        parry.runtime().open(id, AlertId.of("a-read"), WORKSTATION);
        Caller nobody = new Caller(PrincipalName.of("guest@contoso.com"), java.util.Set.of());
        assertThrows(AccessDeniedException.class, () -> parry.runtime().investigation(id, nobody));
        assertThrows(AccessDeniedException.class, () -> parry.runtime().history(id, nobody));
        assertEquals(2, parry.denials().size());
        Caller reader = Caller.of("reader@contoso.com", Permission.READ);
        assertTrue(parry.runtime().investigation(id, reader).isPresent());
        assertEquals(1, parry.runtime().history(id, reader).size());
      }
    }
  }

  @Nested
  @DisplayName("Every row of the permission table")
  class PermissionTable {

    @Test
    @DisplayName(
        "a caller without the row's permission is denied, the denial is reported, and nothing changes")
    void everyRowDenies() {
      try (ParryHarness parry = ParryHarness.create()) {
        InvestigationId id = InvestigationId.of("inv-perm");
        Device server =
            new Device(
                DeviceId.of("d-srv-9"),
                DeviceName.of("srv-9"),
                null,
                java.util.Set.of(),
                dev.parry.core.entity.OsPlatform.WINDOWS);
        parry.runtime().open(id, AlertId.of("a-perm"), server);
        parry
            .runtime()
            .reportEvidence(
                id, Evidence.of(server, Verdict.SUSPICIOUS, "t", parry.clock().instant()));
        ActionRecord pending = parry.pending().get(0);
        ActionRecord taken =
            parry
                .runtime()
                .takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL),
                    ParryHarness.ANALYST,
                    "contain",
                    false);
        parry.settle();
        Caller guest = new Caller(PrincipalName.of("guest@contoso.com"), java.util.Set.of());
        Caller reader = Caller.of("reader@contoso.com", Permission.READ);
        var runtime = parry.runtime();
        java.util.Map<String, org.junit.jupiter.api.function.Executable> rows =
            new java.util.LinkedHashMap<>();
        rows.put("investigation", () -> runtime.investigation(id, guest));
        rows.put("history", () -> runtime.history(id, guest));
        rows.put(
            "actions",
            () -> runtime.actions(dev.parry.spi.store.ActionQuery.pending().build(), guest));
        rows.put(
            "exportCsv",
            () -> runtime.exportCsv(dev.parry.spi.store.ActionQuery.history().build(), guest));
        rows.put("auditTrail", () -> runtime.auditTrail(id, guest));
        rows.put("verifyAuditTrail", () -> runtime.verifyAuditTrail(id, guest));
        rows.put("approve", () -> runtime.approve(pending.id(), reader, ""));
        rows.put("approveAll", () -> runtime.approveAll(List.of(pending.id()), reader, ""));
        rows.put("reject", () -> runtime.reject(pending.id(), reader, ""));
        rows.put("rejectAll", () -> runtime.rejectAll(List.of(pending.id()), reader, ""));
        rows.put("undo", () -> runtime.undo(taken.id(), reader, ""));
        rows.put("undoAll", () -> runtime.undoAll(List.of(taken.id()), reader, ""));
        rows.put(
            "extendTimeBox",
            () -> runtime.extendTimeBox(taken.id(), java.time.Duration.ofHours(1), reader, ""));
        rows.put("cancel", () -> runtime.cancel(pending.id(), reader, ""));
        rows.put("terminate", () -> runtime.terminate(id, reader, ""));
        rows.put(
            "takeAction",
            () ->
                runtime.takeAction(
                    new IsolateDevice(server, IsolationType.FULL), reader, "contain", false));
        rows.put(
            "reportFalsePositive",
            () -> runtime.reportFalsePositive(server, reader, "not a threat"));
        rows.put(
            "reportFalseNegative", () -> runtime.reportFalseNegative(server, reader, "missed"));
        rows.put("pauseAutomation", () -> runtime.pauseAutomation(reader, null, "stop"));
        rows.put("resumeAutomation", () -> runtime.resumeAutomation(reader, null, "go"));
        rows.put(
            "breakGlass",
            () ->
                runtime.breakGlass(
                    reader, server.id(), java.time.Duration.ofMinutes(5), "dc down"));
        dev.parry.core.policy.AllowIndicator indicator =
            new dev.parry.core.policy.AllowIndicator.ExactEntity(server.key());
        rows.put("allow", () -> runtime.allow(reader, indicator, "known tool"));
        rows.put("revokeAllow", () -> runtime.revokeAllow(reader, indicator, "retired"));
        rows.put("controlChanges", () -> runtime.controlChanges(guest, 0, 10));
        rows.put("allowGrants", () -> runtime.allowGrants(guest));
        rows.put("allowIndicators", () -> runtime.allowIndicators(guest));
        rows.put(
            "allow (scoped)",
            () ->
                runtime.allow(
                    reader,
                    indicator,
                    java.util.Set.of(),
                    java.time.Duration.ofHours(1),
                    "known tool"));
        long events = parry.events().size();
        for (java.util.Map.Entry<String, org.junit.jupiter.api.function.Executable> row :
            rows.entrySet()) {
          int denials = parry.denials().size();
          assertThrows(AccessDeniedException.class, row.getValue(), row.getKey());
          assertEquals(
              denials + 1, parry.denials().size(), row.getKey() + ": the denial was not reported");
          parry.settle();
          assertEquals(
              events, parry.events().size(), row.getKey() + ": the denied call changed something");
        }
        assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
        assertEquals(ActionStatus.SUCCEEDED, parry.action(taken.id()).status());
        assertEquals(
            List.of(),
            runtime.controlChanges(ParryHarness.ANALYST, 0, 10),
            "no control change recorded");
      }
    }

    @Test
    @DisplayName(
        "a Global Administrator may approve and reject any pending action, of every family, and change nothing else")
    void globalAdministrator() {
      try (ParryHarness parry = ParryHarness.create()) {
        var runtime = parry.runtime();
        Caller global = Caller.of("global@contoso.com", Permission.GLOBAL_ADMINISTRATOR);
        UserAccount user = UserAccount.of(UserPrincipalName.of("carol@contoso.com"));
        EmailMessage message =
            EmailMessage.of(
                NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                SmtpAddress.of("bob@contoso.com"));
        ActionRecord device =
            runtime.takeAction(
                new IsolateDevice(WORKSTATION, IsolationType.FULL),
                ParryHarness.ANALYST,
                "contain",
                true);
        ActionRecord email =
            runtime.takeAction(
                new SoftDeleteEmail(message, false), ParryHarness.ANALYST, "phish", true);
        ActionRecord identity =
            runtime.takeAction(new DisableUser(user), ParryHarness.ANALYST, "stolen token", true);
        runtime.approve(device.id(), global, "approved as global administrator");
        runtime.reject(email.id(), global, "newsletter");
        runtime.approveAll(List.of(identity.id()), global, "");
        parry.settle();
        assertEquals(ActionStatus.SUCCEEDED, parry.action(device.id()).status());
        assertEquals(ActionStatus.REJECTED, parry.action(email.id()).status());
        assertEquals(ActionStatus.SUCCEEDED, parry.action(identity.id()).status());
        assertEquals(
            3,
            runtime
                .actions(dev.parry.spi.store.ActionQuery.history().build(), global)
                .items()
                .size(),
            "viewing needs any permission");

        java.util.Map<String, org.junit.jupiter.api.function.Executable> rows =
            new java.util.LinkedHashMap<>();
        rows.put("undo", () -> runtime.undo(device.id(), global, ""));
        rows.put("cancel", () -> runtime.cancel(device.id(), global, ""));
        rows.put("terminate", () -> runtime.terminate(device.id().investigation(), global, ""));
        rows.put(
            "takeAction",
            () ->
                runtime.takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL), global, "contain", false));
        rows.put(
            "reportFalsePositive",
            () -> runtime.reportFalsePositive(WORKSTATION, global, "not a threat"));
        rows.put(
            "reportFalseNegative",
            () -> runtime.reportFalseNegative(WORKSTATION, global, "missed"));
        rows.put("pauseAutomation", () -> runtime.pauseAutomation(global, null, "stop"));
        rows.put(
            "allow",
            () ->
                runtime.allow(
                    global,
                    new dev.parry.core.policy.AllowIndicator.ExactEntity(WORKSTATION.key()),
                    "known"));
        long events = parry.events().size();
        for (java.util.Map.Entry<String, org.junit.jupiter.api.function.Executable> row :
            rows.entrySet()) {
          assertThrows(AccessDeniedException.class, row.getValue(), row.getKey());
          parry.settle();
          assertEquals(
              events, parry.events().size(), row.getKey() + ": the denied call changed something");
        }
      }
    }
  }
}
