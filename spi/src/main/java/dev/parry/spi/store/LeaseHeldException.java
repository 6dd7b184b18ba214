package dev.parry.spi.store;

import dev.parry.core.error.ConflictException;
import dev.parry.core.investigation.ActionId;

/**
 * Thrown by {@link InvestigationStore#appendClaiming} when another owner holds the dispatch lease
 * of the action the append claims, past the time of the claim: nothing was written. The holder
 * carries the action; the caller leaves it alone. A {@link ConflictException} (HTTP 409).
 */
public final class LeaseHeldException extends ConflictException {

  private static final long serialVersionUID = 1L;

  private final transient ActionId actionId;

  /**
   * Creates the exception.
   *
   * @param actionId the action whose lease another owner holds
   */
  public LeaseHeldException(ActionId actionId) {
    super("another owner holds the dispatch lease of action " + actionId);
    this.actionId = actionId;
  }

  /** {@return the action whose lease another owner holds} */
  public ActionId actionId() {
    return actionId;
  }
}
