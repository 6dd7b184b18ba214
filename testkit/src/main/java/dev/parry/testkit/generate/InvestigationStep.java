package dev.parry.testkit.generate;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One step of a generated command sequence against an investigation. A step names the action it
 * acts on by a number, resolved against the investigation's actions when it runs, so removing steps
 * while shrinking never leaves a dangling reference: every step always resolves to some command, or
 * to none when there is no action yet.
 *
 * <p>Action steps are <em>aimed</em> or not: an aimed step picks among the actions whose status
 * allows the command (so sequences reach deep into the life cycle), an unaimed one picks among all
 * actions (so illegal commands are tried too).
 */
public sealed interface InvestigationStep {

  /** The principals steps act as, by index: three analysts. */
  List<PrincipalName> PRINCIPALS =
      List.of(
          PrincipalName.of("alice@contoso.com"),
          PrincipalName.of("bob@contoso.com"),
          PrincipalName.of("carol@contoso.com"));

  /**
   * {@return the command this step stands for against {@code state}, or null when it has nothing to
   * act on}
   *
   * @param state the investigation the step runs against
   */
  @Nullable Command resolve(Investigation state);

  /** {@return how far the clock moves before this step runs} */
  default Duration advance() {
    return Duration.ZERO;
  }

  /**
   * {@return the actor for principal number {@code index}, or the system for a negative index}
   *
   * @param index the principal's number, 0 or more (taken modulo the number of generated
   *     principals), or negative for the system actor
   */
  static Actor actor(int index) {
    return index < 0 ? Actor.system() : Actor.principal(PRINCIPALS.get(index % PRINCIPALS.size()));
  }

  /**
   * Reports evidence; the standard policy plans its actions.
   *
   * @param evidence the evidence
   * @param context the automation context
   * @param rule the approval rule for the planned pending actions
   */
  record ReportEvidence(Evidence evidence, AutomationContext context, ApprovalRule rule)
      implements InvestigationStep {
    @Override
    public Command resolve(Investigation state) {
      return Command.RecordEvidence.of(
          evidence, RemediationPolicy.standard().plan(evidence, context), rule);
    }

    @Override
    public String toString() {
      return "ReportEvidence["
          + evidence.verdict()
          + " "
          + evidence.entity().key()
          + ", level="
          + context.level()
          + ", scope="
          + context.devicesInScope()
          + ", rule="
          + rule
          + "]";
    }
  }

  /**
   * Proposes an action by hand. A principal's proposal comes from one of the sources that take the
   * action's family, chosen by the requester and the target, so that histories hold every source.
   *
   * @param action the action
   * @param mode automatic or requiring approval
   * @param rule the approval rule
   * @param requester the requester's principal index, or -1 for the system
   */
  record Propose(RemediationAction action, ApprovalMode mode, ApprovalRule rule, int requester)
      implements InvestigationStep {
    @Override
    public Command resolve(Investigation state) {
      Command.Proposal proposal =
          new Command.Proposal(new PlannedAction(action, mode, "proposed by hand"), rule);
      if (requester < 0) {
        return new Command.ProposeAction(proposal, actor(requester));
      }
      List<ActionSource> sources = new ArrayList<>();
      for (ActionSource source : ActionSource.values()) {
        if (!source.isAutomated() && source.accepts(action.family())) {
          sources.add(source);
        }
      }
      return new Command.ProposeAction(
          proposal,
          actor(requester),
          "by hand",
          sources.get(
              Math.floorMod(action.target().key().value().hashCode() + requester, sources.size())));
    }

    @Override
    public String toString() {
      return "Propose["
          + action.kind()
          + " "
          + action.target().key()
          + ", "
          + mode
          + ", "
          + rule
          + ", by "
          + actor(requester)
          + "]";
    }
  }

