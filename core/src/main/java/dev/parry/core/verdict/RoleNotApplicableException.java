package dev.parry.core.verdict;

import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when evidence carries a role that cannot apply to it: the role {@code COMPROMISED} on an
 * email entity, or with the verdict {@code NO_THREATS_FOUND}, which it contradicts. Its {@link
 * #field()} is {@code roles} and its {@link #value()} the role.
 */
public final class RoleNotApplicableException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  /** The role that was refused. */
  private final EvidenceRole role;

  /** The family of the entity it was given to. */
  private final EntityFamily family;

  /** The verdict it contradicts, or null when the family was the problem. */
  private final @Nullable Verdict verdict;

  private RoleNotApplicableException(
      String message, EvidenceRole role, EntityFamily family, @Nullable Verdict verdict) {
    super("roles", role, message);
    this.role = role;
    this.family = family;
    this.verdict = verdict;
  }

  /**
   * {@return the exception for a role given to an entity of a family it does not fit}
   *
   * @param role the role
   * @param family the entity's family
   * @param type the entity's type, for the message
   */
  static RoleNotApplicableException toFamily(EvidenceRole role, EntityFamily family, String type) {
    return new RoleNotApplicableException(
        "role " + role + " does not apply to " + family + " entities (" + type + ")",
        role,
        family,
        null);
  }

  /**
   * {@return the exception for a role that contradicts the verdict}
   *
   * @param role the role
   * @param family the entity's family
   * @param verdict the verdict
   */
  static RoleNotApplicableException toVerdict(
      EvidenceRole role, EntityFamily family, Verdict verdict) {
    return new RoleNotApplicableException(
        "role " + role + " contradicts verdict " + verdict, role, family, verdict);
  }

  /** {@return the role that was refused} */
  public EvidenceRole role() {
    return role;
  }

  /** {@return the family of the entity it was given to} */
  public EntityFamily family() {
    return family;
  }

  /** {@return the verdict it contradicts, or null when the family was the problem} */
  public @Nullable Verdict verdict() {
    return verdict;
  }
}
