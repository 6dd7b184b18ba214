package dev.parry.runtime;

import dev.parry.core.error.NotFoundException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;

/**
 * Thrown when an operation names an action its investigation does not have. A {@link
 * NotFoundException}: HTTP 404, as for an {@link UnknownInvestigationException}. Nothing was
 * changed.
 */
public final class UnknownActionException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  private final transient ActionId actionId;

  /**
   * Creates the exception.
   *
   * @param actionId the unknown action
   * @param message what happened, naming the action
   */
  public UnknownActionException(ActionId actionId, String message) {
    super(message);
    this.actionId = actionId;
  }

  /** {@return the unknown action} */
  public ActionId actionId() {
    return actionId;
  }

  /**
   * {@return the refusal as the investigation gave it}, with {@link RejectionReason#UNKNOWN_ACTION}
   */
  public Rejection rejection() {
    return new Rejection(RejectionReason.UNKNOWN_ACTION, getMessage(), actionId);
  }
}
