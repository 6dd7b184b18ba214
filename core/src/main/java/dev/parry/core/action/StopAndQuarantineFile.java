package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Stop the processes running a file and quarantine it, on its device or (for a file without one) on
 * every device.
 *
 * <p>Kind {@link ActionKind#STOP_AND_QUARANTINE_FILE}; known to Defender's action API as
 * "StopAndQuarantineFile".
 *
 * @param file the file to stop and quarantine: on its device, or on every device for a file without
 *     one
 */
public record StopAndQuarantineFile(DeviceFile file) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param file the file to stop and quarantine: on its device, or on every device for a file
   *     without one
   * @throws InvalidInputException if a component is null
   */
  public StopAndQuarantineFile {
    Checks.notNull(file, "file");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.STOP_AND_QUARANTINE_FILE;
  }

  @Override
  public DeviceFile target() {
    return file;
  }

  /** {@return the action that undoes this one: {@link RestoreFile} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new RestoreFile(file);
  }
}
