package dev.parry.spi.auth;

/** The permissions Parry's default authorizer knows, after Defender's roles. */
public enum Permission {
  /** Security Administrator: every remediation. */
  SECURITY_ADMINISTRATOR,
  /** "Active remediation actions": device remediation. */
  ACTIVE_REMEDIATION,
  /** "Search and Purge": needed, with Security Administrator, for email remediation. */
  SEARCH_AND_PURGE,
  /**
   * Global Administrator: may approve or reject any pending action, whatever its family ("Users who
   * have the Global Administrator role ... can approve or reject any pending action in the Action
   * center"); nothing else without another permission.
   */
  GLOBAL_ADMINISTRATOR,
  /** Read the action center and investigations. */
  READ
}
