package dev.parry.spi.store;

import dev.parry.core.entity.EntityKey;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default store: thread-safe, in memory, indexed so that the Pending tab, the dispatched
 * actions, one investigation's actions and one entity's actions are read without scanning the rest.
 * State is lost when the process ends.
 *
 * <p>Each investigation is appended under its own lock; indexes are updated under the same lock, so
 * a query sees every action in a state it really had, though a query spanning investigations is not
 * a snapshot of one instant.
 *
 * <pre>{@code
 * InvestigationStore store = InMemoryInvestigationStore.create();
 * }</pre>
 */
public final class InMemoryInvestigationStore implements InvestigationStore {

  private static final Set<ActionStatus> DISPATCHED = ActionStatus.dispatched();

  private record Stored(Investigation state, List<InvestigationEvent> events) {}

  private record Lease(String owner, Instant until) {}

  private final Map<InvestigationId, Stored> investigations = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<SortKey, ActionRecord> all = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<SortKey, ActionRecord> pending = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<SortKey, ActionRecord> dispatched = new ConcurrentSkipListMap<>();
  private final Map<EntityKey, ConcurrentSkipListMap<SortKey, ActionId>> byEntity = new ConcurrentHashMap<>();
  private final Map<ActionId, Lease> leases = new ConcurrentHashMap<>();

  private InMemoryInvestigationStore() {}

  /** {@return an empty store} */
  public static InMemoryInvestigationStore create() {
    return new InMemoryInvestigationStore();
  }

  @Override
  public void append(InvestigationId id, long expectedVersion, List<InvestigationEvent> events, Investigation after) {
    StoreArguments.append(id, expectedVersion, events, after);
    investigations.compute(id, (key, stored) -> {
      long actual = stored == null ? 0 : stored.state().version();
      if (actual != expectedVersion) {
        throw new ConcurrencyConflictException(id, expectedVersion, actual);
      }
      List<InvestigationEvent> log = new ArrayList<>(stored == null ? events.size() : stored.events().size() + events.size());
      if (stored != null) {
        log.addAll(stored.events());
      }
      log.addAll(events);
      index(stored == null ? null : stored.state(), after);
      return new Stored(after, List.copyOf(log));
    });
  }

  @SuppressWarnings("ReferenceEquality") // an unchanged action is the very same record: skip the deep equals
  private void index(@Nullable Investigation before, Investigation after) {
    List<ActionRecord> actions = after.actions();
    for (int i = 0; i < actions.size(); i++) {
      ActionRecord now = actions.get(i);
      ActionRecord was = before == null || i >= before.actions().size() ? null : before.actions().get(i);
      if (now == was || now.equals(was)) {
        continue;
      }
      SortKey key = SortKey.of(now);
      all.put(key, now);
      if (now.status() == ActionStatus.PENDING_APPROVAL) {
        pending.put(key, now);
      } else {
        pending.remove(key);
      }
      if (now.status().isDispatched()) {
        dispatched.put(key, now);
      } else {
        dispatched.remove(key);
        leases.remove(now.id()); // an action no dispatcher carries holds no dispatch lease
      }
      if (was == null) {
        byEntity.computeIfAbsent(now.action().target().key(), k -> new ConcurrentSkipListMap<>()).put(key, now.id());
      }
    }
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    Stored stored = investigations.get(Objects.requireNonNull(id, "id"));
    return stored == null ? Optional.empty() : Optional.of(stored.state());
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    Stored stored = investigations.get(Objects.requireNonNull(id, "id"));
    return stored == null ? List.of() : stored.events();
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Objects.requireNonNull(query, "query");
    NavigableMap<SortKey, ActionRecord> source = sourceFor(query);
    if (query.newestFirst()) {
      source = source.descendingMap();
    }
    String cursor = query.cursor();
    if (cursor != null) {
      source = source.tailMap(SortKey.parse(cursor), false);
    }
    List<ActionRecord> items = new ArrayList<>(Math.min(query.limit(), 64));
    SortKey last = null;
    for (Map.Entry<SortKey, ActionRecord> entry : source.entrySet()) {
      ActionRecord action = entry.getValue();
      if (!query.matches(action)) {
        continue;
      }
      if (items.size() == query.limit()) {
        return new Page<>(items, Objects.requireNonNull(last).cursor());
      }
      items.add(action);
      last = entry.getKey();
    }
    return new Page<>(items, null);
  }

  /** Chooses the smallest index that holds every possible match. */
  private NavigableMap<SortKey, ActionRecord> sourceFor(ActionQuery query) {
    NavigableMap<SortKey, ActionRecord> source;
    if (query.investigation() != null) {
      source = new ConcurrentSkipListMap<>();
      Stored stored = investigations.get(query.investigation());
      if (stored != null) {
        for (ActionRecord action : stored.state().actions()) {
          source.put(SortKey.of(action), action);
        }
      }
    } else if (query.entity() != null) {
      source = new ConcurrentSkipListMap<>();
      ConcurrentSkipListMap<SortKey, ActionId> ids = byEntity.get(query.entity());
      if (ids != null) {
        for (Map.Entry<SortKey, ActionId> entry : ids.entrySet()) {
          ActionRecord action = all.get(entry.getKey());
          if (action != null) {
            source.put(entry.getKey(), action);
          }
        }
      }
    } else if (!query.statuses().isEmpty() && Set.of(ActionStatus.PENDING_APPROVAL).containsAll(query.statuses())) {
      source = pending;
    } else if (!query.statuses().isEmpty() && DISPATCHED.containsAll(query.statuses())) {
      source = dispatched;
    } else {
      source = all;
    }
    Instant from = query.proposedFrom();
    Instant to = query.proposedTo();
    if (from != null) {
      source = source.tailMap(new SortKey(from, "", 0), true);
    }
    if (to != null) {
      source = source.headMap(new SortKey(to, "", 0), false);
    }
    return source;
  }

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    StoreArguments.claim(action, owner, now, lease);
    if (load(action.investigation()).flatMap(i -> i.action(action)).isEmpty()) {
      return false;
    }
    boolean[] won = {false};
    leases.compute(action, (key, current) -> {
      if (current == null || current.owner().equals(owner) || !current.until().isAfter(now)) {
        won[0] = true;
        return new Lease(owner, now.plus(lease));
      }
      return current;
    });
    return won[0];
  }

  @Override
  public void release(ActionId action, String owner) {
    StoreArguments.release(action, owner);
    leases.computeIfPresent(action, (key, current) -> current.owner().equals(owner) ? null : current);
  }

  /** {@return how many investigations the store holds} */
  public int size() {
    return investigations.size();
  }

  @Override
  public String toString() {
    return "InMemoryInvestigationStore{investigations=" + investigations.size() + ", actions=" + all.size()
        + ", pending=" + pending.size() + "}";
  }
}
