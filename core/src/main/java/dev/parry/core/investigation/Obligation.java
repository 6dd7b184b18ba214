package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.time.Instant;

/**
 * What is due for an action, and when: derived from the action's stored state alone ({@link
 * ActionRecord#obligation()}), so that a store can index it in the same write that creates it and a
 * runtime can find every piece of due work by asking the store, whatever timers or callbacks were
 * lost.
 *
 * <pre>{@code
 * action.obligation().ifPresent(o -> System.out.println(o.kind() + " due at " + o.due()));
 * }</pre>
 *
 * @param kind what is due: expire, dispatch, undo or end a time box
 * @param due when it is due; work is never done before
 */
public record Obligation(Kind kind, Instant due) {

  /** What a runtime must do for an action. */
  public enum Kind {
    /** A pending action reached its expiry: expire it (it counts as rejected). */
    EXPIRE,
    /**
     * An approved or in-progress action must be carried to its executor: dispatched, or resumed
     * with the same idempotency key when nobody holds its dispatch lease, or timed out past its
     * deadline.
     */
    DISPATCH,
    /**
     * An undo was requested: carry it to the executor, or resume it when nobody holds its lease.
     */
    UNDO,
    /** A time-boxed action's box ended: request its undo. */
    END_TIME_BOX
  }

  /**
   * Validates the obligation.
   *
   * @param kind what is due: expire, dispatch, undo or end a time box
   * @param due when it is due; work is never done before
   * @throws InvalidInputException if a component is null
   */
  public Obligation {
    Checks.notNull(kind, "kind");
    Checks.notNull(due, "due");
  }
}
