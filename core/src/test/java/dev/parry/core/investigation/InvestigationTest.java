package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The investigation state machine")
class InvestigationTest {

  static final InvestigationId ID = InvestigationId.of("inv-1");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");
  static final PrincipalName BOB = PrincipalName.of("bob@contoso.com");
  static final PrincipalName CAROL = PrincipalName.of("carol@contoso.com");
  static final RemediationAction ISOLATE = new IsolateDevice(DEVICE, IsolationType.FULL);
  static final RemediationAction ISOLATE_OTHER =
      new IsolateDevice(
          Device.of(DeviceId.of("b4e8d20f"), DeviceName.of("ws-043")), IsolationType.FULL);
  static final RemediationAction KILL =
      new KillProcess(
          new DeviceProcess(Fixtures.DEVICE_ID, 4242, WindowsPath.of("C:\\Temp\\x.exe")));

  Investigation investigation;
  final List<InvestigationEvent> log = new ArrayList<>();
  Instant now = T0;

  @BeforeEach
  void open() {
    Decision.Accepted opened =
        Investigation.open(
            ID,
            AlertId.of("alert-1"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            now);
    investigation = opened.after();
    log.addAll(opened.events());
  }

  Decision.Accepted accept(Command command) {
    Decision decision = investigation.decide(command, now);
    if (decision instanceof Decision.Rejected rejected) {
      throw new AssertionError(
          "expected acceptance of " + command + " but " + rejected.rejection());
    }
    Decision.Accepted accepted = (Decision.Accepted) decision;
    investigation = accepted.after();
    log.addAll(accepted.events());
    return accepted;
  }

  Rejection reject(Command command) {
    Investigation before = investigation;
    Decision decision = investigation.decide(command, now);
    Decision.Rejected rejected =
        assertInstanceOf(
            Decision.Rejected.class, decision, () -> "expected a rejection of " + command);
    assertSame(before, investigation, "a rejected command changes nothing");
    return rejected.rejection();
  }

  static Command.Proposal proposal(RemediationAction action, ApprovalMode mode, ApprovalRule rule) {
    return new Command.Proposal(new PlannedAction(action, mode, "test"), rule);
  }

  ActionId propose(RemediationAction action, ApprovalMode mode) {
    return propose(action, mode, ApprovalRule.SINGLE, Actor.system());
  }

  ActionId propose(
      RemediationAction action, ApprovalMode mode, ApprovalRule rule, Actor requester) {
    accept(new Command.ProposeAction(proposal(action, mode, rule), requester));
    return investigation.actions().get(investigation.actions().size() - 1).id();
  }

  ActionStatus status(ActionId id) {
    return investigation.action(id).orElseThrow().status();
  }

  @Test
  @DisplayName("opening records the alert, the expiry and version 1; the status is queued")
  void opening() {
    assertEquals(1, investigation.version());
    assertEquals(InvestigationStatus.QUEUED, investigation.status());
    assertEquals(Duration.ofDays(7), investigation.pendingExpiry());
    assertFalse(investigation.isComplete());
    assertThrows(
        InvalidInputException.class,
        () ->
            Investigation.open(
                ID, AlertId.of("a"), AutomationLevel.FULL, Duration.ZERO, Actor.system(), T0));
    assertEquals(
        Origin.ungrouped(), investigation.origin(), "an alert about no device runs ungrouped");
    InvalidInputException noGroup =
        assertThrows(InvalidInputException.class, () -> new Origin(null, DEVICE));
    assertEquals("group", noGroup.field());
    InvalidInputException noOrigin =
        assertThrows(
            InvalidInputException.class,
            () ->
                Investigation.open(
                    ID,
                    AlertId.of("a"),
                    AutomationLevel.FULL,
                    null,
                    Investigation.DEFAULT_PENDING_EXPIRY,
                    Actor.system(),
                    T0));
    assertEquals("origin", noOrigin.field());
  }

  @Test
  @DisplayName("a state whose actions are out of position, or with a version below 1, is refused")
  void stateValidation() {
    propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
    propose(KILL, ApprovalMode.REQUIRES_APPROVAL);
    Investigation s = investigation;
    List<ActionRecord> swapped = List.of(s.actions().get(1), s.actions().get(0));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new Investigation(
                    s.id(),
                    s.alertId(),
                    s.level(),
                    s.origin(),
                    s.openedAt(),
                    s.pendingExpiry(),
                    s.version(),
                    s.evidence(),
                    s.threatsWithoutAction(),
                    swapped,
                    s.analysis(),
                    s.terminatedBy(),
                    s.completedAt()));
    assertTrue(e.getMessage().contains("inv-1/2 is at position 1"), e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () ->
            new Investigation(
                s.id(),
                s.alertId(),
                s.level(),
                s.origin(),
                s.openedAt(),
                s.pendingExpiry(),
                0,
                s.evidence(),
                s.threatsWithoutAction(),
                s.actions(),
                s.analysis(),
                s.terminatedBy(),
                s.completedAt()));
    assertEquals(
        s,
        new Investigation(
            s.id(),
            s.alertId(),
            s.level(),
            s.origin(),
            s.openedAt(),
            s.pendingExpiry(),
            s.version(),
            s.evidence(),
            s.threatsWithoutAction(),
            s.actions(),
            s.analysis(),
            s.terminatedBy(),
            s.completedAt()));
  }

