package dev.parry.spi.defender;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;

/**
 * Something in an alert's evidence that Parry did not import, and why: a whole evidence item, or
 * one member of an item that was imported without it.
 *
 * <pre>{@code
 * for (Unmapped gap : imported.unmapped()) {
 *   log.warn("evidence {} ({}) {}: {}", gap.index(), gap.type(), gap.field(), gap.reason());
 * }
 * }</pre>
 *
 * @param index the item's position in the alert's {@code evidence} array, from 0; {@link #ALERT}
 *     for a member of the alert itself
 * @param type the item's type as Defender names it ({@code fileEvidence}, {@code Process}), or
 *     empty
 * @param field the member that could not be mapped, as a path from the document's root
 * @param reason why, in words; values from the alert are quoted and escaped
 * @param dropped whether the whole item was left out (true) or imported without this member (false)
 */
public record Unmapped(int index, String type, String field, String reason, boolean dropped) {

  /** The index of a member of the alert itself, outside its evidence: {@value}. */
  public static final int ALERT = -1;

  /**
   * Validates the report.
   *
   * @param index the item's position in the alert's {@code evidence} array, from 0; {@link #ALERT}
   *     for a member of the alert itself
   * @param type the item's type as Defender names it ({@code fileEvidence}, {@code Process}), or
   *     empty
   * @param field the member that could not be mapped, as a path from the document's root
   * @param reason why, in words; values from the alert are quoted and escaped
   * @param dropped whether the whole item was left out (true) or imported without this member
   *     (false)
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if the index is below {@link #ALERT}
   */
  public Unmapped {
    if (index < ALERT) {
      throw new InvalidInputException(
          "index", index, "index must be " + ALERT + " or more, was: " + index);
    }
    type = Text.escape(Checks.notNull(type, "type"), 200);
    Checks.notNull(field, "field");
    Checks.notNull(reason, "reason");
  }
}
