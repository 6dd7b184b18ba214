package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;

/**
 * The order in which stores list actions (rule STORE-7): by proposal time, then investigation, then
 * sequence. Every field is immutable once an action is proposed, so a cursor taken from one page
 * still places the next page after every store change. A store implementation may use it to sort
 * and to write and read its cursors, so that all stores page alike.
 *
 * @param proposedAt when the action was proposed
 * @param investigation the text of the action's investigation id
 * @param sequence the action's sequence number in its investigation (a store may use 0 or {@link
 *     Integer#MAX_VALUE} to bound a range)
 */
public record SortKey(Instant proposedAt, String investigation, int sequence)
    implements Comparable<SortKey> {

  /**
   * Checks the key.
   *
   * @param proposedAt when the action was proposed
   * @param investigation the text of the action's investigation id
   * @param sequence the action's sequence number in its investigation (a store may use 0 or {@link
   *     Integer#MAX_VALUE} to bound a range)
   * @throws InvalidInputException if a component is null
   */
  public SortKey {
    Checks.notNull(proposedAt, "proposedAt");
    Checks.notNull(investigation, "investigation");
  }

  /**
   * {@return where {@code action} sorts}
   *
   * @param action an action as stored
   * @throws InvalidInputException if {@code action} is null
   */
  public static SortKey of(ActionRecord action) {
    Checks.notNull(action, "action");
    return new SortKey(
        action.proposedAt(), action.id().investigation().value(), action.id().sequence());
  }

  @Override
  public int compareTo(SortKey other) {
    int byTime = proposedAt.compareTo(other.proposedAt);
    if (byTime != 0) {
      return byTime;
    }
    int byInvestigation = investigation.compareTo(other.investigation);
    return byInvestigation != 0 ? byInvestigation : Integer.compare(sequence, other.sequence);
  }

  /** {@return this key as the opaque cursor text a page carries; {@link #parse} reads it back} */
  public String cursor() {
    return proposedAt.getEpochSecond()
        + "."
        + proposedAt.getNano()
        + ":"
        + sequence
        + ":"
        + investigation;
  }

  /**
   * {@return the key that {@code cursor} holds}
   *
   * @param cursor a cursor written by {@link #cursor()}
   * @throws InvalidInputException if {@code cursor} is null or not one this class wrote
   */
  public static SortKey parse(String cursor) {
    Checks.notNull(cursor, "cursor");
    try {
      String[] parts = cursor.split(":", 3);
      String[] time = parts[0].split("\\.", 2);
      return new SortKey(
          Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
          InvestigationId.of(parts[2]).value(),
          Integer.parseInt(parts[1]));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "cursor", cursor, "cursor is not one this store issued: " + Text.show(cursor), e);
    }
  }
}
