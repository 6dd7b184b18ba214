package dev.parry.runtime.observe;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;

/**
 * One call the runtime makes to an executor, as {@link Instrumentation#executorCall} is told of it.
 * The type, kind and family are few (fit for metric tags); the action id, and the investigation it
 * belongs to, are one per action (fit for a trace only).
 *
 * @param type which executor method
 * @param kind the kind of the action sent (for an undo, the kind that undoes it)
 * @param family the action's entity family
 * @param actionId the action
 * @param attempt which attempt of the action this call belongs to, from 1
 */
public record ExecutorCall(
    CallType type, ActionKind kind, EntityFamily family, ActionId actionId, int attempt) {

  /**
   * Validates the call.
   *
   * @param type which executor method
   * @param kind the kind of the action sent (for an undo, the kind that undoes it)
   * @param family the action's entity family
   * @param actionId the action
   * @param attempt which attempt of the action this call belongs to, from 1
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if {@code attempt} is below 1
   */
  public ExecutorCall {
    Checks.notNull(type, "type");
    Checks.notNull(kind, "kind");
    Checks.notNull(family, "family");
    Checks.notNull(actionId, "actionId");
    if (attempt < 1) {
      throw new InvalidInputException(
          "attempt", attempt, "attempt must be at least 1, was: " + attempt);
    }
  }
}
