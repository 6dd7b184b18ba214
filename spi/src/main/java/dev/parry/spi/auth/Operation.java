package dev.parry.spi.auth;

/** What a caller asks to do. */
public enum Operation {
  /** Open an investigation, report evidence or finish analysis. */
  INVESTIGATE,
  /** Request an action by hand (a manual action, a false-negative report). */
  REQUEST_ACTION,
  /** Approve a pending action. */
  APPROVE,
  /** Reject a pending action. */
  REJECT,
  /** Undo a completed action. */
  UNDO,
  /** Cancel an approved or running action. */
  CANCEL,
  /** Terminate an investigation. */
  TERMINATE,
  /** Report a false positive: reject, undo and allow-list an entity. */
  REPORT_FALSE_POSITIVE,
  /** Read investigations and the action center. */
  VIEW,
  /** Pause or resume automation, or open a protected asset with a break-glass override. */
  MANAGE_SAFETY
}
