package dev.parry.core.action;

import dev.parry.core.entity.EntityKey;
import java.util.Objects;

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
   * @throws NullPointerException if a component is null
   */
  public ActionKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public String toString() {
    return kind + "@" + target;
  }
}
