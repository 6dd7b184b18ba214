package dev.parry.core.automation;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.internal.Text;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rule a device group matches devices with. Every criterion that is set must hold; a criterion
 * left unset (null or empty) matches every device, so a rule with none set matches all devices.
 *
 * <pre>{@code
 * DeviceMatch finance = new DeviceMatch("fin-", DomainName.of("corp.contoso.com"),
 *     Set.of(DeviceTag.of("finance")), Set.of(OsPlatform.WINDOWS));
 * }</pre>
 *
 * @param namePrefix the host name starts with this, case-insensitively; or null
 * @param domain the device's domain is exactly this; or null
 * @param anyTags the device carries at least one of these tags; or empty
 * @param platforms the device runs one of these; or empty
 */
public record DeviceMatch(@Nullable String namePrefix, @Nullable DomainName domain, Set<DeviceTag> anyTags,
    Set<OsPlatform> platforms) {

  /** The rule that matches every device. */
  public static final DeviceMatch ANY = new DeviceMatch(null, null, Set.of(), Set.of());

  /**
   * Validates the rule and copies its sets.
   *
   * @throws NullPointerException if a set or an element is null
   * @throws IllegalArgumentException if the name prefix is empty or holds a spoofing character
   */
  public DeviceMatch {
    if (namePrefix != null) {
      Text.requireIdentifier("namePrefix", namePrefix, 1, 255);
    }
    anyTags = Set.copyOf(Objects.requireNonNull(anyTags, "anyTags"));
    platforms = Set.copyOf(Objects.requireNonNull(platforms, "platforms"));
  }

  /**
   * {@return whether {@code device} satisfies every criterion that is set}
   *
   * @param device the device
   */
  public boolean matches(Device device) {
    if (namePrefix != null
        && !device.name().value().toLowerCase(Locale.ROOT).startsWith(namePrefix.toLowerCase(Locale.ROOT))) {
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
}
