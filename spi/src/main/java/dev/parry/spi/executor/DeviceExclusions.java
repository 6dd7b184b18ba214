package dev.parry.spi.executor;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Collections;
import java.util.Set;

/**
 * The devices a request must leave untouched: the protected assets a fleet-wide device action (a
 * file known by its hash alone, quarantined wherever it is) would otherwise reach. A device is
 * excluded when its id is in {@link #devices()} or it carries a tag in {@link #tags()}, unless its
 * id is in {@link #opened()}: a break-glass override opened it, and it wins over both.
 *
 * <p>The runtime sends exclusions only with actions whose target is not one device; a request about
 * one device carries {@link #none()}. An executor that {@linkplain
 * DeviceActionExecutor#honoursExclusions() honours exclusions} must leave every excluded device
 * untouched (rule EXE-12).
 *
 * <pre>{@code
 * DeviceExclusions exclusions = request.exclusions();
 * for (Machine machine : backend.machinesWithFile(hash)) {
 *   if (!exclusions.excludes(DeviceId.of(machine.id()), tagsOf(machine))) {
 *     backend.stopAndQuarantine(machine.id(), hash);
 *   }
 * }
 * }</pre>
 *
 * @param devices the protected devices to leave out, by id (copied)
 * @param tags the protected tags: every device carrying one is left out (copied; compared as {@link
 *     DeviceTag} compares, case-insensitively)
 * @param opened devices a break-glass override opened: never excluded, even when listed or tagged
 *     (copied)
 */
public record DeviceExclusions(Set<DeviceId> devices, Set<DeviceTag> tags, Set<DeviceId> opened) {

  private static final DeviceExclusions NONE = new DeviceExclusions(Set.of(), Set.of(), Set.of());

  /**
   * Copies the sets.
   *
   * @param devices the protected devices to leave out, by id (copied)
   * @param tags the protected tags: every device carrying one is left out (copied; compared as
   *     {@link DeviceTag} compares, case-insensitively)
   * @param opened devices a break-glass override opened: never excluded, even when listed or tagged
   *     (copied)
   * @throws InvalidInputException if a set or an element is null
   */
  public DeviceExclusions {
    devices = Checks.setOf(devices, "devices");
    tags = Checks.setOf(tags, "tags");
    opened = Checks.setOf(opened, "opened");
  }

  /**
   * {@return exclusions of {@code devices} and of every device carrying one of {@code tags}, except
   * the {@code opened} ones}: the documented way to make exclusions (in a test or a wrapping
   * executor), which keeps compiling if the type gains a setting
   *
   * <pre>
   * {@code DeviceExclusions exclusions = DeviceExclusions.of(Set.of(DeviceId.of("dc-01")), Set.of(DeviceTag.of("crown-jewel")), Set.of());}
   * </pre>
   *
   * @param devices the protected devices to leave out, by id (copied)
   * @param tags the protected tags (copied)
   * @param opened devices a break-glass override opened (copied)
   * @throws NullPointerException if a set or an element is null
   */
  public static DeviceExclusions of(
      Set<DeviceId> devices, Set<DeviceTag> tags, Set<DeviceId> opened) {
    return new DeviceExclusions(devices, tags, opened);
  }

  /** {@return no exclusions: every device may be reached} */
  public static DeviceExclusions none() {
    return NONE;
  }

  /** {@return whether no device is excluded}: no device id and no tag to leave out */
  public boolean isEmpty() {
    return devices.isEmpty() && tags.isEmpty();
  }

  /**
   * {@return whether the device must be left untouched}
   *
   * @param device the device's id
   * @param deviceTags the tags the device carries now, possibly empty
   * @throws InvalidInputException if an argument is null
   */
  public boolean excludes(DeviceId device, Set<DeviceTag> deviceTags) {
    Checks.notNull(device, "device");
    Checks.notNull(deviceTags, "deviceTags");
    if (opened.contains(device)) {
      return false;
    }
    return devices.contains(device) || !Collections.disjoint(tags, deviceTags);
  }

  @Override
  public String toString() {
    return "DeviceExclusions{devices="
        + devices.size()
        + ", tags="
        + tags
        + ", opened="
        + opened.size()
        + "}";
  }
}
