package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.parry.core.error.InvalidInputException;
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

@DisplayName(
    "The audit chain names a record changed, removed, inserted or moved, and a tail cut off past an anchored head")
class AuditTrailTest {

  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final EmailMessage MESSAGE =
      EmailMessage.of(
          NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
          SmtpAddress.of("bob@contoso.com"));

  final List<InvestigationEvent> events = new ArrayList<>();
  Investigation state;

  AuditTrailTest() {
    Decision.Accepted opened =
        Investigation.open(
            InvestigationId.of("inv-a"),
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
    events.addAll(opened.events());
    state = opened.after();
    run(
        new Command.RecordEvidence(
            Evidence.of(MESSAGE, Verdict.MALICIOUS, "phish", T0), List.of(), Actor.system()));
    run(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(
                    new IsolateDevice(
                        Device.of(DeviceId.of("d"), DeviceName.of("ws")), IsolationType.FULL),
                    ApprovalMode.REQUIRES_APPROVAL,
                    "test"),
                ApprovalRule.SINGLE),
            Actor.system()));
    run(
        new Command.Approve(
            new ActionId(state.id(), 1), PrincipalName.of("alice@contoso.com"), "ok"));
    run(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()));
  }

  void run(Command command) {
    Decision.Accepted accepted = (Decision.Accepted) state.decide(command, T0);
    events.addAll(accepted.events());
    state = accepted.after();
  }

  /**
   * {@return the chain a store keeps for {@link #events}: each event with the hash linking it to
   * the one before}
   */
  List<AuditRecord> stored() {
    List<ChainHash> hashes = AuditTrail.links(ChainHash.GENESIS, 0, events);
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      records.add(new AuditRecord(i + 1L, events.get(i), hashes.get(i)));
    }
    return records;
  }

  /** {@return {@code record} at {@code version}, with its event and hash} */
  static AuditRecord at(long version, AuditRecord record) {
    return new AuditRecord(version, record.event(), record.hash());
  }

  static Verification.Broken broken(Verification verification) {
    assertInstanceOf(Verification.Broken.class, verification, "verified as intact");
    return (Verification.Broken) verification;
  }

  @Test
  @DisplayName(
      "an untouched chain verifies, links each hash to the one before, and is deterministic")
  void intact() {
    List<AuditRecord> chain = stored();
    assertEquals(new Verification.Intact(events.size(), 0, 0), AuditTrail.verify(chain));
    assertEquals(AuditTrail.link(ChainHash.GENESIS, 1, events.get(0)), chain.get(0).hash());
    assertEquals(AuditTrail.link(chain.get(0).hash(), 2, events.get(1)), chain.get(1).hash());
    assertEquals(chain, stored());
    assertEquals(
        new ChainHead(events.size(), chain.get(events.size() - 1).hash()),
        AuditTrail.head(chain).orElseThrow());
    assertEquals(new Verification.Intact(0, 0, 0), AuditTrail.verify(List.of()));
    assertTrue(AuditTrail.head(List.of()).isEmpty());
  }

  @Test
  @DisplayName("a changed event is named, even a change hidden by a redacting toString")
  void changed() {
    List<AuditRecord> chain = stored();
    AuditRecord evidence = chain.get(1);
    EmailMessage other = EmailMessage.of(MESSAGE.id(), SmtpAddress.of("carol@contoso.com"));
    assertEquals(
        MESSAGE.recipient().toString(),
        other.recipient().toString(),
        "toString redacts both to ***@contoso.com");
    InvestigationEvent forged =
        new InvestigationEvent.EvidenceRecorded(
            evidence.event().investigationId(),
            evidence.event().at(),
            Actor.system(),
            Evidence.of(other, Verdict.MALICIOUS, "phish", T0));
    chain.set(1, new AuditRecord(2, forged, evidence.hash()));
    Verification.Broken broken = broken(AuditTrail.verify(chain));
    assertEquals(
        new Verification.Broken(
            2,
            Verification.Problem.CHANGED,
            AuditTrail.link(chain.get(0).hash(), 2, forged),
            evidence.hash(),
            "record 2 does not match its hash: its event or its hash was changed"),
        broken);
  }

  @Test
  @DisplayName("a changed or erased hash is named")
  void hashChanged() {
    List<AuditRecord> chain = stored();
    chain.set(2, new AuditRecord(3, chain.get(2).event(), ChainHash.of("ab".repeat(32))));
    assertEquals(3, broken(AuditTrail.verify(chain)).version());
    assertEquals(Verification.Problem.CHANGED, broken(AuditTrail.verify(chain)).problem());
    List<AuditRecord> erased = stored();
    erased.set(2, new AuditRecord(3, erased.get(2).event(), null));
    Verification.Broken broken = broken(AuditTrail.verify(erased));
    assertEquals(
        List.of(3L, Verification.Problem.CHANGED), List.of(broken.version(), broken.problem()));
    assertNull(broken.stored());
  }

  @Test
  @DisplayName(
      "a removed record is named by the version missing; a removal renumbered over shows as a change")
  void removed() {
    List<AuditRecord> chain = stored();
    chain.remove(2);
    Verification.Broken broken = broken(AuditTrail.verify(chain));
    assertEquals(
        List.of(3L, Verification.Problem.REMOVED), List.of(broken.version(), broken.problem()));
    assertTrue(broken.detail().contains("versions 3 to 3 are missing"), broken.detail());
    List<AuditRecord> renumbered = stored();
    renumbered.remove(2);
    for (int i = 2; i < renumbered.size(); i++) {
      renumbered.set(i, at(i + 1L, renumbered.get(i)));
    }
    assertEquals(
        List.of(3L, Verification.Problem.CHANGED),
        List.of(
            broken(AuditTrail.verify(renumbered)).version(),
            broken(AuditTrail.verify(renumbered)).problem()));
  }

  @Test
  @DisplayName(
      "an inserted record is named: a copy, a forgery with the rest renumbered, one with a well-formed hash")
  void inserted() {
    List<AuditRecord> copy = stored();
    copy.add(new AuditRecord(copy.size() + 1L, copy.get(1).event(), copy.get(1).hash()));
    Verification.Broken broken = broken(AuditTrail.verify(copy));
    assertEquals(
        List.of((long) copy.size(), Verification.Problem.INSERTED),
        List.of(broken.version(), broken.problem()));
    assertTrue(broken.detail().contains("repeats the hash of record 2"), broken.detail());

    InvestigationEvent forged =
        new InvestigationEvent.AnalysisFinished(
            state.id(), T0, Actor.system(), AnalysisOutcome.FAILED);
    List<AuditRecord> shifted = stored();
    shifted.add(2, new AuditRecord(3, forged, ChainHash.of("cd".repeat(32))));
    for (int i = 3; i < shifted.size(); i++) {
      shifted.set(i, at(i + 1L, shifted.get(i)));
    }
    broken = broken(AuditTrail.verify(shifted));
    assertEquals(
        List.of(3L, Verification.Problem.INSERTED), List.of(broken.version(), broken.problem()));

    List<AuditRecord> wellFormed = stored();
    wellFormed.add(
        2, new AuditRecord(3, forged, AuditTrail.link(wellFormed.get(1).hash(), 3, forged)));
    for (int i = 3; i < wellFormed.size(); i++) {
      wellFormed.set(i, at(i + 1L, wellFormed.get(i)));
    }
    broken = broken(AuditTrail.verify(wellFormed));
    assertEquals(
        List.of(3L, Verification.Problem.INSERTED), List.of(broken.version(), broken.problem()));
    assertEquals(wellFormed.get(2).hash(), broken.stored(), "the inserted record's hash");
  }

  @Test
  @DisplayName(
      "records moved are named: rows swapped with their versions, next to each other or apart, or out of order")
  void reordered() {
    for (int[] pair : new int[][] {{1, 2}, {1, 3}, {2, 4}}) {
      List<AuditRecord> chain = stored();
      AuditRecord a = chain.get(pair[0]);
      AuditRecord b = chain.get(pair[1]);
      chain.set(pair[0], at(pair[0] + 1L, b));
      chain.set(pair[1], at(pair[1] + 1L, a));
      Verification.Broken broken = broken(AuditTrail.verify(chain));
      assertEquals(
          List.of(pair[0] + 1L, Verification.Problem.REORDERED),
          List.of(broken.version(), broken.problem()),
          "swapped " + (pair[0] + 1) + " and " + (pair[1] + 1) + ": " + broken.detail());
    }
    List<AuditRecord> chain = stored();
    Collections.swap(chain, 1, 2);
    Verification.Broken broken = broken(AuditTrail.verify(chain));
    assertEquals(
        List.of(2L, Verification.Problem.REORDERED), List.of(broken.version(), broken.problem()));
  }

  @Test
  @DisplayName(
      "records that predate the chain may only open it, are counted, and the first hashed record links to genesis")
  void predating() {
    List<AuditRecord> chain = new ArrayList<>();
    List<ChainHash> hashes =
        AuditTrail.links(ChainHash.GENESIS, 2, events.subList(2, events.size()));
    for (int i = 0; i < events.size(); i++) {
      chain.add(new AuditRecord(i + 1L, events.get(i), i < 2 ? null : hashes.get(i - 2)));
    }
    assertTrue(chain.get(0).predatesChain());
    assertEquals(new Verification.Intact(events.size(), 2, 0), AuditTrail.verify(chain));
    chain.set(3, new AuditRecord(4, chain.get(3).event(), null));
    assertEquals(
        List.of(4L, Verification.Problem.CHANGED),
        List.of(
            broken(AuditTrail.verify(chain)).version(),
            broken(AuditTrail.verify(chain)).problem()));
  }

  @Test
  @DisplayName(
      "against an anchored head: a truncated tail and a chain rewritten hashes and all are named")
  void anchored() {
    List<AuditRecord> chain = stored();
    ChainHead head = AuditTrail.head(chain).orElseThrow();
    assertEquals(
        new Verification.Intact(chain.size(), 0, head.version()), AuditTrail.verify(chain, head));
    ChainHead earlier = new ChainHead(2, chain.get(1).hash());
    assertEquals(new Verification.Intact(chain.size(), 0, 2), AuditTrail.verify(chain, earlier));

    List<AuditRecord> truncated = new ArrayList<>(chain.subList(0, chain.size() - 2));
    assertTrue(AuditTrail.verify(truncated).isIntact(), "a shorter chain holds together by itself");
    Verification.Broken broken = broken(AuditTrail.verify(truncated, head));
    assertEquals(
        new Verification.Broken(
            chain.size() - 1L,
            Verification.Problem.TRUNCATED,
            null,
            null,
            "the anchor holds version "
                + chain.size()
                + " but the stored chain ends at version "
                + (chain.size() - 2)
                + ": records "
                + (chain.size() - 1)
                + " to "
                + chain.size()
                + " were removed"),
        broken);

    InvestigationEvent forged =
        new InvestigationEvent.AnalysisFinished(
            state.id(), T0, Actor.system(), AnalysisOutcome.FAILED);
    List<InvestigationEvent> rewritten = new ArrayList<>(events);
    rewritten.set(events.size() - 1, forged);
    List<ChainHash> hashes = AuditTrail.links(ChainHash.GENESIS, 0, rewritten);
    List<AuditRecord> forgedChain = new ArrayList<>();
    for (int i = 0; i < rewritten.size(); i++) {
      forgedChain.add(new AuditRecord(i + 1L, rewritten.get(i), hashes.get(i)));
    }
    assertTrue(
        AuditTrail.verify(forgedChain).isIntact(),
        "a chain rewritten with its hashes holds together by itself");
    broken = broken(AuditTrail.verify(forgedChain, head));
    assertEquals(
        List.of(
            head.version(),
            Verification.Problem.REWRITTEN,
            head.hash(),
            hashes.get(hashes.size() - 1)),
        List.of(broken.version(), broken.problem(), broken.expected(), broken.stored()));
  }

  @Test
  @DisplayName("hashes and heads validate their values, naming them")
  void values() {
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> ChainHash.of("xyz"));
    assertTrue(refused.getMessage().contains("xyz"), refused.getMessage());
    assertEquals(ChainHash.of("AB".repeat(32)), ChainHash.of("ab".repeat(32)));
    assertThrows(InvalidInputException.class, () -> ChainHead.of(0, ChainHash.GENESIS));
    assertThrows(
        InvalidInputException.class, () -> AuditTrail.link(ChainHash.GENESIS, 0, events.get(0)));
    assertThrows(InvalidInputException.class, () -> new AuditRecord(0, events.get(0), null));
  }

  @Test
  @DisplayName("the CSV export quotes, escapes, and defuses formulas")
  void csv() {
    ActionRecord action = state.actions().get(0);
    String csv = ActionCenterCsv.of(List.of(action));
    String[] lines = csv.split("\r\n", -1);
    assertEquals(ActionCenterCsv.HEADER, lines[0]);
    assertTrue(
        lines[1].startsWith(
            "inv-a/1,inv-a,ISOLATE_DEVICE,DEVICE,device:d,APPROVED,AUTOMATED_DEVICE_INVESTIGATION,system,"),
        lines[1]);
    assertEquals(
        "'=HYPERLINK(\"x\")",
        ActionCenterCsv.cell("=HYPERLINK(\"x\")")
            .replace("\"\"", "\"")
            .substring(
                1, ActionCenterCsv.cell("=HYPERLINK(\"x\")").replace("\"\"", "\"").length() - 1));
    assertEquals("\"a,b\"", ActionCenterCsv.cell("a,b"));
    assertEquals("'-1", ActionCenterCsv.cell("-1"));
    assertNotEquals(-1, csv.indexOf("ok"), "the approver's comment is in the note column");
  }
}
