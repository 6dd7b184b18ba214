package dev.parry.spi.auth;

/** The permissions Parry's default authorizer knows, after Defender's roles. */
public enum Permission {
  /** Security Administrator: every remediation. */
  SECURITY_ADMINISTRATOR,
  /** "Active remediation actions": device remediation. */
  ACTIVE_REMEDIATION,
  /** "Search and Purge": needed, with Security Administrator, for email remediation. */
  SEARCH_AND_PURGE,
  /** Read the action center and investigations. */
  READ
}
