package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.ParryHarness.SECOND_ANALYST;
import static dev.parry.testkit.runtime.Samples.FILE;
import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.PROCESS;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Runtime operations")
class RuntimeOperationsTest {

  final List<Integer> callsAtStart = new ArrayList<>();
  ParryHarness parry =
      ParryHarness.create(
          b ->
              b.deviceGroups(Samples.groups())
                  .listener(
                      event -> {
                        if (event instanceof InvestigationEvent.ActionStarted) {
                          ParryHarness self = this.parry;
                          callsAtStart.add(
                              self.devices().calls().size()
                                  + self.mail().calls().size()
                                  + self.directory().calls().size());
                        }
                      }));
  ParryRuntime runtime = parry.runtime();

  @AfterEach
  void close() {
    parry.close();
    assertTrue(
        parry.scheduler().failures().isEmpty(),
        () -> "scheduled tasks failed: " + parry.scheduler().failures());
  }

  ActionRecord only(InvestigationId id) {
    List<ActionRecord> actions =
        runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
    assertEquals(1, actions.size(), actions::toString);
    return actions.get(0);
  }

  @Nested
  @DisplayName("Automatic and pending actions")
  class Flow {

    @Test
    @DisplayName(
        "an automatic action is stored before its executor is called, then carried out; the investigation completes")
    void automatic() {
      InvestigationId id = open(parry, "inv-a", WORKSTATION);
      runtime.reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
      assertEquals(ActionStatus.APPROVED, only(id).status());
      assertTrue(parry.devices().calls().isEmpty(), "nothing is sent before the scheduler runs");
      parry.settle();
      assertEquals(List.of(0), callsAtStart, "ActionStarted was stored before any executor call");
      assertTrue(parry.devices().isInEffect(new QuarantineFile(FILE)));
      assertEquals(ActionStatus.SUCCEEDED, only(id).status());
      runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
      assertEquals(
          InvestigationStatus.REMEDIATED,
          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().status());
    }

    @Test
    @DisplayName("a pending action waits until approved, then runs")
    void pendingThenApproved() {
      InvestigationId id = open(parry, "inv-p", SERVER);
      runtime.reportEvidence(id, evidence(parry, PROCESS, Verdict.MALICIOUS));
      parry.settle();
      assertEquals(ActionStatus.PENDING_APPROVAL, only(id).status());
      assertTrue(parry.devices().calls().isEmpty());
      ActionRecord approved = runtime.approve(only(id).id(), ANALYST, "ok");
      assertEquals(ActionStatus.APPROVED, approved.status());
      parry.settle();
      assertTrue(parry.devices().isInEffect(new KillProcess(PROCESS)));
    }

    @Test
    @DisplayName("a rejected action is never sent")
    void rejected() {
      InvestigationId id = open(parry, "inv-r", SERVER);
      runtime.reportEvidence(id, evidence(parry, PROCESS, Verdict.MALICIOUS));
      runtime.reject(only(id).id(), ANALYST, "benign");
      parry.settle();
      assertTrue(parry.devices().calls().isEmpty());
      CommandRejectedException again =
          assertThrows(
              CommandRejectedException.class, () -> runtime.approve(only(id).id(), ANALYST, ""));
      assertEquals(RejectionReason.ILLEGAL_TRANSITION, again.reason());
    }

    @Test
    @DisplayName(
        "email is held for approval and uses two-step approval by default for manual requests")
    void email() {
      InvestigationId id = open(parry, "inv-e", null);
      runtime.reportEvidence(id, evidence(parry, MESSAGE, Verdict.MALICIOUS));
      assertEquals(ActionStatus.PENDING_APPROVAL, only(id).status());
      runtime.approve(only(id).id(), ANALYST, "");
      parry.settle();
      assertTrue(parry.mail().isSoftDeleted(MESSAGE));
    }

    @Test
    @DisplayName("no automated response: the investigation is not opened; an id is opened once")
    void refused() {
      assertThrows(InvestigationRefusedException.class, () -> open(parry, "inv-k", Samples.KIOSK));
      open(parry, "inv-once", WORKSTATION);
      assertThrows(InvestigationRefusedException.class, () -> open(parry, "inv-once", WORKSTATION));
      assertThrows(
          UnknownInvestigationException.class,
          () ->
              runtime.reportEvidence(
                  InvestigationId.of("nope"), evidence(parry, FILE, Verdict.MALICIOUS)));
    }

