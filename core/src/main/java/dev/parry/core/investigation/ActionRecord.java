// Past 400 lines because an action center row is one record: its components, their validation and
// the queries every view asks of it.
package dev.parry.core.investigation;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.policy.ApprovalMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The state of one action in an investigation, as its events left it: where it stands, and who did
 * what to it. The requester and their comment, and each later step a person or the system took
 * ({@link #steps()}: every approval with its comment, a rejection, a cancellation, each undo
 * request and time box extension), stay on the record whatever its status becomes; {@link
 * #updatedBy()} and {@link #note()} only say who made the last change and why.
 *
 * <pre>{@code
 * ActionRecord action = runtime.investigation(id, analyst).orElseThrow().action(actionId).orElseThrow();
 * action.undoRequest().ifPresent(undo -> out.println("undo asked by " + undo.actor() + ": " + undo.comment()));
 * }</pre>
 *
 * @param id the action's id
 * @param action what to do: the remediation and its target
 * @param mode automatic or requiring approval, as proposed
 * @param reason why that mode
 * @param rule how it gets approved
 * @param requestedBy who proposed it
 * @param requestComment the requester's comment, possibly empty (empty for actions stored before it
 *     was kept)
 * @param source where it came from; it suits its requester and family ({@link
 *     ActionSource#requireFor})
 * @param proposedAt when it was proposed (pending expiry counts from here)
 * @param status where it is in its life cycle
 * @param steps what principals and the system did to it after its proposal, in order (copied):
 *     approvals, a rejection or cancellation, undo requests, time box extensions
 * @param attempts how many times it was dispatched
 * @param updatedAt when its status last changed
 * @param updatedBy who last changed it
 * @param note the comment, detail or reason of its last change, possibly empty
 * @param timeBox how long it stays in effect once it succeeded, extensions included, or null
 * @param expiresAt when it expires if it is still pending approval then, or null if it never waited
 *     for approval
 * @param deadline when its execution times out, set when it is first dispatched, or null before
 * @param undoAttempts how many times its undo was requested; each attempt is a new idempotency key
 *     <p>Past 400 lines because an action center row is one record: its components, their
 *     validation and the queries every view asks of it.
 */
public record ActionRecord(
    ActionId id,
    RemediationAction action,
    ApprovalMode mode,
    String reason,
    ApprovalRule rule,
    Actor requestedBy,
    String requestComment,
    ActionSource source,
    Instant proposedAt,
    ActionStatus status,
    List<ActionStep> steps,
    int attempts,
    Instant updatedAt,
    Actor updatedBy,
    String note,
    @Nullable Duration timeBox,
    @Nullable Instant expiresAt,
    @Nullable Instant deadline,
    int undoAttempts) {

  /**
   * Validates the record and copies its steps, unless a state built the list.
   *
   * @param id the action's id
   * @param action what to do: the remediation and its target
   * @param mode automatic or requiring approval, as proposed
   * @param reason why that mode
   * @param rule how it gets approved
   * @param requestedBy who proposed it
   * @param requestComment the requester's comment, possibly empty (empty for actions stored before
   *     it was kept)
   * @param source where it came from; it suits its requester and family ({@link
   *     ActionSource#requireFor})
   * @param proposedAt when it was proposed (pending expiry counts from here)
   * @param status where it is in its life cycle
   * @param steps what principals and the system did to it after its proposal, in order (copied):
   *     approvals, a rejection or cancellation, undo requests, time box extensions
   * @param attempts how many times it was dispatched
   * @param updatedAt when its status last changed
   * @param updatedBy who last changed it
   * @param note the comment, detail or reason of its last change, possibly empty
   * @param timeBox how long it stays in effect once it succeeded, extensions included, or null
   * @param expiresAt when it expires if it is still pending approval then, or null if it never
   *     waited for approval
   * @param deadline when its execution times out, set when it is first dispatched, or null before
   * @param undoAttempts how many times its undo was requested; each attempt is a new idempotency
   *     key
   * @throws InvalidInputException if a required component is null
   * @throws InvalidInputException if {@code attempts} or {@code undoAttempts} is negative, or the
   *     source does not suit the requester and the action's family
   */
  public ActionRecord {
    Checks.notNull(id, "id");
    Checks.notNull(action, "action");
    Checks.notNull(mode, "mode");
    Checks.notNull(reason, "reason");
    Checks.notNull(rule, "rule");
    Checks.notNull(requestedBy, "requestedBy");
    Checks.notNull(requestComment, "requestComment");
    Checks.notNull(source, "source").requireFor(requestedBy, action.family());
    Checks.notNull(proposedAt, "proposedAt");
    Checks.notNull(status, "status");
    steps = CheckedList.of(steps, "steps");
    Checks.notNull(updatedAt, "updatedAt");
    Checks.notNull(updatedBy, "updatedBy");
    Checks.notNull(note, "note");
    if (attempts < 0) {
      throw new InvalidInputException(
          "attempts", attempts, "attempts must not be negative, was: " + attempts);
    }
    if (undoAttempts < 0) {
      throw new InvalidInputException(
          "undoAttempts", undoAttempts, "undoAttempts must not be negative, was: " + undoAttempts);
    }
  }

  /**
   * {@return what is due for this action and when, or empty when nothing is}: the expiry of a
   * pending action; the dispatch of an approved or in-progress one (due since it was proposed, so
   * that its start and retries leave the store's index alone: a runtime carries it while it holds
   * the dispatch lease, and any runtime resumes it once nobody does); the undo in progress (due
   * since the proposal too); the end of a succeeded action's time box. A pending action stored
   * without an expiry (written before expiries were recorded) is due at once, so that a runtime
   * decides it on its investigation's expiry rather than never.
   */
  public Optional<Obligation> obligation() {
    return switch (status) {
      case PENDING_APPROVAL ->
          Optional.of(
              new Obligation(Obligation.Kind.EXPIRE, expiresAt != null ? expiresAt : proposedAt));
      case APPROVED, IN_PROGRESS ->
          Optional.of(new Obligation(Obligation.Kind.DISPATCH, proposedAt));
      case UNDO_IN_PROGRESS -> Optional.of(new Obligation(Obligation.Kind.UNDO, proposedAt));
      case SUCCEEDED -> timeBoxEnds().map(end -> new Obligation(Obligation.Kind.END_TIME_BOX, end));
      default -> Optional.empty();
    };
  }

  /** {@return the distinct principals who approved it so far, in order} */
  public List<PrincipalName> approvers() {
    List<PrincipalName> names = new ArrayList<>(steps.size());
    for (ActionStep step : steps) {
      if (step.kind() == ActionStep.Kind.APPROVED) {
        names.add(step.actor().principalName().orElseThrow());
      }
    }
    return List.copyOf(names);
  }

  /**
   * {@return how many principals approved it so far}: the size of {@link #approvers()}, counted
   * without building the list
   */
  public int approvalCount() {
    int count = 0;
    for (int i = 0, size = steps.size(); i < size; i++) {
      if (steps.get(i).kind() == ActionStep.Kind.APPROVED) {
        count++;
      }
    }
    return count;
  }

  /** {@return whether {@code principal} approved it}: {@link #approvers()} holds them */
  boolean approvedBy(PrincipalName principal) {
    for (int i = 0, size = steps.size(); i < size; i++) {
      ActionStep step = steps.get(i);
      if (step.kind() == ActionStep.Kind.APPROVED
          && step.actor() instanceof Actor.Principal approver
          && approver.name().equals(principal)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return its approvals, in order: each approver with the time and comment of their approval}
   */
  public List<ActionStep> approvals() {
    return stepsOf(ActionStep.Kind.APPROVED);
  }

  /** {@return who rejected it, when and why, or empty if it was not rejected} */
  public Optional<ActionStep> rejection() {
    return last(ActionStep.Kind.REJECTED);
  }

  /** {@return who cancelled it, when and why, or empty if it was not cancelled} */
  public Optional<ActionStep> cancellation() {
    return last(ActionStep.Kind.CANCELLED);
  }

  /**
   * {@return who asked for its latest undo, when and why, or empty if nobody did}: the principal
   * who asked, or the system when its time box ended, whoever then carried the undo out
   */
  public Optional<ActionStep> undoRequest() {
    return last(ActionStep.Kind.UNDO_REQUESTED);
  }

  /**
   * {@return the undo asked for while it runs, requested when its success is recorded, or empty}:
   * present while it is approved or in progress and no approval came after the request (an action
   * held for approval and approved again is an analyst's new decision)
   */
  public Optional<ActionStep> undoOnSuccess() {
    if (status != ActionStatus.APPROVED && status != ActionStatus.IN_PROGRESS) {
      return Optional.empty();
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      ActionStep step = steps.get(i);
      if (step.kind() == ActionStep.Kind.UNDO_ON_SUCCESS) {
        return Optional.of(step);
      }
      if (step.kind() == ActionStep.Kind.APPROVED) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<ActionStep> stepsOf(ActionStep.Kind kind) {
    List<ActionStep> out = new ArrayList<>(steps.size());
    for (ActionStep step : steps) {
      if (step.kind() == kind) {
        out.add(step);
      }
    }
    return List.copyOf(out);
  }

  private Optional<ActionStep> last(ActionStep.Kind kind) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).kind() == kind) {
        return Optional.of(steps.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * {@return this action moved to {@code next} by {@code actor} at {@code at}, with a note, and the
   * step that moved it kept if {@code step} names one}
   */
  ActionRecord moved(
      ActionStatus next, Instant at, Actor actor, String note, ActionStep.@Nullable Kind step) {
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        next,
        step == null ? steps : with(new ActionStep(step, actor, at, note)),
        attempts,
        at,
        actor,
        note,
        timeBox,
        expiresAt,
        deadline,
        next != ActionStatus.UNDO_IN_PROGRESS
            ? undoAttempts
            // an undo that failed before undo attempts were counted was the first: the next is the
            // second
            : status == ActionStatus.UNDO_FAILED && undoAttempts == 0 ? 2 : undoAttempts + 1);
  }

  /** {@return the steps and one more, which the constructor takes without copying it again} */
  private List<ActionStep> with(ActionStep step) {
    return ((CheckedList<ActionStep>) steps).plus(step);
  }

  /** {@return this pending action expiring at {@code expires}} */
  ActionRecord expiringAt(Instant expires) {
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        status,
        steps,
        attempts,
        updatedAt,
        updatedBy,
        note,
        timeBox,
        expires,
        deadline,
        undoAttempts);
  }

  /** {@return this automatic action held for approval by a safety guard at dispatch time} */
  ActionRecord held(String why, Instant expires, Instant at, Actor actor) {
    // a retry held before its call: the deadline starts again at the next dispatch, once approved
    return new ActionRecord(
        id,
        action,
        ApprovalMode.REQUIRES_APPROVAL,
        why,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        ActionStatus.PENDING_APPROVAL,
        steps,
        attempts,
        at,
        actor,
        why,
        timeBox,
        expires,
        null,
        undoAttempts);
  }

  /** {@return this action with one more approval, approved if {@code quorumReached}} */
  ActionRecord approvedBy(Actor approver, boolean quorumReached, Instant at, String comment) {
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        quorumReached ? ActionStatus.APPROVED : status,
        with(new ActionStep(ActionStep.Kind.APPROVED, approver, at, comment)),
        attempts,
        at,
        approver,
        comment,
        timeBox,
        expiresAt,
        deadline,
        undoAttempts);
  }

  /**
   * {@return this action dispatched once more; the first dispatch sets the deadline, later ones
   * keep it}
   */
  ActionRecord started(int attempt, Instant at, Actor actor, @Nullable Instant newDeadline) {
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        ActionStatus.IN_PROGRESS,
        steps,
        attempt,
        at,
        actor,
        "",
        timeBox,
        expiresAt,
        deadline != null ? deadline : newDeadline,
        undoAttempts);
  }

  /**
   * {@return this action with its time box extended by {@code extra}, the extension kept as a
   * step}; its status, and so the time its box counts from, are unchanged
   */
  ActionRecord extended(Duration extra, Instant at, Actor actor, String comment) {
    Duration box = timeBox == null ? extra : timeBox.plus(extra);
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        status,
        with(new ActionStep(ActionStep.Kind.TIME_BOX_EXTENDED, actor, at, comment)),
        attempts,
        updatedAt,
        updatedBy,
        note,
        box,
        expiresAt,
        deadline,
        undoAttempts);
  }

  /** {@return this action, its status unchanged, with one more step} */
  ActionRecord stepped(ActionStep step) {
    return new ActionRecord(
        id,
        action,
        mode,
        reason,
        rule,
        requestedBy,
        requestComment,
        source,
        proposedAt,
        status,
        with(step),
        attempts,
        updatedAt,
        updatedBy,
        note,
        timeBox,
        expiresAt,
        deadline,
        undoAttempts);
  }

  /**
   * {@return when the runtime undoes this succeeded, time-boxed action, or empty}: never past
   * {@link Instant#MAX}, however long a stored box is.
   */
  public Optional<Instant> timeBoxEnds() {
    if (status != ActionStatus.SUCCEEDED || timeBox == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(updatedAt.plus(timeBox));
    } catch (ArithmeticException | DateTimeException e) {
      return Optional.of(
          Instant.MAX); // a box longer than time itself, stored before boxes were bounded: it never
      // ends
    }
  }

  @Override
  public String toString() {
    return "ActionRecord{id="
        + id
        + ", kind="
        + action.kind()
        + ", target="
        + action.target().key()
        + ", mode="
        + mode
        + ", status="
        + status
        + ", steps="
        + steps.size()
        + ", attempts="
        + attempts
        + "}";
  }
}
