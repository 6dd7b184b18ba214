package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the investigation refused a command for a value it carries ({@link
 * RejectionReason#INVALID_ARGUMENT}): a time box extended past the longest allowed, an action of a
 * kind no executor runs, an action without what its executor needs. An {@link
 * InvalidInputException}: HTTP 400, {@link #field()} names the parameter. Nothing was changed.
 */
public final class InvalidCommandException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  /**
   * Creates the exception.
   *
   * @param field the parameter or field that was wrong
   * @param value the offending value, or null
   * @param rejection why the command was refused
   */
  public InvalidCommandException(String field, @Nullable Object value, Rejection rejection) {
    super(field, value, rejection.reason() + ": " + rejection.message());
    this.rejection = rejection;
  }

  /** {@return the rejection} */
  public Rejection rejection() {
    return rejection;
  }

  /** {@return the reason}: {@link RejectionReason#INVALID_ARGUMENT} */
  public RejectionReason reason() {
    return rejection.reason();
  }
}
