package dev.parry.core.verdict;

import dev.parry.core.entity.EntityFamily;

/**
 * Thrown when a verdict is given to an entity it cannot apply to, such as a "compromised" email or a
 * "malicious" user account.
 */
public final class VerdictNotApplicableException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Verdict verdict;
  private final EntityFamily family;

  /**
   * Creates the exception.
   *
   * @param verdict the verdict given
   * @param family the family of the entity it was given to
   */
  public VerdictNotApplicableException(Verdict verdict, EntityFamily family) {
    super("verdict " + verdict + " does not apply to " + family + " entities");
    this.verdict = verdict;
    this.family = family;
  }

  /** {@return the verdict that was refused} */
  public Verdict verdict() {
    return verdict;
  }

  /** {@return the family of the entity it was given to} */
  public EntityFamily family() {
    return family;
  }
}
