package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a command was refused: a reason a caller can switch on, a message naming the offending value,
 * the action concerned when there is one (for {@link RejectionReason#DUPLICATE_ACTION}, the action
 * that already exists), and for {@link RejectionReason#INVALID_ARGUMENT} the parameter that was
 * wrong.
 *
 * @param reason what kind of refusal it is, for a caller to switch on
 * @param message a human-readable explanation naming the offending value: 1-4,096 characters, no
 *     control characters
 * @param action the action concerned (for a duplicate, the action that already exists), or null
 *     when the command is about no action
 * @param field for {@link RejectionReason#INVALID_ARGUMENT}, the parameter or field that was wrong
 *     ({@code extra}, {@code action}), or null
 */
public record Rejection(
    RejectionReason reason, String message, @Nullable ActionId action, @Nullable String field) {

  /**
   * Validates the rejection.
   *
   * @param reason what kind of refusal it is, for a caller to switch on
   * @param message a human-readable explanation naming the offending value: 1-4,096 characters, no
   *     control characters
   * @param action the action concerned (for a duplicate, the action that already exists), or null
   *     when the command is about no action
   * @param field for {@link RejectionReason#INVALID_ARGUMENT}, the parameter or field that was
   *     wrong, or null: 1-200 characters, no control characters
   * @throws InvalidInputException if {@code reason} or {@code message} is null, a text is empty,
   *     too long or holds a control character, or a field is given with another reason than {@link
   *     RejectionReason#INVALID_ARGUMENT}
   */
  public Rejection {
    Checks.notNull(reason, "reason");
    Text.require("message", message, 1, 4096);
    if (field != null) {
      Text.require("field", field, 1, 200);
      if (reason != RejectionReason.INVALID_ARGUMENT) {
        throw new InvalidInputException(
            "field", field, "only an INVALID_ARGUMENT rejection names a field, was: " + reason);
      }
    }
  }

  /**
   * Creates a rejection that names no field.
   *
   * @param reason what kind of refusal it is, for a caller to switch on
   * @param message a human-readable explanation naming the offending value: 1-4,096 characters, no
   *     control characters
   * @param action the action concerned, or null when the command is about no action
   * @throws InvalidInputException if {@code reason} or {@code message} is null, or the message is
   *     empty, too long or holds a control character
   */
  public Rejection(RejectionReason reason, String message, @Nullable ActionId action) {
    this(reason, message, action, null);
  }

  /** {@return the action concerned, if any} */
  public Optional<ActionId> relatedAction() {
    return Optional.ofNullable(action);
  }

  @Override
  public String toString() {
    return "Rejection{"
        + reason
        + ": "
        + message
        + (action == null ? "" : ", action=" + action)
        + (field == null ? "" : ", field=" + field)
        + "}";
  }
}
