// Past 400 lines because every command of the state machine is a small validated record in this one
// sealed family.
package dev.parry.core.investigation;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to change an investigation. {@link Investigation#decide(Command, java.time.Instant)}
 * turns a command into events, or refuses it with a {@link Rejection} and changes nothing.
 *
 * <pre>{@code
 * Decision decision = investigation.decide(
 *     new Command.Approve(actionId, PrincipalName.of("alice@contoso.com"), "confirmed with the user"), now);
 * }</pre>
 *
 * <p>Past 400 lines because every command of the state machine is a small validated record in this
 * one sealed family.
 */
public sealed interface Command {

  /** The longest comment, detail or reason accepted: {@value}. */
  int MAX_TEXT = 2000;

  /**
   * An action to propose, with the rule that approves it and, for a reversible action, how long it
   * may stay in effect before the runtime undoes it.
   *
   * @param planned the action, its approval mode and why
   * @param rule how it gets approved if it requires approval
   * @param timeBox how long the action stays in effect once it succeeded (positive, at most 3,650
   *     days), or null for as long as nobody undoes it; only for reversible kinds
   * @param expiry how long it may wait for approval (positive, at most 3,650 days), or null for the
   *     investigation's pending expiry
   */
  record Proposal(
      PlannedAction planned,
      ApprovalRule rule,
      @Nullable Duration timeBox,
      @Nullable Duration expiry) {
    /**
     * Validates the proposal.
     *
     * @param planned the action, its approval mode and why
     * @param rule how it gets approved if it requires approval
     * @param timeBox how long the action stays in effect once it succeeded (positive, at most 3,650
     *     days), or null for as long as nobody undoes it; only for reversible kinds
     * @param expiry how long it may wait for approval (positive, at most 3,650 days), or null for
     *     the investigation's pending expiry
     * @throws InvalidInputException if {@code planned} or {@code rule} is null
     * @throws InvalidInputException if the time box or the expiry is not positive or longer than
     *     {@link Durations#MAX}, or a time box is given for an irreversible kind
     */
    public Proposal {
      Checks.notNull(planned, "planned");
      Checks.notNull(rule, "rule");
      if (timeBox != null) {
        Durations.requirePositive("timeBox", timeBox);
      }
      if (expiry != null) {
        Durations.requirePositive("expiry", expiry);
      }
      if (timeBox != null && !planned.action().kind().isReversible()) {
        throw new InvalidInputException(
            "timeBox",
            null,
            "timeBox needs a reversible kind, " + planned.action().kind() + " cannot be undone");
      }
    }

    /**
     * A proposal without a time box.
     *
     * @param planned the action, its approval mode and why
     * @param rule how it gets approved
     */
    public Proposal(PlannedAction planned, ApprovalRule rule) {
      this(planned, rule, null, null);
    }

    /**
     * A proposal that expires after the investigation's pending expiry.
     *
     * @param planned the action, its approval mode and why
     * @param rule how it gets approved
     * @param timeBox how long the action stays in effect once it succeeded, or null
     */
    public Proposal(PlannedAction planned, ApprovalRule rule, @Nullable Duration timeBox) {
      this(planned, rule, timeBox, null);
    }
  }

  /**
   * Extends the time box of a time-boxed action, as a principal approving the extension.
   *
   * @param actionId the time-boxed action to keep in effect longer
   * @param extra how much longer it stays in effect: positive, at most 3,650 days
   * @param approver the principal who approves the extension
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record ExtendTimeBox(ActionId actionId, Duration extra, PrincipalName approver, String comment)
      implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the time-boxed action to keep in effect longer
     * @param extra how much longer it stays in effect: positive, at most 3,650 days
     * @param approver the principal who approves the extension
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if {@code extra} is not positive or longer than {@link
     *     Durations#MAX}, or the comment is invalid
     */
    public ExtendTimeBox {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(approver, "approver");
      Text.require("comment", comment, 0, MAX_TEXT);
      Durations.requirePositive("extra", extra);
    }
  }

  /**
   * Adds evidence and proposes the actions a policy planned for it. Actions whose kind and target
   * match an action that is active or was taken, rejected or expired are skipped, not proposed
   * twice. Evidence that is a threat (malicious, suspicious, compromised) with no proposal at all
   * is also recorded as a threat that led to no action ({@link
   * InvestigationEvent.NoActionPlanned}).
   *
   * @param evidence the evidence that joins the investigation
   * @param proposals the actions the policy planned for it, to propose (copied; possibly empty)
   * @param actor who reports it (usually the system)
   */
  record RecordEvidence(Evidence evidence, List<Proposal> proposals, Actor actor)
      implements Command {
    /**
     * Validates the command.
     *
     * @param evidence the evidence that joins the investigation
     * @param proposals the actions the policy planned for it, to propose (copied; possibly empty)
     * @param actor who reports it (usually the system)
     * @throws InvalidInputException if a component or a proposal is null
     */
    public RecordEvidence {
      Checks.notNull(evidence, "evidence");
      proposals = Checks.listOf(proposals, "proposals");
      Checks.notNull(actor, "actor");
    }

    /**
     * {@return a command recording {@code evidence} with {@code plan}, each action approved by
     * {@code rule}, reported by the system}
     *
     * @param evidence the evidence
     * @param plan the policy's plan for it
     * @param rule the approval rule for its pending actions
     * @throws InvalidInputException if {@code evidence} is null
     * @throws InvalidInputException if {@code plan} is null
     * @throws InvalidInputException if {@code rule} is null
     */
    public static RecordEvidence of(Evidence evidence, RemediationPlan plan, ApprovalRule rule) {
      Checks.notNull(evidence, "evidence");
      Checks.notNull(plan, "plan");
      Checks.notNull(rule, "rule");
      List<Proposal> proposals = new ArrayList<>(plan.actions().size());
      for (PlannedAction planned : plan.actions()) {
        proposals.add(new Proposal(planned, rule));
      }
      return new RecordEvidence(evidence, proposals, Actor.system());
    }
  }

  /**
   * Proposes one action outside the policy: a manual action, or one opened for a false negative.
   * Refused with {@link RejectionReason#DUPLICATE_ACTION} if the same kind on the same target is
   * already active.
   *
   * @param proposal the action to propose, with its approval rule, time box and expiry
   * @param requester who asks for it: a principal, or the system
   * @param comment the requester's comment, kept on the action; possibly empty here (the runtime's
   *     manual actions require one)
   * @param source where the action comes from
   */
  record ProposeAction(Proposal proposal, Actor requester, String comment, ActionSource source)
      implements Command {
    /**
     * Validates the command.
     *
     * @param proposal the action to propose, with its approval rule, time box and expiry
     * @param requester who asks for it: a principal, or the system
     * @param comment the requester's comment, kept on the action; possibly empty here (the
     *     runtime's manual actions require one)
     * @param source where the action comes from
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character, or the
     *     source is not one the requester and the action's family can have ({@link
     *     ActionSource#requireFor})
     */
    public ProposeAction {
      Checks.notNull(proposal, "proposal");
      Checks.notNull(requester, "requester");
      Text.require("comment", comment, 0, MAX_TEXT);
      Checks.notNull(source, "source").requireFor(requester, proposal.planned().action().family());
    }

    /**
     * A proposal from the source its requester and family imply ({@link ActionSource#of}).
     *
     * @param proposal the action
     * @param requester who asks for it
     * @param comment the requester's comment, possibly empty
     * @throws InvalidInputException if {@code proposal} is null
     */
    public ProposeAction(Proposal proposal, Actor requester, String comment) {
      this(
          proposal,
          requester,
          comment,
          ActionSource.of(
              requester, Checks.notNull(proposal, "proposal").planned().action().family()));
    }

    /**
     * A proposal without a comment, from the source its requester and family imply.
     *
     * @param proposal the action
     * @param requester who asks for it
     */
    public ProposeAction(Proposal proposal, Actor requester) {
      this(proposal, requester, "");
    }
  }

  /**
   * One principal's approval of a pending action; the action is approved once the quorum is
   * reached.
   *
   * @param actionId the pending action to approve
   * @param approver the principal who approves; each principal counts once towards the quorum
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record Approve(ActionId actionId, PrincipalName approver, String comment) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the pending action to approve
     * @param approver the principal who approves; each principal counts once towards the quorum
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public Approve {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(approver, "approver");
      Text.require("comment", comment, 0, MAX_TEXT);
    }
  }

  /**
   * Rejects a pending action.
   *
   * @param actionId the pending action to reject
   * @param actor who rejects it
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record Reject(ActionId actionId, Actor actor, String comment) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the pending action to reject
     * @param actor who rejects it
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public Reject {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, MAX_TEXT);
    }
  }

  /**
   * Records that an approved action was dispatched to its executor (or dispatched again, for a
   * retry).
   *
   * @param actionId the approved action that was dispatched (or dispatched again, for a retry)
   * @param deadline when the action times out: recorded by its first dispatch, kept by later ones;
   *     null to record none
   */
  record Start(ActionId actionId, @Nullable Instant deadline) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the approved action that was dispatched (or dispatched again, for a retry)
     * @param deadline when the action times out: recorded by its first dispatch, kept by later
     *     ones; null to record none
     * @throws InvalidInputException if {@code actionId} is null
     */
    public Start {
      Checks.notNull(actionId, "actionId");
    }

    /**
     * A dispatch with no deadline to record.
     *
     * @param actionId the action
     */
    public Start(ActionId actionId) {
      this(actionId, null);
    }
  }

  /**
   * Holds an automatic action for approval just before a call, because a safety guard stops it now
   * (the kill switch, a protected device, an allow indicator). Only an action the system approved
   * can be held, approved or in progress; the caller holds one in progress only when nothing of it
   * is outstanding at its executor (the core cannot tell).
   *
   * @param actionId the action to hold: one the system approved, now approved or in progress
   * @param reason the guard's reason: 1-{@value #MAX_TEXT} characters, no control characters
   * @param expiry how long it may wait for approval (positive, at most 3,650 days), or null for the
   *     investigation's pending expiry
   */
  record Hold(ActionId actionId, String reason, @Nullable Duration expiry) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action to hold: one the system approved, now approved or in progress
     * @param reason the guard's reason: 1-{@value #MAX_TEXT} characters, no control characters
     * @param expiry how long it may wait for approval (positive, at most 3,650 days), or null for
     *     the investigation's pending expiry
     * @throws InvalidInputException if {@code actionId} is null
     * @throws InvalidInputException if the reason is empty, too long or holds a control character,
     *     or the expiry is not positive or longer than {@link Durations#MAX}
     */
    public Hold {
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, MAX_TEXT);
      if (expiry != null) {
        Durations.requirePositive("expiry", expiry);
      }
    }
  }

  /**
   * Undoes a succeeded, time-boxed action whose box has ended, as the system. Refused while the box
   * runs (it may have been extended since the caller looked).
   *
   * @param actionId the succeeded, time-boxed action whose box has ended
   */
  record EndTimeBox(ActionId actionId) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the succeeded, time-boxed action whose box has ended
     * @throws InvalidInputException if {@code actionId} is null
     */
    public EndTimeBox {
      Checks.notNull(actionId, "actionId");
    }
  }

  /**
   * Records that the executor carried the action out.
   *
   * @param actionId the action the executor carried out
   * @param detail what the executor reported, possibly empty: at most {@value #MAX_TEXT}
   *     characters, no control characters
   */
  record Succeed(ActionId actionId, String detail) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action the executor carried out
     * @param detail what the executor reported, possibly empty: at most {@value #MAX_TEXT}
     *     characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the detail is too long or holds a control character
     */
    public Succeed {
      Checks.notNull(actionId, "actionId");
      Text.require("detail", detail, 0, MAX_TEXT);
    }
  }

  /**
   * Records that the action failed for good (retries, if any, are over).
   *
   * @param actionId the action that failed for good
   * @param reason why it failed: 1-{@value #MAX_TEXT} characters, no control characters
   */
  record Fail(ActionId actionId, String reason) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action that failed for good
     * @param reason why it failed: 1-{@value #MAX_TEXT} characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the reason is empty, too long or holds a control character
     */
    public Fail {
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, MAX_TEXT);
    }
  }

  /**
   * Records that no outcome arrived before the action's deadline.
   *
   * @param actionId the action whose deadline passed with no outcome
   */
  record TimeOut(ActionId actionId) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action whose deadline passed with no outcome
     * @throws InvalidInputException if {@code actionId} is null
     */
    public TimeOut {
      Checks.notNull(actionId, "actionId");
    }
  }

  /**
   * Cancels an approved action, or an in-progress one whose work is known to have stopped. An
   * approved action was never sent, and once cancelled it cannot start; an action in progress may
   * have a call out at its executor, so it is cancelled only when {@code workStopped} says the
   * runtime stopped it before any call or the executor confirmed it stopped the work.
   *
   * @param actionId the approved or in-progress action to cancel
   * @param actor who cancels it
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   * @param workStopped whether no call for an in-progress action is out any more
   */
  record Cancel(ActionId actionId, Actor actor, String comment, boolean workStopped)
      implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the approved or in-progress action to cancel
     * @param actor who cancels it
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @param workStopped whether no call for an in-progress action is out any more
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public Cancel {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, MAX_TEXT);
    }

    /**
     * Cancels an approved action; refused for one in progress.
     *
     * @param actionId the action
     * @param actor who cancels it
     * @param comment why, possibly empty
     * @throws InvalidInputException if an argument is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public Cancel(ActionId actionId, Actor actor, String comment) {
      this(actionId, actor, comment, false);
    }
  }

  /**
   * Asks to undo a succeeded (or previously failed undo of a) reversible action.
   *
   * @param actionId the succeeded reversible action to undo (or the one whose undo failed before)
   * @param actor who asks: a principal, or the system
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record RequestUndo(ActionId actionId, Actor actor, String comment) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the succeeded reversible action to undo (or the one whose undo failed before)
     * @param actor who asks: a principal, or the system
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public RequestUndo {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, MAX_TEXT);
    }
  }

  /**
   * Asks to undo a reversible action once it succeeds: at once if it already has, or, while it is
   * approved or in progress, as soon as its success is recorded, in the same write. A false
   * positive reported while work already sent could not be stopped asks this, so that the undo is
   * stored with the action rather than left to whoever sees the success. An approval that comes
   * after it (the action was held, and an analyst approved it again) drops it.
   *
   * @param actionId the reversible action
   * @param actor who asks: a principal, or the system
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record UndoOnSuccess(ActionId actionId, Actor actor, String comment) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the reversible action
     * @param actor who asks: a principal, or the system
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public UndoOnSuccess {
      Checks.notNull(actionId, "actionId");
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, MAX_TEXT);
    }
  }

  /**
   * Records that an undo was carried out.
   *
   * @param actionId the action whose undo was carried out
   * @param detail what the executor reported, possibly empty: at most {@value #MAX_TEXT}
   *     characters, no control characters
   */
  record CompleteUndo(ActionId actionId, String detail) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action whose undo was carried out
     * @param detail what the executor reported, possibly empty: at most {@value #MAX_TEXT}
     *     characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the detail is too long or holds a control character
     */
    public CompleteUndo {
      Checks.notNull(actionId, "actionId");
      Text.require("detail", detail, 0, MAX_TEXT);
    }
  }

  /**
   * Records that an undo failed.
   *
   * @param actionId the action whose undo failed
   * @param reason why the undo failed: 1-{@value #MAX_TEXT} characters, no control characters
   */
  record FailUndo(ActionId actionId, String reason) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the action whose undo failed
     * @param reason why the undo failed: 1-{@value #MAX_TEXT} characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the reason is empty, too long or holds a control character
     */
    public FailUndo {
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, MAX_TEXT);
    }
  }

  /**
   * Expires one pending action whose expiry has come. It counts as rejected. Refused before the
   * action's expiry.
   *
   * @param actionId the pending action whose expiry has come
   */
  record Expire(ActionId actionId) implements Command {
    /**
     * Validates the command.
     *
     * @param actionId the pending action whose expiry has come
     * @throws InvalidInputException if {@code actionId} is null
     */
    public Expire {
      Checks.notNull(actionId, "actionId");
    }
  }

  /**
   * Expires every action that has been pending approval for the investigation's pending expiry or
   * longer. Expired actions count as rejected. Accepted with no events when nothing is due.
   */
  record ExpirePending() implements Command {}

  /**
   * Reports that the analysis is over. The investigation completes as soon as every action is
   * settled.
   *
   * @param outcome how the analysis ended
   * @param actor who reports it
   */
  record FinishAnalysis(AnalysisOutcome outcome, Actor actor) implements Command {
    /**
     * Validates the command.
     *
     * @param outcome how the analysis ended
     * @param actor who reports it
     * @throws InvalidInputException if a component is null
     */
    public FinishAnalysis {
      Checks.notNull(outcome, "outcome");
      Checks.notNull(actor, "actor");
    }
  }

  /**
   * Terminates the investigation: pending actions are rejected, approved ones not yet dispatched
   * are cancelled, actions in progress finish, and no evidence or action joins afterwards.
   *
   * @param actor who terminates it; the system actor gives "terminated by system"
   * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
   *     characters
   */
  record Terminate(Actor actor, String comment) implements Command {
    /**
     * Validates the command.
     *
     * @param actor who terminates it; the system actor gives "terminated by system"
     * @param comment why, possibly empty: at most {@value #MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the comment is too long or holds a control character
     */
    public Terminate {
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, MAX_TEXT);
    }
  }
}
