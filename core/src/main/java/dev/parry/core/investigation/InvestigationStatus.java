package dev.parry.core.investigation;

/**
 * The status of an investigation, after Defender's investigation states. It is derived from the
 * investigation's analysis outcome, termination, evidence and actions; see {@link
 * Investigation#status()} for the table and core/DOMAIN.md (D33) for where each row comes from.
 *
 * <p>Two promises hold for every final status: an investigation is {@link #REMEDIATED} only when
 * every action was carried out and no threat was left without an action, and it is {@link
 * #NO_THREATS_FOUND} only when no threat was found at all. A rejected, expired or cancelled action,
 * an approved action that failed, and a threat the policy planned nothing for, never count as
 * remediated.
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
  /** Complete; every action was carried out and every threat found led to an action. */
  REMEDIATED(true),
  /**
   * Complete; some actions were carried out, and others were rejected, expired, cancelled, failed
   * or timed out, or a threat led to no action.
   */
  PARTIALLY_REMEDIATED(true),
  /**
   * Complete; nothing malicious, suspicious or compromised was found, and no action was proposed.
   */
  NO_THREATS_FOUND(true),
  /**
   * Complete; the analysis failed, or no action was carried out and at least one failed or timed
   * out (an approved action that fails is not a remediation).
   */
  FAILED(true),
  /**
   * Complete; the analysis examined only part of the evidence, or threats were found for which no
   * action was planned and nothing else was proposed (Office 365's "Partially Investigated",
   * formerly "Threats found").
   */
  PARTIALLY_INVESTIGATED(true),
  /** Terminated by a principal. */
  TERMINATED_BY_USER(true),
  /** Terminated by the system. */
  TERMINATED_BY_SYSTEM(true),
  /** Complete; the alert type is not supported. */
  UNSUPPORTED_ALERT_TYPE(true),
  /**
   * Complete; threats were found and actions proposed, but none was carried out: every action was
   * rejected, expired (which counts as rejected) or cancelled. Defender has no name for this
   * outcome; Parry says it plainly rather than call it remediated.
   */
  NOT_REMEDIATED(true);

  private final boolean isFinal;

  InvestigationStatus(boolean isFinal) {
    this.isFinal = isFinal;
  }

  /**
   * {@return whether this status is one an investigation ends in} Termination is final as soon as
   * it happens, even while actions already dispatched still finish.
   */
  public boolean isFinal() {
    return isFinal;
  }
}
