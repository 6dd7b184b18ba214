package dev.parry.core.verdict;

import dev.parry.core.entity.EntityFamily;

/**
 * The part an entity played in an alert: Microsoft Graph's {@code evidenceRole}. Only {@link
 * #COMPROMISED} changes what Parry plans (a compromised user or device, core/DOMAIN.md D9); the
 * others are kept as reported, for the record.
 */
public enum EvidenceRole {
  /** Graph {@code unknown}. */
  UNKNOWN,
  /** Graph {@code contextual}: context around the alert. */
  CONTEXTUAL,
  /** Graph {@code scanned}. */
  SCANNED,
  /** Graph {@code source}. */
  SOURCE,
  /** Graph {@code destination}. */
  DESTINATION,
  /** Graph {@code created}. */
  CREATED,
  /** Graph {@code added}. */
  ADDED,
  /**
   * Graph {@code compromised}: the account or device is in an attacker's hands. Users and devices
   * only.
   */
  COMPROMISED,
  /** Graph {@code edited}. */
  EDITED,
  /** Graph {@code attacked}. */
  ATTACKED,
  /** Graph {@code attacker}. */
  ATTACKER,
  /** Graph {@code commandAndControl}. */
  COMMAND_AND_CONTROL,
  /** Graph {@code loaded}. */
  LOADED,
  /** Graph {@code suspicious}. */
  SUSPICIOUS,
  /** Graph {@code policyViolator}. */
  POLICY_VIOLATOR;

  /**
   * {@return whether this role can be given to an entity of {@code family}}: {@link #COMPROMISED}
   * fits users and devices only (Graph reports it on no other evidence); every other role fits
   * every family
   *
   * @param family the family of the entity the role would be given to
   */
  public boolean appliesTo(EntityFamily family) {
    return this != COMPROMISED || family != EntityFamily.EMAIL;
  }
}
