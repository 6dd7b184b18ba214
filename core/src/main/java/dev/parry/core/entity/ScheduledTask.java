package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Locale;
import java.util.Optional;

/**
 * A scheduled task on a device, the target of "remove scheduled task" (undone by restoring it).
 *
 * @param device the device the task is scheduled on
 * @param path the task's path in the Task Scheduler library
 */
public record ScheduledTask(DeviceId device, ScheduledTaskPath path) implements DeviceEntity {

  /**
   * Validates the task.
   *
   * @param device the device the task is scheduled on
   * @param path the task's path in the Task Scheduler library
   * @throws InvalidInputException if {@code device} or {@code path} is null
   */
  public ScheduledTask {
    Checks.notNull(device, "device");
    Checks.notNull(path, "path");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "task:" + device.value() + ":" + path.value().toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.empty();
  }
}