  @Nested
  @DisplayName("Action life cycle")
  class Lifecycle {

    @Test
    @DisplayName("automatic: approved by the system, started, succeeded")
    void automatic() {
      ActionId id = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      assertEquals(ActionStatus.APPROVED, status(id));
      accept(new Command.Start(id));
      assertEquals(ActionStatus.IN_PROGRESS, status(id));
      assertEquals(1, investigation.action(id).orElseThrow().attempts());
      accept(new Command.Start(id));
      assertEquals(2, investigation.action(id).orElseThrow().attempts());
      accept(new Command.Succeed(id, "isolated"));
      assertEquals(ActionStatus.SUCCEEDED, status(id));
      assertEquals("isolated", investigation.action(id).orElseThrow().note());
    }

    @Test
    @DisplayName("pending: cannot start before approval; approve then start")
    void pending() {
      ActionId id = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      assertEquals(ActionStatus.PENDING_APPROVAL, status(id));
      assertEquals(InvestigationStatus.PENDING_APPROVAL, investigation.status());
      assertEquals(RejectionReason.ILLEGAL_TRANSITION, reject(new Command.Start(id)).reason());
      accept(new Command.Approve(id, ALICE, "ok"));
      assertEquals(ActionStatus.APPROVED, status(id));
      assertEquals(List.of(ALICE), investigation.action(id).orElseThrow().approvers());
      accept(new Command.Start(id));
    }

