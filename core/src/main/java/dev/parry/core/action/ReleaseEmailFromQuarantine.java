package dev.parry.core.action;

import dev.parry.core.entity.EmailContent;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Release email from quarantine to its recipients: the undo of {@link QuarantineEmail}.
 *
 * <p>Kind {@link ActionKind#RELEASE_EMAIL_FROM_QUARANTINE}; known to Defender's action API as
 * "release from quarantine".
 *
 * @param content the email to release from quarantine: one message copy or a whole cluster of
 *     similar messages
 */
public record ReleaseEmailFromQuarantine(EmailContent content) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param content the email to release from quarantine: one message copy or a whole cluster of
   *     similar messages
   * @throws InvalidInputException if a component is null
   */
  public ReleaseEmailFromQuarantine {
    Checks.notNull(content, "content");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RELEASE_EMAIL_FROM_QUARANTINE;
  }

  @Override
  public EmailContent target() {
    return content;
  }
}
