package dev.parry.core.automation;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rule a device group matches devices with. Every criterion that is set must hold; a criterion
 * left unset (null or empty) matches every device, so a rule with none set matches all devices. A
 * device without a name never matches a name prefix; one whose Defender device group is not
 * reported never matches {@code rbacGroups}.
 *
 * <p>Make one with {@link #builder()} (or {@link #inRbacGroups} and {@link #ANY}): the rule may
 * gain criteria in a minor release, each unset by default, and code written against the builder
 * keeps compiling, where a call to the canonical constructor would not.
 *
 * <pre>{@code
 * DeviceMatch finance = DeviceMatch.builder().namePrefix("fin-").domain(DomainName.of("corp.contoso.com"))
 *     .anyTags(Set.of(DeviceTag.of("finance"))).platforms(Set.of(OsPlatform.WINDOWS)).build();
 * DeviceMatch tier0 = DeviceMatch.inRbacGroups(RbacGroupName.of("Tier 0 servers"));
 * }</pre>
 *
 * @param namePrefix the host name starts with this, case-insensitively; or null
 * @param domain the device's domain is exactly this; or null
 * @param anyTags the device carries at least one of these tags; or empty
 * @param platforms the device runs one of these; or empty
 * @param rbacGroups Defender puts the device in one of these device groups (its {@code
 *     rbacGroupName}, compared case-insensitively); or empty
 */
public record DeviceMatch(
    @Nullable String namePrefix,
    @Nullable DomainName domain,
    Set<DeviceTag> anyTags,
    Set<OsPlatform> platforms,
    Set<RbacGroupName> rbacGroups) {

  /** The rule that matches every device. */
  public static final DeviceMatch ANY = new DeviceMatch(null, null, Set.of(), Set.of());

  /**
   * Creates a rule that does not look at Defender's device group.
   *
   * @param namePrefix the name prefix, or null
   * @param domain the domain, or null
   * @param anyTags the tags, or empty
   * @param platforms the platforms, or empty
   * @throws InvalidInputException if a set or an element is null
   * @throws InvalidInputException if the name prefix is empty or holds a spoofing character
   */
  public DeviceMatch(
      @Nullable String namePrefix,
      @Nullable DomainName domain,
      Set<DeviceTag> anyTags,
      Set<OsPlatform> platforms) {
    this(namePrefix, domain, anyTags, platforms, Set.of());
  }

  /**
   * {@return a builder with no criterion set}: it builds {@link #ANY} unless told more
   *
   * <pre>
   * {@code DeviceMatch servers = DeviceMatch.builder().platforms(Set.of(OsPlatform.WINDOWS_SERVER)).build();}
   * </pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the rule that matches devices Defender puts in one of {@code groups}}
   *
   * @param groups Defender device group names
   * @throws InvalidInputException if a name is null
   */
  public static DeviceMatch inRbacGroups(RbacGroupName... groups) {
    return new DeviceMatch(
        null, null, Set.of(), Set.of(), Set.of(Checks.notNull(groups, "groups")));
  }

  /**
   * Validates the rule and copies its sets.
   *
   * @param namePrefix the host name starts with this, case-insensitively; or null
   * @param domain the device's domain is exactly this; or null
   * @param anyTags the device carries at least one of these tags; or empty
   * @param platforms the device runs one of these; or empty
   * @param rbacGroups Defender puts the device in one of these device groups (its {@code
   *     rbacGroupName}, compared case-insensitively); or empty
   * @throws InvalidInputException if a set or an element is null
   * @throws InvalidInputException if the name prefix is empty or holds a spoofing character
   */
  public DeviceMatch {
    if (namePrefix != null) {
      Text.requireIdentifier("namePrefix", namePrefix, 1, 255);
    }
    anyTags = Checks.setOf(anyTags, "anyTags");
    platforms = Checks.setOf(platforms, "platforms");
    rbacGroups = Checks.setOf(rbacGroups, "rbacGroups");
  }

  /**
   * {@return whether {@code device} could belong here}: as {@link #matches}, but a criterion the
   * device does not report (no host name for a name prefix, no domain, an unreported platform
   * ({@code OTHER}), no Defender device group) is not held against it
   *
   * @param device the device
   * @throws dev.parry.core.error.InvalidInputException if {@code device} is null
   */
  public boolean mightMatch(Device device) {
    if (matches(device)) { // refuses a null device
      return true;
    }
    boolean nameUnknown = namePrefix != null && device.name() == null;
    boolean groupUnknown = !rbacGroups.isEmpty() && device.rbacGroupName() == null;
    boolean domainUnknown = domain != null && device.domain() == null;
    boolean osUnknown = !platforms.isEmpty() && device.os() == OsPlatform.OTHER;
    if (!nameUnknown && !groupUnknown && !domainUnknown && !osUnknown) {
      return false;
    }
    return new DeviceMatch(
            nameUnknown ? null : namePrefix,
            domainUnknown ? null : domain,
            anyTags,
            osUnknown ? Set.of() : platforms,
            groupUnknown ? Set.of() : rbacGroups)
        .matches(device);
  }

  /**
   * {@return whether {@code device} satisfies every criterion that is set}
   *
   * @param device the device
   * @throws dev.parry.core.error.InvalidInputException if {@code device} is null
   */
  public boolean matches(Device device) {
    DeviceName name = Checks.notNull(device, "device").name();
    if (namePrefix != null
        && (name == null
            || !name.value()
                .toLowerCase(Locale.ROOT)
                .startsWith(namePrefix.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    RbacGroupName group = device.rbacGroupName();
    if (!rbacGroups.isEmpty() && (group == null || !rbacGroups.contains(group))) {
      return false;
    }
    if (domain != null && !domain.equals(device.domain())) {
      return false;
    }
    if (!anyTags.isEmpty() && device.tags().stream().noneMatch(anyTags::contains)) {
      return false;
    }
    return platforms.isEmpty() || platforms.contains(device.os());
  }

  /**
   * Makes a {@link DeviceMatch}. Every criterion is unset by default and matches every device; each
   * setter checks its argument at once and replaces what was set before. A builder is not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable String namePrefix;
    private @Nullable DomainName domain;
    private Set<DeviceTag> anyTags = Set.of();
    private Set<OsPlatform> platforms = Set.of();
    private Set<RbacGroupName> rbacGroups = Set.of();

    private Builder() {}

    /**
     * Matches devices whose host name starts with {@code value}, compared case-insensitively
     * (default: any name, and devices without one). A device without a name never matches a prefix.
     *
     * @param value 1-255 characters without spoofing characters (the identifier rule of {@link
     *     dev.parry.core.entity})
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is empty, too long or holds a spoofing character
     */
    public Builder namePrefix(String value) {
      this.namePrefix = Text.requireIdentifier("namePrefix", value, 1, 255);
      return this;
    }

    /**
     * Matches devices in exactly this DNS or directory domain (default: any domain, and devices
     * without one).
     *
     * @param value the domain
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder domain(DomainName value) {
      this.domain = Checks.notNull(value, "domain");
      return this;
    }

    /**
     * Matches devices that carry at least one of these tags, compared case-insensitively (default:
     * empty, any tags).
     *
     * @param value the tags, empty for any (copied)
     * @return this builder
     * @throws InvalidInputException if the set or an element is null
     */
    public Builder anyTags(Set<DeviceTag> value) {
      this.anyTags = Checks.setOf(value, "anyTags");
      return this;
    }

    /**
     * Matches devices that run one of these operating system families (default: empty, any
     * platform).
     *
     * @param value the platforms, empty for any (copied)
     * @return this builder
     * @throws InvalidInputException if the set or an element is null
     */
    public Builder platforms(Set<OsPlatform> value) {
      this.platforms = Checks.setOf(value, "platforms");
      return this;
    }

    /**
     * Matches devices Defender puts in one of these device groups, by their {@code rbacGroupName},
     * compared case-insensitively (default: empty, any group). A device whose group is not reported
     * never matches a set that is not empty.
     *
     * @param value the group names, empty for any (copied)
     * @return this builder
     * @throws InvalidInputException if the set or an element is null
     */
    public Builder rbacGroups(Set<RbacGroupName> value) {
      this.rbacGroups = Checks.setOf(value, "rbacGroups");
      return this;
    }

    /** {@return the rule} */
    public DeviceMatch build() {
      return new DeviceMatch(namePrefix, domain, anyTags, platforms, rbacGroups);
    }
  }
}
