package dev.parry.core.investigation;

import dev.parry.core.actor.Actor;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.time.Instant;

/**
 * One thing a principal, or the system, did to an action after it was proposed: who, when and why.
 * An action keeps its steps in order ({@link ActionRecord#steps()}), so that History can say who
 * approved it (each approver with their comment), who rejected or cancelled it, and who asked for
 * its undo, after the executor's outcomes have moved its status and note on.
 *
 * <pre>{@code
 * for (ActionStep approval : action.approvals()) {
 *   out.println(approval.actor() + " approved at " + approval.at() + ": " + approval.comment());
 * }
 * }</pre>
 *
 * @param kind what was done
 * @param actor who did it: a principal, or the system (a time box that ended, an investigation the
 *     system terminated); an approval always comes from a principal
 * @param at when it was done
 * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
 *     characters
 */
public record ActionStep(Kind kind, Actor actor, Instant at, String comment) {

  /** What a step did. */
  public enum Kind {
    /** One principal approved the action (a quorum may need more). */
    APPROVED,
    /** The pending action was rejected, by a principal or by terminating its investigation. */
    REJECTED,
    /** The approved or in-progress action was cancelled. */
    CANCELLED,
    /** Its undo was requested: by a principal, or by the system when its time box ended. */
    UNDO_REQUESTED,
    /**
     * Its undo was asked for while it was approved or in progress, to be requested once it succeeds
     * (a false positive reported while work already sent could not be stopped).
     */
    UNDO_ON_SUCCESS,
    /** A principal approved keeping its time box running longer. */
    TIME_BOX_EXTENDED
  }

  /**
   * Validates the step.
   *
   * @param kind what was done
   * @param actor who did it: a principal, or the system (a time box that ended, an investigation
   *     the system terminated); an approval always comes from a principal
   * @param at when it was done
   * @param comment why, possibly empty: at most {@value Command#MAX_TEXT} characters, no control
   *     characters
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if the comment is longer than {@value Command#MAX_TEXT}
   *     characters or holds a control character, or an approval does not come from a principal
   */
  public ActionStep {
    Checks.notNull(kind, "kind");
    Checks.notNull(actor, "actor");
    Checks.notNull(at, "at");
    Text.require("comment", comment, 0, Command.MAX_TEXT);
    if (kind == Kind.APPROVED && !(actor instanceof Actor.Principal)) {
      throw new InvalidInputException(
          "actor", actor, "an approval must come from a principal, was: " + actor);
    }
  }

  @Override
  public String toString() {
    return "ActionStep{kind="
        + kind
        + ", at="
        + at
        + "}"; // the actor and the comment are personal data
  }
}
