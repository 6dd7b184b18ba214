package dev.parry.core.action;

import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Quarantine one attachment, leaving the message.
 *
 * <p>Kind {@link ActionKind#QUARANTINE_ATTACHMENT}; known to Defender's action API as "quarantine
 * attachment".
 *
 * @param attachment the attachment to quarantine
 */
public record QuarantineAttachment(EmailAttachment attachment)
    implements EmailAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param attachment the attachment to quarantine
   * @throws InvalidInputException if a component is null
   */
  public QuarantineAttachment {
    Checks.notNull(attachment, "attachment");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.QUARANTINE_ATTACHMENT;
  }

  @Override
  public EmailAttachment target() {
    return attachment;
  }

  /** {@return the action that undoes this one: {@link ReleaseAttachment} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new ReleaseAttachment(attachment);
  }
}
