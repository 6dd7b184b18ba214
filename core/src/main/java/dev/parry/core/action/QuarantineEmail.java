package dev.parry.core.action;

import dev.parry.core.entity.EmailContent;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Move email to quarantine.
 *
 * <p>Kind {@link ActionKind#QUARANTINE_EMAIL}; known to Defender's action API as "quarantine
 * email".
 *
 * @param content the email to quarantine: one message copy or a whole cluster of similar messages
 */
public record QuarantineEmail(EmailContent content) implements EmailAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param content the email to quarantine: one message copy or a whole cluster of similar messages
   * @throws InvalidInputException if a component is null
   */
  public QuarantineEmail {
    Checks.notNull(content, "content");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.QUARANTINE_EMAIL;
  }

  @Override
  public EmailContent target() {
    return content;
  }

  /**
   * {@return the action that undoes this one: {@link ReleaseEmailFromQuarantine} on the same
   * target}
   */
  @Override
  public RemediationAction inverse() {
    return new ReleaseEmailFromQuarantine(content);
  }
}
