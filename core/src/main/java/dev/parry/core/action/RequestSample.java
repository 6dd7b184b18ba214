package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import java.util.Objects;

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
   * @throws NullPointerException if a component is null
   */
  public RequestSample {
    Objects.requireNonNull(file, "file");
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
