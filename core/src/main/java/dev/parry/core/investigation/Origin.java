package dev.parry.core.investigation;

import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.Device;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Where an investigation's alert came from: the device it is about, if any, and that device's
 * group. Recorded when the investigation opens, so that every runtime sharing the store, and a
 * runtime after a restart, applies the same safety guards to it (a paused group, a protected
 * device).
 *
 * <pre>{@code Origin origin = new Origin(DeviceGroupName.of("Tier-0 servers"), device);}</pre>
 *
 * @param group the device group the investigation runs in
 * @param device the device the alert is about, or null for an alert with no device (email,
 *     identity)
 */
public record Origin(DeviceGroupName group, @Nullable Device device) {

  private static final Origin UNGROUPED =
      new Origin(DeviceGroupName.of(DeviceGroup.UNGROUPED_NAME), null);

  /**
   * Validates the origin.
   *
   * @param group the device group the investigation runs in
   * @param device the device the alert is about, or null for an alert with no device (email,
   *     identity)
   * @throws InvalidInputException if {@code group} is null
   */
  public Origin {
    Checks.notNull(group, "group");
  }

  /** {@return the origin of an alert about no device: the ungrouped devices' group} */
  public static Origin ungrouped() {
    return UNGROUPED;
  }
}
