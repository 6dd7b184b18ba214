package dev.parry.core.action;

import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Restore a removed scheduled task: the undo of {@link RemoveScheduledTask}.
 *
 * <p>Kind {@link ActionKind#RESTORE_SCHEDULED_TASK}; known to Defender's action API as "restore
 * scheduled task".
 *
 * @param task the scheduled task to restore, on its device
 */
public record RestoreScheduledTask(ScheduledTask task) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param task the scheduled task to restore, on its device
   * @throws InvalidInputException if a component is null
   */
  public RestoreScheduledTask {
    Checks.notNull(task, "task");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESTORE_SCHEDULED_TASK;
  }

  @Override
  public ScheduledTask target() {
    return task;
  }
}
