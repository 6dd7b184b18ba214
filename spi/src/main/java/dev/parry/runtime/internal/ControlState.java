package dev.parry.runtime.internal;

import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.InternalErrorException;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.spi.safety.ControlChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the control changes up to {@code sequence} add up to, folded in sequence order: whether
 * automation is paused everywhere, the paused groups, the break-glass overrides (the latest per
 * device) and the allow indicators recorded at run time. Immutable.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * @param sequence the number of the last change folded in, 0 for none
 * @param pausedEverywhere whether the kill switch for every group is thrown
 * @param pausedGroups the device groups paused one by one
 * @param breakGlass when each device's latest break-glass override ends
 * @param allowed the allow indicators added and not revoked, each with the change that added it
 *     last (its scope and end)
 */
public record ControlState(
    long sequence,
    boolean pausedEverywhere,
    Set<DeviceGroupName> pausedGroups,
    Map<DeviceId, Instant> breakGlass,
    Map<AllowIndicator, ControlChange> allowed) {

  /** No change yet. */
  public static final ControlState EMPTY = new ControlState(0, false, Set.of(), Map.of(), Map.of());

  /** Copies. */
  public ControlState {
    pausedGroups = Set.copyOf(pausedGroups);
    breakGlass = Map.copyOf(breakGlass);
    allowed = Map.copyOf(allowed);
  }

  /**
   * {@return this state with {@code changes} folded in}: those at or below {@link #sequence} are
   * skipped, so folding a change twice changes nothing.
   *
   * @param changes changes in sequence order
   */
  public ControlState with(List<ControlChange> changes) {
    long last = sequence;
    boolean everywhere = pausedEverywhere;
    Set<DeviceGroupName> groups = new HashSet<>(pausedGroups);
    Map<DeviceId, Instant> glass = new HashMap<>(breakGlass);
    Map<AllowIndicator, ControlChange> indicators = new HashMap<>(allowed);
    for (ControlChange change : changes) {
      if (change.sequence() <= last) {
        continue;
      }
      last = change.sequence();
      DeviceGroupName group = change.group();
      switch (change.kind()) {
        case PAUSE, RESUME -> {
          boolean paused = change.kind() == ControlChange.Kind.PAUSE;
          if (group == null) {
            everywhere = paused;
          } else if (paused) {
            groups.add(group);
          } else {
            groups.remove(group);
          }
        }
        case BREAK_GLASS ->
            glass.put(require(change.device(), change), require(change.until(), change));
        case ALLOW -> indicators.put(require(change.indicator(), change), change);
        case REVOKE_ALLOW -> indicators.remove(require(change.indicator(), change));
      }
    }
    return new ControlState(last, everywhere, groups, glass, indicators);
  }

  private static <T> T require(@Nullable T value, ControlChange change) {
    if (value == null) {
      throw new InternalErrorException(
          "control change " + change.sequence() + " lacks its subject: " + change);
    }
    return value;
  }
}
