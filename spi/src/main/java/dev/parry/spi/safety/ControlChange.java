package dev.parry.spi.safety;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.policy.AllowIndicator;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One change to the control state every runtime on a store shares, as a {@link ControlStore} keeps
 * it: the kill switch thrown or released, a break-glass override, an allow indicator added or
 * revoked. The changes are the audit record of who changed what and why; the state is what they add
 * up to, in sequence order.
 *
 * <pre>{@code
 * ControlChange pause = ControlChange.pause(null, PrincipalName.of("alice@contoso.com"), now, "bad rollout");
 * }</pre>
 *
 * @param sequence the store's number for the change, from 1 in the order it was recorded; 0 before
 *     it is
 * @param kind what changed; it says which of the following components are set
 * @param group the device group paused or resumed, or null for every group; null for other kinds
 * @param device the device a break-glass override opens; null for other kinds
 * @param indicator the allow indicator added or revoked; null for other kinds
 * @param scope the device groups an added allow indicator applies to, empty for every investigation
 *     (tenant-wide); empty for other kinds
 * @param until when a break-glass override or an added allow indicator ends; null for other kinds,
 *     and for an allow indicator that does not end
 * @param principal the person who changed it
 * @param at when it changed
 * @param reason why, 1-2,000 characters without control characters or unpaired surrogates (every
 *     store keeps it exactly)
 */
