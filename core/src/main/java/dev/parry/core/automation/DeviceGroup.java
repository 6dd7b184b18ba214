package dev.parry.core.automation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * A device group: the devices its rule matches share one automation level. Groups are ranked; a
 * device belongs to the matching group with the lowest rank number (rank 1 wins).
 *
 * <pre>{@code
 * DeviceGroup servers = new DeviceGroup(DeviceGroupName.of("Servers"), 1,
 *     new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
 *     AutomationLevel.SEMI_ALL_FOLDERS);
 * }</pre>
 *
 * @param name the group's name
 * @param rank 1 or more; lower ranks are matched first
 * @param match the rule devices must satisfy
 * @param level the automation level of the group's devices
 */
public record DeviceGroup(DeviceGroupName name, int rank, DeviceMatch match, AutomationLevel level) {

  /** The name of the group a device falls into when no group matches it: {@value}. */
  public static final String UNGROUPED_NAME = "Ungrouped devices (default)";

  /**
   * Validates the group.
   *
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if {@code rank} is less than 1
   */
  public DeviceGroup {
    Checks.notNull(name, "name");
    Checks.notNull(match, "match");
    Checks.notNull(level, "level");
    if (rank < 1) {
      throw new InvalidInputException("rank", rank, "rank must be 1 or more, was: " + rank);
    }
  }
}
