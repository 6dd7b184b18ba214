package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's chain, changed where it is kept: nothing outside the process can reach the
 * store's memory, so a test double stands in for its storage, answering {@code chain} and {@code
 * events} from the stored records with the same changes made to them as the PostgreSQL tests make
 * to rows.
 */
@DisplayName("The audit chain of the in-memory store names what was done to its stored records")
class InMemoryAuditChainTest {

  /** The in-memory store, with its stored records changed behind its back by {@link #tamper}. */
  static final class TamperedStore extends ForwardingStore {
    private volatile UnaryOperator<List<AuditRecord>> change = UnaryOperator.identity();

    TamperedStore() {
      super(InMemoryInvestigationStore.create());
    }

    /** From now on, the stored records are as {@code change} leaves them. */
    void tamper(UnaryOperator<List<AuditRecord>> change) {
      this.change = change;
    }

    @Override
    public List<AuditRecord> chain(InvestigationId id) {
      return List.copyOf(change.apply(new ArrayList<>(super.chain(id))));
    }

    @Override
    public List<InvestigationEvent> events(InvestigationId id) {
      return chain(id).stream().map(AuditRecord::event).toList();
    }
  }

  final TamperedStore store = new TamperedStore();
  final ParryHarness parry = ParryHarness.onStore(store, builder -> {});

  @AfterEach
  void close() {
    parry.close();
  }

  InvestigationId investigation() {
    InvestigationId id = InvestigationId.of("chain-memory");
    parry.runtime().open(id, AlertId.of("alert-chain"), PostgresAuditChainTest.DEVICE);
    parry
        .runtime()
        .reportEvidence(
            id,
            Evidence.of(
                PostgresAuditChainTest.FILE,
                Verdict.MALICIOUS,
                "Trojan:Win32/Wacatac",
                parry.clock().instant()));
    parry.settle();
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    assertEquals(
        new Verification.Intact(7, 0, 7),
        parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST));
    return id;
  }

  /** {@return what the runtime's verification, against the anchored head, found broken} */
  Verification.Broken broken(InvestigationId id) {
    Verification verification = parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST);
    assertInstanceOf(Verification.Broken.class, verification, "verified as intact");
    return (Verification.Broken) verification;
  }

  static AuditRecord at(long version, AuditRecord record) {
    return new AuditRecord(version, record.event(), record.hash());
  }

  @Test
  @DisplayName("an event changed is named as changed")
  void changed() {
    InvestigationId id = investigation();
    store.tamper(
        records -> {
          AuditRecord evidence = records.get(1);
          InvestigationEvent.EvidenceRecorded original =
              (InvestigationEvent.EvidenceRecorded) evidence.event();
          records.set(
              1,
              new AuditRecord(
                  2,
                  new InvestigationEvent.EvidenceRecorded(
                      id,
                      original.at(),
                      original.actor(),
                      Evidence.of(
                          PostgresAuditChainTest.FILE,
                          Verdict.SUSPICIOUS,
                          "PUA:Win32/Harmless",
                          original.at())),
                  evidence.hash()));
          return records;
        });
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(2L, Verification.Problem.CHANGED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName("a record removed from the middle is named as removed")
  void removed() {
    InvestigationId id = investigation();
    store.tamper(
        records -> {
          records.remove(2);
          return records;
        });
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(3L, Verification.Problem.REMOVED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName(
      "a forged record inserted in the middle, the rest renumbered and its hash well formed, is named as inserted")
  void inserted() {
    InvestigationId id = investigation();
    store.tamper(
        records -> {
          InvestigationEvent forged =
              new InvestigationEvent.Terminated(
                  id,
                  records.get(2).event().at(),
                  Actor.principal(PrincipalName.of("mallory@contoso.com")),
                  "nothing to see");
          List<AuditRecord> out = new ArrayList<>(records.subList(0, 2));
          out.add(new AuditRecord(3, forged, AuditTrail.link(records.get(1).hash(), 3, forged)));
          for (int i = 2; i < records.size(); i++) {
            out.add(at(i + 2L, records.get(i)));
          }
          return out;
        });
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(3L, Verification.Problem.INSERTED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName("two records swapped, versions and all, are named as reordered")
  void swapped() {
    InvestigationId id = investigation();
    store.tamper(
        records -> {
          AuditRecord fourth = records.get(3);
          records.set(3, at(4, records.get(4)));
          records.set(4, at(5, fourth));
          return records;
        });
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(4L, Verification.Problem.REORDERED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName("a tail removed is named as truncated, against the head the anchor kept")
  void truncated() {
    InvestigationId id = investigation();
    store.tamper(records -> records.subList(0, 5));
    assertTrue(
        AuditTrail.verify(parry.runtime().auditTrail(id, ParryHarness.ANALYST)).isIntact(),
        "by itself, the shorter chain holds together");
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(6L, Verification.Problem.TRUNCATED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }
}