public record ControlChange(
    long sequence,
    Kind kind,
    @Nullable DeviceGroupName group,
    @Nullable DeviceId device,
    @Nullable AllowIndicator indicator,
    Set<DeviceGroupName> scope,
    @Nullable Instant until,
    PrincipalName principal,
    Instant at,
    String reason) {

  /** What changed. */
  public enum Kind {
    /** Automation paused (the kill switch), for one device group or every group. */
    PAUSE,
    /** Automation resumed, for one device group or every group. */
    RESUME,
    /** A protected device opened to automatic actions until a time. */
    BREAK_GLASS,
    /** An allow indicator added: evidence it covers plans no action. */
    ALLOW,
    /** An allow indicator revoked. */
    REVOKE_ALLOW
  }

  /**
   * Validates: each kind carries exactly the subject it needs.
   *
   * @param sequence the store's number for the change, from 1 in the order it was recorded; 0
   *     before it is
   * @param kind what changed; it says which of the following components are set
   * @param group the device group paused or resumed, or null for every group; null for other kinds
   * @param device the device a break-glass override opens; null for other kinds
   * @param indicator the allow indicator added or revoked; null for other kinds
   * @param scope the device groups an added allow indicator applies to, empty for every
   *     investigation (tenant-wide); empty for other kinds
   * @param until when a break-glass override or an added allow indicator ends; null for other
   *     kinds, and for an allow indicator that does not end
   * @param principal the person who changed it
   * @param at when it changed
   * @param reason why, 1-2,000 characters without control characters or unpaired surrogates (every
   *     store keeps it exactly)
   * @throws InvalidInputException if a required component is null
   * @throws InvalidInputException if the sequence is negative, a subject is missing or does not
   *     belong to the kind, a break-glass override does not end after it starts, or the reason is
   *     invalid
   */
  public ControlChange {
    Checks.notNull(kind, "kind");
    Checks.notNull(principal, "principal");
    Checks.notNull(at, "at");
    Text.require("reason", reason, 1, 2000);
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < reason.length() && Character.isLowSurrogate(reason.charAt(++i))
              : !Character.isLowSurrogate(c);
      if (!paired) {
        throw new InvalidInputException(
            "reason",
            reason,
            "reason must not hold an unpaired surrogate (at " + i + "), was: " + Text.show(reason));
      }
    }
    if (sequence < 0) {
      throw new InvalidInputException(
          "sequence", sequence, "sequence must not be negative, was " + sequence);
    }
    boolean groupFits = group == null || kind == Kind.PAUSE || kind == Kind.RESUME;
    boolean deviceFits = (device != null) == (kind == Kind.BREAK_GLASS);
    scope = Checks.setOf(scope, "scope");
    boolean untilFits =
        kind == Kind.BREAK_GLASS ? until != null : until == null || kind == Kind.ALLOW;
    boolean scopeFits = scope.isEmpty() || kind == Kind.ALLOW;
    boolean indicatorFits =
        (indicator != null) == (kind == Kind.ALLOW || kind == Kind.REVOKE_ALLOW);
    if (!groupFits || !deviceFits || !untilFits || !indicatorFits || !scopeFits) {
      throw new InvalidInputException(
          "group",
          null,
          "a "
              + kind
              + " change carries "
              + subjectOf(kind)
              + ", was: group="
              + group
              + ", device="
              + device
              + ", until="
              + until
              + ", scope="
              + scope
              + ", indicator="
              + (indicator == null ? null : Text.show(indicator.text())));
    }
    if (until != null && !until.isAfter(at)) {
      throw new InvalidInputException(
          "until",
          null,
          "a " + kind + " change must end after it starts, was " + at + " to " + until);
    }
  }

  private static String subjectOf(Kind kind) {
    return switch (kind) {
      case PAUSE, RESUME -> "an optional device group and nothing else";
      case BREAK_GLASS -> "a device and an end time and nothing else";
      case ALLOW -> "an allow indicator, an optional scope and end time, and nothing else";
      case REVOKE_ALLOW -> "an allow indicator and nothing else";
    };
  }

  /**
   * {@return a change that pauses automation, not yet recorded}
   *
   * @param group the device group, or null for every group
   * @param principal who
   * @param at when
   * @param reason why
   */
  public static ControlChange pause(
      @Nullable DeviceGroupName group, PrincipalName principal, Instant at, String reason) {
    return new ControlChange(
        0, Kind.PAUSE, group, null, null, Set.of(), null, principal, at, reason);
  }

  /**
   * {@return a change that resumes automation, not yet recorded}
   *
   * @param group the device group, or null for every group
   * @param principal who
   * @param at when
   * @param reason why
   */
  public static ControlChange resume(
      @Nullable DeviceGroupName group, PrincipalName principal, Instant at, String reason) {
    return new ControlChange(
        0, Kind.RESUME, group, null, null, Set.of(), null, principal, at, reason);
  }

  /**
   * {@return a break-glass override, not yet recorded}
   *
   * @param device the protected device
   * @param until when the override ends, after {@code at}
   * @param principal who
   * @param at when
   * @param reason why
   * @throws InvalidInputException if {@code device} is null
   * @throws InvalidInputException if {@code until} is null
   */
  public static ControlChange breakGlass(
      DeviceId device, Instant until, PrincipalName principal, Instant at, String reason) {
    return new ControlChange(
        0,
        Kind.BREAK_GLASS,
        null,
        Checks.notNull(device, "device"),
        null,
        Set.of(),
        Checks.notNull(until, "until"),
        principal,
        at,
        reason);
  }

  /**
   * {@return a change that adds ({@code allowed}) or revokes an allow indicator, tenant-wide and
   * without end, not yet recorded}
   *
   * @param indicator the indicator
   * @param allowed true to add it, false to revoke it
   * @param principal who
   * @param at when
   * @param reason why
   * @throws InvalidInputException if {@code indicator} is null
   */
  public static ControlChange allow(
      AllowIndicator indicator,
      boolean allowed,
      PrincipalName principal,
      Instant at,
      String reason) {
    return new ControlChange(
        0,
        allowed ? Kind.ALLOW : Kind.REVOKE_ALLOW,
        null,
        null,
        Checks.notNull(indicator, "indicator"),
        Set.of(),
        null,
        principal,
        at,
        reason);
  }

  /**
   * {@return a change that adds an allow indicator for some device groups, until a time, not yet
   * recorded}: adding an indicator again replaces its scope and end.
   *
   * @param indicator the indicator
   * @param scope the device groups whose investigations it applies to, empty for all (tenant-wide)
   * @param until when it ends, after {@code at}, or null for never
   * @param principal who
   * @param at when
   * @param reason why
   * @throws InvalidInputException if {@code indicator} is null
   */
  public static ControlChange allow(
      AllowIndicator indicator,
      Set<DeviceGroupName> scope,
      @Nullable Instant until,
      PrincipalName principal,
      Instant at,
      String reason) {
    return new ControlChange(
        0,
        Kind.ALLOW,
        null,
        null,
        Checks.notNull(indicator, "indicator"),
        scope,
        until,
        principal,
        at,
        reason);
  }

  /**
   * {@return this change with the number a store gave it}
   *
   * @param number the sequence number, positive
   */
  public ControlChange recordedAs(long number) {
    if (number <= 0) {
      throw new InvalidInputException(
          "sequence", number, "a recorded change's sequence must be positive, was " + number);
    }
    return new ControlChange(
        number, kind, group, device, indicator, scope, until, principal, at, reason);
  }
}
