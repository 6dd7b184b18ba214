package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Collect a copy of a file for deep analysis.
 *
 * <p>Kind {@link ActionKind#REQUEST_SAMPLE}; known to Defender's action API as "request sample".
 *
 * @param file the file to collect a copy of
 */
public record RequestSample(DeviceFile file) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param file the file to collect a copy of
   * @throws InvalidInputException if a component is null
   */
  public RequestSample {
    Checks.notNull(file, "file");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REQUEST_SAMPLE;
  }

  @Override
  public DeviceFile target() {
    return file;
  }
}
