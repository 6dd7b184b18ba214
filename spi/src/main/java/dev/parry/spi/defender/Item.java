package dev.parry.spi.defender;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.spi.internal.LogSafe;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One evidence item being mapped: reads its members into Parry's value types and records, for
 * {@link AlertImport#unmapped()}, every member it could not map. A member the entity cannot do
 * without ends the item ({@link Skip}); any other is left out and noted.
 */
final class Item {

  final Node node;
  final int index;
  final String type;
  private final List<Unmapped> notes;

  Item(Node node, int index, String type, List<Unmapped> notes) {
    this.node = node;
    this.index = index;
    this.type = type;
    this.notes = notes;
  }

  /** The item cannot be imported: thrown out of a mapping, caught once per item. */
  static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String field;
    final String reason;

    Skip(String field, String reason) {
      super(reason, null, false, false);
      this.field = field;
      this.reason = reason;
    }
  }

  /**
   * {@return member {@code name} of {@code from} parsed by {@code parse}; ends the item if absent
   * or refused}
   */
  <T> T require(Node from, String name, Function<String, T> parse) {
    String text =
        from.text(name)
            .orElseThrow(() -> new Skip(from.path(name), "is missing, and the entity needs it"));
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Skip(from.path(name), refused(text, e));
    }
  }

  /**
   * {@return member {@code name} of {@code from} parsed by {@code parse}, or null if absent; noted
   * if refused}
   */
  <T> @Nullable T optional(Node from, String name, Function<String, T> parse) {
    Optional<String> text = from.text(name);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return parse.apply(text.get());
    } catch (IllegalArgumentException | InvalidInputException e) {
      note(from.path(name), refused(text.get(), e));
      return null;
    }
  }

  /**
   * {@return member {@code name} of {@code from} as an instant, or null if absent; a string that is
   * not a date and time with an offset is noted and left out}: a bad date inside an item never
   * refuses the alert (a member of the wrong JSON type still does)
   */
  @Nullable Instant instant(Node from, String name) {
    from.string(name); // a member of the wrong JSON type refuses the alert, as everywhere
    try {
      return from.instant(name).orElse(null);
    } catch (DefenderFormatException e) {
      String message = String.valueOf(e.getMessage());
      note(
          e.field(),
          "left out: " + message.substring(Math.min(message.length(), e.field().length() + 2)));
      return null;
    }
  }

  /** Records that {@code field} was left out of an item that is still imported. */
  void note(String field, String reason) {
    notes.add(new Unmapped(index, type, field, reason, false));
  }

  /** Records that the whole item was left out because of {@code field}. */
  void drop(String field, String reason) {
    notes.add(new Unmapped(index, type, field, reason, true));
  }

  private static String refused(String text, RuntimeException e) {
    return "value \"" + Text.escape(text, 120) + "\" refused: " + LogSafe.of(e.getMessage());
  }
}
