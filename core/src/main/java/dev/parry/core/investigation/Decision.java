package dev.parry.core.investigation;

import java.util.List;
import java.util.Objects;

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
     * @throws NullPointerException if a component or an event is null
     */
    public Accepted {
      events = List.copyOf(Objects.requireNonNull(events, "events"));
      Objects.requireNonNull(after, "after");
    }

    @Override
    public boolean isAccepted() {
      return true;
    }
  }

  /**
   * The command was refused; the investigation is unchanged.
   *
   * @param rejection why the command was refused: a reason to switch on, a message naming the offending
   *     value, and the action concerned
   */
  record Rejected(Rejection rejection) implements Decision {
    /**
     * Validates.
     *
     * @param rejection why the command was refused: a reason to switch on, a message naming the offending
     *     value, and the action concerned
     * @throws NullPointerException if {@code rejection} is null
     */
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public boolean isAccepted() {
      return false;
    }
  }
}
