package dev.parry.core.action;

import dev.parry.core.entity.Mailbox;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove a mailbox's rule that forwards mail outside the organisation.
 *
 * <p>Kind {@link ActionKind#TURN_OFF_EXTERNAL_FORWARDING}; known to Defender's action API as
 * "remove forwarding rule".
 *
 * @param mailbox the mailbox whose rule forwarding mail outside the organisation is removed
 */
public record TurnOffExternalForwarding(Mailbox mailbox) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param mailbox the mailbox whose rule forwarding mail outside the organisation is removed
   * @throws InvalidInputException if a component is null
   */
  public TurnOffExternalForwarding {
    Checks.notNull(mailbox, "mailbox");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.TURN_OFF_EXTERNAL_FORWARDING;
  }

  @Override
  public Mailbox target() {
    return mailbox;
  }
}
