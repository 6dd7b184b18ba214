package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.ParryException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.runtime.RefusedCommand;
import org.jspecify.annotations.Nullable;

/**
 * The body of an error answer, made from a {@link ParryException}: its category, the HTTP status
 * that goes with it, its message (escaped and cut, safe for a body), whether the same call may
 * succeed later, and where it says so the field and the value it refuses and the reason of a
 * refused command.
 *
 * <pre>{@code
 * } catch (ParryException e) {
 *   ErrorBody body = ErrorBody.of(e);
 *   return new Response(body.status(), "application/json", ParryJson.write(body));
 * }
 * }</pre>
 *
 * @param category the category, for a client to switch on
 * @param status the HTTP status of the category: 400, 403, 404, 409, 500 or 503
 * @param message what happened, escaped and cut to {@link ParryException#MAX_MESSAGE_LENGTH}
 * @param retryable whether the same call may succeed later, or on another instance
 * @param field for invalid input, the parameter, field or JSON member that was wrong; else null
 * @param value for invalid input, the offending value, escaped and cut; else null
 * @param reason for a refused command, the {@code RejectionReason}'s name; else null
 */
public record ErrorBody(
    ParryException.Category category,
    int status,
    String message,
    boolean retryable,
    @Nullable String field,
    @Nullable String value,
    @Nullable String reason) {

  /**
   * Validates the body.
   *
   * @param category the category, for a client to switch on
   * @param status the HTTP status of the category
   * @param message what happened: at most {@link ParryException#MAX_MESSAGE_LENGTH} characters, no
   *     control characters
   * @param retryable whether the same call may succeed later
   * @param field the field that was wrong, or null
   * @param value the offending value, or null
   * @param reason the reason of a refused command, or null
   * @throws InvalidInputException if {@code category} or {@code message} is null, {@code status} is
   *     not the category's, or a text is too long or holds a control character
   */
  public ErrorBody {
    Checks.notNull(category, "category");
    if (status != category.httpStatus()) {
      throw new InvalidInputException(
          "status", status, "status of " + category + " is " + category.httpStatus());
    }
    Text.require("message", message, 0, ParryException.MAX_MESSAGE_LENGTH);
    if (field != null) {
      Text.require("field", field, 1, InvalidInputException.MAX_VALUE_LENGTH);
    }
    if (value != null) {
      Text.require("value", value, 0, InvalidInputException.MAX_VALUE_LENGTH);
    }
    if (reason != null) {
      Text.require("reason", reason, 1, 64);
    }
  }

  /**
   * {@return the body for {@code error}}
   *
   * @param error what a call threw
   * @throws InvalidInputException if {@code error} is null
   */
  public static ErrorBody of(ParryException error) {
    Checks.notNull(error, "error");
    String field = null;
    String value = null;
    if (error instanceof InvalidInputException invalid) {
      field = invalid.field();
      value = invalid.value().orElse(null);
    }
    String reason = error instanceof RefusedCommand refused ? refused.reason().name() : null;
    return new ErrorBody(
        error.category(),
        error.category().httpStatus(),
        error.getMessage(),
        error.isRetryable(),
        field,
        value,
        reason);
  }
}
