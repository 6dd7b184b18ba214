package dev.parry.spi.safety;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured safety guards: blast-radius limits and protected assets (devices by id or by tag)
 * that never receive automatic actions. The kill switch and break-glass overrides are operations on
 * the runtime, not configuration.
 *
 * <pre>{@code
 * SafetyGuards guards = SafetyGuards.builder()
 *     .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 20, Duration.ofHours(1)))
 *     .protectDevice(DeviceId.of("dc-01"))
 *     .protectTag(DeviceTag.of("tier-0"))
 *     .build();
 * }</pre>
 */
public final class SafetyGuards {

  private static final SafetyGuards NONE = new SafetyGuards(List.of(), Set.of(), Set.of());

  private final List<BlastRadiusLimit> limits;
  private final Set<DeviceId> protectedDevices;
  private final Set<DeviceTag> protectedTags;

  private SafetyGuards(
      List<BlastRadiusLimit> limits, Set<DeviceId> protectedDevices, Set<DeviceTag> protectedTags) {
    this.limits = limits;
    this.protectedDevices = protectedDevices;
    this.protectedTags = protectedTags;
  }

  /** {@return no guards} */
  public static SafetyGuards none() {
    return NONE;
  }

  /** {@return a builder with no guards} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the blast-radius limits} */
  public List<BlastRadiusLimit> limits() {
    return limits;
  }

  /** {@return the devices that never receive automatic actions} */
  public Set<DeviceId> protectedDevices() {
    return protectedDevices;
  }

  /** {@return the device tags whose devices never receive automatic actions} */
  public Set<DeviceTag> protectedTags() {
    return protectedTags;
  }

  @Override
  public String toString() {
    return "SafetyGuards{limits="
        + limits
        + ", protectedDevices="
        + protectedDevices.size()
        + ", protectedTags="
        + protectedTags
        + "}";
  }

  /** Collects guards; every method fails fast on null. */
  public static final class Builder {
    private final List<BlastRadiusLimit> limits = new ArrayList<>();
    private final Set<DeviceId> devices = new HashSet<>();
    private final Set<DeviceTag> tags = new HashSet<>();

    private Builder() {}

    /**
     * Adds a blast-radius limit: past its count of automatic actions in its window, new automatic
     * actions wait for approval instead (default: none). Every limit added holds at once.
     *
     * <pre>
     * {@code builder.limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 20, Duration.ofHours(1)));}
     * </pre>
     *
     * @param limit the limit
     * @return this builder
     * @throws InvalidInputException if {@code limit} is null
     */
    public Builder limit(BlastRadiusLimit limit) {
      limits.add(Checks.notNull(limit, "limit"));
      return this;
    }

    /**
     * Protects a device: actions on it or on anything on it always wait for approval, and a
     * fleet-wide action leaves it out (default: no device is protected). Protecting it twice is the
     * same as once.
     *
     * @param device the device
     * @return this builder
     * @throws InvalidInputException if {@code device} is null
     */
    public Builder protectDevice(DeviceId device) {
      devices.add(Checks.notNull(device, "device"));
      return this;
    }

    /**
     * Protects every device carrying a tag, as {@link #protectDevice} protects one device (default:
     * no tag is protected). Tags compare case-insensitively.
     *
     * @param tag the tag
     * @return this builder
     * @throws InvalidInputException if {@code tag} is null
     */
    public Builder protectTag(DeviceTag tag) {
      tags.add(Checks.notNull(tag, "tag"));
      return this;
    }

    /** {@return the guards} */
    public SafetyGuards build() {
      return new SafetyGuards(List.copyOf(limits), Set.copyOf(devices), Set.copyOf(tags));
    }
  }
}
