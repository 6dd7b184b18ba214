package dev.parry.core.action;

import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove a delegate's access to a mailbox.
 *
 * <p>Kind {@link ActionKind#REMOVE_DELEGATION}; known to Defender's action API as "remove
 * delegation".
 *
 * @param mailbox the mailbox whose delegate loses access
 * @param delegate the delegate whose access is removed
 */
public record RemoveDelegation(Mailbox mailbox, SmtpAddress delegate) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param mailbox the mailbox whose delegate loses access
   * @param delegate the delegate whose access is removed
   * @throws InvalidInputException if a component is null
   */
  public RemoveDelegation {
    Checks.notNull(mailbox, "mailbox");
    Checks.notNull(delegate, "delegate");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REMOVE_DELEGATION;
  }

  @Override
  public Mailbox target() {
    return mailbox;
  }
}
