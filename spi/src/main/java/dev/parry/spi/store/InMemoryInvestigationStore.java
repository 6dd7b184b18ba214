// Past 400 lines because the indexes and the chain are kept in step, and evicted, under that one
// lock here; split up, the lock's invariant would be spread over several classes. The builder is
// nested, as the runtime's is.
package dev.parry.spi.store;

import dev.parry.core.entity.EntityKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Obligation;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default store: thread-safe, in memory, indexed so that the Pending tab, the
 * dispatched actions, one investigation's actions and one entity's actions are read without
 * scanning the rest. State is lost when the process ends.
 *
 * <p>The audit chain hashes are computed when first asked for (the head {@link #append} answers,
 * {@link #chain}, an evicted investigation handed to the {@link RetentionSink}) and kept; a read
 * that races an append may compute them twice. Nothing can change an event held in this process's
 * memory, so the hashes are the same whenever they are computed.
 *
 * <p>Each investigation is appended under its own lock; indexes are updated under the same lock, so
 * a query sees every action in a state it really had, though a query spanning investigations is not
 * a snapshot of one instant. Past 400 lines because the indexes and the chain are kept in step, and
 * evicted, under that one lock here; split up, the lock's invariant would be spread over several
 * classes.
 *
 * <p><b>Bounded retention.</b> By default the store forgets nothing. Built with {@link
 * Builder#retainFor retainFor} or {@link Builder#retainAtMost retainAtMost}, it evicts
 * <em>settled</em> investigations: complete ({@link Investigation#completedAt()} set), every action
 * without an {@linkplain ActionRecord#obligation() obligation} (no pending expiry, no dispatch or
 * undo to carry, no time box still running) and no dispatch lease held on any of them; that is,
 * nothing the reconciler could find due. An evicted investigation is gone as if it never existed:
 * {@link #load} answers empty, {@link #events} and {@link #chain} empty lists, its actions leave
 * every query (a page already read stays valid, and its cursor goes on with the actions kept), and
 * a command aimed at it fails as for an unknown investigation. Eviction runs after appends and
 * reads of due work, oldest settled first, and hands each investigation to the {@link
 * RetentionSink} first if there is one.
 *
 * <pre>{@code
 * InvestigationStore store = InMemoryInvestigationStore.create();
 * InMemoryInvestigationStore bounded =
 *     InMemoryInvestigationStore.builder().retainFor(Duration.ofDays(30)).retainAtMost(1_000_000).build();
 * }</pre>
 */
public final class InMemoryInvestigationStore implements InvestigationStore {

  private static final Set<ActionStatus> DISPATCHED = ActionStatus.dispatched();

  /** A dispatch lease: the action's owner until {@code until}, taken at {@code at}. */
  private record Lease(ActionId action, String owner, Instant at, Instant until) {
    boolean refuses(String claimant, Instant now) {
      return !owner.equals(claimant) && until.isAfter(now);
    }
  }

  /**
   * What is kept of each investigation: its events, which hold the state they fold to ({@link
   * EventLog#state}).
   */
  private final Map<InvestigationId, EventLog> investigations;

  /*
   * The indexes map an action's sort key to its id and are read through the investigation's stored
   * state, so an action's entry is written when it joins an index and removed when it leaves, never
   * rewritten as its status changes. byEntity holds each entity's sort keys (EntityKeys: a lone key,
   * or several).
   */

  private final ConcurrentSkipListMap<IndexKey, ActionId> all = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<IndexKey, ActionId> pending = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<IndexKey, ActionId> dispatched =
      new ConcurrentSkipListMap<>();

  /**
   * Each pending action by its expiry and each time-boxed one by the end of its box (the key's time
   * is the due time, not the proposal time); dispatches and undos are due since their proposal and
   * are read from the dispatched index. An expiry's entry whose action was decided stays until its
   * time comes or its investigation is evicted, about 70 bytes each (see {@link #indexObligation}).
   */
  private final ConcurrentSkipListMap<IndexKey, ActionId> due = new ConcurrentSkipListMap<>();

  private final Map<EntityKey, EntityKeys> byEntity;
  private final Map<ActionId, Lease> leases = new ConcurrentHashMap<>();
  private final InMemoryControlStore controls = InMemoryControlStore.create();
  private final Evictions evictions;

  /** The most investigations a store may be sized for up front. */
  public static final int MAX_EXPECTED = 1 << 26;

  private InMemoryInvestigationStore(int expected, Evictions evictions) {
    investigations = new ConcurrentHashMap<>(expected);
    byEntity = new ConcurrentHashMap<>(expected);
    this.evictions = evictions;
  }

  /** {@return an empty store that keeps everything} */
  public static InMemoryInvestigationStore create() {
    return builder().build();
  }

  /**
   * {@return a builder for a store sized up front or with bounded retention}
   *
   * <pre>{@code
   * InMemoryInvestigationStore store =
   *     InMemoryInvestigationStore.builder()
   *         .expected(1_000_000)
   *         .retainFor(Duration.ofDays(30))
   *         .sink(archive::offer)
   *         .clock(clock)
   *         .build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
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
    return builder().expected(expected).build();
  }

  /** Appends, then answers the head: the hashes of the events up to it are computed now. */
  @Override
  public ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    StoreArguments.append(id, expectedVersion, events, after);
    return head(store(id, expectedVersion, events, after, null));
  }

  /** Appends without computing a hash: they are computed when first read (see {@link EventLog}). */
  @Override
  public void appendWithoutHead(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    StoreArguments.append(id, expectedVersion, events, after);
    store(id, expectedVersion, events, after, null);
  }

  /** Appends and takes the lease under the investigation's lock: both or neither (STORE-28). */
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
    return head(store(id, expectedVersion, events, after, leaseOf(action, owner, now, lease)));
  }

  /** As {@link #appendClaiming}, without computing a hash (see {@link #appendWithoutHead}). */
  @Override
  public void appendClaimingWithoutHead(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    StoreArguments.appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
    store(id, expectedVersion, events, after, leaseOf(action, owner, now, lease));
  }

  private static Lease leaseOf(ActionId action, String owner, Instant now, Duration lease) {
    return new Lease(action, owner, now, now.plus(lease));
  }

  private static ChainHead head(EventLog log) {
    return new ChainHead(log.size(), log.head());
  }

  /**
   * {@return the investigation's log after appending {@code events}}, taking {@code claim} (when
   * given) under the investigation's lock after the version check: a held lease refuses the whole
   * append, and a refused append takes no lease
   */
  private EventLog store(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      @Nullable Lease claim) {
    EventLog now =
        investigations.compute(
            id,
            (key, stored) -> {
              long actual = stored == null ? 0 : stored.state().version();
              if (actual != expectedVersion) {
                throw new ConcurrencyConflictException(id, expectedVersion, actual);
              }
              if (claim != null) {
                take(claim, after.action(claim.action()).orElseThrow().status().isDispatched());
              }
              index(stored == null ? List.of() : stored.state().actions(), after.actions());
              return stored == null ? EventLog.of(events, after) : stored.appended(events, after);
            });
    if (evictions.enabled()) {
      if (settled(after)) {
        evictions.settled(id, after.version());
      }
      evictions.run(investigations::size, this::evict);
    }
    return Objects.requireNonNull(now);
  }

  /**
   * {@return whether the investigation is settled as far as its state tells}: complete, and no
   * action with an obligation. Leases are checked when it is evicted.
   */
  private static boolean settled(Investigation state) {
    if (state.completedAt() == null) {
      return false;
    }
    for (ActionRecord action : state.actions()) {
      if (action.obligation().isPresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Evicts the candidate if it is still what was stored when it settled, under the investigation's
   * lock: an append to it either came first (the version moved on, the candidate is stale) or comes
   * after (and finds it gone, a {@link ConcurrencyConflictException}); never lost in between.
   */
  private Evictions.Outcome evict(Evictions.Candidate candidate, Instant now) {
    Evictions.Outcome[] outcome = {Evictions.Outcome.STALE};
    @Nullable EventLog[] gone = {null};
    investigations.computeIfPresent(
        candidate.id(),
        (id, stored) -> {
          if (stored.state().version() != candidate.version()) {
            return stored;
          }
          if (leaseHeld(stored.state(), now)) {
            outcome[0] = Evictions.Outcome.HELD;
            return stored;
          }
          if (!evictions.handOver(evicted(stored))) {
            outcome[0] = Evictions.Outcome.REFUSED;
            return stored;
          }
          unindex(stored.state());
          outcome[0] = Evictions.Outcome.EVICTED;
          gone[0] = stored;
          return null;
        });
    EventLog evicted = gone[0];
    if (evicted != null) {
      // after the removal is visible: a claim that runs later finds no action and takes no lease
      for (ActionRecord action : evicted.state().actions()) {
        leases.remove(action.id());
      }
    }
    return outcome[0];
  }

  private static Supplier<EvictedInvestigation> evicted(EventLog stored) {
    return () -> new EvictedInvestigation(stored.state(), records(stored));
  }

  /** {@return whether a dispatch lease on one of the actions runs past {@code now}} */
  private boolean leaseHeld(Investigation state, Instant now) {
    if (leases.isEmpty()) {
      return false;
    }
    for (ActionRecord action : state.actions()) {
      Lease lease = leases.get(action.id());
      if (lease != null && lease.until().isAfter(now)) {
        return true;
      }
    }
    return false;
  }

  /** {@return where {@code action} sorts in the indexes by proposal: {@link SortKey#of}'s order} */
  private static IndexKey keyOf(ActionRecord action) {
    return IndexKey.of(
        action.proposedAt(), action.id().investigation().value(), action.id().sequence());
  }

  /**
   * Removes an evicted investigation's actions from every index, the due index's entries of their
   * last expiries included (a time box's end that went or moved was removed then: {@link
   * #indexObligation}).
   */
  private void unindex(Investigation state) {
    String investigation = state.id().value();
    for (ActionRecord action : state.actions()) {
      IndexKey key = keyOf(action);
      all.remove(key);
      pending.remove(key);
      dispatched.remove(key);
      Obligation timed = timed(action);
      if (timed != null) {
        due.remove(IndexKey.of(timed.due(), investigation, action.id().sequence()));
      }
      Instant expiry = action.expiresAt();
      if (expiry != null) {
        // the entry its last expiry left when it was decided, which may lie years ahead: an
        // evicted investigation keeps none, so that retention bounds the due index too
        due.remove(IndexKey.of(expiry, investigation, action.id().sequence()), action.id());
      }
      byEntity.computeIfPresent(
          action.action().target().key(), (entity, keys) -> keys.without(key));
    }
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
      IndexKey key = keyOf(now);
      if (was == null) {
        all.put(key, now.id());
        byEntity.compute(
            now.action().target().key(), (entity, keys) -> keys == null ? key : keys.with(key));
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

  /**
   * Puts an action's entry in the due index when it gains a timed obligation or the obligation
   * moves. The entry of an expiry that went (met by an approval, a rejection or a cancel) is left
   * where it is: reading due work passes it over and removes it when its time comes ({@link
   * #dropIfStale}), so that an approval does not search the index of every pending action for it.
   */
  private void indexObligation(@Nullable ActionRecord previous, ActionRecord now) {
    Obligation is = timed(now);
    if (is == null && (previous == null || previous.status() != ActionStatus.SUCCEEDED)) {
      // nothing joins, and only a time box's end leaves at once: ActionRecord.obligation() gives
      // END_TIME_BOX to a succeeded action only
      return;
    }
    Obligation was = timed(previous);
    if (Objects.equals(was, is)) {
      return;
    }
    String investigation = now.id().investigation().value();
    if (was != null && was.kind() == Obligation.Kind.END_TIME_BOX) {
      // a time box's end that went or moved (an undo asked for early, an extension) may lie years
      // ahead, past any eviction of its investigation: time-boxed actions are few, so it goes now
      due.remove(IndexKey.of(was.due(), investigation, now.id().sequence()), now.id());
    }
    if (is != null) {
      due.put(IndexKey.of(is.due(), investigation, now.id().sequence()), now.id());
    }
  }

  /**
   * Removes {@code key}'s entry from the due index if its action no longer has that timed
   * obligation (or is no longer stored), deciding under the investigation's lock so that an append
   * putting the same entry back is never undone.
   */
  private void dropIfStale(IndexKey key, ActionId id) {
    investigations.compute(
        id.investigation(),
        (investigation, log) -> {
          Obligation timed = log == null ? null : timed(log.state().action(id).orElse(null));
          if (timed == null || !key.isAt(timed.due())) {
            due.remove(key, id);
          }
          return log;
        });
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

  /** {@return the obligation of a dispatched action, which its proposal's key indexes} */
  private static @Nullable Obligation untimed(@Nullable ActionRecord action) {
    if (action == null || !action.status().isDispatched()) {
      return null;
    }
    return action.obligation().orElse(null);
  }

  /** {@return how many entries the due index holds, those left for reading due work included} */
  int dueEntries() {
    return due.size();
  }

  /**
   * {@return the action as its investigation's stored state holds it now, or null if it is not
   * visible yet}
   */
  private @Nullable ActionRecord current(ActionId id) {
    EventLog stored = investigations.get(id.investigation());
    return stored == null ? null : stored.state().action(id).orElse(null);
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    EventLog stored = investigations.get(Checks.notNull(id, "id"));
    return stored == null ? Optional.empty() : Optional.of(stored.state());
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    EventLog stored = investigations.get(Checks.notNull(id, "id"));
    return stored == null ? List.of() : stored;
  }

  @Override
  public List<AuditRecord> chain(InvestigationId id) {
    EventLog stored = investigations.get(Checks.notNull(id, "id"));
    return stored == null ? List.of() : records(stored);
  }

  private static List<AuditRecord> records(EventLog log) {
    List<AuditRecord> records = new ArrayList<>(log.size());
    for (int i = 0; i < log.size(); i++) {
      records.add(new AuditRecord(i + 1L, log.get(i), log.hash(i)));
    }
    return List.copyOf(records);
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Checks.notNull(query, "query");
    NavigableMap<IndexKey, ActionId> source = sourceFor(query);
    if (query.newestFirst()) {
      source = source.descendingMap();
    }
    String cursor = query.cursor();
    if (cursor != null) {
      source = source.tailMap(IndexKey.of(SortKey.parse(cursor)), false);
    }
    List<ActionRecord> items = new ArrayList<>(Math.min(query.limit(), 64));
    IndexKey last = null;
    for (Map.Entry<IndexKey, ActionId> entry : source.entrySet()) {
      ActionRecord action = current(entry.getValue());
      if (action == null || !query.matches(action)) {
        continue;
      }
      if (items.size() == query.limit()) {
        return new Page<>(items, Objects.requireNonNull(last).sortKey().cursor());
      }
      items.add(action);
      last = entry.getKey();
    }
    return new Page<>(items, null);
  }

  /** Chooses the smallest index that holds every possible match. */
  private NavigableMap<IndexKey, ActionId> sourceFor(ActionQuery query) {
    NavigableMap<IndexKey, ActionId> source;
    if (query.investigation() != null) {
      source = new TreeMap<>();
      EventLog stored = investigations.get(query.investigation());
      if (stored != null) {
        for (ActionRecord action : stored.state().actions()) {
          source.put(keyOf(action), action.id());
        }
      }
    } else if (query.entity() != null) {
      source = new TreeMap<>();
      EntityKeys entityKeys = byEntity.get(query.entity());
      for (IndexKey key : entityKeys == null ? List.<IndexKey>of() : entityKeys.keys()) {
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
      source = source.tailMap(IndexKey.first(from), true);
    }
    if (to != null) {
      source = source.headMap(IndexKey.first(to), false);
    }
    return source;
  }

  @Override
  public List<ActionRecord> due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    IndexKey cursor = IndexKey.ofNullable(StoreArguments.due(now, owner, after, limit));
    evictions.run(investigations::size, this::evict);
    List<ActionRecord> out = new ArrayList<>(Math.min(limit, 64));
    IndexKey end = IndexKey.first(now.plusNanos(1));
    // two sources in one order: expiries and time-box ends by due time, and dispatches and undos,
    // due since their proposal, by the dispatched index's own key
    Iterator<Map.Entry<IndexKey, ActionId>> timed = from(due.headMap(end, false), cursor);
    Iterator<Map.Entry<IndexKey, ActionId>> carried = from(dispatched.headMap(end, false), cursor);
    Map.Entry<IndexKey, ActionId> a = timed.hasNext() ? timed.next() : null;
    Map.Entry<IndexKey, ActionId> b = carried.hasNext() ? carried.next() : null;
    while ((a != null || b != null) && out.size() < limit) {
      Map.Entry<IndexKey, ActionId> next;
      boolean fromDueIndex = a != null && (b == null || a.getKey().compareTo(b.getKey()) <= 0);
      if (fromDueIndex) {
        next = Objects.requireNonNull(a);
        a = timed.hasNext() ? timed.next() : null;
      } else {
        next = Objects.requireNonNull(b);
        b = carried.hasNext() ? carried.next() : null;
      }
      ActionRecord action = current(next.getValue());
      Obligation obligation = fromDueIndex ? timed(action) : untimed(action);
      if (obligation == null || !next.getKey().isAt(obligation.due())) {
        // moved on since the entry was written or read: it is answered under its new key, if due
        if (fromDueIndex) {
          dropIfStale(next.getKey(), next.getValue());
        }
        continue;
      }
      Lease lease = leases.get(next.getValue());
      if (lease != null && !lease.owner().equals(owner) && lease.until().isAfter(now)) {
        continue;
      }
      out.add(action);
    }
    return out;
  }

  private static Iterator<Map.Entry<IndexKey, ActionId>> from(
      NavigableMap<IndexKey, ActionId> source, @Nullable IndexKey cursor) {
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
          if (current(action) == null) {
            return current; // evicted meanwhile: an action nobody stores holds no lease
          }
          if (current == null || !current.refuses(owner, now)) {
            won[0] = true;
            return new Lease(action, owner, now, now.plus(lease));
          }
          return current;
        });
    return won[0];
  }

  /**
   * Takes {@code claim}'s lease if {@code active} (the append leaves the action carried: an append
   * that leaves it otherwise holds no lease, STORE-16), or throws {@link LeaseHeldException}
   * leaving leases as they were.
   */
  private void take(Lease claim, boolean active) {
    leases.compute(
        claim.action(),
        (key, current) -> {
          if (current != null && current.refuses(claim.owner(), claim.at())) {
            throw new LeaseHeldException(claim.action());
          }
          return active ? claim : current;
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

  /** {@return how many settled investigations the store evicted since it was built} */
  public long evicted() {
    return evictions.evicted();
  }

  /**
   * {@return how many times the {@link RetentionSink} threw}: each time, nothing was evicted and
   * the investigation was offered again at the next eviction
   */
  public long sinkFailures() {
    return evictions.sinkFailures();
  }

  @Override
  public String toString() {
    return "InMemoryInvestigationStore{investigations="
        + investigations.size()
        + ", actions="
        + all.size()
        + ", pending="
        + pending.size()
        + ", evicted="
        + evictions.evicted()
        + "}";
  }

  /**
   * Builds an {@link InMemoryInvestigationStore}: sized up front, with bounded retention, or both.
   * Without {@link #retainFor} or {@link #retainAtMost} the store keeps everything. With both, an
   * investigation is evicted as soon as either bound calls for it. Each setter checks its value at
   * once.
   *
   * <pre>{@code
   * InMemoryInvestigationStore store =
   *     InMemoryInvestigationStore.builder().retainAtMost(500_000).sink(archive::offer).build();
   * }</pre>
   */
  public static final class Builder {

    /** How many investigations a store is sized for unless told: {@value}. */
    public static final int DEFAULT_EXPECTED = 16;

    private int expected = DEFAULT_EXPECTED;
    private @Nullable Duration maxAge;
    private int maxCount;
    private @Nullable RetentionSink sink;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sizes the store for {@code expected} investigations (and about as many entities): it holds
     * more as it grows, but up to that many it never rebuilds its hash tables, a cost that
     * otherwise falls on appends each time the store doubles. Each expected investigation costs
     * about 16 bytes up front. Defaults to {@value #DEFAULT_EXPECTED}.
     *
     * @param expected how many investigations the store should hold without growing, 0 to {@value
     *     #MAX_EXPECTED}
     * @return this builder
     * @throws InvalidInputException if {@code expected} is negative or larger than {@value
     *     #MAX_EXPECTED}
     */
    public Builder expected(int expected) {
      if (expected < 0 || expected > MAX_EXPECTED) {
        throw new InvalidInputException(
            "expected",
            expected,
            "expected investigations must be 0-" + MAX_EXPECTED + ", was: " + expected);
      }
      this.expected = expected;
      return this;
    }

    /**
     * Evicts each settled investigation once it has stayed settled for {@code age}, measured on the
     * {@linkplain #clock clock} from the append that left it settled (an append to a settled
     * investigation starts its age again). Zero evicts it at the first eviction after it settled.
     *
     * @param age how long a settled investigation is kept, 0 to 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code age} is null, negative or longer than 3,650 days
     */
    public Builder retainFor(Duration age) {
      Checks.notNull(age, "age");
      if (age.isNegative() || age.compareTo(Durations.MAX) > 0) {
        throw new InvalidInputException(
            "age", age, "retention age must be 0 to " + Durations.MAX + ", was: " + age);
      }
      this.maxAge = age;
      return this;
    }

    /**
     * Evicts the oldest settled investigations (by when they settled) while the store holds more
     * than {@code count} investigations. Unsettled ones are never evicted, so a store with more
     * than {@code count} of them holds them all, and no settled one.
     *
     * @param count how many investigations the store holds at most, settled ones permitting; 1 or
     *     more
     * @return this builder
     * @throws InvalidInputException if {@code count} is zero or negative
     */
    public Builder retainAtMost(int count) {
      if (count < 1) {
        throw new InvalidInputException(
            "count", count, "retained investigations must be 1 or more, was: " + count);
      }
      this.maxCount = count;
      return this;
    }

    /**
     * Hands every investigation to {@code sink} before it is evicted; one the sink refuses (throws)
     * is kept and offered again at the next eviction. Needs {@link #retainFor} or {@link
     * #retainAtMost}.
     *
     * @param sink where evicted investigations go, for example an archive
     * @return this builder
     * @throws InvalidInputException if {@code sink} is null
     */
    public Builder sink(RetentionSink sink) {
      this.sink = Checks.notNull(sink, "sink");
      return this;
    }

    /**
     * Sets the clock retention ages are measured on: the one the runtime on this store uses.
     * Defaults to the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     * @throws InvalidInputException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * {@return the store}
     *
     * @throws InvalidInputException if a sink was given without {@link #retainFor} or {@link
     *     #retainAtMost}: it would never be called
     */
    public InMemoryInvestigationStore build() {
      if (sink != null && maxAge == null && maxCount == 0) {
        throw new InvalidInputException(
            "sink", sink, "a retention sink needs retainFor or retainAtMost: nothing is evicted");
      }
      return new InMemoryInvestigationStore(expected, new Evictions(maxAge, maxCount, sink, clock));
    }
  }
}
