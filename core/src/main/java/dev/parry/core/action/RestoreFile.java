package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Release a file from quarantine: the undo of {@link QuarantineFile} and {@link
 * StopAndQuarantineFile}.
 *
 * <p>Kind {@link ActionKind#RESTORE_FILE}; known to Defender's action API as "restore from
 * quarantine".
 *
 * @param file the quarantined file to release
 */
public record RestoreFile(DeviceFile file) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param file the quarantined file to release
   * @throws InvalidInputException if a component is null
   */
  public RestoreFile {
    Checks.notNull(file, "file");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESTORE_FILE;
  }

  @Override
  public DeviceFile target() {
    return file;
  }
}
