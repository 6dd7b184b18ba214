package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.testkit.random.Randomized;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Randomized command sequences against the investigation state machine, checking its invariants
 * after every step. A failure prints the seed and the shrunk sequence.
 */
@DisplayName("Investigation state machine invariants hold over random command sequences")
class InvestigationPropertiesTest {

  static final int SEQUENCES = 10_000;

  /** What one sequence did, for assertions beyond the per-step invariants. */
  record Run(
      Investigation state,
      List<InvestigationEvent> log,
      int accepted,
      int rejected,
      Set<ActionStatus> seen) {}

  /** Runs {@code steps} from a fresh investigation, checking every invariant after every step. */
  static Run run(List<InvestigationStep> steps) {
    Instant now = DomainGenerators.EPOCH;
    Decision.Accepted opened =
        Investigation.open(
            InvestigationId.of("inv-prop"),
            AlertId.of("alert"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            now);
    Investigation state = opened.after();
    List<InvestigationEvent> log = new ArrayList<>(opened.events());
    Map<ActionId, Boolean> firstDecision =
        new HashMap<>(); // true = approved, false = rejected/expired
    int accepted = 0;
    int rejected = 0;
    boolean completedSeen = false;
    Set<ActionStatus> seen = new HashSet<>();
    for (InvestigationStep step : steps) {
      now = now.plus(step.advance());
      Command command = step.resolve(state);
      if (command == null) {
        continue;
      }
      Investigation before = state;
      Decision decision = state.decide(command, now);
      assertEquals(decision, state.decide(command, now), "decide is deterministic");
      if (decision instanceof Decision.Rejected) {
        rejected++;
        assertSame(before, state, "a rejected command changes nothing");
        continue;
      }
      accepted++;
      Decision.Accepted ok = (Decision.Accepted) decision;
      Investigation folded = before;
      for (InvestigationEvent event : ok.events()) {
        checkEvent(folded, event);
        folded = folded.evolve(event);
        if (event instanceof InvestigationEvent.Completed) {
          assertFalse(completedSeen, "Completed is emitted once");
          completedSeen = true;
        }
      }
      assertEquals(folded, ok.after(), "after() is the events applied in order");
      for (ActionRecord action : before.actions()) {
        if (action.undoOnSuccess().isPresent()) {
          assertNotEquals(
              ActionStatus.SUCCEEDED,
              ok.after().action(action.id()).orElseThrow().status(),
              () -> "succeeded without the undo asked for while it ran: " + ok.events());
        }
      }
      assertEquals(
          before.version() + ok.events().size(), ok.after().version(), "versions count events");
      state = ok.after();
      log.addAll(ok.events());
      checkState(state, firstDecision);
      state.actions().forEach(a -> seen.add(a.status()));
      assertEquals(
          state.isComplete(),
          completedSeen,
          "Completed is emitted exactly when the investigation completes");
    }
    assertEquals(state, Investigation.replay(log), "replaying the log rebuilds the same state");
    assertEquals(log.size(), state.version());
    return new Run(state, log, accepted, rejected, seen);
  }

  /** Invariants on one event, checked against the state it applies to. */
  static void checkEvent(Investigation before, InvestigationEvent event) {
    if (event instanceof InvestigationEvent.UndoRequested undo) {
      ActionRecord action = before.action(undo.actionId()).orElseThrow();
      assertTrue(action.action().kind().isReversible(), "undo only of reversible kinds");
      assertTrue(
          action.status() == ActionStatus.SUCCEEDED || action.status() == ActionStatus.UNDO_FAILED,
          () -> "undo only after success, was " + action.status());
    }
    if (event instanceof InvestigationEvent.EvidenceRecorded
        || event instanceof InvestigationEvent.ActionProposed) {
      assertFalse(before.isComplete(), "nothing joins a complete investigation");
      assertFalse(before.isTerminated(), "nothing joins a terminated investigation");
    }
    if (event instanceof InvestigationEvent.ActionStarted started) {
      ActionRecord action = before.action(started.actionId()).orElseThrow();
      assertTrue(
          action.status() == ActionStatus.APPROVED || action.status() == ActionStatus.IN_PROGRESS,
          () -> "only approved actions start, was " + action.status());
    }
  }

  /** Invariants on a state. */
  static void checkState(Investigation state, Map<ActionId, Boolean> firstDecision) {
    boolean allSettled = true;
    for (ActionRecord action : state.actions()) {
      ActionStatus status = action.status();
      allSettled &= status.isSettled();
      if (action.mode() == ApprovalMode.REQUIRES_APPROVAL && status.wasApproved()) {
        Set<PrincipalName> distinct = new HashSet<>(action.approvers());
        assertEquals(action.approvers().size(), distinct.size(), "approvers are distinct");
        assertTrue(
            distinct.size() >= action.rule().approvals(),
            () ->
                "approval required: " + action + " reached " + status + " with too few approvers");
        if (!action.rule().requesterMayApprove()) {
          action
              .requestedBy()
              .principalName()
              .ifPresent(
                  requester ->
                      assertFalse(
                          distinct.contains(requester),
                          "the requester did not approve their own request"));
        }
      }
      if (status != ActionStatus.PENDING_APPROVAL) {
        boolean approved = status.wasApproved();
        Boolean earlier = firstDecision.putIfAbsent(action.id(), approved);
        if (earlier != null) {
          assertEquals(
              earlier, approved, () -> "a decided action never changes its decision: " + action);
        }
      }
    }
    assertEquals(
        state.isAnalysisFinished() && allSettled,
        state.isComplete(),
        "complete iff analysis finished and every action settled");
    if (state.isComplete()) {
      assertTrue(
          state.status().isFinal(),
          () -> "a complete investigation has a final status: " + state.status());
    }
    checkTruthfulStatus(state);
  }

  /** The status never claims more than happened (core/DOMAIN.md D32, D33). */
  static void checkTruthfulStatus(Investigation state) {
    if (state.status() == InvestigationStatus.REMEDIATED) {
      assertTrue(
          state.threatsWithoutAction().isEmpty(), "REMEDIATED leaves no threat without an action");
      for (ActionRecord action : state.actions()) {
        assertTrue(
            CARRIED_OUT.contains(action.status()),
            () -> "REMEDIATED with an action " + action.status());
      }
    }
    if (state.status() == InvestigationStatus.NO_THREATS_FOUND) {
      assertTrue(state.actions().isEmpty(), "NO_THREATS_FOUND proposed no action");
      assertTrue(
          state.evidence().stream().noneMatch(e -> e.verdict().isThreat()),
          () -> "NO_THREATS_FOUND with threat evidence: " + state.evidence());
    }
  }

  static final Set<ActionStatus> CARRIED_OUT =
      Set.of(
          ActionStatus.SUCCEEDED,
          ActionStatus.UNDO_IN_PROGRESS,
          ActionStatus.UNDONE,
          ActionStatus.UNDO_FAILED);

  @Test
  @DisplayName("10,000 random sequences keep every invariant, the truthful status included")
  void invariants() {
    int[] totals = new int[3];
    Randomized.cases(SEQUENCES)
        .forAllSequences(
            CommandSequences.steps(1, 40),
            steps -> {
              Run run = run(steps);
              totals[0] += run.accepted();
              totals[1] += run.rejected();
              totals[2] += run.state().isComplete() ? 1 : 0;
            });
    // the generator must exercise both paths and reach completion, or the property proves little
    assertTrue(totals[0] > SEQUENCES * 5, () -> "accepted commands: " + totals[0]);
    assertTrue(totals[1] > SEQUENCES, () -> "rejected commands: " + totals[1]);
    assertTrue(totals[2] > SEQUENCES / 20, () -> "completed investigations: " + totals[2]);
  }

  @Test
  @DisplayName("sequences pass through every action status")
  void coverage() {
    Set<ActionStatus> seen = new HashSet<>();
    Randomized.cases(2_000, 7L)
        .forAllSequences(
            CommandSequences.steps(10, 40),
            steps -> {
              seen.addAll(run(steps).seen());
            });
    assertEquals(Set.of(ActionStatus.values()), seen);
  }
}
