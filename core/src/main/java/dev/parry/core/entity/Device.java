package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint: the target of isolation, containment, code restriction, scans and package
 * collection.
 *
 * <p>Its id is its identity and its key ({@code device:<id>}); everything else is an attribute. Its
 * name, domain, tags, OS and Defender device group are what device groups match on. The name may be
 * absent: Defender answers an empty name for some machines, and acting on a device needs its id
 * alone ({@link DeviceName#ofReported(String)}).
 *
 * @param id the backend's device id
 * @param name the host name, or null if the backend reported none
 * @param domain the DNS or directory domain the device belongs to, or null if it has none
 * @param tags the device's tags (copied; empty if none)
 * @param os the operating system family
 * @param entraDeviceId the device's Microsoft Entra ID, or null if not joined or not reported
 * @param rbacGroupName the device group Defender puts it in, or null if not reported
 */
public record Device(
    DeviceId id,
    @Nullable DeviceName name,
    @Nullable DomainName domain,
    Set<DeviceTag> tags,
    OsPlatform os,
    @Nullable EntraDeviceId entraDeviceId,
    @Nullable RbacGroupName rbacGroupName)
    implements DeviceEntity {

  /**
   * Validates the device and copies its tags.
   *
   * @param id the backend's device id
   * @param name the host name, or null if the backend reported none
   * @param domain the DNS or directory domain the device belongs to, or null if it has none
   * @param tags the device's tags (copied; empty if none)
   * @param os the operating system family
   * @param entraDeviceId the device's Microsoft Entra ID, or null if not joined or not reported
   * @param rbacGroupName the device group Defender puts it in, or null if not reported
   * @throws InvalidInputException if {@code id}, {@code tags}, a tag or {@code os} is null
   */
  public Device {
    Checks.notNull(id, "id");
    tags = Checks.setOf(tags, "tags");
    Checks.notNull(os, "os");
  }

  /**
   * Creates a device without an Entra id or a Defender device group.
   *
   * @param id the device id
   * @param name the host name, or null
   * @param domain the domain, or null
   * @param tags the tags
   * @param os the operating system family
   * @throws InvalidInputException if {@code id}, {@code tags}, a tag or {@code os} is null
   */
  public Device(
      DeviceId id,
      @Nullable DeviceName name,
      @Nullable DomainName domain,
      Set<DeviceTag> tags,
      OsPlatform os) {
    this(id, name, domain, tags, os, null, null);
  }

  /**
   * {@return a Windows device with no domain and no tags}
   *
   * <pre>{@code Device device = Device.of(DeviceId.of("a3f7c19e"), DeviceName.of("ws-042"));}</pre>
   *
   * @param id the device id
   * @param name the host name
   * @throws InvalidInputException if an argument is null
   */
  public static Device of(DeviceId id, DeviceName name) {
    return new Device(id, Checks.notNull(name, "name"), null, Set.of(), OsPlatform.WINDOWS);
  }

  /**
   * {@return this device with its Entra id and Defender device group}
   *
   * <pre>{@code
   * Device device = Device.of(id, name).withDirectory(EntraDeviceId.of(guid), RbacGroupName.of("Servers"));
   * }</pre>
   *
   * @param entra the Entra device id, or null
   * @param group the Defender device group name, or null
   */
  public Device withDirectory(@Nullable EntraDeviceId entra, @Nullable RbacGroupName group) {
    return new Device(id, name, domain, tags, os, entra, group);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("device:" + id.value());
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(id);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.empty();
  }
}
