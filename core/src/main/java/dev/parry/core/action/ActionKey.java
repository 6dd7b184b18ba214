package dev.parry.core.action;

import dev.parry.core.entity.EntityKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * "This kind of action on this entity": the key Parry de-duplicates actions by.
 *
 * @param kind what kind of action
 * @param target the key of the entity it acts on
 */
public record ActionKey(ActionKind kind, EntityKey target) {

  /**
   * Validates the key.
   *
   * @param kind what kind of action
   * @param target the key of the entity it acts on
   * @throws InvalidInputException if a component is null
   */
  public ActionKey {
    Checks.notNull(kind, "kind");
    Checks.notNull(target, "target");
  }

  @Override
  public String toString() {
    return kind + "@" + target;
  }
}
