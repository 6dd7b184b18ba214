package dev.parry.runtime.observe;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
import java.util.Objects;

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
public record ExecutorCall(CallType type, ActionKind kind, EntityFamily family, ActionId actionId, int attempt) {

  /**
   * Validates the call.
   *
   * @param type which executor method
   * @param kind the kind of the action sent (for an undo, the kind that undoes it)
   * @param family the action's entity family
   * @param actionId the action
   * @param attempt which attempt of the action this call belongs to, from 1
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public ExecutorCall {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(actionId, "actionId");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was: " + attempt);
    }
  }
}
