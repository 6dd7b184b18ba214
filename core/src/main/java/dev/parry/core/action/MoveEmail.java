package dev.parry.core.action;

import dev.parry.core.entity.EmailContent;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Move email to the junk, inbox or deleted items folder. The undo of {@link SoftDeleteEmail} is a
 * move to the inbox; a move itself is undone by another move, taken as a new action.
 *
 * <p>Kind {@link ActionKind#MOVE_EMAIL}; known to Defender's action API as "move to folder".
 *
 * @param content the email to move: one message copy or a whole cluster of similar messages
 * @param destination the folder to move to
 */
public record MoveEmail(EmailContent content, MailFolder destination) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param content the email to move: one message copy or a whole cluster of similar messages
   * @param destination the folder to move to
   * @throws InvalidInputException if a component is null
   */
  public MoveEmail {
    Checks.notNull(content, "content");
    Checks.notNull(destination, "destination");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.MOVE_EMAIL;
  }

  @Override
  public EmailContent target() {
    return content;
  }
}
