package dev.parry.core.investigation;

/** Why the state machine refused a command. */
public enum RejectionReason {
  /** The command names an action this investigation does not have. */
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
  /** The command's evidence or action is not valid for this investigation. */
  INVALID_ARGUMENT,
  /** The command's time has not come: an expiry or a time box end asked for early. */
  NOT_DUE
}
