package dev.parry.spi.executor;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;
import java.util.Objects;

/**
 * One request to an executor: carry out {@link #action()} once, before {@link #deadline()}.
 *
 * @param action the action, with its typed target (for an undo, the inverse action)
 * @param purpose whether this executes the action or undoes it
 * @param idempotencyKey the same for every attempt and after restarts
 * @param attempt 1 for the first attempt, more for retries
 * @param deadline when the runtime stops waiting for this attempt
 * @param requestedBy who asked for the action
 * @param comment the comment it was requested or approved with, possibly empty
 * @param investigationId the investigation the action belongs to
 * @param actionId the action's id
 */
public record ExecutionRequest(RemediationAction action, ExecutionPurpose purpose, IdempotencyKey idempotencyKey,
    int attempt, Instant deadline, Actor requestedBy, String comment, InvestigationId investigationId,
    ActionId actionId) {

  /**
   * Validates the request.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code attempt} is less than 1, the comment is too long or holds a
   *     control character, or the action id is not in the investigation
   */
  public ExecutionRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Text.require("comment", comment, 0, 2000);
    Objects.requireNonNull(investigationId, "investigationId");
    Objects.requireNonNull(actionId, "actionId");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be 1 or more, was: " + attempt);
    }
    if (!actionId.investigation().equals(investigationId)) {
      throw new IllegalArgumentException("action " + actionId + " is not in investigation " + investigationId);
    }
  }

  @Override
  public String toString() {
    return "ExecutionRequest{kind=" + action.kind() + ", purpose=" + purpose + ", key=" + idempotencyKey + ", attempt="
        + attempt + ", deadline=" + deadline + ", action=" + actionId + "}";
  }
}
