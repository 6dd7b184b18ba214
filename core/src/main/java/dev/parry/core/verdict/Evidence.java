package dev.parry.core.verdict;

import dev.parry.core.entity.Entity;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One piece of evidence: an entity, the verdict on it, a short detail, when it was observed, and
 * the roles the entity played (Graph's {@code roles}; {@link EvidenceRole#COMPROMISED} is how
 * compromise is said).
 *
 * <pre>{@code
 * Evidence evidence = Evidence.of(file, Verdict.MALICIOUS, "Trojan:Win32/Wacatac", now);
 * Evidence takenOver = Evidence.of(user, Verdict.SUSPICIOUS, "Anomalous token", now).withRoles(EvidenceRole.COMPROMISED);
 * }</pre>
 *
 * @param entity what the evidence is about: a file, a process, a user, a mailbox, a URL...
 * @param verdict the verdict on the entity; only a threat (malicious, suspicious) plans remediation
 * @param detail a short description (threat name, detection source), 0-1,024 characters, no control
 *     characters
 * @param observedAt when the evidence was observed
 * @param roles the roles the entity played (copied; empty when none was reported)
 */
public record Evidence(
    Entity entity, Verdict verdict, String detail, Instant observedAt, Set<EvidenceRole> roles) {

  /** The longest detail accepted: {@value}. */
  public static final int MAX_DETAIL_LENGTH = 1024;

  /**
   * Validates the evidence.
   *
   * @param entity what the evidence is about: a file, a process, a user, a mailbox, a URL...
   * @param verdict the verdict on the entity; only a threat (malicious, suspicious) plans
   *     remediation
   * @param detail a short description (threat name, detection source), 0-1,024 characters, no
   *     control characters
   * @param observedAt when the evidence was observed
   * @param roles the roles the entity played (copied; empty when none was reported)
   * @throws InvalidInputException if a component or a role is null
   * @throws RoleNotApplicableException if a role cannot apply to the entity's family (compromised
   *     email) or contradicts the verdict (compromised with no threats found)
   * @throws InvalidInputException if the detail is too long or holds a control character
   */
  public Evidence {
    Checks.notNull(entity, "entity");
    Checks.notNull(verdict, "verdict");
    Text.require("detail", detail, 0, MAX_DETAIL_LENGTH);
    Checks.notNull(observedAt, "observedAt");
    roles = Checks.setOf(roles, "roles");
    for (EvidenceRole role : roles) {
      if (!role.appliesTo(entity.family())) {
        throw RoleNotApplicableException.toFamily(
            role, entity.family(), entity.getClass().getSimpleName());
      }
    }
    if (roles.contains(EvidenceRole.COMPROMISED) && verdict == Verdict.NO_THREATS_FOUND) {
      throw RoleNotApplicableException.toVerdict(
          EvidenceRole.COMPROMISED, entity.family(), verdict);
    }
  }

  /**
   * Builds evidence with no roles.
   *
   * @param entity the entity
   * @param verdict the verdict
   * @param detail a short description
   * @param observedAt when it was observed
   * @throws InvalidInputException if the detail is too long or holds a control character
   */
  public Evidence(Entity entity, Verdict verdict, String detail, Instant observedAt) {
    this(entity, verdict, detail, observedAt, Set.of());
  }

  /**
   * {@return the evidence, with no roles}
   *
   * @param entity the entity
   * @param verdict the verdict
   * @param detail a short description
   * @param observedAt when it was observed
   * @throws InvalidInputException if the detail is too long or holds a control character
   */
  public static Evidence of(Entity entity, Verdict verdict, String detail, Instant observedAt) {
    return new Evidence(entity, verdict, detail, observedAt, Set.of());
  }

  /**
   * {@return this evidence with exactly these roles}
   *
   * @param roles the roles
   * @throws InvalidInputException if {@code roles} or one of them is null
   * @throws RoleNotApplicableException as the constructor does
   */
  public Evidence withRoles(EvidenceRole... roles) {
    Set<EvidenceRole> set = EnumSet.noneOf(EvidenceRole.class);
    set.addAll(List.of(Checks.noNulls(roles, "roles")));
    return new Evidence(entity, verdict, detail, observedAt, set);
  }

  /**
   * {@return whether the entity is reported compromised: the role {@link EvidenceRole#COMPROMISED}}
   */
  public boolean isCompromise() {
    return roles.contains(EvidenceRole.COMPROMISED);
  }

  /**
   * {@return whether this evidence calls for remediation: a malicious or suspicious verdict, or a
   * compromise}
   */
  public boolean isThreat() {
    return verdict.isThreat() || isCompromise();
  }

  /**
   * {@return the evidence for a log line: the detail quoted, spoofing characters escaped, cut at 80
   * characters}
   */
  @Override
  public String toString() {
    return "Evidence{entity="
        + entity
        + ", verdict="
        + verdict
        + (roles.isEmpty() ? "" : ", roles=" + roles)
        + ", detail="
        + Text.show(detail)
        + ", observedAt="
        + observedAt
        + "}";
  }
}
