package dev.parry.spi.store;

import dev.parry.core.actor.Actor;
import dev.parry.core.investigation.ActionRecord;

/** Where an action came from, as the action center shows it. */
public enum ActionSource {
  /** Planned by automated investigation (requested by the system). */
  AUTOMATED,
  /** Requested by a person: a manual action, a false-negative report or an analyst's proposal. */
  MANUAL;

  /**
   * {@return the source of {@code action}}
   *
   * @param action the action
   */
  public static ActionSource of(ActionRecord action) {
    return action.requestedBy() instanceof Actor.Principal ? MANUAL : AUTOMATED;
  }
}
