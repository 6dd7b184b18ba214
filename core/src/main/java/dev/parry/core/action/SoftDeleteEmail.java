package dev.parry.core.action;

import dev.parry.core.entity.EmailContent;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Move email to the mailbox's Recoverable Items folder, from where it can be moved back.
 *
 * <p>Kind {@link ActionKind#SOFT_DELETE_EMAIL}; known to Defender's action API as "soft delete".
 *
 * @param content the email to delete: one message copy or a whole cluster of similar messages
 * @param includeSenderCopy also delete the copy in the sender's Sent Items
 */
public record SoftDeleteEmail(EmailContent content, boolean includeSenderCopy)
    implements EmailAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param content the email to delete: one message copy or a whole cluster of similar messages
   * @param includeSenderCopy also delete the copy in the sender's Sent Items
   * @throws InvalidInputException if a component is null
   */
  public SoftDeleteEmail {
    Checks.notNull(content, "content");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.SOFT_DELETE_EMAIL;
  }

  @Override
  public EmailContent target() {
    return content;
  }

  /** {@return the action that undoes this one: {@link MoveEmail} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new MoveEmail(content, MailFolder.INBOX);
  }
}
