// Past 400 lines because the indexes and the chain are kept in step under that one lock here; split
// up, the lock's invariant would be spread over several classes.
package dev.parry.spi.store;

import dev.parry.core.entity.EntityKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Obligation;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default store: thread-safe, in memory, indexed so that the Pending tab, the
 * dispatched actions, one investigation's actions and one entity's actions are read without
 * scanning the rest. State is lost when the process ends.
 *
 * <p>Each event is kept with its audit chain hash, computed once when it is appended.
 *
 * <p>Each investigation is appended under its own lock; indexes are updated under the same lock, so
 * a query sees every action in a state it really had, though a query spanning investigations is not
 * a snapshot of one instant. Just past 400 lines because the indexes and the chain are kept in step
 * under that one lock here; split up, the lock's invariant would be spread over several classes.
 *
 * <pre>{@code
 * InvestigationStore store = InMemoryInvestigationStore.create();
 * }</pre>
 */
public final class InMemoryInvestigationStore implements InvestigationStore {

  private static final Set<ActionStatus> DISPATCHED = ActionStatus.dispatched();

  private record Stored(Investigation state, EventLog events) {}

  /** A dispatch lease: the action's owner until {@code until}, taken at {@code at}. */
  private record Lease(ActionId action, String owner, Instant at, Instant until) {
    boolean refuses(String claimant, Instant now) {
      return !owner.equals(claimant) && until.isAfter(now);
    }
  }

  /*
   * The indexes map an action's sort key to its id and are read through the investigation's stored
   * state, so an action's entry is written when it joins an index and removed when it leaves, never
   * rewritten as its status changes. byEntity holds each entity's sort keys.
   */
  private final Map<InvestigationId, Stored> investigations;
  private final ConcurrentSkipListMap<SortKey, ActionId> all = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<SortKey, ActionId> pending = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<SortKey, ActionId> dispatched = new ConcurrentSkipListMap<>();

  /**
   * Each pending action by its expiry and each time-boxed one by the end of its box (the key's time
   * is the due time, not the proposal time); dispatches and undos are due since their proposal and
   * are read from the dispatched index.
   */
  private final ConcurrentSkipListMap<SortKey, ActionId> due = new ConcurrentSkipListMap<>();

  private final Map<EntityKey, EntityActions> byEntity;
  private final Map<ActionId, Lease> leases = new ConcurrentHashMap<>();
  private final InMemoryControlStore controls = InMemoryControlStore.create();

  /** The most investigations a store may be sized for up front. */
  public static final int MAX_EXPECTED = 1 << 26;

  private InMemoryInvestigationStore(int expected) {
    investigations = new ConcurrentHashMap<>(expected);
    byEntity = new ConcurrentHashMap<>(expected);
  }

  /** {@return an empty store} */
  public static InMemoryInvestigationStore create() {
    return new InMemoryInvestigationStore(16);
  }

  /**
   * {@return an empty store sized for {@code expected} investigations (and about as many
   * entities)}: it holds more as it grows, but up to that many it never rebuilds its hash tables, a
   * cost that otherwise falls on appends each time the store doubles. For an embedded store that
   * must absorb an outbreak; each expected investigation costs about 16 bytes up front.
   *
   * <pre>{@code InvestigationStore store = InMemoryInvestigationStore.create(1_000_000);}</pre>
   *
   * @param expected how many investigations the store should hold without growing, 0 to {@value
   *     #MAX_EXPECTED}
   * @throws InvalidInputException if {@code expected} is negative or larger than {@value
   *     #MAX_EXPECTED}
   */
  public static InMemoryInvestigationStore create(int expected) {
    if (expected < 0 || expected > MAX_EXPECTED) {
      throw new InvalidInputException(
          "expected",
          expected,
          "expected investigations must be 0-" + MAX_EXPECTED + ", was: " + expected);
    }
    return new InMemoryInvestigationStore(expected);
  }

