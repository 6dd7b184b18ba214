package dev.parry.core.investigation;

import dev.parry.core.actor.Actor;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an action came from: the Action center's "Action source" column, recorded when the action
 * is proposed ({@link ActionRecord#source()}) and filterable in the Pending and History tabs.
 *
 * <p>Automated investigations propose as the system, every other source through a principal. Each
 * source takes the families Defender's description of it names; Defender names no source for
 * identity actions, so Parry files them with the device sources (and advanced hunting, whose
 * detections also disable users and reset passwords). Without a source named, an action gets {@link
 * #of(Actor, EntityFamily)}: automated or manual by its requester, email or device by its family.
 *
 * <pre>{@code
 * runtime.takeAction(new IsolateDevice(device, IsolationType.FULL), analyst, "from the live response session",
 *     false, null, ActionSource.LIVE_RESPONSE);
 * ActionQuery liveResponse = ActionQuery.history().sources(EnumSet.of(ActionSource.LIVE_RESPONSE)).build();
 * }</pre>
 */
public enum ActionSource {
  /**
   * An automated investigation's action on a device, a file or a process, or on a user ("Automated
   * device action").
   */
  AUTOMATED_DEVICE_INVESTIGATION(true),
  /** An automated investigation's action on email content ("Automated email action"). */
  AUTOMATED_EMAIL_INVESTIGATION(true),
  /** A manual action on a device or a user, from its page or the API ("Manual device action"). */
  MANUAL_DEVICE_ACTION(false),
  /** A manual action on email ("Manual email action"). */
  MANUAL_EMAIL_ACTION(false),
  /** An action taken from advanced hunting results ("Advanced hunting action"). */
  ADVANCED_HUNTING(false),
  /** An action on email content taken from Explorer ("Explorer action"). */
  EXPLORER(false),
  /**
   * An action an analyst took in a live response session on a device ("Manual live response
   * action").
   */
  LIVE_RESPONSE(false),
  /**
   * An action on a device sent through the endpoint APIs ("Live response action" in the Action
   * center).
   */
  LIVE_RESPONSE_API(false);

  private final boolean automated;

  ActionSource(boolean automated) {
    this.automated = automated;
  }

  /** {@return whether automated investigation is the source: the system proposes such actions} */
  public boolean isAutomated() {
    return automated;
  }

  /**
   * {@return whether this source takes actions of {@code family}}
   *
   * @param family the action's family
   * @throws InvalidInputException if {@code family} is null
   */
  public boolean accepts(EntityFamily family) {
    Checks.notNull(family, "family");
    return switch (this) {
      case AUTOMATED_DEVICE_INVESTIGATION, MANUAL_DEVICE_ACTION -> family != EntityFamily.EMAIL;
      case AUTOMATED_EMAIL_INVESTIGATION, MANUAL_EMAIL_ACTION, EXPLORER ->
          family == EntityFamily.EMAIL;
      case ADVANCED_HUNTING -> true;
      case LIVE_RESPONSE, LIVE_RESPONSE_API -> family == EntityFamily.DEVICE;
    };
  }

  /** {@return the families this source takes, for messages} */
  private Set<EntityFamily> families() {
    Set<EntityFamily> out = EnumSet.noneOf(EntityFamily.class);
    for (EntityFamily family : EntityFamily.values()) {
      if (accepts(family)) {
        out.add(family);
      }
    }
    return out;
  }

  /**
   * {@return the source of an action {@code requester} proposes on {@code family} without naming
   * one}: an automated investigation for the system, a manual action for a principal; email for
   * email actions, device for the rest
   *
   * @param requester who proposes it
   * @param family the action's family
   * @throws InvalidInputException if {@code requester} is null
   * @throws InvalidInputException if {@code family} is null
   */
  public static ActionSource of(Actor requester, EntityFamily family) {
    return Checks.notNull(requester, "requester") instanceof Actor.Principal
        ? manual(family)
        : automated(family);
  }

  /**
   * {@return the automated investigation source of an action of {@code family}}: email for email
   * actions, device for the rest
   *
   * @param family the action's family
   * @throws InvalidInputException if {@code family} is null
   */
  public static ActionSource automated(EntityFamily family) {
    return Checks.notNull(family, "family") == EntityFamily.EMAIL
        ? AUTOMATED_EMAIL_INVESTIGATION
        : AUTOMATED_DEVICE_INVESTIGATION;
  }

  /**
   * {@return the manual source of an action of {@code family}}: email for email actions, device for
   * the rest
   *
   * @param family the action's family
   * @throws InvalidInputException if {@code family} is null
   */
  public static ActionSource manual(EntityFamily family) {
    return Checks.notNull(family, "family") == EntityFamily.EMAIL
        ? MANUAL_EMAIL_ACTION
        : MANUAL_DEVICE_ACTION;
  }

  /**
   * Checks that an action of {@code family} that {@code requester} proposes can come from this
   * source.
   *
   * @param requester who proposes it
   * @param family the action's family
   * @throws InvalidInputException if an automated source is given for a principal's action, another
   *     source for the system's, or the source does not take the family
   */
  public void requireFor(Actor requester, EntityFamily family) {
    boolean system = !(requester instanceof Actor.Principal);
    if (automated != system) {
      throw new InvalidInputException(
          "actor",
          null,
          "source "
              + this
              + " is for actions "
              + (automated ? "automated investigations propose" : "a principal requests")
              + ", was requested by "
              + (system ? "the system" : "a principal"));
    }
    if (!accepts(family)) {
      throw new InvalidInputException(
          "family", family, "source " + this + " takes " + families() + " actions, was: " + family);
    }
  }
}
