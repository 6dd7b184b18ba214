package dev.parry.core.entity;

import java.util.Optional;

/** An entity on an endpoint: the device itself or something found on it. */
public sealed interface DeviceEntity extends Entity
    permits Device,
        DeviceFile,
        DeviceProcess,
        WindowsService,
        Driver,
        RegistryKey,
        RegistryValue,
        ScheduledTask {

  @Override
  default EntityFamily family() {
    return EntityFamily.DEVICE;
  }

  /** {@return the device this entity lives on, or empty for a file identified by its hash alone} */
  Optional<DeviceId> deviceId();

  /**
   * {@return the file on disk this entity is backed by (a file's path, a process image, a service
   * binary, a driver), or empty if there is none}: the path that automation folder rules and
   * exclusions apply to.
   */
  Optional<FilePath> filePath();
}
