package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.List;

/**
 * What {@link Investigation#decide(Command, java.time.Instant)} answers: the events a command
 * produced and the state they lead to, or the reason it was refused.
 *
 * <pre>{@code
 * Decision decision = investigation.decide(command, now);
 * if (decision instanceof Decision.Accepted) {
 *   Decision.Accepted accepted = (Decision.Accepted) decision;
 *   store.append(investigation.id(), investigation.version(), accepted.events());
 *   investigation = accepted.after();
 * } else {
 *   Rejection why = ((Decision.Rejected) decision).rejection();
 * }
 * }</pre>
 */
public sealed interface Decision {

  /** {@return whether the command was accepted} */
  boolean isAccepted();

  /**
   * The command was accepted.
   *
   * @param events the events it produced, in order; empty when there was nothing to do
   * @param after the investigation with the events applied
   */
  record Accepted(List<InvestigationEvent> events, Investigation after) implements Decision {
    /**
     * Validates and copies.
     *
     * @param events the events it produced, in order; empty when there was nothing to do
     * @param after the investigation with the events applied
     * @throws InvalidInputException if a component or an event is null
     */
    public Accepted {
      // the state machine's own list is unmodifiable and free of nulls already
      events = events instanceof DecidedEvents ? events : Checks.listOf(events, "events");
      Checks.notNull(after, "after");
    }

    @Override
    public boolean isAccepted() {
      return true;
    }
  }

  /**
   * The command was refused; the investigation is unchanged.
   *
   * @param rejection why the command was refused: a reason to switch on, a message naming the
   *     offending value, and the action concerned
   */
  record Rejected(Rejection rejection) implements Decision {
    /**
     * Validates.
     *
     * @param rejection why the command was refused: a reason to switch on, a message naming the
     *     offending value, and the action concerned
     * @throws InvalidInputException if {@code rejection} is null
     */
    public Rejected {
      Checks.notNull(rejection, "rejection");
    }

    @Override
    public boolean isAccepted() {
      return false;
    }
  }
}
