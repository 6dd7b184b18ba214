package dev.parry.core.investigation;

/**
 * Why a command was refused: by the investigation's state machine, or by the runtime before it
 * reached it ({@link #NOT_EXECUTABLE}, and {@link #INVALID_ARGUMENT} for a manual action).
 */
public enum RejectionReason {
  /**
   * The command names an action this investigation does not have. The runtime throws it as not
   * found (HTTP 404).
   */
  UNKNOWN_ACTION,
  /** The command names an action of another investigation. */
  WRONG_INVESTIGATION,
  /** The action's status does not allow this command (approving a rejected action, for example). */
  ILLEGAL_TRANSITION,
  /** This principal already approved the action; a quorum counts distinct principals. */
  ALREADY_APPROVED_BY_PRINCIPAL,
  /** Two-step approval: the requester may not approve their own request. */
  REQUESTER_CANNOT_APPROVE,
  /** The action's kind cannot be undone. */
  NOT_REVERSIBLE,
  /** The investigation is complete: it takes no new evidence or actions. */
  INVESTIGATION_COMPLETE,
  /** The investigation was terminated. */
  INVESTIGATION_TERMINATED,
  /** The analysis was already reported finished. */
  ANALYSIS_ALREADY_FINISHED,
  /** The same kind of action on the same target is already active or was already decided. */
  DUPLICATE_ACTION,
  /**
   * A value the command carries is not valid: a time box extended past the longest allowed, or a
   * manual action requested of a kind no executor runs or without what its executor needs. {@link
   * Rejection#field()} names it. The runtime throws it as invalid input (HTTP 400).
   */
  INVALID_ARGUMENT,
  /** The command's time has not come: an expiry or a time box end asked for early. */
  NOT_DUE,
  /**
   * The pending action cannot be carried out here, so approving it would only fail: no executor
   * runs its kind, or it lacks what its executor needs. The runtime decides it when the action is
   * approved; it throws it as a conflict (HTTP 409). Take it outside Parry and reject it, register
   * an executor for its kind, or report the evidence again with what is missing.
   */
  NOT_EXECUTABLE
}
