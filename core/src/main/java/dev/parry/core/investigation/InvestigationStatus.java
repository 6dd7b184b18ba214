package dev.parry.core.investigation;

/**
 * The status of an investigation, after Defender's investigation states. It is derived from the
 * investigation's analysis outcome, termination and actions; see {@link Investigation#status()} for
 * the table.
 */
public enum InvestigationStatus {
  /** Opened; nothing reported yet. */
  QUEUED(false),
  /** Analysis is running. */
  RUNNING(false),
  /** At least one action waits for approval. */
  PENDING_APPROVAL(false),
  /** Analysis is done; approved actions wait for an executor's outcome. */
  PENDING_RESOURCE(false),
  /** Complete; every action was taken, rejected or expired. */
  REMEDIATED(true),
  /** Complete; some actions were taken or decided, others failed, timed out or were cancelled. */
  PARTIALLY_REMEDIATED(true),
  /** Complete; there was nothing to remediate ("benign"). */
  NO_THREATS_FOUND(true),
  /** Complete; the analysis failed, or every action failed, timed out or was cancelled. */
  FAILED(true),
  /** Complete; the analysis examined only part of the evidence. */
  PARTIALLY_INVESTIGATED(true),
  /** Terminated by a principal. */
  TERMINATED_BY_USER(true),
  /** Terminated by the system. */
  TERMINATED_BY_SYSTEM(true),
  /** Complete; the alert type is not supported. */
  UNSUPPORTED_ALERT_TYPE(true);

  private final boolean isFinal;

  InvestigationStatus(boolean isFinal) {
    this.isFinal = isFinal;
  }

  /**
   * {@return whether this status is one an investigation ends in} Termination is final as soon as it
   * happens, even while actions already dispatched still finish.
   */
  public boolean isFinal() {
    return isFinal;
  }
}
