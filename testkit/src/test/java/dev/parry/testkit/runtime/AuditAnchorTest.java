package dev.parry.testkit.runtime;

import static dev.parry.testkit.runtime.Samples.FILE;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.error.UnavailableException;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit anchor gets every chain head; when it fails, nothing else does")
class AuditAnchorTest {

  /** The anchored head each stored event found when the listeners heard of it. */
  final List<Optional<ChainHead>> seenByListeners = new ArrayList<>();

  ParryHarness parry =
      ParryHarness.create(
          builder ->
              builder.listener(
                  new RuntimeListener() {
                    @Override
                    public void onEvent(InvestigationEvent event) {
                      seenByListeners.add(parry.anchor().head(event.investigationId()));
                    }
                  }));

  @AfterEach
  void close() {
    parry.close();
  }

  /** {@return the head of the stored chain} */
  ChainHead storedHead(InvestigationId id) {
    return AuditTrail.head(parry.runtime().auditTrail(id, ParryHarness.ANALYST)).orElseThrow();
  }

  @Test
  @DisplayName("every append's head is anchored before the listeners hear of its events")
  void everyHeadIsAnchoredFirst() {
    InvestigationId id = open(parry, "anchor-1", WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
    parry.settle();
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    assertEquals(Optional.of(storedHead(id)), parry.anchor().head(id));
    assertTrue(
        seenByListeners.stream().allMatch(Optional::isPresent),
        "a listener heard of an event first");
    assertEquals(
        new Verification.Intact(7, 0, 7),
        parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST));
    assertEquals(0, parry.runtime().health().unanchored());
  }

  @Test
  @DisplayName(
      "an anchor that fails fails no operation: the action is carried out once, and the head is anchored on the next pass")
  void failingAnchorLosesNothing() {
    parry.anchor().failNext(1_000);
    InvestigationId id = open(parry, "anchor-2", WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
    parry.settle();
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    RemediationAction quarantine =
        parry
            .runtime()
            .investigation(id, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .action();
    assertEquals(
        ActionStatus.SUCCEEDED,
        parry
            .runtime()
            .investigation(id, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .status());
    assertEquals(1, parry.devices().timesApplied(quarantine), "the action was carried out once");
    assertEquals(Optional.empty(), parry.anchor().head(id));
    assertTrue(
        parry.anchor().refused() >= 4,
        "every append offered its head: " + parry.anchor().refused());
    assertEquals(
        1, parry.runtime().health().unanchored(), "one investigation's head waits for the anchor");
    assertTrue(parry.runtime().health().isHealthy(), "an anchor down is not a health failure");
    assertEquals(
        new Verification.Intact(7, 0, 0),
        parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST),
        "without an anchored head, the chain is checked by itself");

    parry.anchor().heal();
    parry.advance(Duration.ofMinutes(1)); // a reconciler pass
    assertEquals(
        Optional.of(storedHead(id)), parry.anchor().head(id), "the newest head, offered again");
    assertEquals(0, parry.runtime().health().unanchored());
    assertEquals(1, parry.devices().timesApplied(quarantine), "still once");
  }

  @Test
  @DisplayName("a later append's head supersedes one the anchor failed to take")
  void laterHeadSupersedes() {
    InvestigationId id = open(parry, "anchor-3", WORKSTATION);
    parry.anchor().failNext(1);
    parry.runtime().reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
    assertEquals(1, parry.runtime().health().unanchored());
    parry.settle();
    assertEquals(
        0, parry.runtime().health().unanchored(), "the dispatch's append anchored a later head");
    assertEquals(Optional.of(storedHead(id)), parry.anchor().head(id));
  }

  @Test
  @DisplayName("an anchor that cannot be read fails the verification, not the investigation")
  void unreadableAnchorFailsVerification() {
    InvestigationId id = open(parry, "anchor-4", WORKSTATION);
    parry.anchor().shutdown();
    parry.runtime().reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
    parry.settle();
    assertThrows(
        UnavailableException.class,
        () -> parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST));
    assertTrue(AuditTrail.verify(parry.runtime().auditTrail(id, ParryHarness.ANALYST)).isIntact());
    assertFalse(
        parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().isEmpty());
  }
}
