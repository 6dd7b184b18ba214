package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a command was refused: a reason a caller can switch on, a message naming the offending value,
 * and the action concerned when there is one (for {@link RejectionReason#DUPLICATE_ACTION}, the
 * action that already exists).
 *
 * @param reason what kind of refusal it is, for a caller to switch on
 * @param message a human-readable explanation naming the offending value: 1-4,096 characters, no
 *     control characters
 * @param action the action concerned (for a duplicate, the action that already exists), or null
 *     when the command is about no action
 */
public record Rejection(RejectionReason reason, String message, @Nullable ActionId action) {

  /**
   * Validates the rejection.
   *
   * @param reason what kind of refusal it is, for a caller to switch on
   * @param message a human-readable explanation naming the offending value: 1-4,096 characters, no
   *     control characters
   * @param action the action concerned (for a duplicate, the action that already exists), or null
   *     when the command is about no action
   * @throws InvalidInputException if {@code reason} or {@code message} is null
   */
  public Rejection {
    Checks.notNull(reason, "reason");
    Text.require("message", message, 1, 4096);
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
        + "}";
  }
}
