package dev.parry.core.action;

import dev.parry.core.entity.DeviceProcess;
import java.util.Objects;

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
   * @throws NullPointerException if a component is null
   */
  public KillProcess {
    Objects.requireNonNull(process, "process");
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
