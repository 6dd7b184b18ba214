package dev.parry.core.action;

import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove a scheduled task (a backup is kept so it can be restored).
 *
 * <p>Kind {@link ActionKind#REMOVE_SCHEDULED_TASK}; known to Defender's action API as "AIR remove
 * scheduled task".
 *
 * @param task the scheduled task to remove, on its device
 */
public record RemoveScheduledTask(ScheduledTask task) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param task the scheduled task to remove, on its device
   * @throws InvalidInputException if a component is null
   */
  public RemoveScheduledTask {
    Checks.notNull(task, "task");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REMOVE_SCHEDULED_TASK;
  }

  @Override
  public ScheduledTask target() {
    return task;
  }

  /** {@return the action that undoes this one: {@link RestoreScheduledTask} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new RestoreScheduledTask(task);
  }
}
