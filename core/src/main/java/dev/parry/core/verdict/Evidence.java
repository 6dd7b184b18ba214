package dev.parry.core.verdict;

import dev.parry.core.entity.Entity;
import dev.parry.core.internal.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence: an entity, the verdict on it, a short detail and when it was observed.
 *
 * <pre>{@code
 * Evidence evidence = Evidence.of(file, Verdict.MALICIOUS, "Trojan:Win32/Wacatac", now);
 * }</pre>
 *
 * @param entity the entity
 * @param verdict the verdict, which must apply to the entity's family
 * @param detail a short description (threat name, detection source), 0-1,024 characters, no control characters
 * @param observedAt when the evidence was observed
 */
public record Evidence(Entity entity, Verdict verdict, String detail, Instant observedAt) {

  /** The longest detail accepted: {@value}. */
  public static final int MAX_DETAIL_LENGTH = 1024;

  /**
   * Validates the evidence.
   *
   * @throws NullPointerException if a component is null
   * @throws VerdictNotApplicableException if the verdict cannot apply to the entity's family
   * @throws IllegalArgumentException if the detail is too long or holds a control character
   */
  public Evidence {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(verdict, "verdict");
    Text.require("detail", detail, 0, MAX_DETAIL_LENGTH);
    Objects.requireNonNull(observedAt, "observedAt");
    if (!verdict.appliesTo(entity.family())) {
      throw new VerdictNotApplicableException(verdict, entity.family());
    }
  }

  /**
   * {@return the evidence}
   *
   * @param entity the entity
   * @param verdict the verdict
   * @param detail a short description
   * @param observedAt when it was observed
   * @throws VerdictNotApplicableException if the verdict cannot apply to the entity's family
   * @throws IllegalArgumentException if the detail is too long or holds a control character
   */
  public static Evidence of(Entity entity, Verdict verdict, String detail, Instant observedAt) {
    return new Evidence(entity, verdict, detail, observedAt);
  }

  /** {@return the evidence for a log line: the detail quoted, spoofing characters escaped, cut at 80 characters} */
  @Override
  public String toString() {
    return "Evidence{entity=" + entity + ", verdict=" + verdict + ", detail=" + Text.show(detail) + ", observedAt="
        + observedAt + "}";
  }
}
