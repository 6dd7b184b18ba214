package dev.parry.runtime;

import dev.parry.core.error.NotFoundException;
import dev.parry.core.investigation.InvestigationId;

/**
 * Thrown when an operation names an investigation the store does not hold. A {@link
 * NotFoundException}: HTTP 404.
 */
public final class UnknownInvestigationException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  private final transient InvestigationId investigationId;

  /**
   * Creates the exception.
   *
   * @param investigationId the unknown investigation
   */
  public UnknownInvestigationException(InvestigationId investigationId) {
    super("no investigation " + investigationId);
    this.investigationId = investigationId;
  }

  /** {@return the unknown investigation} */
  public InvestigationId investigationId() {
    return investigationId;
  }
}
