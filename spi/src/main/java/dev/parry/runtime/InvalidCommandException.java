package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the investigation or the runtime refused a command for a value it carries ({@link
 * RejectionReason#INVALID_ARGUMENT}): a time box extended past the longest allowed, a manual action
 * of a kind no executor runs or without what its executor needs. An {@link InvalidInputException}:
 * HTTP 400, {@link #field()} names the parameter (the rejection's {@link Rejection#field()}).
 * Nothing was changed.
 */
public final class InvalidCommandException extends InvalidInputException implements RefusedCommand {

  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  /**
   * Creates the exception.
   *
   * @param rejection why the command was refused: {@link RejectionReason#INVALID_ARGUMENT}, naming
   *     its field
   * @param value the offending value, or null if it is not worth showing
   * @throws InvalidInputException if {@code rejection} is null, of another reason, or names no
   *     field
   */
  public InvalidCommandException(Rejection rejection, @Nullable Object value) {
    super(
        Objects.requireNonNull(checked(rejection).field()),
        value,
        rejection.reason() + ": " + rejection.message());
    this.rejection = rejection;
  }

  private static Rejection checked(Rejection rejection) {
    Checks.notNull(rejection, "rejection");
    if (rejection.reason() != RejectionReason.INVALID_ARGUMENT || rejection.field() == null) {
      throw new InvalidInputException(
          "rejection", rejection, "an invalid command needs INVALID_ARGUMENT naming its field");
    }
    return rejection;
  }

  @Override
  public Rejection rejection() {
    return rejection;
  }
}
