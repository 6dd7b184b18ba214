package dev.parry.spi.safety;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change to the safety guards made by a person, reported to listeners and logged: the kill switch
 * thrown or released, or a break-glass override on a protected asset.
 *
 * @param kind what changed: automation paused or resumed (the kill switch), a break-glass override,
 *     or an allow indicator added or revoked
 * @param principal the person who changed it
 * @param subject what it applies to: "all", a device group's name, a device id or an allow
 *     indicator's {@linkplain dev.parry.core.policy.AllowIndicator#text() text}
 * @param at when it changed
 * @param until when a break-glass override ends, or null
 * @param reason why, as the person gave it: 1-2,000 characters, no control characters
 */
public record SafetyOverride(
    Kind kind,
    PrincipalName principal,
    String subject,
    Instant at,
    @Nullable Instant until,
    String reason) {

  /** What changed. */
  public enum Kind {
    /** Automation paused (the kill switch). */
    AUTOMATION_PAUSED,
    /** Automation resumed. */
    AUTOMATION_RESUMED,
    /** A protected device opened to automatic actions for a while. */
    BREAK_GLASS,
    /** An allow indicator added. */
    ALLOW_INDICATOR_ADDED,
    /** An allow indicator revoked. */
    ALLOW_INDICATOR_REVOKED
  }

  /**
   * Validates.
   *
   * @param kind what changed: automation paused or resumed (the kill switch), a break-glass
   *     override, or an allow indicator added or revoked
   * @param principal the person who changed it
   * @param subject what it applies to: "all", a device group's name, a device id or an allow
   *     indicator's {@linkplain dev.parry.core.policy.AllowIndicator#text() text}
   * @param at when it changed
   * @param until when a break-glass override ends, or null
   * @param reason why, as the person gave it: 1-2,000 characters, no control characters
   * @throws InvalidInputException if a required component is null
   * @throws InvalidInputException if the reason is empty, too long or holds a control character
   */
  public SafetyOverride {
    Checks.notNull(kind, "kind");
    Checks.notNull(principal, "principal");
    Checks.notNull(subject, "subject");
    Checks.notNull(at, "at");
    Text.require("reason", reason, 1, 2000);
  }
}
