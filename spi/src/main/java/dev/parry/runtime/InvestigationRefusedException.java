package dev.parry.runtime;

import dev.parry.core.error.ConflictException;
import dev.parry.core.investigation.InvestigationId;

/**
 * Thrown when an investigation cannot be opened: its device group's level is "no automated
 * response", or the id is already taken. A {@link ConflictException}: HTTP 409.
 */
public final class InvestigationRefusedException extends ConflictException {

  private static final long serialVersionUID = 1L;

  private final transient InvestigationId investigationId;

  /**
   * Creates the exception.
   *
   * @param investigationId the investigation that was not opened
   * @param reason why
   */
  public InvestigationRefusedException(InvestigationId investigationId, String reason) {
    super("investigation " + investigationId + " not opened: " + reason);
    this.investigationId = investigationId;
  }

  /** {@return the investigation that was not opened} */
  public InvestigationId investigationId() {
    return investigationId;
  }
}
