package dev.parry.core.automation;

import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant's device groups and its "Ungrouped devices (default)" group, resolving each device to
 * the one group it belongs to.
 *
 * <pre>{@code
 * DeviceGroups groups = DeviceGroups.of(AutomationLevel.FULL, List.of(servers, finance));
 * AutomationLevel level = groups.resolve(device).level();
 * }</pre>
 */
public final class DeviceGroups {

  private final List<DeviceGroup> ranked;
  private final DeviceGroup ungrouped;

  private DeviceGroups(List<DeviceGroup> ranked, DeviceGroup ungrouped) {
    this.ranked = ranked;
    this.ungrouped = ungrouped;
  }

  /**
   * {@return only the default group, at {@link AutomationLevel#FULL}}, the level of tenants created
   * since 2020-08-16.
   */
  public static DeviceGroups ungroupedOnly() {
    return of(AutomationLevel.FULL, List.of());
  }

  /**
   * {@return these groups, with the ungrouped default at {@code ungroupedLevel}}
   *
   * @param ungroupedLevel the level of devices no group matches
   * @param groups the groups, in any order
   * @throws InvalidInputException if an argument or a group is null
   * @throws InvalidInputException if two groups share a rank or a name, or a group is named like
   *     the ungrouped default
   */
  public static DeviceGroups of(AutomationLevel ungroupedLevel, List<DeviceGroup> groups) {
    Checks.notNull(ungroupedLevel, "ungroupedLevel");
    List<DeviceGroup> sorted = new ArrayList<>(Checks.notNull(groups, "groups"));
    Set<Integer> ranks = new HashSet<>();
    Set<DeviceGroupName> names = new HashSet<>();
    DeviceGroupName ungroupedName = DeviceGroupName.of(DeviceGroup.UNGROUPED_NAME);
    for (DeviceGroup group : sorted) {
      Checks.notNull(group, "group");
      if (!ranks.add(group.rank())) {
        throw new InvalidInputException(
            "groups",
            null,
            "device group ranks must be unique, rank " + group.rank() + " is repeated");
      }
      if (!names.add(group.name()) || group.name().equals(ungroupedName)) {
        throw new InvalidInputException(
            "groups", null, "device group names must be unique, was: '" + group.name() + "'");
      }
    }
    sorted.sort(Comparator.comparingInt(DeviceGroup::rank));
    return new DeviceGroups(
        List.copyOf(sorted),
        new DeviceGroup(ungroupedName, Integer.MAX_VALUE, DeviceMatch.ANY, ungroupedLevel));
  }

  /**
   * {@return the group {@code device} belongs to: the matching group with the lowest rank, or the
   * ungrouped default}. A device that does not report what a group ranked before that one matches
   * on (a host name for a name prefix, a domain, its platform, Defender's device group) might
   * belong to that group: of those groups and the one it matches, the device gets the one whose
   * level automates least, so an unreported name never moves a device to a more permissive group.
   *
   * @param device the device
   * @throws InvalidInputException if {@code device} is null
   */
  public DeviceGroup resolve(Device device) {
    Checks.notNull(device, "device");
    DeviceGroup cautious = null;
    for (DeviceGroup group : ranked) {
      if (group.match().matches(device)) {
        return cautious == null || restraint(group.level()) >= restraint(cautious.level())
            ? group
            : cautious;
      }
      if (group.match().mightMatch(device)
          && (cautious == null || restraint(group.level()) > restraint(cautious.level()))) {
        cautious = group;
      }
    }
    return cautious == null || restraint(ungrouped.level()) >= restraint(cautious.level())
        ? ungrouped
        : cautious;
  }

  /** {@return how little {@code level} automates: higher holds more back} */
  private static int restraint(AutomationLevel level) {
    return switch (level) {
      case FULL -> 0;
      case SEMI_CORE_FOLDERS -> 1;
      case SEMI_NON_TEMP_FOLDERS -> 2;
      case SEMI_ALL_FOLDERS -> 3;
      case NO_AUTOMATED_RESPONSE -> 4;
    };
  }

  /** {@return the groups, by rank, without the ungrouped default} */
  public List<DeviceGroup> groups() {
    return ranked;
  }

  /** {@return the ungrouped default group} */
  public DeviceGroup ungrouped() {
    return ungrouped;
  }

  @Override
  public String toString() {
    return "DeviceGroups{groups=" + ranked + ", ungrouped=" + ungrouped.level() + "}";
  }
}