  /** The per-action commands a step can stand for. */
  enum Verb {
    /** Approve, as a principal. */
    APPROVE(EnumSet.of(ActionStatus.PENDING_APPROVAL)),
    /** Reject. */
    REJECT(EnumSet.of(ActionStatus.PENDING_APPROVAL)),
    /** Dispatch (or re-dispatch). */
    START(EnumSet.of(ActionStatus.APPROVED, ActionStatus.IN_PROGRESS)),
    /** Record success. */
    SUCCEED(EnumSet.of(ActionStatus.IN_PROGRESS)),
    /** Record failure. */
    FAIL(EnumSet.of(ActionStatus.IN_PROGRESS)),
    /** Record a time-out. */
    TIME_OUT(EnumSet.of(ActionStatus.IN_PROGRESS)),
    /** Cancel. */
    CANCEL(EnumSet.of(ActionStatus.APPROVED, ActionStatus.IN_PROGRESS)),
    /** Ask for undo. */
    UNDO(EnumSet.of(ActionStatus.SUCCEEDED, ActionStatus.UNDO_FAILED)),
    /** Ask for undo once it succeeds (at once if it has). */
    UNDO_ON_SUCCESS(
        EnumSet.of(ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.SUCCEEDED)),
    /** Record the undo done. */
    COMPLETE_UNDO(EnumSet.of(ActionStatus.UNDO_IN_PROGRESS)),
    /** Record the undo failed. */
    FAIL_UNDO(EnumSet.of(ActionStatus.UNDO_IN_PROGRESS));

    @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable copy, never changed
    private final Set<ActionStatus> legalFrom;

    Verb(Set<ActionStatus> legalFrom) {
      this.legalFrom = Set.copyOf(legalFrom);
    }

    /** {@return the statuses this verb is legal from} */
    public Set<ActionStatus> legalFrom() {
      return legalFrom;
    }
  }

  /**
   * A command on one action.
   *
   * @param verb what to do
   * @param pick which action, resolved modulo the candidates
   * @param aimed pick among actions whose status allows the verb (true) or among all (false)
   * @param principal the acting principal's index, or -1 for the system
   */
  record OnAction(Verb verb, int pick, boolean aimed, int principal) implements InvestigationStep {
    @Override
    public @Nullable Command resolve(Investigation state) {
      List<ActionRecord> candidates = new ArrayList<>();
      for (ActionRecord action : state.actions()) {
        if (!aimed || verb.legalFrom().contains(action.status())) {
          candidates.add(action);
        }
      }
      if (candidates.isEmpty()) {
        candidates = state.actions();
      }
      if (candidates.isEmpty()) {
        return null;
      }
      ActionId id = candidates.get(Math.floorMod(pick, candidates.size())).id();
      Actor actor = actor(principal);
      return switch (verb) {
        case APPROVE ->
            new Command.Approve(
                id, PRINCIPALS.get(Math.floorMod(principal, PRINCIPALS.size())), "");
        case REJECT -> new Command.Reject(id, actor, "");
        case START -> new Command.Start(id);
        case SUCCEED -> new Command.Succeed(id, "done");
        case FAIL -> new Command.Fail(id, "executor failed");
        case TIME_OUT -> new Command.TimeOut(id);
        case CANCEL -> new Command.Cancel(id, actor, "", Math.floorMod(principal, 2) == 0);
        case UNDO -> new Command.RequestUndo(id, actor, "");
        case UNDO_ON_SUCCESS -> new Command.UndoOnSuccess(id, actor, "");
        case COMPLETE_UNDO -> new Command.CompleteUndo(id, "");
        case FAIL_UNDO -> new Command.FailUndo(id, "undo failed");
      };
    }
  }

  /**
   * Moves the clock, then expires the actions pending too long.
   *
   * @param advance how far the clock moves
   */
  record Advance(Duration advance) implements InvestigationStep {
    @Override
    public Command resolve(Investigation state) {
      return new Command.ExpirePending();
    }
  }

  /**
   * Reports the analysis finished.
   *
   * @param outcome how it ended
   */
  record Finish(AnalysisOutcome outcome) implements InvestigationStep {
    @Override
    public Command resolve(Investigation state) {
      return new Command.FinishAnalysis(outcome, Actor.system());
    }
  }

  /**
   * Terminates the investigation.
   *
   * @param principal the terminating principal's index, or -1 for the system
   */
  record Terminate(int principal) implements InvestigationStep {
    @Override
    public Command resolve(Investigation state) {
      return new Command.Terminate(actor(principal), "terminated by a generated step");
    }
  }
}
