package dev.parry.runtime.internal;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import java.util.function.Consumer;

/**
 * Reads every page of an action query.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class StorePages {

  private StorePages() {}

  /**
   * Visits every action matching {@code first}, page by page, with {@code first}'s page size.
   *
   * @param store the store
   * @param first the query
   * @param visitor what to do with each action
   */
  public static void forEach(InvestigationStore store, ActionQuery first, Consumer<ActionRecord> visitor) {
    ActionQuery query = first;
    while (true) {
      Page<ActionRecord> page = store.queryActions(query);
      page.items().forEach(visitor);
      if (page.nextCursor() == null) {
        return;
      }
      query = query.after(page.nextCursor());
    }
  }

  /**
   * Visits every action matching {@code query}, in pages of {@value ActionQuery#MAX_LIMIT}.
   *
   * @param store the store
   * @param query the query
   * @param visitor what to do with each action
   */
  public static void forEach(InvestigationStore store, ActionQuery.Builder query, Consumer<ActionRecord> visitor) {
    forEach(store, query.limit(ActionQuery.MAX_LIMIT).build(), visitor);
  }
}
