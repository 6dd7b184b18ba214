package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Pages;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads every page of an action query, and the actions on one entity under any of its names.
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
  public static void forEach(
      InvestigationStore store, ActionQuery first, Consumer<ActionRecord> visitor) {
    Pages.stream(first, store::queryActions).forEach(visitor);
  }

  /**
   * Visits every action matching {@code query}, in pages of {@value ActionQuery#MAX_LIMIT}.
   *
   * @param store the store
   * @param query the query
   * @param visitor what to do with each action
   */
  public static void forEach(
      InvestigationStore store, ActionQuery.Builder query, Consumer<ActionRecord> visitor) {
    forEach(store, query.limit(ActionQuery.MAX_LIMIT).build(), visitor);
  }

  /**
   * {@return the actions of {@code kinds} in {@code statuses} on {@code entity} under any of its
   * names}, each once: by each of its keys ({@link Entity#keys()}), and, for a user known by no
   * object id (its actions may be keyed by one), among the identity actions of those kinds and
   * statuses, those on the same user ({@link Entity#sameAs}). A file known by its SHA-1 alone is
   * not looked for under a SHA-256 it does not carry: that scan would read every file action ever
   * taken.
   *
   * @param store the store
   * @param entity the entity
   * @param kinds the kinds, or empty for every kind
   * @param statuses the statuses
   */
  public static List<ActionRecord> onSameEntity(
      InvestigationStore store, Entity entity, Set<ActionKind> kinds, Set<ActionStatus> statuses) {
    Map<ActionId, ActionRecord> found = new LinkedHashMap<>();
    for (EntityKey key : entity.keys()) {
      ActionQuery.Builder query = ActionQuery.all().entity(key).statuses(statuses);
      forEach(
          store,
          kinds.isEmpty() ? query : query.kinds(kinds),
          action -> found.putIfAbsent(action.id(), action));
    }
    boolean mayBeKeyedElsewhere = entity instanceof UserAccount user && user.objectId() == null;
    if (mayBeKeyedElsewhere) {
      ActionQuery.Builder query =
          ActionQuery.all().families(EnumSet.of(entity.family())).statuses(statuses);
      forEach(
          store,
          kinds.isEmpty() ? query : query.kinds(kinds),
          action -> {
            if (action.action().target().sameAs(entity)) {
              found.putIfAbsent(action.id(), action);
            }
          });
    }
    return List.copyOf(found.values());
  }
}
