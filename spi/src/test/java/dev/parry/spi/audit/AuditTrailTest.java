package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit trail detects a changed, removed, inserted or reordered record and says where")
class AuditTrailTest {

  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final EmailMessage MESSAGE = EmailMessage.of(NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
      SmtpAddress.of("bob@contoso.com"));

  final List<InvestigationEvent> events = new ArrayList<>();
  Investigation state;

  AuditTrailTest() {
    Decision.Accepted opened = Investigation.open(InvestigationId.of("inv-a"), AlertId.of("a"), AutomationLevel.FULL,
        Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), T0);
    events.addAll(opened.events());
    state = opened.after();
    run(new Command.RecordEvidence(Evidence.of(MESSAGE, Verdict.MALICIOUS, "phish", T0), List.of(), Actor.system()));
    run(new Command.ProposeAction(new Command.Proposal(new PlannedAction(new IsolateDevice(
        Device.of(DeviceId.of("d"), DeviceName.of("ws")), IsolationType.FULL), ApprovalMode.REQUIRES_APPROVAL, "test"),
        ApprovalRule.SINGLE), Actor.system()));
    run(new Command.Approve(new ActionId(state.id(), 1), PrincipalName.of("alice@contoso.com"), "ok"));
    run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
  }

  void run(Command command) {
    Decision.Accepted accepted = (Decision.Accepted) state.decide(command, T0);
    events.addAll(accepted.events());
    state = accepted.after();
  }

  @Test
  @DisplayName("an untouched chain verifies and is deterministic")
  void intact() {
    List<AuditRecord> chain = AuditTrail.chain(events);
    assertTrue(AuditTrail.verify(chain).isIntact());
    assertEquals(AuditTrail.head(chain), AuditTrail.head(AuditTrail.chain(events)));
    assertEquals(AuditTrail.GENESIS, chain.get(0).previousHash());
  }

  @Test
  @DisplayName("a changed record is found, even a change hidden by a redacting toString")
  void changed() {
    List<AuditRecord> chain = new ArrayList<>(AuditTrail.chain(events));
    AuditRecord evidence = chain.get(1);
    EmailMessage other = EmailMessage.of(MESSAGE.id(), SmtpAddress.of("carol@contoso.com"));
    assertEquals(MESSAGE.recipient().toString(), other.recipient().toString(), "toString redacts both to ***@contoso.com");
    InvestigationEvent forged = new InvestigationEvent.EvidenceRecorded(evidence.event().investigationId(),
        evidence.event().at(), Actor.system(), Evidence.of(other, Verdict.MALICIOUS, "phish", T0));
    chain.set(1, new AuditRecord(evidence.sequence(), forged, evidence.previousHash(), evidence.hash()));
    assertEquals(new AuditTrail.Broken(2, AuditTrail.Problem.CHANGED, "record 2 does not match its own hash"),
        AuditTrail.verify(chain));
  }

  @Test
  @DisplayName("a removed record is found at the position after the gap")
  void removed() {
    List<AuditRecord> chain = new ArrayList<>(AuditTrail.chain(events));
    chain.remove(2);
    AuditTrail.Broken broken = (AuditTrail.Broken) AuditTrail.verify(chain);
    assertEquals(3, broken.position());
    assertEquals(AuditTrail.Problem.REMOVED, broken.problem());
  }

  @Test
  @DisplayName("an inserted (duplicated) record is found")
  void inserted() {
    List<AuditRecord> chain = new ArrayList<>(AuditTrail.chain(events));
    chain.add(3, chain.get(1));
    AuditTrail.Broken broken = (AuditTrail.Broken) AuditTrail.verify(chain);
    assertEquals(4, broken.position());
    assertEquals(AuditTrail.Problem.INSERTED, broken.problem());
  }

  @Test
  @DisplayName("reordered records are found")
  void reordered() {
    List<AuditRecord> chain = new ArrayList<>(AuditTrail.chain(events));
    Collections.swap(chain, 1, 2);
    AuditTrail.Broken broken = (AuditTrail.Broken) AuditTrail.verify(chain);
    assertEquals(2, broken.position());
    assertEquals(AuditTrail.Problem.REORDERED, broken.problem());
  }

  @Test
  @DisplayName("the CSV export quotes, escapes, and defuses formulas")
  void csv() {
    ActionRecord action = state.actions().get(0);
    String csv = ActionCenterCsv.of(List.of(action));
    String[] lines = csv.split("\r\n", -1);
    assertEquals(ActionCenterCsv.HEADER, lines[0]);
    assertTrue(lines[1].startsWith("inv-a/1,inv-a,ISOLATE_DEVICE,DEVICE,device:d,APPROVED,AUTOMATED_DEVICE_INVESTIGATION,system,"), lines[1]);
    assertEquals("'=HYPERLINK(\"x\")", ActionCenterCsv.cell("=HYPERLINK(\"x\")").replace("\"\"", "\"").substring(1,
        ActionCenterCsv.cell("=HYPERLINK(\"x\")").replace("\"\"", "\"").length() - 1));
    assertEquals("\"a,b\"", ActionCenterCsv.cell("a,b"));
    assertEquals("'-1", ActionCenterCsv.cell("-1"));
    assertNotEquals(-1, csv.indexOf("ok"), "the approver's comment is in the note column");
  }
}
