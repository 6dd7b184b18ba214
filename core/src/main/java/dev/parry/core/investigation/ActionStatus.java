package dev.parry.core.investigation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one action is in its life cycle.
 *
 * <pre>
 * PENDING_APPROVAL --approve (quorum)--&gt; APPROVED --start--&gt; IN_PROGRESS --&gt; SUCCEEDED | FAILED | TIMED_OUT
 * PENDING_APPROVAL --reject--&gt; REJECTED          APPROVED, IN_PROGRESS --cancel--&gt; CANCELLED
 * PENDING_APPROVAL --expiry--&gt; EXPIRED           IN_PROGRESS --start (retry)--&gt; IN_PROGRESS
 * APPROVED, IN_PROGRESS (automatic) --hold (a safety guard before a call)--&gt; PENDING_APPROVAL
 * SUCCEEDED --undo--&gt; UNDO_IN_PROGRESS --&gt; UNDONE | UNDO_FAILED;  UNDO_FAILED --undo--&gt; UNDO_IN_PROGRESS
 * </pre>
 *
 * <p>An action planned as automatic starts in {@link #APPROVED}, approved by the system. An action
 * is <em>settled</em> once it has an outcome (every status but pending, approved and in progress);
 * an investigation completes only when all its actions are settled.
 */
public enum ActionStatus {
  /** Waiting in the action center for analysts. */
  PENDING_APPROVAL,
  /** Approved (by the quorum, or by the system for an automatic action), not yet dispatched. */
  APPROVED,
  /** Dispatched to an executor; no outcome yet. */
  IN_PROGRESS,
  /** The executor carried it out. */
  SUCCEEDED,
  /** The executor could not carry it out. */
  FAILED,
  /** No outcome arrived before the deadline. */
  TIMED_OUT,
  /** Cancelled after approval, before an outcome. */
  CANCELLED,
  /** Rejected by an analyst (or for the investigation's termination or a false positive). */
  REJECTED,
  /** Left pending past the expiry; counts as rejected. */
  EXPIRED,
  /** Undo dispatched. */
  UNDO_IN_PROGRESS,
  /** Undone. */
  UNDONE,
  /** The undo could not be carried out; it may be tried again. */
  UNDO_FAILED;

  private static final Set<ActionStatus> DISPATCHED =
      EnumSet.of(APPROVED, IN_PROGRESS, UNDO_IN_PROGRESS);

  /** {@return whether the action has an outcome, which completion waits for} */
  public boolean isSettled() {
    return !isActive();
  }

  /**
   * {@return whether the action is pending approval, approved or in progress: running or about to}
   */
  public boolean isActive() {
    return this == PENDING_APPROVAL || this == APPROVED || this == IN_PROGRESS;
  }

  /**
   * {@return whether a dispatcher carries the action in this status}: approved or in progress (its
   * execution), or undo in progress (its undo). Only such an action holds a dispatch lease.
   */
  public boolean isDispatched() {
    return this == APPROVED || this == IN_PROGRESS || this == UNDO_IN_PROGRESS;
  }

  /** {@return the statuses in which a dispatcher carries an action (a new, modifiable set)} */
  public static Set<ActionStatus> dispatched() {
    return EnumSet.copyOf(DISPATCHED);
  }

  /** {@return whether the action was approved at some point (by analysts or by the system)} */
  public boolean wasApproved() {
    return this != PENDING_APPROVAL && this != REJECTED && this != EXPIRED;
  }

  /**
   * {@return whether an action in this status was carried out: succeeded, or undone (or being
   * undone) since}
   */
  public boolean wasTaken() {
    return this == SUCCEEDED || this == UNDO_IN_PROGRESS || this == UNDONE || this == UNDO_FAILED;
  }

  /**
   * {@return whether an action can move from this status to {@code to}}: the one place the
   * transitions are written, {@link #next()} lists them
   */
  boolean canMoveTo(ActionStatus to) {
    return switch (this) {
      case PENDING_APPROVAL -> to == APPROVED || to == REJECTED || to == EXPIRED;
      case APPROVED -> to == IN_PROGRESS || to == CANCELLED || to == PENDING_APPROVAL;
      case IN_PROGRESS ->
          to == IN_PROGRESS
              || to == SUCCEEDED
              || to == FAILED
              || to == TIMED_OUT
              || to == CANCELLED
              || to == PENDING_APPROVAL;
      case SUCCEEDED, UNDO_FAILED -> to == UNDO_IN_PROGRESS;
      case UNDO_IN_PROGRESS -> to == UNDONE || to == UNDO_FAILED;
      case FAILED, TIMED_OUT, CANCELLED, REJECTED, EXPIRED, UNDONE -> false;
    };
  }

  /** {@return the statuses an action can move to from this one} */
  public Set<ActionStatus> next() {
    Set<ActionStatus> next = EnumSet.noneOf(ActionStatus.class);
    for (ActionStatus to : values()) {
      if (canMoveTo(to)) {
        next.add(to);
      }
    }
    return next;
  }
}
