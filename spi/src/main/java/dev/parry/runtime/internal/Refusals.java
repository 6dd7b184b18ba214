package dev.parry.runtime.internal;

import dev.parry.core.error.ParryException;
import dev.parry.core.investigation.Rejection;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvalidCommandException;
import dev.parry.runtime.UnknownActionException;

/**
 * Turns the investigation's refusal of a command into the exception of its category: an unknown
 * action is not found (404), a value the command carries is invalid input (400), every other
 * refusal is a conflict with the current state (409).
 */
public final class Refusals {

  private Refusals() {}

  /**
   * {@return the exception to throw for {@code rejection}}
   *
   * @param rejection why the command was refused
   */
  public static ParryException of(Rejection rejection) {
    return switch (rejection.reason()) {
      case UNKNOWN_ACTION -> new UnknownActionException(rejection);
      case INVALID_ARGUMENT -> new InvalidCommandException(rejection, null);
      default -> new CommandRejectedException(rejection);
    };
  }
}
