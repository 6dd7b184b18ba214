package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Quarantine one copy of a file (the automated investigation's file remediation).
 *
 * <p>Kind {@link ActionKind#QUARANTINE_FILE}; known to Defender's action API as "AIR quarantine
 * file".
 *
 * @param file the copy of the file to quarantine
 */
public record QuarantineFile(DeviceFile file) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param file the copy of the file to quarantine
   * @throws InvalidInputException if a component is null
   */
  public QuarantineFile {
    Checks.notNull(file, "file");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.QUARANTINE_FILE;
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
