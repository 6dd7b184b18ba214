package dev.parry.runtime;

import dev.parry.core.error.ConflictException;
import dev.parry.core.investigation.Rejection;

/**
 * Thrown when the investigation refused an operation: approving an action that is no longer
 * pending, undoing an irreversible action, adding evidence to a complete investigation. Nothing was
 * changed. {@link #reason()} says why in a form to switch on. A {@link ConflictException}: HTTP
 * 409.
 */
public final class CommandRejectedException extends ConflictException implements RefusedCommand {

  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  /**
   * Creates the exception.
   *
   * @param rejection why the command was refused
   */
  public CommandRejectedException(Rejection rejection) {
    super(rejection.reason() + ": " + rejection.message());
    this.rejection = rejection;
  }

  @Override
  public Rejection rejection() {
    return rejection;
  }
}
