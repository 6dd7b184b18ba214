package dev.parry.core.action;

import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Release a quarantined attachment: the undo of {@link QuarantineAttachment}.
 *
 * <p>Kind {@link ActionKind#RELEASE_ATTACHMENT}; known to Defender's action API as "release
 * attachment".
 *
 * @param attachment the attachment to release from quarantine
 */
public record ReleaseAttachment(EmailAttachment attachment) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param attachment the attachment to release from quarantine
   * @throws InvalidInputException if a component is null
   */
  public ReleaseAttachment {
    Checks.notNull(attachment, "attachment");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RELEASE_ATTACHMENT;
  }

  @Override
  public EmailAttachment target() {
    return attachment;
  }
}
