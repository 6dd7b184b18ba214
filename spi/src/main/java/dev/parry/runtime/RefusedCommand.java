package dev.parry.runtime;

import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;

/**
 * A command the investigation refused, whatever the category it is thrown in: {@link
 * CommandRejectedException} (a conflict with the current state, HTTP 409), {@link
 * InvalidCommandException} (a value the command carries, HTTP 400) or {@link
 * UnknownActionException} (an action the investigation does not have, HTTP 404). A caller that
 * switches on the reason catches the Parry exception and asks for this:
 *
 * <pre>{@code
 * try {
 *   runtime.approve(actionId, caller, comment);
 * } catch (ParryException e) {
 *   if (e instanceof RefusedCommand refused && refused.reason() == RejectionReason.ILLEGAL_TRANSITION) {
 *     // reload and decide again
 *   }
 * }
 * }</pre>
 */
public sealed interface RefusedCommand
    permits CommandRejectedException, InvalidCommandException, UnknownActionException {

  /** {@return why the command was refused, as the investigation said} */
  Rejection rejection();

  /** {@return the reason, to switch on} */
  default RejectionReason reason() {
    return rejection().reason();
  }
}
