package dev.parry.core.action;

import dev.parry.core.entity.EmailContent;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Purge email. Cannot be undone.
 *
 * <p>Kind {@link ActionKind#HARD_DELETE_EMAIL}; known to Defender's action API as "hard delete".
 *
 * @param content the email to purge: one message copy or a whole cluster of similar messages
 */
public record HardDeleteEmail(EmailContent content) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param content the email to purge: one message copy or a whole cluster of similar messages
   * @throws InvalidInputException if a component is null
   */
  public HardDeleteEmail {
    Checks.notNull(content, "content");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.HARD_DELETE_EMAIL;
  }

  @Override
  public EmailContent target() {
    return content;
  }
}
