package dev.parry.core.actor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Optional;

/**
 * Who performed a transition: {@link SystemActor the system} (automation, timers) or a named {@link
 * Principal}.
 *
 * <pre>{@code
 * Actor automation = Actor.system();
 * Actor analyst = Actor.principal(PrincipalName.of("alice@contoso.com"));
 * }</pre>
 */
public sealed interface Actor {

  /** {@return the system actor} */
  static Actor system() {
    return SystemActor.INSTANCE;
  }

  /**
   * {@return the actor for a named principal}
   *
   * @param name the principal's name
   */
  static Actor principal(PrincipalName name) {
    return new Principal(name);
  }

  /** {@return the principal's name, or empty for the system} */
  Optional<PrincipalName> principalName();

  /** The system: automation, timers and the runtime itself. */
  enum SystemActor implements Actor {
    /** The one system actor. */
    INSTANCE;

    @Override
    public Optional<PrincipalName> principalName() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return PrincipalName.RESERVED_SYSTEM;
    }
  }

  /**
   * A named person or service account.
   *
   * @param name the principal's canonical name; never the reserved system name
   */
  record Principal(PrincipalName name) implements Actor {
    /**
     * Validates the actor.
     *
     * @param name the principal's canonical name; never the reserved system name
     * @throws InvalidInputException if {@code name} is null
     */
    public Principal {
      Checks.notNull(name, "name");
    }

    @Override
    public Optional<PrincipalName> principalName() {
      return Optional.of(name);
    }

    @Override
    public String toString() {
      return name.value();
    }
  }
}
