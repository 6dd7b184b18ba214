package dev.parry.core.automation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * A device group: the devices its rule matches share one automation level. Groups are ranked; a
 * device belongs to the matching group with the lowest rank number (rank 1 wins).
 *
 * <pre>{@code
 * DeviceGroup servers = DeviceGroup.of(DeviceGroupName.of("Servers"), 1,
 *     DeviceMatch.builder().platforms(Set.of(OsPlatform.WINDOWS_SERVER)).build(),
 *     AutomationLevel.SEMI_ALL_FOLDERS);
 * }</pre>
 *
 * @param name the group's name
 * @param rank 1 or more; lower ranks are matched first
 * @param match the rule devices must satisfy
 * @param level the automation level of the group's devices
 */
public record DeviceGroup(
    DeviceGroupName name, int rank, DeviceMatch match, AutomationLevel level) {

  /** The name of the group a device falls into when no group matches it: {@value}. */
  public static final String UNGROUPED_NAME = "Ungrouped devices (default)";

  /**
   * Validates the group.
   *
   * @param name the group's name
   * @param rank 1 or more; lower ranks are matched first
   * @param match the rule devices must satisfy
   * @param level the automation level of the group's devices
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

  /**
   * {@return the group {@code name} at {@code rank}, holding the devices {@code match} matches at
   * {@code level}}: the documented way to make a group, which keeps compiling if the type gains a
   * setting
   *
   * <pre>
   * {@code DeviceGroup servers = DeviceGroup.of(DeviceGroupName.of("Servers"), 1, serverMatch, AutomationLevel.SEMI_ALL_FOLDERS);}
   * </pre>
   *
   * @param name the group's name
   * @param rank 1 or more; lower ranks are matched first
   * @param match the rule devices must satisfy
   * @param level the automation level of the group's devices
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code rank} is less than 1
   */
  public static DeviceGroup of(
      DeviceGroupName name, int rank, DeviceMatch match, AutomationLevel level) {
    return new DeviceGroup(name, rank, match, level);
  }
}
