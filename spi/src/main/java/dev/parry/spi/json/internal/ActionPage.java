package dev.parry.spi.json.internal;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Page} of actions as the codec declares it: {@code Page} is generic, and its JSON form
 * names the item type.
 *
 * @param items the actions
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record ActionPage(List<ActionRecord> items, @Nullable String nextCursor) {

  /** {@return {@code page} for the codec} */
  public static ActionPage of(Page<ActionRecord> page) {
    return new ActionPage(page.items(), page.nextCursor());
  }

  /** {@return this as a page, validated by {@link Page}'s constructor} */
  public Page<ActionRecord> page() {
    return new Page<>(items, nextCursor);
  }
}
