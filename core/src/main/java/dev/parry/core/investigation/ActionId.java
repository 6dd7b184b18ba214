package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * The identifier of one action in one investigation: the investigation's id and the action's
 * sequence number within it (1 for the first action proposed). Written {@code
 * investigation/sequence}.
 *
 * @param investigation the investigation the action belongs to
 * @param sequence the action's position in its investigation, 1 or more: 1 for the first action
 *     proposed
 */
public record ActionId(InvestigationId investigation, int sequence) {

  /**
   * Validates the identifier.
   *
   * @param investigation the investigation the action belongs to
   * @param sequence the action's position in its investigation, 1 or more: 1 for the first action
   *     proposed
   * @throws InvalidInputException if {@code investigation} is null
   * @throws InvalidInputException if {@code sequence} is less than 1
   */
  public ActionId {
    Checks.notNull(investigation, "investigation");
    if (sequence < 1) {
      throw new InvalidInputException(
          "sequence", sequence, "action sequence must be 1 or more, was: " + sequence);
    }
  }

  /**
   * {@return action {@code sequence} of investigation {@code investigation}}, as every identifier
   * is made
   *
   * <pre>{@code ActionId id = ActionId.of(InvestigationId.of("inv-2026-0001"), 3);}</pre>
   *
   * @param investigation the investigation
   * @param sequence the action's position in its investigation, 1 or more: 1 for the first action
   *     proposed
   * @throws InvalidInputException if {@code sequence} is less than 1
   */
  public static ActionId of(InvestigationId investigation, int sequence) {
    return new ActionId(investigation, sequence);
  }

  /**
   * {@return the identifier written as {@code investigation/sequence}}, as {@link #parse} reads it
   *
   * @param text the identifier's text form
   * @throws InvalidInputException if the text is not {@code investigation/sequence}
   */
  public static ActionId of(String text) {
    return parse(text);
  }

  /**
   * {@return the identifier written as {@code investigation/sequence}}
   *
   * <pre>{@code ActionId id = ActionId.parse("inv-2026-0001/3");}</pre>
   *
   * @param text the identifier's text form
   * @throws InvalidInputException if {@code text} is null
   * @throws InvalidInputException if the text is not {@code investigation/sequence}
   */
  public static ActionId parse(String text) {
    Checks.notNull(text, "text");
    int slash = text.lastIndexOf('/');
    int sequence;
    try {
      sequence = slash < 0 ? -1 : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      sequence = -1;
    }
    if (slash <= 0 || sequence < 1 || !asciiDigits(text.substring(slash + 1))) {
      throw new InvalidInputException(
          "actionId",
          text,
          "actionId must be investigation/sequence (sequence 1 or more, ASCII digits), was: "
              + Text.show(text));
    }
    return new ActionId(new InvestigationId(text.substring(0, slash)), sequence);
  }

  /**
   * {@return whether {@code text} is ASCII digits only}: {@link Integer#parseInt} also reads a sign
   * and the digits of other scripts
   */
  private static boolean asciiDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * {@return the identifier's canonical text, {@code investigation/sequence}}, as {@link
   * #of(String)} reads it
   *
   * <pre>
   * {@code String text = ActionId.of(InvestigationId.of("inv-2026-0001"), 3).value();   // "inv-2026-0001/3"}
   * </pre>
   */
  public String value() {
    return investigation.value() + "/" + sequence;
  }

  // equality written out rather than generated: the store and the dispatcher look actions up by it
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof ActionId other
            && sequence == other.sequence
            && investigation.equals(other.investigation));
  }

  @Override
  public int hashCode() {
    return 31 * investigation.hashCode() + sequence;
  }

  @Override
  public String toString() {
    return value();
  }
}
