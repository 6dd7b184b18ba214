package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.NotFoundException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;
import java.util.Objects;

/**
 * Thrown when an operation names an action its investigation does not have ({@link
 * RejectionReason#UNKNOWN_ACTION}). A {@link NotFoundException}: HTTP 404, as for an {@link
 * UnknownInvestigationException}. Nothing was changed.
 */
public final class UnknownActionException extends NotFoundException implements RefusedCommand {

  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  private final transient ActionId actionId;

  /**
   * Creates the exception for an action id no investigation holds.
   *
   * @param actionId the unknown action
   * @throws InvalidInputException if {@code actionId} is null
   */
  public UnknownActionException(ActionId actionId) {
    this(
        new Rejection(
            RejectionReason.UNKNOWN_ACTION,
            "no action " + Checks.notNull(actionId, "actionId"),
            actionId));
  }

  /**
   * Creates the exception from the investigation's refusal.
   *
   * @param rejection the refusal: {@link RejectionReason#UNKNOWN_ACTION}, naming the action
   * @throws InvalidInputException if {@code rejection} is null, of another reason, or names no
   *     action
   */
  public UnknownActionException(Rejection rejection) {
    super(checked(rejection).message());
    this.rejection = rejection;
    this.actionId = Objects.requireNonNull(rejection.action());
  }

  private static Rejection checked(Rejection rejection) {
    Checks.notNull(rejection, "rejection");
    if (rejection.reason() != RejectionReason.UNKNOWN_ACTION || rejection.action() == null) {
      throw new InvalidInputException(
          "rejection", rejection, "an unknown action needs UNKNOWN_ACTION naming the action");
    }
    return rejection;
  }

  /** {@return the unknown action} */
  public ActionId actionId() {
    return actionId;
  }

  @Override
  public Rejection rejection() {
    return rejection;
  }
}