    @Test
    @DisplayName("rejected and expired actions cannot be approved, started or undone")
    void decidedStaysDecided() {
      ActionId rejected = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      accept(new Command.Reject(rejected, Actor.principal(ALICE), "false positive"));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.Approve(rejected, BOB, "")).reason());
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.Reject(rejected, Actor.system(), "")).reason());
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION, reject(new Command.Start(rejected)).reason());
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.RequestUndo(rejected, Actor.principal(ALICE), "")).reason());
    }

    @Test
    @DisplayName("failed, timed out and cancelled are final")
    void finalOutcomes() {
      ActionId failed = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(failed));
      accept(new Command.Fail(failed, "device offline"));
      assertEquals(ActionStatus.FAILED, status(failed));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION, reject(new Command.Succeed(failed, "")).reason());

      ActionId timedOut = propose(KILL, ApprovalMode.AUTOMATIC);
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION, reject(new Command.TimeOut(timedOut)).reason());
      accept(new Command.Start(timedOut));
      accept(new Command.TimeOut(timedOut));
      assertEquals(ActionStatus.TIMED_OUT, status(timedOut));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.Cancel(timedOut, Actor.system(), "")).reason());
    }

    @Test
    @DisplayName(
        "cancel works while approved, or in progress once the work stopped; not while pending or after an outcome")
    void cancel() {
      ActionId pending = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.Cancel(pending, Actor.principal(ALICE), "")).reason());
      accept(new Command.Approve(pending, ALICE, ""));
      accept(new Command.Cancel(pending, Actor.principal(ALICE), "changed my mind"));
      assertEquals(ActionStatus.CANCELLED, status(pending));
      ActionId running = propose(KILL, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(running));
      Rejection callOut = reject(new Command.Cancel(running, Actor.principal(BOB), ""));
      assertEquals(RejectionReason.ILLEGAL_TRANSITION, callOut.reason());
      assertTrue(callOut.message().contains("executor may be carrying it out"), callOut.message());
      accept(new Command.Cancel(running, Actor.principal(BOB), "the executor stopped it", true));
      assertEquals(ActionStatus.CANCELLED, status(running));
    }

    @Test
    @DisplayName(
        "undo: only after success, only for reversible kinds; a failed undo may be retried")
    void undo() {
      ActionId kill = propose(KILL, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(kill));
      accept(new Command.Succeed(kill, ""));
      Rejection notReversible = reject(new Command.RequestUndo(kill, Actor.principal(ALICE), ""));
      assertEquals(RejectionReason.NOT_REVERSIBLE, notReversible.reason());
      assertTrue(notReversible.message().contains("KILL_PROCESS"), notReversible.message());

      ActionId isolate = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.RequestUndo(isolate, Actor.principal(ALICE), "")).reason());
      accept(new Command.Start(isolate));
      accept(new Command.Succeed(isolate, ""));
      accept(new Command.RequestUndo(isolate, Actor.principal(ALICE), "false positive"));
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, status(isolate));
      accept(new Command.FailUndo(isolate, "device offline"));
      assertEquals(ActionStatus.UNDO_FAILED, status(isolate));
      accept(new Command.RequestUndo(isolate, Actor.principal(ALICE), "again"));
      accept(new Command.CompleteUndo(isolate, "released"));
      assertEquals(ActionStatus.UNDONE, status(isolate));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.RequestUndo(isolate, Actor.principal(ALICE), "")).reason());
    }

    @Test
    @DisplayName(
        "an undo asked for while an action runs is requested in the same decision as its success")
    void undoOnSuccess() {
      ActionId running = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(running));
      Decision.Accepted asked =
          accept(new Command.UndoOnSuccess(running, Actor.principal(ALICE), "false positive"));
      assertEquals(1, asked.events().size());
      assertInstanceOf(InvestigationEvent.UndoOnSuccessRequested.class, asked.events().get(0));
      assertEquals(ActionStatus.IN_PROGRESS, status(running), "it keeps running");
      ActionStep step = investigation.action(running).orElseThrow().undoOnSuccess().orElseThrow();
      assertEquals(Actor.principal(ALICE), step.actor());
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.UndoOnSuccess(running, Actor.principal(BOB), "again")).reason(),
          "asked once");

      now = T0.plusSeconds(60);
      Decision.Accepted succeeded = accept(new Command.Succeed(running, "isolated"));
      assertEquals(2, succeeded.events().size(), succeeded.events()::toString);
      assertInstanceOf(InvestigationEvent.ActionSucceeded.class, succeeded.events().get(0));
      InvestigationEvent.UndoRequested undo =
          assertInstanceOf(InvestigationEvent.UndoRequested.class, succeeded.events().get(1));
      assertEquals(Actor.principal(ALICE), undo.actor());
      assertEquals("false positive", undo.comment());
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, status(running));
      assertTrue(investigation.action(running).orElseThrow().undoOnSuccess().isEmpty());
      assertEquals(investigation, Investigation.replay(log));

      // already succeeded: the undo is requested at once
      ActionId done =
          propose(new IsolateDevice(DEVICE, IsolationType.SELECTIVE), ApprovalMode.AUTOMATIC);
      accept(new Command.Start(done));
      accept(new Command.Succeed(done, ""));
      accept(new Command.UndoOnSuccess(done, Actor.principal(ALICE), "false positive"));
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, status(done));

      // irreversible, or settled without effect: refused, naming why
      ActionId kill = propose(KILL, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(kill));
      assertEquals(
          RejectionReason.NOT_REVERSIBLE,
          reject(new Command.UndoOnSuccess(kill, Actor.principal(ALICE), "")).reason());
      ActionId failed = propose(ISOLATE_OTHER, ApprovalMode.AUTOMATIC);
      accept(new Command.Start(failed));
      accept(new Command.Fail(failed, "offline"));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.UndoOnSuccess(failed, Actor.principal(ALICE), "")).reason());
    }

    @Test
    @DisplayName("an approval after an undo was asked for while it ran drops the request")
    void approvalDropsUndoOnSuccess() {
      ActionId automatic = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      accept(new Command.UndoOnSuccess(automatic, Actor.principal(ALICE), "false positive"));
      assertTrue(investigation.action(automatic).orElseThrow().undoOnSuccess().isPresent());
      accept(new Command.Hold(automatic, "allowed by an indicator", null));
      assertTrue(
          investigation.action(automatic).orElseThrow().undoOnSuccess().isEmpty(),
          "held: waiting for approval");
      accept(new Command.Approve(automatic, BOB, "isolate it anyway"));
      assertTrue(
          investigation.action(automatic).orElseThrow().undoOnSuccess().isEmpty(),
          "the analyst decided again");
      accept(new Command.Start(automatic));
      Decision.Accepted succeeded = accept(new Command.Succeed(automatic, ""));
      assertEquals(1, succeeded.events().size(), succeeded.events()::toString);
      assertEquals(ActionStatus.SUCCEEDED, status(automatic));
    }

    @Test
    @DisplayName("every transition records its actor, time and note")
    void audit() {
      ActionId id = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      now = T0.plusSeconds(60);
      accept(new Command.Reject(id, Actor.principal(BOB), "not this one"));
      ActionRecord record = investigation.action(id).orElseThrow();
      assertEquals(Actor.principal(BOB), record.updatedBy());
      assertEquals(now, record.updatedAt());
      assertEquals("not this one", record.note());
      InvestigationEvent last = log.get(log.size() - 1);
      assertInstanceOf(InvestigationEvent.ActionRejected.class, last);
      assertEquals(Actor.principal(BOB), last.actor());
      assertEquals(now, last.at());
    }
  }

  @Nested
  @DisplayName("Approvals as code: quorum and two-step")
  class Approvals {

    @Test
    @DisplayName("a quorum of two counts distinct principals")
    void quorum() {
      ActionId id =
          propose(
              ISOLATE, ApprovalMode.REQUIRES_APPROVAL, new ApprovalRule(2, true), Actor.system());
      accept(new Command.Approve(id, ALICE, ""));
      assertEquals(ActionStatus.PENDING_APPROVAL, status(id));
      Rejection twice = reject(new Command.Approve(id, ALICE, ""));
      assertEquals(RejectionReason.ALREADY_APPROVED_BY_PRINCIPAL, twice.reason());
      assertEquals(id, twice.relatedAction().orElseThrow());
      accept(new Command.Approve(id, BOB, ""));
      assertEquals(ActionStatus.APPROVED, status(id));
    }

    @Test
    @DisplayName("two-step: the requester cannot approve, another principal can")
    void twoStep() {
      ActionId id =
          propose(
              ISOLATE,
              ApprovalMode.REQUIRES_APPROVAL,
              ApprovalRule.TWO_STEP,
              Actor.principal(ALICE));
      Rejection own = reject(new Command.Approve(id, ALICE, ""));
      assertEquals(RejectionReason.REQUESTER_CANNOT_APPROVE, own.reason());
      assertTrue(own.message().contains("alice@contoso.com"), own.message());
      accept(new Command.Approve(id, CAROL, ""));
      assertEquals(ActionStatus.APPROVED, status(id));
    }

    @Test
    @DisplayName("with requesterMayApprove the requester's approval counts")
    void requesterMayApprove() {
      ActionId id =
          propose(
              ISOLATE, ApprovalMode.REQUIRES_APPROVAL, ApprovalRule.SINGLE, Actor.principal(ALICE));
      accept(new Command.Approve(id, ALICE, ""));
      assertEquals(ActionStatus.APPROVED, status(id));
    }
  }

  @Nested
  @DisplayName("Evidence, de-duplication and completion")
  class Completion {

    Command.RecordEvidence evidence(RemediationAction action, ApprovalMode mode) {
      Evidence evidence = Evidence.of(action.target(), Verdict.MALICIOUS, "", now);
      return new Command.RecordEvidence(
          evidence, List.of(proposal(action, mode, ApprovalRule.SINGLE)), Actor.system());
    }

    @Test
    @DisplayName("complete exactly when analysis is finished and every action is settled")
    void completionRule() {
      accept(evidence(ISOLATE, ApprovalMode.REQUIRES_APPROVAL));
      ActionId id = investigation.actions().get(0).id();
      assertEquals(InvestigationStatus.PENDING_APPROVAL, investigation.status());
      accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertFalse(investigation.isComplete(), "a pending action holds completion");
      accept(new Command.Approve(id, ALICE, ""));
      assertEquals(InvestigationStatus.PENDING_RESOURCE, investigation.status());
      accept(new Command.Start(id));
      assertFalse(investigation.isComplete());
      Decision.Accepted last = accept(new Command.Succeed(id, ""));
      assertTrue(investigation.isComplete());
      assertEquals(InvestigationStatus.REMEDIATED, investigation.status());
      InvestigationEvent completed = last.events().get(last.events().size() - 1);
      assertEquals(
          new InvestigationEvent.Completed(ID, now, Actor.system(), InvestigationStatus.REMEDIATED),
          completed);
      assertNotNull(investigation.completedAt());
    }

    @Test
    @DisplayName("evidence joins until completion and is refused after it")
    void evidenceAfterCompletion() {
      accept(evidence(ISOLATE, ApprovalMode.REQUIRES_APPROVAL));
      accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      accept(evidence(KILL, ApprovalMode.AUTOMATIC));
      assertEquals(2, investigation.actions().size(), "evidence joins while an action is pending");
      accept(new Command.Reject(investigation.actions().get(0).id(), Actor.principal(ALICE), ""));
      ActionId kill = investigation.actions().get(1).id();
      accept(new Command.Start(kill));
      accept(new Command.Succeed(kill, ""));
      assertTrue(investigation.isComplete());
      assertEquals(
          RejectionReason.INVESTIGATION_COMPLETE,
          reject(evidence(ISOLATE, ApprovalMode.AUTOMATIC)).reason());
      assertEquals(
          RejectionReason.INVESTIGATION_COMPLETE,
          reject(
                  new Command.ProposeAction(
                      proposal(ISOLATE, ApprovalMode.AUTOMATIC, ApprovalRule.SINGLE),
                      Actor.principal(ALICE)))
              .reason());
    }

    @Test
    @DisplayName(
        "one user reported by id and UPN, then by UPN alone, then under a new UPN, is disabled once (Entity.sameAs)")
    void deduplicationOfOneUserUnderSeveralNames() {
      ObjectId oid = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
      UserPrincipalName upn = UserPrincipalName.of("alice@contoso.com");
      accept(
          evidence(
              new DisableUser(UserAccount.of(oid).withUpn(upn)), ApprovalMode.REQUIRES_APPROVAL));
      accept(evidence(new DisableUser(UserAccount.of(upn)), ApprovalMode.REQUIRES_APPROVAL));
      accept(
          evidence(
              new DisableUser(
                  UserAccount.of(oid).withUpn(UserPrincipalName.of("alice.smith@contoso.com"))),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(1, investigation.actions().size());
      Rejection duplicate =
          reject(
              new Command.ProposeAction(
                  proposal(
                      new DisableUser(UserAccount.of(upn)),
                      ApprovalMode.AUTOMATIC,
                      ApprovalRule.SINGLE),
                  Actor.principal(ALICE)));
      assertEquals(RejectionReason.DUPLICATE_ACTION, duplicate.reason());
      accept(
          evidence(
              new DisableUser(
                  UserAccount.of(ObjectId.of("8c9e6679-7425-40de-944b-e07fc1f90ae7")).withUpn(upn)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(
          2,
          investigation.actions().size(),
          "another directory object under the same UPN is another user");
    }

    @Test
    @DisplayName(
        "two reports of one file with different hashes are one target: a SHA-1-only report does not"
            + " propose again what a SHA-256 and SHA-1 report proposed; reports that disagree on a hash are two files")
    void sameFileByAnyHash() {
      Sha256 sha256 = Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      Sha1 sha1 = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");
      accept(
          evidence(
              new StopAndQuarantineFile(new DeviceFile(sha256, sha1, null, null)),
              ApprovalMode.REQUIRES_APPROVAL));
      accept(
          evidence(
              new StopAndQuarantineFile(DeviceFile.anywhere(sha1)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(1, investigation.actions().size());
      Sha1 otherSha1 = Sha1.of("0000a3ee5e6b4b0d3255bfef95601890afd80709");
      accept(
          evidence(
              new StopAndQuarantineFile(new DeviceFile(sha256, otherSha1, null, null)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(
          2,
          investigation.actions().size(),
          "hashes that disagree are two files, whatever they share");
    }

    @Test
    @DisplayName(
        "a pending action that can never be sent does not stop one that can: a report with the SHA-1"
            + " proposes what a SHA-256-only report could not send")
    void unsendableDoesNotBlock() {
      Sha256 sha256 = Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      Sha1 sha1 = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");
      accept(
          evidence(
              new StopAndQuarantineFile(DeviceFile.anywhere(sha256)),
              ApprovalMode.REQUIRES_APPROVAL));
      accept(
          evidence(
              new StopAndQuarantineFile(new DeviceFile(sha256, sha1, null, null)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(2, investigation.actions().size());
      accept(
          evidence(
              new StopAndQuarantineFile(DeviceFile.anywhere(sha1)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(2, investigation.actions().size(), "the sendable one now answers for the file");
      ActionRecord unsendable = investigation.actions().get(0);
      assertEquals(
          ActionStatus.REJECTED,
          unsendable.status(),
          "superseded, so completion does not wait for it to expire");
      assertEquals(Actor.system(), unsendable.updatedBy());
    }

    @Test
    @DisplayName(
        "two sendable reports in one batch that both stand for one unsendable action supersede it once")
    void supersededOncePerBatch() {
      DeviceProcess noTime = new DeviceProcess(DEVICE.id(), 4242, WindowsPath.of("C:\\x\\a.exe"));
      accept(evidence(new KillProcess(noTime), ApprovalMode.REQUIRES_APPROVAL));
      Instant created = Instant.parse("2026-01-01T00:00:00Z");
      DeviceProcess first =
          DeviceProcess.of(DEVICE.id(), 4242, created, WindowsPath.of("C:\\x\\a.exe"));
      DeviceProcess second =
          DeviceProcess.of(
              DEVICE.id(), 4242, created.plusSeconds(60), WindowsPath.of("C:\\x\\a.exe"));
      accept(
          new Command.RecordEvidence(
              Evidence.of(first, Verdict.MALICIOUS, "", T0),
              List.of(
                  proposal(
                      new KillProcess(first), ApprovalMode.REQUIRES_APPROVAL, ApprovalRule.SINGLE),
                  proposal(
                      new KillProcess(second),
                      ApprovalMode.REQUIRES_APPROVAL,
                      ApprovalRule.SINGLE)),
              Actor.system()));
      assertEquals(3, investigation.actions().size());
      assertEquals(ActionStatus.REJECTED, investigation.actions().get(0).status());
    }

    @Test
    @DisplayName(
        "an action declined because it could never be sent does not stop the report that carries what it lacked")
    void declinedUnsendableGivesWay() {
      Sha256 sha256 = Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      Sha1 sha1 = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");
      accept(
          evidence(
              new StopAndQuarantineFile(DeviceFile.anywhere(sha256)),
              ApprovalMode.REQUIRES_APPROVAL));
      accept(
          new Command.Reject(
              investigation.actions().get(0).id(),
              Actor.principal(ALICE),
              "cannot be sent without the SHA-1: taken by hand"));
      accept(
          evidence(
              new StopAndQuarantineFile(new DeviceFile(sha256, sha1, null, null)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(2, investigation.actions().size(), "the sendable report is proposed");
      accept(
          evidence(
              new StopAndQuarantineFile(new DeviceFile(sha256, sha1, null, null)),
              ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(
          2, investigation.actions().size(), "and a sendable one, once rejected, still blocks");
    }

    @Test
    @DisplayName(
        "the same kind on the same target is not proposed twice while active, taken or rejected")
    void deduplication() {
      accept(evidence(ISOLATE, ApprovalMode.REQUIRES_APPROVAL));
      accept(evidence(new IsolateDevice(DEVICE, IsolationType.SELECTIVE), ApprovalMode.AUTOMATIC));
      assertEquals(1, investigation.actions().size());
      assertEquals(2, investigation.evidence().size(), "the evidence still joins");
      ActionId first = investigation.actions().get(0).id();
      Rejection duplicate =
          reject(
              new Command.ProposeAction(
                  proposal(ISOLATE, ApprovalMode.AUTOMATIC, ApprovalRule.SINGLE),
                  Actor.principal(ALICE)));
      assertEquals(RejectionReason.DUPLICATE_ACTION, duplicate.reason());
      assertEquals(first, duplicate.relatedAction().orElseThrow());
      accept(new Command.Reject(first, Actor.principal(ALICE), ""));
      accept(evidence(ISOLATE, ApprovalMode.REQUIRES_APPROVAL));
      assertEquals(
          1, investigation.actions().size(), "new evidence does not re-ask a rejected question");
      propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      assertEquals(2, investigation.actions().size(), "an analyst may propose it again by hand");
    }

    @Test
    @DisplayName("a failed action may be proposed again by new evidence")
    void retryAfterFailure() {
      accept(evidence(ISOLATE, ApprovalMode.AUTOMATIC));
      ActionId first = investigation.actions().get(0).id();
      accept(new Command.Start(first));
      accept(new Command.Fail(first, "offline"));
      accept(evidence(ISOLATE, ApprovalMode.AUTOMATIC));
      assertEquals(2, investigation.actions().size());
    }

    @Test
    @DisplayName("pending actions expire after the configured time and count as rejected")
    void expiry() {
      accept(evidence(ISOLATE, ApprovalMode.REQUIRES_APPROVAL));
      accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      now = T0.plus(Duration.ofDays(7)).minusMillis(1);
      Decision.Accepted early = accept(new Command.ExpirePending());
      assertTrue(early.events().isEmpty());
      now = T0.plus(Duration.ofDays(7));
      accept(new Command.ExpirePending());
      assertEquals(ActionStatus.EXPIRED, investigation.actions().get(0).status());
      assertTrue(investigation.isComplete());
      assertEquals(InvestigationStatus.NOT_REMEDIATED, investigation.status());
    }

    @Test
    @DisplayName(
        "one pending action can be expired on its own once its expiry came; only a pending one")
    void expireOne() {
      ActionId first = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      accept(
          new Command.ProposeAction(
              new Command.Proposal(
                  new PlannedAction(KILL, ApprovalMode.REQUIRES_APPROVAL, "test"),
                  ApprovalRule.SINGLE,
                  null,
                  Duration.ofDays(14)),
              Actor.system()));
      ActionId second = investigation.actions().get(1).id();
      Rejection early = reject(new Command.Expire(first));
      assertEquals(RejectionReason.NOT_DUE, early.reason());
      assertTrue(
          early.message().contains(T0.plus(Investigation.DEFAULT_PENDING_EXPIRY).toString()),
          early.message());
      now = T0.plus(Investigation.DEFAULT_PENDING_EXPIRY);
      accept(new Command.Expire(first));
      assertEquals(ActionStatus.EXPIRED, status(first));
      assertEquals(
          RejectionReason.NOT_DUE,
          reject(new Command.Expire(second)).reason(),
          "its own expiry is 14 days");
      assertEquals(ActionStatus.PENDING_APPROVAL, status(second));
      assertEquals(RejectionReason.ILLEGAL_TRANSITION, reject(new Command.Expire(first)).reason());
    }

    @Test
    @DisplayName(
        "each action states its obligation: expiry, dispatch, undo, end of its time box, or none")
    void obligations() {
      ActionId pending = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      assertEquals(
          new Obligation(Obligation.Kind.EXPIRE, T0.plus(Investigation.DEFAULT_PENDING_EXPIRY)),
          investigation.action(pending).orElseThrow().obligation().orElseThrow());
      accept(
          new Command.ProposeAction(
              new Command.Proposal(
                  new PlannedAction(ISOLATE_OTHER, ApprovalMode.AUTOMATIC, "test"),
                  ApprovalRule.SINGLE,
                  Duration.ofHours(4)),
              Actor.system()));
      ActionId boxed = investigation.actions().get(1).id();
      assertEquals(
          new Obligation(Obligation.Kind.DISPATCH, T0), action(boxed).obligation().orElseThrow());
      now = T0.plusSeconds(5);
      accept(new Command.Start(boxed, T0.plusSeconds(60)));
      assertEquals(
          new Obligation(Obligation.Kind.DISPATCH, T0), action(boxed).obligation().orElseThrow());
      assertEquals(T0.plusSeconds(60), action(boxed).deadline());
      now = T0.plusSeconds(10);
      accept(new Command.Start(boxed, T0.plusSeconds(999)));
      assertEquals(
          T0.plusSeconds(60),
          action(boxed).deadline(),
          "a retry keeps the first dispatch's deadline");
      accept(new Command.Succeed(boxed, "done"));
      assertEquals(
          new Obligation(Obligation.Kind.END_TIME_BOX, now.plus(Duration.ofHours(4))),
          action(boxed).obligation().orElseThrow());
      assertEquals(RejectionReason.NOT_DUE, reject(new Command.EndTimeBox(boxed)).reason());
      now = now.plus(Duration.ofHours(4));
      accept(new Command.EndTimeBox(boxed));
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, status(boxed));
      assertEquals(1, action(boxed).undoAttempts());
      assertEquals(
          new Obligation(Obligation.Kind.UNDO, T0), action(boxed).obligation().orElseThrow());
      accept(new Command.FailUndo(boxed, "backend down"));
      assertTrue(action(boxed).obligation().isEmpty(), "a failed undo waits for an analyst");
      accept(new Command.RequestUndo(boxed, Actor.system(), "again"));
      assertEquals(2, action(boxed).undoAttempts(), "every undo request is a new attempt");
    }

    @Test
    @DisplayName(
        "an automatic action can be held for approval before its dispatch; an analyst-approved one cannot")
    void hold() {
      ActionId automatic = propose(ISOLATE, ApprovalMode.AUTOMATIC);
      accept(new Command.Hold(automatic, "automation is paused", null));
      ActionRecord held = action(automatic);
      assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
      assertEquals(ApprovalMode.REQUIRES_APPROVAL, held.mode());
      assertEquals("automation is paused", held.reason());
      assertEquals(T0.plus(Investigation.DEFAULT_PENDING_EXPIRY), held.expiresAt());
      ActionId approved = propose(KILL, ApprovalMode.REQUIRES_APPROVAL);
      accept(new Command.Approve(approved, ALICE, ""));
      assertEquals(
          RejectionReason.ILLEGAL_TRANSITION,
          reject(new Command.Hold(approved, "paused", null)).reason());
      assertEquals(investigation, Investigation.replay(log), "replay rebuilds the held action");
    }

    @Test
    @DisplayName("a time box cannot be extended past the longest duration allowed")
    void boundedExtension() {
      accept(
          new Command.ProposeAction(
              new Command.Proposal(
                  new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "test"),
                  ApprovalRule.SINGLE,
                  Duration.ofDays(3000)),
              Actor.system()));
      ActionId boxed = investigation.actions().get(0).id();
      accept(new Command.Start(boxed));
      accept(new Command.Succeed(boxed, "done"));
      Rejection tooLong =
          reject(new Command.ExtendTimeBox(boxed, Duration.ofDays(1000), ALICE, ""));
      assertEquals(RejectionReason.INVALID_ARGUMENT, tooLong.reason());
      assertTrue(tooLong.message().contains("PT96000H"), tooLong.message());
      assertThrows(
          InvalidInputException.class,
          () -> new Command.ExtendTimeBox(boxed, Duration.ofSeconds(Long.MAX_VALUE), ALICE, ""));
    }

    ActionRecord action(ActionId id) {
      return investigation.action(id).orElseThrow();
    }

    @Test
    @DisplayName("analysis can be finished once")
    void finishOnce() {
      accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
      assertEquals(
          RejectionReason.ANALYSIS_ALREADY_FINISHED,
          reject(new Command.FinishAnalysis(AnalysisOutcome.PARTIAL, Actor.system())).reason());
    }

    @Test
    @DisplayName(
        "terminate rejects pending, cancels approved, lets in-progress finish and refuses new work")
    void terminate() {
      ActionId pending = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
      ActionId approved = propose(KILL, ApprovalMode.AUTOMATIC);
      ActionId running =
          propose(
              new IsolateDevice(
                  Device.of(DeviceId.of("other"), DeviceName.of("ws-2")), IsolationType.FULL),
              ApprovalMode.AUTOMATIC);
      accept(new Command.Start(running));
      accept(new Command.Terminate(Actor.principal(ALICE), "wrong alert"));
      assertEquals(ActionStatus.REJECTED, status(pending));
      assertEquals(ActionStatus.CANCELLED, status(approved));
      assertEquals(ActionStatus.IN_PROGRESS, status(running));
      assertEquals(InvestigationStatus.TERMINATED_BY_USER, investigation.status());
      assertFalse(investigation.isComplete());
      assertEquals(
          RejectionReason.INVESTIGATION_TERMINATED,
          reject(evidence(ISOLATE, ApprovalMode.AUTOMATIC)).reason());
      assertEquals(
          RejectionReason.INVESTIGATION_TERMINATED,
          reject(new Command.Terminate(Actor.system(), "")).reason());
      accept(new Command.Succeed(running, ""));
      assertTrue(investigation.isComplete());
      assertEquals(InvestigationStatus.TERMINATED_BY_USER, investigation.status());
    }

    @Test
    @DisplayName("actions of another investigation or unknown actions are refused")
    void unknownActions() {
      assertEquals(
          RejectionReason.UNKNOWN_ACTION,
          reject(new Command.Approve(new ActionId(ID, 1), ALICE, "")).reason());
      assertEquals(
          RejectionReason.WRONG_INVESTIGATION,
          reject(new Command.Approve(new ActionId(InvestigationId.of("other"), 1), ALICE, ""))
              .reason());
    }
  }

  @Test
  @DisplayName(
      "time boxes: only for reversible kinds; extended by a principal only while the action is in effect")
  void timeBoxes() {
    assertThrows(
        InvalidInputException.class,
        () ->
            new Command.Proposal(
                new PlannedAction(KILL, ApprovalMode.AUTOMATIC, "t"),
                ApprovalRule.SINGLE,
                Duration.ofHours(1)));
    assertThrows(
        InvalidInputException.class,
        () ->
            new Command.Proposal(
                new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "t"),
                ApprovalRule.SINGLE,
                Duration.ZERO));
    accept(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "t"),
                ApprovalRule.SINGLE,
                Duration.ofHours(1)),
            Actor.principal(ALICE)));
    ActionId id = investigation.actions().get(0).id();
    Command.ExtendTimeBox extend =
        new Command.ExtendTimeBox(id, Duration.ofHours(2), BOB, "still spreading");
    assertEquals(RejectionReason.ILLEGAL_TRANSITION, reject(extend).reason());
    accept(new Command.Start(id));
    now = T0.plusSeconds(60);
    accept(new Command.Succeed(id, ""));
    assertEquals(
        T0.plusSeconds(60).plus(Duration.ofHours(1)),
        investigation.action(id).orElseThrow().timeBoxEnds().orElseThrow());
    accept(extend);
    assertEquals(Duration.ofHours(3), investigation.action(id).orElseThrow().timeBox());
    assertEquals(investigation, Investigation.replay(log));
  }

  @Test
  @DisplayName("replaying the event log rebuilds the same state")
  void replay() {
    ActionId a =
        propose(
            ISOLATE,
            ApprovalMode.REQUIRES_APPROVAL,
            new ApprovalRule(2, false),
            Actor.principal(ALICE));
    accept(new Command.Approve(a, BOB, ""));
    accept(new Command.Approve(a, CAROL, ""));
    accept(new Command.Start(a));
    accept(new Command.Succeed(a, "done"));
    accept(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
    accept(new Command.RequestUndo(a, Actor.principal(ALICE), ""));
    assertEquals(investigation, Investigation.replay(log));
    assertEquals(log.size(), investigation.version());
  }

  @Test
  @DisplayName("replay refuses a log that does not start with Opened or holds an impossible event")
  void replayRefusesCorruption() {
    assertThrows(InvalidInputException.class, () -> Investigation.replay(List.of()));
    ActionId a = propose(ISOLATE, ApprovalMode.REQUIRES_APPROVAL);
    List<InvestigationEvent> corrupted = new ArrayList<>(log);
    corrupted.add(new InvestigationEvent.ActionSucceeded(ID, T0, Actor.system(), a, ""));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Investigation.replay(corrupted));
    assertTrue(e.getMessage().contains("PENDING_APPROVAL"), e.getMessage());
    assertThrows(
        InvalidInputException.class, () -> Investigation.replay(log.subList(1, log.size())));
  }
}
