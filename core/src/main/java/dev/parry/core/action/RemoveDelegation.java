package dev.parry.core.action;

import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.SmtpAddress;
import java.util.Objects;

/**
 * Remove a delegate's access to a mailbox.
 *
 * <p>Kind {@link ActionKind#REMOVE_DELEGATION}; known to Defender's action API as "remove delegation".
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
   * @throws NullPointerException if a component is null
   */
  public RemoveDelegation {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(delegate, "delegate");
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