  @Override
  public ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    StoreArguments.append(id, expectedVersion, events, after);
    return write(id, expectedVersion, events, after, null);
  }

  @Override
  public ChainHead appendClaiming(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    StoreArguments.appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
    return write(
        id, expectedVersion, events, after, new Lease(action, owner, now, now.plus(lease)));
  }

  /**
   * Appends, taking {@code claim} (when given) under the investigation's lock after the version
   * check: a held lease refuses the whole append, and a refused append takes no lease.
   */
  private ChainHead write(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      @Nullable Lease claim) {
    // the hashes are computed before taking the investigation's lock, from the head of the log this
    // append must extend: if another append moves the log on meanwhile, the version check refuses
    // this one
    Stored before = investigations.get(id);
    long seen = before == null ? 0 : before.state().version();
    if (seen != expectedVersion) {
      throw new ConcurrencyConflictException(id, expectedVersion, seen);
    }
    ChainHash previous = before == null ? ChainHash.GENESIS : before.events().head();
    List<ChainHash> links = AuditTrail.links(previous, expectedVersion, events);
    investigations.compute(
        id,
        (key, stored) -> {
          long actual = stored == null ? 0 : stored.state().version();
          if (actual != expectedVersion) {
            throw new ConcurrencyConflictException(id, expectedVersion, actual);
          }
          if (claim != null) {
            take(claim);
          }
          EventLog log =
              stored == null ? EventLog.of(events, links) : stored.events().appended(events, links);
          index(stored == null ? List.of() : stored.state().actions(), after.actions());
          return new Stored(after, log);
        });
    return new ChainHead(after.version(), links.get(links.size() - 1));
  }

  /**
   * Moves each action whose status changed between the indexes; an index entry depends on the
   * status only.
   */
  private void index(List<ActionRecord> before, List<ActionRecord> after) {
    for (int i = 0; i < after.size(); i++) {
      ActionRecord now = after.get(i);
      ActionRecord previous = i < before.size() ? before.get(i) : null;
      @SuppressWarnings(
          "ReferenceEquality") // identity on purpose: an untouched action is the same object
      boolean untouched = previous == now;
      if (untouched) {
        continue;
      }
      indexObligation(previous, now);
      ActionStatus was = previous != null ? previous.status() : null;
      ActionStatus is = now.status();
      if (was == is) {
        continue;
      }
      SortKey key = SortKey.of(now);
      if (was == null) {
        all.put(key, now.id());
        byEntity.compute(
            now.action().target().key(),
            (entity, actions) -> actions == null ? new EntityActions(key) : actions.with(key));
      }
      if (is == ActionStatus.PENDING_APPROVAL) {
        pending.put(key, now.id());
      } else if (was == ActionStatus.PENDING_APPROVAL) {
        pending.remove(key);
      }
      boolean wasDispatched = was != null && was.isDispatched();
      if (is.isDispatched() && !wasDispatched) {
        dispatched.put(key, now.id());
      } else if (!is.isDispatched() && wasDispatched) {
        dispatched.remove(key);
        leases.remove(now.id()); // an action no dispatcher carries holds no dispatch lease
      }
    }
  }

  /** Moves an action's entry in the due index when its obligation changed. */
  private void indexObligation(@Nullable ActionRecord previous, ActionRecord now) {
    Obligation was = timed(previous);
    Obligation is = timed(now);
    if (Objects.equals(was, is)) {
      return;
    }
    String investigation = now.id().investigation().value();
    if (was != null) {
      due.remove(new SortKey(was.due(), investigation, now.id().sequence()));
    }
    if (is != null) {
      due.put(new SortKey(is.due(), investigation, now.id().sequence()), now.id());
    }
  }

  /**
   * {@return the action's obligation if it needs the due index: an expiry or the end of a time
   * box}; a dispatch or an undo is due since its proposal, which is the key of the dispatched index
   * already
   */
  private static @Nullable Obligation timed(@Nullable ActionRecord action) {
    if (action == null || action.status().isDispatched()) {
      return null;
    }
    return action.obligation().orElse(null);
  }

  /**
   * One entity's actions: most entities have one, held inline; more go to an array that doubles
   * when full, so an entity in thousands of investigations (a campaign's URL) is added to in
   * amortized constant time, and stays one flat array for the collector rather than a long chain.
   */
  private static final class EntityActions {
    private final SortKey first;
    private SortKey @Nullable [] more;
    private int moreCount;

    EntityActions(SortKey first) {
      this.first = first;
    }

    synchronized EntityActions with(SortKey key) {
      SortKey[] array = more == null ? new SortKey[4] : more;
      if (moreCount == array.length) {
        array = Arrays.copyOf(array, 2 * moreCount);
      }
      array[moreCount++] = key;
      more = array;
      return this;
    }

    synchronized List<SortKey> keys() {
      List<SortKey> keys = new ArrayList<>(1 + moreCount);
      keys.add(first);
      SortKey[] array = more;
      for (int i = 0; array != null && i < moreCount; i++) {
        keys.add(array[i]);
      }
      return keys;
    }
  }

  /**
   * {@return the action as its investigation's stored state holds it now, or null if it is not
   * visible yet}
   */
  private @Nullable ActionRecord current(ActionId id) {
    Stored stored = investigations.get(id.investigation());
    return stored == null ? null : stored.state().action(id).orElse(null);
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    Stored stored = investigations.get(Checks.notNull(id, "id"));
    return stored == null ? Optional.empty() : Optional.of(stored.state());
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    Stored stored = investigations.get(Checks.notNull(id, "id"));
    return stored == null ? List.of() : stored.events();
  }

  @Override
  public List<AuditRecord> chain(InvestigationId id) {
    Stored stored = investigations.get(Checks.notNull(id, "id"));
    if (stored == null) {
      return List.of();
    }
    EventLog log = stored.events();
    List<AuditRecord> records = new ArrayList<>(log.size());
    for (int i = 0; i < log.size(); i++) {
      records.add(new AuditRecord(i + 1L, log.get(i), log.hash(i)));
    }
    return List.copyOf(records);
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Checks.notNull(query, "query");
    NavigableMap<SortKey, ActionId> source = sourceFor(query);
    if (query.newestFirst()) {
      source = source.descendingMap();
    }
    String cursor = query.cursor();
    if (cursor != null) {
      source = source.tailMap(SortKey.parse(cursor), false);
    }
    List<ActionRecord> items = new ArrayList<>(Math.min(query.limit(), 64));
    SortKey last = null;
    for (Map.Entry<SortKey, ActionId> entry : source.entrySet()) {
      ActionRecord action = current(entry.getValue());
      if (action == null || !query.matches(action)) {
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
  private NavigableMap<SortKey, ActionId> sourceFor(ActionQuery query) {
    NavigableMap<SortKey, ActionId> source;
    if (query.investigation() != null) {
      source = new TreeMap<>();
      Stored stored = investigations.get(query.investigation());
      if (stored != null) {
        for (ActionRecord action : stored.state().actions()) {
          source.put(SortKey.of(action), action.id());
        }
      }
    } else if (query.entity() != null) {
      source = new TreeMap<>();
      EntityActions actions = byEntity.get(query.entity());
      for (SortKey key : actions == null ? List.<SortKey>of() : actions.keys()) {
        ActionId id = all.get(key);
        if (id != null) {
          source.put(key, id);
        }
      }
    } else if (!query.statuses().isEmpty()
        && Set.of(ActionStatus.PENDING_APPROVAL).containsAll(query.statuses())) {
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
  public List<ActionRecord> due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    SortKey cursor = StoreArguments.due(now, owner, after, limit);
    List<ActionRecord> out = new ArrayList<>(Math.min(limit, 64));
    SortKey end = new SortKey(now.plusNanos(1), "", 0);
    // two sources in one order: expiries and time-box ends by due time, and dispatches and undos,
    // due since their proposal, by the dispatched index's own key
    Iterator<Map.Entry<SortKey, ActionId>> timed = from(due.headMap(end, false), cursor);
    Iterator<Map.Entry<SortKey, ActionId>> carried = from(dispatched.headMap(end, false), cursor);
    Map.Entry<SortKey, ActionId> a = timed.hasNext() ? timed.next() : null;
    Map.Entry<SortKey, ActionId> b = carried.hasNext() ? carried.next() : null;
    while ((a != null || b != null) && out.size() < limit) {
      Map.Entry<SortKey, ActionId> next;
      if (a != null && (b == null || a.getKey().compareTo(b.getKey()) <= 0)) {
        next = a;
        a = timed.hasNext() ? timed.next() : null;
      } else {
        next = Objects.requireNonNull(b);
        b = carried.hasNext() ? carried.next() : null;
      }
      ActionRecord action = current(next.getValue());
      Optional<Obligation> obligation = action == null ? Optional.empty() : action.obligation();
      if (obligation.isEmpty() || !obligation.get().due().equals(next.getKey().proposedAt())) {
        continue; // moved on since the entry was read: it is answered under its new key, if due
      }
      Lease lease = leases.get(next.getValue());
      if (lease != null && !lease.owner().equals(owner) && lease.until().isAfter(now)) {
        continue;
      }
      out.add(action);
    }
    return out;
  }

  private static Iterator<Map.Entry<SortKey, ActionId>> from(
      NavigableMap<SortKey, ActionId> source, @Nullable SortKey cursor) {
    return (cursor == null ? source : source.tailMap(cursor, false)).entrySet().iterator();
  }

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    StoreArguments.claim(action, owner, now, lease);
    if (current(action) == null) {
      return false;
    }
    boolean[] won = {false};
    leases.compute(
        action,
        (key, current) -> {
          if (current == null || !current.refuses(owner, now)) {
            won[0] = true;
            return new Lease(action, owner, now, now.plus(lease));
          }
          return current;
        });
    return won[0];
  }

  /**
   * Takes {@code claim}'s lease, or throws {@link LeaseHeldException} leaving leases as they were.
   */
  private void take(Lease claim) {
    leases.compute(
        claim.action(),
        (key, current) -> {
          if (current != null && current.refuses(claim.owner(), claim.at())) {
            throw new LeaseHeldException(claim.action());
          }
          return claim;
        });
  }

  @Override
  public void release(ActionId action, String owner) {
    StoreArguments.release(action, owner);
    leases.computeIfPresent(
        action, (key, current) -> current.owner().equals(owner) ? null : current);
  }

  /**
   * {@return the store's control state: one in-memory control store, shared by every runtime on
   * this store}
   */
  @Override
  public Optional<ControlStore> controls() {
    return Optional.of(controls);
  }

  /** {@return how many investigations the store holds} */
  public int size() {
    return investigations.size();
  }

  @Override
  public String toString() {
    return "InMemoryInvestigationStore{investigations="
        + investigations.size()
        + ", actions="
        + all.size()
        + ", pending="
        + pending.size()
        + "}";
  }
}
