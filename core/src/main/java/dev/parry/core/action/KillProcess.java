package dev.parry.core.action;

import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Terminate a process. Cannot be undone.
 *
 * <p>Kind {@link ActionKind#KILL_PROCESS}; known to Defender's action API as "AIR kill process".
 *
 * @param process the process to terminate, on its device
 */
public record KillProcess(DeviceProcess process) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param process the process to terminate, on its device
   * @throws InvalidInputException if a component is null
   */
  public KillProcess {
    Checks.notNull(process, "process");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.KILL_PROCESS;
  }

  @Override
  public DeviceProcess target() {
    return process;
  }
}
