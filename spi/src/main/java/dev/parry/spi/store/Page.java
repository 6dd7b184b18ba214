package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of query results and the cursor to the next page.
 *
 * @param items the results on this page, in the query's order (copied; empty when nothing matched)
 * @param nextCursor the cursor of the next page, or null if this is the last one
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  /**
   * Copies the items.
   *
   * @param items the results on this page, in the query's order (copied; empty when nothing
   *     matched)
   * @param nextCursor the cursor of the next page, or null if this is the last one
   * @throws InvalidInputException if the list or an item is null
   */
  public Page {
    items = Checks.listOf(items, "items");
  }

  /** {@return the cursor of the next page, if there is one} */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
