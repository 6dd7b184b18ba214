package dev.parry.core.verdict;

import dev.parry.core.entity.EntityFamily;

/**
 * What an investigation concluded about one entity.
 *
 * <p>The set is closed (an enum is Java's sealed set of constants, and {@code switch} over it is
 * checked for exhaustiveness). Each verdict applies to some entity families only:
 *
 * <table>
 *   <caption>Verdicts and the families they apply to</caption>
 *   <tr><th>Verdict</th><th>Device</th><th>Email</th><th>Identity</th></tr>
 *   <tr><td>{@link #MALICIOUS}</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link #SUSPICIOUS}</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link #NO_THREATS_FOUND}</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link #COMPROMISED}</td><td>no</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@link #UNKNOWN}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * </table>
 */
public enum Verdict {
  /** The entity is a threat. Devices and email content. */
  MALICIOUS,
  /** The entity may be a threat. Devices and email content. */
  SUSPICIOUS,
  /** The user account is in an attacker's hands. Users only. */
  COMPROMISED,
  /** The entity was examined and found clean. Devices and email content. */
  NO_THREATS_FOUND,
  /** No verdict could be reached. Every family. */
  UNKNOWN;

  /** {@return whether this verdict can be given to an entity of {@code family}} */
  public boolean appliesTo(EntityFamily family) {
    return switch (this) {
      case COMPROMISED -> family == EntityFamily.IDENTITY;
      case UNKNOWN -> true;
      case MALICIOUS, SUSPICIOUS, NO_THREATS_FOUND -> family != EntityFamily.IDENTITY;
    };
  }

  /** {@return whether this verdict calls for remediation: malicious, suspicious or compromised} */
  public boolean isThreat() {
    return this == MALICIOUS || this == SUSPICIOUS || this == COMPROMISED;
  }
}
