package dev.parry.core.entity;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint: the target of isolation, containment, code restriction, scans and package collection.
 *
 * <p>Its name, domain, tags and OS are what device groups match on; its key is its id alone.
 *
 * @param id the backend's device id
 * @param name the host name
 * @param domain the DNS or directory domain the device belongs to, or null if it has none
 * @param tags the device's tags (copied; empty if none)
 * @param os the operating system family
 */
public record Device(DeviceId id, DeviceName name, @Nullable DomainName domain, Set<DeviceTag> tags, OsPlatform os)
    implements DeviceEntity {

  /**
   * Validates the device and copies its tags.
   *
   * @throws NullPointerException if {@code id}, {@code name}, {@code tags}, a tag or {@code os} is null
   */
  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
    Objects.requireNonNull(os, "os");
  }

  /**
   * {@return a Windows device with no domain and no tags}
   *
   * <pre>{@code Device device = Device.of(DeviceId.of("a3f7c19e"), DeviceName.of("ws-042"));}</pre>
   *
   * @param id the device id
   * @param name the host name
   */
  public static Device of(DeviceId id, DeviceName name) {
    return new Device(id, name, null, Set.of(), OsPlatform.WINDOWS);
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
  public Optional<WindowsPath> filePath() {
    return Optional.empty();
  }
}