    @Test
    @DisplayName("evidence after completion is refused with a typed error and changes nothing")
    void evidenceAfterCompletion() {
      InvestigationId id = open(parry, "inv-c", WORKSTATION);
      runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
      List<InvestigationEvent> before = runtime.history(id, ParryHarness.ANALYST);
      CommandRejectedException e =
          assertThrows(
              CommandRejectedException.class,
              () -> runtime.reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS)));
      assertEquals(RejectionReason.INVESTIGATION_COMPLETE, e.reason());
      assertEquals(before, runtime.history(id, ParryHarness.ANALYST));
    }

    @Test
    @DisplayName("terminate rejects pending actions")
    void terminate() {
      InvestigationId id = open(parry, "inv-t", SERVER);
      runtime.reportEvidence(id, evidence(parry, PROCESS, Verdict.MALICIOUS));
      runtime.terminate(id, ANALYST, "duplicate alert");
      assertEquals(ActionStatus.REJECTED, only(id).status());
      assertEquals(
          InvestigationStatus.TERMINATED_BY_USER,
          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().status());
    }
  }

  @Nested
  @DisplayName("Bulk approval, undo and cancel")
  class Bulk {

    List<ActionRecord> pendingKills(int n) {
      List<ActionRecord> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        InvestigationId id = open(parry, "inv-bulk-" + i, SERVER);
        runtime.reportEvidence(
            id,
            evidence(
                parry,
                new dev.parry.core.entity.DeviceProcess(
                    SERVER.id(), 100 + i, PROCESS.imagePath(), PROCESS.creationTime(), null, null),
                Verdict.MALICIOUS));
        out.add(only(id));
      }
      return out;
    }

    @Test
    @DisplayName("several actions of one kind are approved at once")
    void approveAll() {
      List<ActionRecord> kills = pendingKills(3);
      List<ActionRecord> approved =
          runtime.approveAll(kills.stream().map(ActionRecord::id).toList(), ANALYST, "batch");
      approved.forEach(a -> assertEquals(ActionStatus.APPROVED, a.status()));
      parry.settle();
      assertEquals(3, parry.devices().calls().size());
    }

    @Test
    @DisplayName("mixed kinds are refused and nothing is approved")
    void mixedKinds() {
      List<ActionRecord> kills = pendingKills(1);
      InvestigationId email = open(parry, "inv-mail", null);
      runtime.reportEvidence(email, evidence(parry, MESSAGE, Verdict.MALICIOUS));
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> runtime.approveAll(List.of(kills.get(0).id(), only(email).id()), ANALYST, ""));
      assertTrue(e.getMessage().contains("one kind"), e.getMessage());
      assertEquals(2, parry.pending().size());
    }

    @Test
    @DisplayName("if one action of a batch cannot be approved, none is")
    void allOrNothing() {
      List<ActionRecord> kills = pendingKills(3);
      runtime.reject(kills.get(2).id(), ANALYST, "");
      assertThrows(
          CommandRejectedException.class,
          () -> runtime.approveAll(kills.stream().map(ActionRecord::id).toList(), ANALYST, ""));
      assertEquals(2, parry.pending().size(), "the two approvable actions are still pending");
    }

    @Test
    @DisplayName("undo runs the inverse action; an irreversible kind cannot be undone")
    void undo() {
      InvestigationId id = open(parry, "inv-u", WORKSTATION);
      runtime.reportEvidence(id, evidence(parry, WORKSTATION, Verdict.MALICIOUS));
      runtime.approve(only(id).id(), ANALYST, "isolate it");
      parry.settle();
      assertTrue(parry.devices().isIsolated(WORKSTATION.id()));
      runtime.undo(only(id).id(), ANALYST, "false alarm");
      parry.settle();
      assertFalse(parry.devices().isIsolated(WORKSTATION.id()));
      assertEquals(ActionStatus.UNDONE, only(id).status());
      assertEquals(
          "d-ws-1",
          parry.devices().calls().get(1).request().action().target().key().value().substring(7));
      assertEquals(
          ActionKind.RELEASE_FROM_ISOLATION,
          parry.devices().calls().get(1).request().action().kind());

      InvestigationId kill = open(parry, "inv-u2", SERVER);
      runtime.reportEvidence(kill, evidence(parry, PROCESS, Verdict.MALICIOUS));
      runtime.approve(only(kill).id(), ANALYST, "");
      parry.settle();
      CommandRejectedException e =
          assertThrows(
              CommandRejectedException.class, () -> runtime.undo(only(kill).id(), ANALYST, ""));
      assertEquals(RejectionReason.NOT_REVERSIBLE, e.reason());
    }

    @Test
    @DisplayName("cancel stops an action in flight and asks the executor to cancel")
    void cancel() {
      parry.devices().inject(dev.parry.testkit.fake.Fault.inProgress(100), 1);
      InvestigationId id = open(parry, "inv-x", WORKSTATION);
      runtime.reportEvidence(id, evidence(parry, WORKSTATION, Verdict.MALICIOUS));
      runtime.approve(only(id).id(), ANALYST, "isolate it");
      parry.settle();
      assertEquals(ActionStatus.IN_PROGRESS, only(id).status());
      runtime.cancel(only(id).id(), ANALYST, "stop");
      parry.advance(java.time.Duration.ofHours(1));
      assertEquals(ActionStatus.CANCELLED, only(id).status());
      assertTrue(parry.devices().calls().stream().anyMatch(c -> c.operation().equals("cancel")));
      assertTrue(
          parry.devices().calls().stream()
              .noneMatch(
                  c ->
                      c.operation().equals("status")
                          && c.at().isAfter(parry.clock().instant().minusSeconds(3000))),
          "no polling after the cancel");
    }
  }

  @Nested
  @DisplayName("Manual actions, false positives and false negatives")
  class Manual {

    @Test
    @DisplayName("a manual action without two-step runs at once")
    void direct() {
      ActionRecord scan =
          runtime.takeAction(
              new RunAntivirusScan(SERVER, ScanType.QUICK), ANALYST, "by hand", false);
      assertEquals(ActionStatus.APPROVED, scan.status());
      assertEquals(ActionSource.MANUAL_DEVICE_ACTION, scan.source());
      parry.settle();
      assertTrue(parry.devices().isInEffect(new RunAntivirusScan(SERVER, ScanType.QUICK)));
    }

    @Test
    @DisplayName("two-step: the requester cannot approve; another analyst can")
    void twoStep() {
      ActionRecord isolate =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.SELECTIVE), ANALYST, "by hand", true);
      assertEquals(ActionStatus.PENDING_APPROVAL, isolate.status());
      CommandRejectedException own =
          assertThrows(
              CommandRejectedException.class, () -> runtime.approve(isolate.id(), ANALYST, ""));
      assertEquals(RejectionReason.REQUESTER_CANNOT_APPROVE, own.reason());
      runtime.approve(isolate.id(), SECOND_ANALYST, "");
      parry.settle();
      assertTrue(parry.devices().isIsolated(SERVER.id()));
    }

    @Test
    @DisplayName("email manual actions need a second analyst by default")
    void emailTwoStep() {
      ActionRecord delete =
          runtime.takeAction(new SoftDeleteEmail(MESSAGE, false), ANALYST, "by hand", false);
      assertEquals(ActionStatus.PENDING_APPROVAL, delete.status());
      assertEquals(
          RejectionReason.REQUESTER_CANNOT_APPROVE,
          assertThrows(
                  CommandRejectedException.class, () -> runtime.approve(delete.id(), ANALYST, ""))
              .reason());
    }

    @Test
    @DisplayName("a second request for the same kind on the same target returns the active one")
    void duplicate() {
      ActionRecord first =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.FULL), ANALYST, "by hand", true);
      ActionRecord second =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.FULL), SECOND_ANALYST, "by hand", true);
      assertEquals(first.id(), second.id());
    }

    @Test
    @DisplayName(
        "a false positive rejects pending actions, undoes taken ones and allow-lists the file's hash")
    void falsePositive() {
      InvestigationId taken = open(parry, "inv-fp1", WORKSTATION);
      runtime.reportEvidence(taken, evidence(parry, FILE, Verdict.MALICIOUS));
      parry.settle();
      InvestigationId pending = open(parry, "inv-fp2", WORKSTATION);
      runtime.reportEvidence(pending, evidence(parry, FILE, Verdict.SUSPICIOUS));
      FalsePositiveReport report =
          runtime.reportFalsePositive(FILE, ANALYST, "signed internal tool");
      parry.settle();
      assertEquals(List.of(only(pending).id()), report.rejected());
      assertEquals(List.of(only(taken).id()), report.undone());
      assertFalse(parry.devices().isInEffect(new QuarantineFile(FILE)));
      assertTrue(
          runtime
              .allowIndicators(ParryHarness.ANALYST)
              .contains(new AllowIndicator.FileHash(FILE.sha256())));
      InvestigationId later = open(parry, "inv-fp3", WORKSTATION);
      runtime.reportEvidence(later, evidence(parry, FILE, Verdict.MALICIOUS));
      assertTrue(
          runtime.investigation(later, ParryHarness.ANALYST).orElseThrow().actions().isEmpty());
    }

    @Test
    @DisplayName("a false negative opens manual actions, pending approval")
    void falseNegative() {
      List<ActionRecord> opened = runtime.reportFalseNegative(USER, ANALYST, "missed by detection");
      assertEquals(
          List.of(
              ActionKind.MARK_USER_COMPROMISED, ActionKind.DISABLE_USER, ActionKind.RESET_PASSWORD),
          opened.stream().map(a -> a.action().kind()).toList());
      opened.forEach(a -> assertEquals(ActionStatus.PENDING_APPROVAL, a.status()));
      opened.forEach(a -> assertEquals(ActionSource.MANUAL_DEVICE_ACTION, a.source()));
    }
  }

  @Nested
  @DisplayName("Authorization")
  class Authorization {

    @Test
    @DisplayName("a denial is typed, audited and changes nothing")
    void denied() {
      InvestigationId id = open(parry, "inv-z", null);
      runtime.reportEvidence(id, evidence(parry, MESSAGE, Verdict.MALICIOUS));
      List<InvestigationEvent> before = runtime.history(id, ParryHarness.ANALYST);
      Caller deviceOnly = Caller.of("dev-ops@contoso.com", Permission.ACTIVE_REMEDIATION);
      AccessDeniedException e =
          assertThrows(
              AccessDeniedException.class, () -> runtime.approve(only(id).id(), deviceOnly, ""));
      assertEquals(Operation.APPROVE, e.operation());
      assertEquals(ActionKind.SOFT_DELETE_EMAIL, e.kind().orElseThrow());
      assertEquals(List.of(e), parry.denials());
      assertEquals(before, runtime.history(id, ParryHarness.ANALYST));
    }

    @Test
    @DisplayName(
        "Defender's rules: device needs admin or active remediation; email admin and search and purge; identity admin")
    void defaults() {
      Caller remediator = Caller.of("r@contoso.com", Permission.ACTIVE_REMEDIATION);
      Caller admin = Caller.of("a@contoso.com", Permission.SECURITY_ADMINISTRATOR);
      runtime.takeAction(
          new RunAntivirusScan(SERVER, ScanType.QUICK), remediator, "by hand", false);
      assertThrows(
          AccessDeniedException.class,
          () -> runtime.takeAction(new SoftDeleteEmail(MESSAGE, false), admin, "by hand", false));
      assertThrows(
          AccessDeniedException.class,
          () ->
              runtime.takeAction(
                  new dev.parry.core.action.DisableUser(USER), remediator, "by hand", false));
      runtime.takeAction(new dev.parry.core.action.DisableUser(USER), admin, "by hand", false);
      assertThrows(
          AccessDeniedException.class,
          () -> runtime.actions(ActionQuery.pending().build(), Caller.of("nobody@contoso.com")));
    }
  }

  @Nested
  @DisplayName("The action center's queries")
  class Queries {

    @Test
    @DisplayName("pages of pending actions return every action exactly once, in proposal order")
    void paging() {
      for (int i = 0; i < 120; i++) {
        InvestigationId id = open(parry, "inv-q-" + i, SERVER);
        runtime.reportEvidence(
            id,
            evidence(
                parry,
                new dev.parry.core.entity.DeviceProcess(
                    SERVER.id(), 1000 + i, PROCESS.imagePath(), PROCESS.creationTime(), null, null),
                Verdict.MALICIOUS));
        parry.advance(java.time.Duration.ofSeconds(1));
      }
      Set<String> seen = new HashSet<>();
      List<String> order = new ArrayList<>();
      ActionQuery query = ActionQuery.pending().limit(50).build();
      int pages = 0;
      while (true) {
        Page<ActionRecord> page = runtime.actions(query, ANALYST);
        pages++;
        page.items()
            .forEach(
                a -> {
                  assertTrue(seen.add(a.id().toString()), "seen twice: " + a.id());
                  order.add(a.id().investigation().value());
                });
        if (page.nextCursor() == null) {
          break;
        }
        query = query.after(page.nextCursor());
      }
      assertEquals(120, seen.size());
      assertEquals(3, pages);
      assertEquals("inv-q-0", order.get(0));
      assertEquals("inv-q-119", order.get(119));
    }

    @Test
    @DisplayName("filters by family, kind, entity, investigation, source, status and time")
    void filters() {
      InvestigationId a = open(parry, "inv-f1", SERVER);
      runtime.reportEvidence(a, evidence(parry, PROCESS, Verdict.MALICIOUS));
      parry.advance(java.time.Duration.ofHours(1));
      InvestigationId b = open(parry, "inv-f2", null);
      runtime.reportEvidence(b, evidence(parry, MESSAGE, Verdict.MALICIOUS));
      runtime.takeAction(new RunAntivirusScan(SERVER, ScanType.FULL), ANALYST, "by hand", true);
      assertEquals(
          1, count(ActionQuery.pending().families(EnumSet.of(EntityFamily.EMAIL)).build()));
      assertEquals(
          1, count(ActionQuery.pending().kinds(EnumSet.of(ActionKind.KILL_PROCESS)).build()));
      assertEquals(1, count(ActionQuery.all().entity(MESSAGE.key()).build()));
      assertEquals(1, count(ActionQuery.all().investigation(a).build()));
      assertEquals(
          1,
          count(
              ActionQuery.pending()
                  .sources(EnumSet.of(ActionSource.MANUAL_DEVICE_ACTION))
                  .build()));
      assertEquals(2, count(ActionQuery.pending().proposedFrom(parry.clock().instant()).build()));
      assertEquals(1, count(ActionQuery.pending().proposedTo(parry.clock().instant()).build()));
      assertEquals(0, count(ActionQuery.history().build()));
      assertThrows(
          InvalidInputException.class,
          () -> runtime.actions(ActionQuery.pending().cursor("not-a-cursor").build(), ANALYST));
    }

    int count(ActionQuery query) {
      return runtime.actions(query, ANALYST).items().size();
    }
  }

  @Test
  @DisplayName("a failing listener never breaks the runtime or the other listeners")
  void listenerIsolation() {
    AtomicInteger seen = new AtomicInteger();
    try (ParryHarness isolated =
        ParryHarness.create(
            b ->
                b.listener(
                        event -> {
                          throw new IllegalStateException("listener bug");
                        })
                    .listener(event -> seen.incrementAndGet()))) {
      InvestigationId id = open(isolated, "inv-l", WORKSTATION);
      isolated.runtime().reportEvidence(id, evidence(isolated, WORKSTATION, Verdict.MALICIOUS));
      isolated.approve(new ActionId(id, 1));
      assertTrue(isolated.devices().isIsolated(WORKSTATION.id()));
      assertEquals(isolated.events().size(), seen.get());
      assertTrue(isolated.scheduler().failures().isEmpty());
    }
  }

  @Test
  @DisplayName("the audit trail of a real investigation verifies; the CSV export lists the history")
  void auditAndExport() {
    InvestigationId id = open(parry, "inv-audit", WORKSTATION);
    runtime.reportEvidence(id, evidence(parry, WORKSTATION, Verdict.MALICIOUS));
    runtime.approve(only(id).id(), ANALYST, "isolate it");
    parry.settle();
    runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
    var trail = runtime.auditTrail(id, ANALYST);
    assertEquals(runtime.history(id, ParryHarness.ANALYST).size(), trail.size());
    assertTrue(dev.parry.spi.audit.AuditTrail.verify(trail).isIntact());
    String csv = runtime.exportCsv(ActionQuery.history().limit(1).build(), ANALYST);
    assertTrue(
        csv.contains(
            "inv-audit/1,inv-audit,ISOLATE_DEVICE,DEVICE,device:d-ws-1,SUCCEEDED,AUTOMATED_DEVICE_INVESTIGATION,"),
        csv);
  }

  @Test
  @DisplayName("opening needs no caller; an unknown investigation is a typed error")
  void unknown() {
    assertThrows(
        UnknownInvestigationException.class,
        () -> runtime.finishAnalysis(InvestigationId.of("missing"), AnalysisOutcome.COMPLETED));
    assertThrows(InvalidInputException.class, () -> runtime.open(null, AlertId.of("a"), null));
  }
}
