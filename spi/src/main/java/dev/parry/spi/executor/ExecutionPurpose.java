package dev.parry.spi.executor;

/** Why a request is sent: to carry out an action, or to undo one that succeeded. */
public enum ExecutionPurpose {
  /** Carry out the action. */
  EXECUTE,
  /** Carry out the inverse of a succeeded action; the request's action is the inverse. */
  UNDO
}
