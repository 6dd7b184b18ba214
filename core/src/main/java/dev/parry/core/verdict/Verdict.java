package dev.parry.core.verdict;

import dev.parry.core.entity.EntityFamily;

/**
 * What an investigation concluded about one entity: Microsoft Graph's evidence verdicts ({@code
 * malicious}, {@code suspicious}, {@code noThreatsFound}, {@code unknown}), which Graph gives to
 * every kind of evidence, users included.
 *
 * <p>Compromise is not a verdict: Graph reports it as the evidence role {@code compromised}, on
 * users and devices ({@link EvidenceRole#COMPROMISED}, {@link Evidence#isCompromise()}). Earlier
 * releases stored a {@code COMPROMISED} verdict; such evidence reads as {@link #MALICIOUS} with the
 * role {@code COMPROMISED}.
 */
public enum Verdict {
  /** The entity is a threat. */
  MALICIOUS,
  /** The entity may be a threat; remediation waits for approval. */
  SUSPICIOUS,
  /** The entity was examined and found clean. */
  NO_THREATS_FOUND,
  /** No verdict could be reached. */
  UNKNOWN;

  /**
   * {@return whether this verdict can be given to an entity of {@code family}}: true for every
   * verdict and family, as in Graph; what is refused is the role {@link EvidenceRole#COMPROMISED}
   * on email ({@link EvidenceRole#appliesTo})
   *
   * @param family the family of the entity the verdict would be given to
   */
  public boolean appliesTo(EntityFamily family) {
    return true;
  }

  /** {@return whether this verdict calls for remediation: malicious or suspicious} */
  public boolean isThreat() {
    return this == MALICIOUS || this == SUSPICIOUS;
  }
}
