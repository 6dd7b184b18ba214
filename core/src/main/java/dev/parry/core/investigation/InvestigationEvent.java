// Past 400 lines because every event is a small validated record in this one sealed family, the
// stored format.
package dev.parry.core.investigation;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.verdict.Evidence;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to an investigation. Events are immutable facts: the investigation's
 * state is rebuilt by replaying them ({@link Investigation#replay(java.util.List)}), and they are
 * its audit trail: each says what happened, to which action, when and by whom.
 *
 * <p>Past 400 lines because every event is a small validated record in this one sealed family, the
 * stored format.
 */
public sealed interface InvestigationEvent
    permits InvestigationEvent.Opened,
        InvestigationEvent.EvidenceRecorded,
        InvestigationEvent.NoActionPlanned,
        InvestigationEvent.AnalysisFinished,
        InvestigationEvent.Terminated,
        InvestigationEvent.Completed,
        InvestigationEvent.ActionEvent {

  /** {@return the investigation} */
  InvestigationId investigationId();

  /** {@return when it happened} */
  Instant at();

  /** {@return who did it: the system or a principal} */
  Actor actor();

  /** An event about one action. */
  sealed interface ActionEvent extends InvestigationEvent
      permits ActionProposed,
          TimeBoxExtended,
          ApprovalGranted,
          ActionRejected,
          ActionExpired,
          ActionHeld,
          ActionStarted,
          ActionSucceeded,
          ActionFailed,
          ActionTimedOut,
          ActionCancelled,
          UndoRequested,
          UndoOnSuccessRequested,
          ActionUndone,
          UndoFailed {

    /** {@return the action} */
    ActionId actionId();
  }

  /**
   * The investigation was opened.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param alertId the alert that started it
   * @param level the automation level it runs at (the level of its device group)
   * @param origin the device the alert is about and its device group
   * @param pendingExpiry how long an action may stay pending approval; positive
   */
  record Opened(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      AlertId alertId,
      AutomationLevel level,
      Origin origin,
      Duration pendingExpiry)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param alertId the alert that started it
     * @param level the automation level it runs at (the level of its device group)
     * @param origin the device the alert is about and its device group
     * @param pendingExpiry how long an action may stay pending approval; positive
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public Opened {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(alertId, "alertId");
      Checks.notNull(level, "level");
      Checks.notNull(origin, "origin");
      Checks.notNull(pendingExpiry, "pendingExpiry");
      if (pendingExpiry.isNegative() || pendingExpiry.isZero()) {
        throw new InvalidInputException(
            "pendingExpiry",
            pendingExpiry,
            "pendingExpiry must be positive, was: " + pendingExpiry);
      }
    }
  }

  /**
   * Evidence joined the investigation.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param evidence the evidence that joined: an entity with its verdict and roles
   */
  record EvidenceRecorded(
      InvestigationId investigationId, Instant at, Actor actor, Evidence evidence)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param evidence the evidence that joined: an entity with its verdict and roles
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public EvidenceRecorded {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(evidence, "evidence");
    }
  }

  /**
   * The policy planned no action for evidence that is a threat (malicious, suspicious or
   * compromised): an exclusion or an allow indicator covered it, or no action applies to its
   * entity. It follows the {@link EvidenceRecorded} event of the same evidence. Such a threat keeps
   * the investigation from ending "no threats found" or "remediated" (see {@link
   * Investigation#status()}).
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who reported the evidence
   * @param evidence the evidence, whose verdict is a threat
   */
  record NoActionPlanned(
      InvestigationId investigationId, Instant at, Actor actor, Evidence evidence)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who reported the evidence
     * @param evidence the evidence, whose verdict is a threat
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the evidence's verdict is no threat
     */
    public NoActionPlanned {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(evidence, "evidence");
      if (!evidence.isThreat()) {
        throw new InvalidInputException(
            "evidence",
            evidence.verdict(),
            "evidence with no action planned must be a threat, its verdict was: "
                + evidence.verdict());
      }
    }
  }

  /**
   * An action was proposed; its actor is the requester.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor the requester: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param action what to do
   * @param mode automatic (approved at once, by the system) or waiting for approval
   * @param reason why this mode: 1-{@value Command#MAX_TEXT} characters, no control characters
   * @param rule how it gets approved
   * @param timeBox how long it stays in effect once it succeeded, or null
   * @param expiresAt when a pending action expires, or null for its investigation's pending expiry
   *     (and for an automatic action)
   * @param comment the requester's comment, possibly empty (empty in events stored before it was
   *     recorded): at most {@value Command#MAX_TEXT} characters, no control characters
   * @param source where the action comes from (in events stored before it was recorded, what its
   *     requester and family imply: {@link ActionSource#of})
   */
  record ActionProposed(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      ActionId actionId,
      RemediationAction action,
      ApprovalMode mode,
      String reason,
      ApprovalRule rule,
      @Nullable Duration timeBox,
      @Nullable Instant expiresAt,
      String comment,
      ActionSource source)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor the requester: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param action what to do
     * @param mode automatic (approved at once, by the system) or waiting for approval
     * @param reason why this mode: 1-{@value Command#MAX_TEXT} characters, no control characters
     * @param rule how it gets approved
     * @param timeBox how long it stays in effect once it succeeded, or null
     * @param expiresAt when a pending action expires, or null for its investigation's pending
     *     expiry (and for an automatic action)
     * @param comment the requester's comment, possibly empty (empty in events stored before it was
     *     recorded): at most {@value Command#MAX_TEXT} characters, no control characters
     * @param source where the action comes from (in events stored before it was recorded, what its
     *     requester and family imply: {@link ActionSource#of})
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionProposed {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Checks.notNull(action, "action");
      Checks.notNull(mode, "mode");
      Checks.notNull(rule, "rule");
      Text.require("reason", reason, 1, Command.MAX_TEXT);
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      Checks.notNull(source, "source").requireFor(actor, action.family());
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }

    /**
     * An action proposed without a comment, from the source its requester and family imply.
     *
     * @param investigationId the investigation
     * @param at when it happened
     * @param actor who did it
     * @param actionId the action
     * @param action what to do
     * @param mode automatic or requiring approval
     * @param reason why that mode
     * @param rule how it gets approved
     * @param timeBox how long it stays in effect once it succeeded, or null
     * @param expiresAt when a pending action expires, or null for its investigation's pending
     *     expiry
     * @throws InvalidInputException if {@code actor} is null
     * @throws InvalidInputException if {@code action} is null
     */
    public ActionProposed(
        InvestigationId investigationId,
        Instant at,
        Actor actor,
        ActionId actionId,
        RemediationAction action,
        ApprovalMode mode,
        String reason,
        ApprovalRule rule,
        @Nullable Duration timeBox,
        @Nullable Instant expiresAt) {
      this(
          investigationId,
          at,
          actor,
          actionId,
          action,
          mode,
          reason,
          rule,
          timeBox,
          expiresAt,
          "",
          ActionSource.of(
              Checks.notNull(actor, "actor"), Checks.notNull(action, "action").family()));
    }

    /**
     * An action proposed with no expiry of its own: a pending one expires after its investigation's
     * pending expiry.
     *
     * @param investigationId the investigation
     * @param at when it happened
     * @param actor who did it
     * @param actionId the action
     * @param action what to do
     * @param mode automatic or requiring approval
     * @param reason why that mode
     * @param rule how it gets approved
     * @param timeBox how long it stays in effect once it succeeded, or null
     */
    public ActionProposed(
        InvestigationId investigationId,
        Instant at,
        Actor actor,
        ActionId actionId,
        RemediationAction action,
        ApprovalMode mode,
        String reason,
        ApprovalRule rule,
        @Nullable Duration timeBox) {
      this(investigationId, at, actor, actionId, action, mode, reason, rule, timeBox, null);
    }
  }

  /**
   * A principal approved a pending action.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor the approver: always a principal, never the system
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   * @param quorumReached whether this approval approved the action
   */
  record ApprovalGranted(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      ActionId actionId,
      String comment,
      boolean quorumReached)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor the approver: always a principal, never the system
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @param quorumReached whether this approval approved the action
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ApprovalGranted {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!(actor instanceof Actor.Principal)) {
        throw new InvalidInputException(
            "actor", actor, "an approval must come from a principal, was: " + actor);
      }
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * A pending action was rejected.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record ActionRejected(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String comment)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionRejected {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * A pending action expired; it counts as rejected.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   */
  record ActionExpired(InvestigationId investigationId, Instant at, Actor actor, ActionId actionId)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionExpired {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * An approved action was dispatched to its executor.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param attempt 1 for the first dispatch, more for retries
   * @param deadline when the action times out, set by its first dispatch; null in events stored
   *     before deadlines were recorded
   */
  record ActionStarted(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      ActionId actionId,
      int attempt,
      @Nullable Instant deadline)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param attempt 1 for the first dispatch, more for retries
     * @param deadline when the action times out, set by its first dispatch; null in events stored
     *     before deadlines were recorded
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionStarted {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      if (attempt < 1) {
        throw new InvalidInputException(
            "attempt", attempt, "attempt must be 1 or more, was: " + attempt);
      }
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }

    /**
     * A dispatch with no deadline recorded.
     *
     * @param investigationId the investigation
     * @param at when it happened
     * @param actor who did it
     * @param actionId the action
     * @param attempt the attempt, 1 for the first
     */
    public ActionStarted(
        InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, int attempt) {
      this(investigationId, at, actor, actionId, attempt, null);
    }
  }

  /**
   * A safety guard held an automatic action for approval just before a call, with nothing of it
   * outstanding at its executor (before its first call, or backing off after an answered failure):
   * the kill switch was on, its device is protected, or an allow indicator now covers it. It waits
   * for analysts as if planned that way.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param reason the guard's reason: 1-{@value Command#MAX_TEXT} characters, no control characters
   * @param expiresAt when it expires if nobody decides it
   */
  record ActionHeld(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      ActionId actionId,
      String reason,
      Instant expiresAt)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param reason the guard's reason: 1-{@value Command#MAX_TEXT} characters, no control
     *     characters
     * @param expiresAt when it expires if nobody decides it
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if the reason is empty, too long or holds a control character,
     *     or the action is in another investigation
     */
    public ActionHeld {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, Command.MAX_TEXT);
      Checks.notNull(expiresAt, "expiresAt");
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The executor carried the action out.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param detail what the executor reported, possibly empty: at most {@value Command#MAX_TEXT}
   *     characters, no control characters
   */
  record ActionSucceeded(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String detail)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param detail what the executor reported, possibly empty: at most {@value Command#MAX_TEXT}
     *     characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionSucceeded {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("detail", detail, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The action failed for good.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param reason why it failed: 1-{@value Command#MAX_TEXT} characters, no control characters
   */
  record ActionFailed(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String reason)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param reason why it failed: 1-{@value Command#MAX_TEXT} characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionFailed {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * No outcome arrived before the deadline.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   */
  record ActionTimedOut(InvestigationId investigationId, Instant at, Actor actor, ActionId actionId)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionTimedOut {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * An approved or in-progress action was cancelled.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record ActionCancelled(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String comment)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionCancelled {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * Undo of a succeeded action was requested.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record UndoRequested(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String comment)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public UndoRequested {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The undo of an approved or in-progress action was asked for, to be requested once it succeeds:
   * its success, when recorded, comes with an {@link UndoRequested} by the same actor with the same
   * comment.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record UndoOnSuccessRequested(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String comment)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public UndoOnSuccessRequested {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The action was undone.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param detail what the executor reported, possibly empty: at most {@value Command#MAX_TEXT}
   *     characters, no control characters
   */
  record ActionUndone(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String detail)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param detail what the executor reported, possibly empty: at most {@value Command#MAX_TEXT}
     *     characters, no control characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public ActionUndone {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("detail", detail, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The undo failed.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param reason why the undo failed: 1-{@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record UndoFailed(
      InvestigationId investigationId, Instant at, Actor actor, ActionId actionId, String reason)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param reason why the undo failed: 1-{@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public UndoFailed {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Text.require("reason", reason, 1, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }

  /**
   * The analysis was reported finished.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param outcome how the analysis ended
   */
  record AnalysisFinished(
      InvestigationId investigationId, Instant at, Actor actor, AnalysisOutcome outcome)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param outcome how the analysis ended
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public AnalysisFinished {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(outcome, "outcome");
    }
  }

  /**
   * The investigation was terminated.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record Terminated(InvestigationId investigationId, Instant at, Actor actor, String comment)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public Terminated {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
    }
  }

  /**
   * The investigation completed: its analysis is finished and every action is settled.
   *
   * <p>The status is the one derived when it completed, by the version of Parry that wrote the
   * event. Earlier versions counted rejected and expired actions as remediated, and ended a threat
   * that led to no action as "no threats found"; {@link Investigation#status()} derives the status
   * again from the state and is the one to trust.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor who did it: the system or a principal
   * @param status the status it completed with, as derived by the version of Parry that wrote the
   *     event
   */
  record Completed(
      InvestigationId investigationId, Instant at, Actor actor, InvestigationStatus status)
      implements InvestigationEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor who did it: the system or a principal
     * @param status the status it completed with, as derived by the version of Parry that wrote the
     *     event
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public Completed {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(status, "status");
    }
  }

  /**
   * A principal approved keeping a time-boxed action in effect longer.
   *
   * @param investigationId the investigation the event belongs to
   * @param at when it happened
   * @param actor the principal who approved the extension
   * @param actionId the action the event is about; it belongs to {@code investigationId}
   * @param extra how much longer the action stays in effect
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   */
  record TimeBoxExtended(
      InvestigationId investigationId,
      Instant at,
      Actor actor,
      ActionId actionId,
      Duration extra,
      String comment)
      implements ActionEvent {
    /**
     * Validates the event.
     *
     * @param investigationId the investigation the event belongs to
     * @param at when it happened
     * @param actor the principal who approved the extension
     * @param actionId the action the event is about; it belongs to {@code investigationId}
     * @param extra how much longer the action stays in effect
     * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
     *     characters
     * @throws InvalidInputException if a component is null
     * @throws InvalidInputException if a component is out of range
     */
    public TimeBoxExtended {
      Checks.notNull(investigationId, "investigationId");
      Checks.notNull(at, "at");
      Checks.notNull(actor, "actor");
      Checks.notNull(actionId, "actionId");
      Checks.notNull(extra, "extra");
      Text.require("comment", comment, 0, Command.MAX_TEXT);
      if (!actionId.investigation().equals(investigationId)) {
        throw new InvalidInputException(
            "actionId", null, "action " + actionId + " is not in investigation " + investigationId);
      }
    }
  }
}
