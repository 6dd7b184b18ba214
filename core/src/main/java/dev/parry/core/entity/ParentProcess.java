package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The process that started another, as far as the report tells: its id, and when known its creation
 * time and image.
 *
 * @param processId the parent's process id, positive
 * @param creationTime when the parent was created, or null if not reported
 * @param imagePath the parent's executable, or null if not reported
 */
public record ParentProcess(
    long processId, @Nullable Instant creationTime, @Nullable FilePath imagePath) {

  /**
   * Validates the parent.
   *
   * @param processId the parent's process id, positive
   * @param creationTime when the parent was created, or null if not reported
   * @param imagePath the parent's executable, or null if not reported
   * @throws InvalidInputException if {@code processId} is not positive
   */
  public ParentProcess {
    if (processId <= 0) {
      throw new InvalidInputException(
          "processId",
          null,
          "parent processId must be positive, was: "
              + processId
              + (imagePath == null ? "" : " (" + Text.show(imagePath.value()) + ")"));
    }
  }
}
