package dev.parry.core.policy;

/** Whether a planned action runs on its own or waits in the action center. */
public enum ApprovalMode {
  /** Dispatched as soon as it is planned; the system is its approver. */
  AUTOMATIC,
  /** Waits, pending approval, until analysts approve or reject it or it expires. */
  REQUIRES_APPROVAL
}
