package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.runtime.ParryRuntime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: the fence on pools with auto-commit off and REPEATABLE READ, and the blast-radius
 * memory of a re-plan when one report holds the same evidence twice.
 */
class AdversaryFencePoolsTest extends FenceScenarios {

  @Test
  @DisplayName(
      "auto-commit off, REPEATABLE READ: a pause through the other runtime after this one last read"
          + " holds for its next plan and for a queued automatic action")
  void strictPoolHoldsThePause() {
    Holding scheduler = holding();
    ParryRuntime a =
        runtime(
            "a",
            autoCommitOff("TRANSACTION_REPEATABLE_READ"),
            builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId queued = opened(a, "rr-queued");
    Investigation first = a.reportEvidence(queued, malicious(workstation("rr-queued")));
    assertEquals(ActionStatus.APPROVED, first.actions().get(0).status(), "planned automatic");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch");
    InvestigationId planned = opened(a, "rr-planned");
    ActionRecord held =
        a.reportEvidence(planned, malicious(workstation("rr-planned"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the queued isolation was held",
        () -> only(a, queued).status() == ActionStatus.PENDING_APPROVAL);
    assertEquals(List.of(), callsFor(queued), "nothing sent");
    assertEquals(List.of(), callsFor(planned), "nothing sent");
  }

  @Test
  @DisplayName(
      "auto-commit off, REPEATABLE READ: a resume through the other runtime lifts this runtime's"
          + " stale pause at dispatch (the fenced hold refused, asked again)")
  void strictPoolStaleHold() {
    Holding scheduler = holding();
    ParryRuntime a =
        runtime(
            "a",
            autoCommitOff("TRANSACTION_REPEATABLE_READ"),
            builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "rr-lifted");
    a.reportEvidence(id, malicious(workstation("rr-lifted")));
    a.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "fixed");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation succeeded", () -> only(a, id).status() == ActionStatus.SUCCEEDED);
  }

  @Test
  @DisplayName(
      "one report holding the same evidence twice, its fenced append refused: the limit of one"
          + " admits one automatic isolation in all, across both runtimes")
  void identicalPiecesUnderALimitOfOne() {
    Holding scheduler = holding();
    ParryRuntime a =
        runtime("a", pool(), builder -> isolationsPerHour(1).accept(builder.scheduler(scheduler)));
    ParryRuntime b = bystander(isolationsPerHour(1));
    InvestigationId id = opened(a, "twice");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    Evidence e = malicious(workstation("twice"));
    Investigation after = a.reportEvidence(id, List.of(e, e));
    long automatic =
        after.actions().stream().filter(r -> r.status() == ActionStatus.APPROVED).count();
    assertEquals(1, automatic, "automatic actions: " + after.actions());
    InvestigationId other = opened(b, "twice-other");
    ActionRecord over =
        b.reportEvidence(other, malicious(workstation("twice-other"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, over.status(), "the limit of one is used: " + over);
  }

  @Test
  @DisplayName(
      "one report holding two devices' evidence, its fenced append refused: a limit of two admits"
          + " two, and the next report through the other runtime is over it")
  void twoPiecesUnderALimitOfTwo() {
    Holding scheduler = holding();
    ParryRuntime a =
        runtime("a", pool(), builder -> isolationsPerHour(2).accept(builder.scheduler(scheduler)));
    ParryRuntime b = bystander(isolationsPerHour(2));
    InvestigationId id = opened(a, "pair");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    Investigation after =
        a.reportEvidence(
            id, List.of(malicious(workstation("pair")), malicious(workstation("pair-2"))));
    long automatic =
        after.actions().stream().filter(r -> r.status() == ActionStatus.APPROVED).count();
    assertEquals(2, automatic, "automatic actions: " + after.actions());
    InvestigationId other = opened(b, "pair-other");
    ActionRecord over =
        b.reportEvidence(other, malicious(workstation("pair-other"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, over.status(), "the limit of two is used: " + over);
  }
}
