package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.EvictedInvestigation;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.time.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bounded retention of the in-memory store, through its own methods: the settled rule at the edges
 * a runtime reaches only by timing (no lease, a lease), the entity index, racing threads and the
 * builder's refusals.
 */
@DisplayName("The in-memory store's retention, store-level")
class RetentionStoreTest {

  final TestClock clock = TestClock.create();

  /** An investigation's events and the state they build. */
  record Built(List<InvestigationEvent> events, Investigation state) {}

  static Device device(int n) {
    return Device.of(DeviceId.of("d-" + n), DeviceName.of("ws-" + n));
  }

  /**
   * {@return investigation {@code name}: one automatic isolation of {@code target}, started and
   * succeeded, analysis finished: complete and settled}
   */
  static Built settled(String name, Device target, Instant at) {
    InvestigationId id = InvestigationId.of(name);
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("alert-" + name),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            at);
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    Investigation state = opened.after();
    ActionId action = new ActionId(id, 1);
    for (Command command :
        List.of(
            new Command.ProposeAction(
                new Command.Proposal(
                    new PlannedAction(
                        new IsolateDevice(target, IsolationType.FULL),
                        ApprovalMode.AUTOMATIC,
                        "policy"),
                    ApprovalRule.SINGLE),
                Actor.system()),
            new Command.Start(action, at.plusSeconds(60)),
            new Command.Succeed(action, "done"),
            new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()))) {
      Decision.Accepted next = (Decision.Accepted) state.decide(command, at);
      events.addAll(next.events());
      state = next.after();
    }
    assertTrue(state.isComplete(), state.status().toString());
    return new Built(events, state);
  }

  static Investigation append(InvestigationStore store, Built built) {
    store.append(built.state().id(), 0, built.events(), built.state());
    return built.state();
  }

  /** {@return the undo of the investigation's action requested: the action has an undo to carry} */
  static Decision.Accepted undo(Investigation state, Instant at) {
    return (Decision.Accepted)
        state.decide(
            new Command.RequestUndo(new ActionId(state.id(), 1), Actor.system(), "undo"), at);
  }

  InMemoryInvestigationStore.Builder builder() {
    return InMemoryInvestigationStore.builder().clock(clock);
  }

  @Test
  @DisplayName("an undo to carry keeps an investigation even when nobody holds its lease")
  void undoWithoutLease() {
    InMemoryInvestigationStore store = builder().retainFor(Duration.ofMinutes(1)).build();
    Investigation state = append(store, settled("inv-undo", device(1), clock.instant()));
    Decision.Accepted undone = undo(state, clock.instant());
    store.append(state.id(), state.version(), undone.events(), undone.after());
    assertEquals(
        ActionStatus.UNDO_IN_PROGRESS, undone.after().actions().get(0).status(), "complete still");
    clock.advance(Duration.ofDays(1));
    store.due(clock.instant(), "owner", 10);
    assertTrue(store.load(state.id()).isPresent(), "the reconciler owes its undo");
    assertEquals(0, store.evicted());
  }

  @Test
  @DisplayName("a dispatch lease held on a settled action keeps it until the lease ends")
  void leaseHeld() {
    InMemoryInvestigationStore store = builder().retainFor(Duration.ofMinutes(1)).build();
    Built built = settled("inv-lease", device(1), clock.instant());
    ActionId action = new ActionId(built.state().id(), 1);
    append(store, built);
    // claimed by a dispatcher that read the action before it settled
    assertTrue(store.claim(action, "late", clock.instant(), Duration.ofMinutes(5)));
    clock.advance(Duration.ofMinutes(2));
    store.due(clock.instant(), "owner", 10);
    assertTrue(store.load(built.state().id()).isPresent(), "a lease is held");
    clock.advance(Duration.ofMinutes(4));
    store.due(clock.instant(), "owner", 10);
    assertFalse(store.load(built.state().id()).isPresent(), "evicted once the lease ended");
    assertFalse(
        store.claim(action, "late", clock.instant(), Duration.ofMinutes(5)),
        "an evicted action takes no lease");
  }

  @Test
  @DisplayName("an entity in many investigations keeps exactly the actions still stored, in order")
  void entityIndex() {
    InMemoryInvestigationStore store = builder().retainAtMost(10).build();
    Device shared = device(7);
    List<InvestigationId> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(append(store, settled("inv-" + (1000 + i), shared, clock.instant())).id());
      clock.advance(Duration.ofSeconds(1));
      List<ActionRecord> actions =
          store
              .queryActions(
                  ActionQuery.all().entity(shared.key()).limit(ActionQuery.MAX_LIMIT).build())
              .items();
      List<InvestigationId> expected = ids.subList(Math.max(0, ids.size() - 10), ids.size());
      assertEquals(
          expected, actions.stream().map(a -> a.id().investigation()).toList(), "after " + i);
    }
    assertEquals(90, store.evicted());
  }

  @Test
  @DisplayName(
      "eviction racing appends and reads on many threads loses no append and evicts each once")
  void concurrent() throws Exception {
    Map<InvestigationId, EvictedInvestigation> archived = new ConcurrentHashMap<>();
    Map<InvestigationId, Integer> archivedTimes = new ConcurrentHashMap<>();
    Clock fixed = Clock.fixed(TestClock.START, java.time.ZoneOffset.UTC);
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder()
            .clock(fixed)
            .retainFor(Duration.ZERO)
            .retainAtMost(50)
            .sink(
                evicted -> {
                  archived.put(evicted.state().id(), evicted);
                  archivedTimes.merge(evicted.state().id(), 1, Integer::sum);
                })
            .build();
    int writers = 6;
    int perWriter = 400;
    Map<InvestigationId, Boolean> undoStored = new ConcurrentHashMap<>();
    Map<InvestigationId, Long> settledAt = new ConcurrentHashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 3);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(
            pool.submit(
                () -> {
                  while (!done.get()) {
                    store.queryActions(ActionQuery.all().limit(100).build());
                    store.queryActions(ActionQuery.all().entity(device(3).key()).build());
                    store.due(TestClock.START, "reader", 100);
                    store.load(InvestigationId.of("inv-2-5"));
                  }
                  return null;
                }));
      }
      List<Future<?>> writing = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        writing.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    Investigation state =
                        append(
                            store,
                            settled("inv-" + writer + "-" + i, device(i % 5), TestClock.START));
                    settledAt.put(state.id(), state.version());
                    Decision.Accepted undone = undo(state, TestClock.START);
                    try { // races the eviction of what the append above just settled
                      store.append(state.id(), state.version(), undone.events(), undone.after());
                      undoStored.put(state.id(), true);
                    } catch (ConcurrencyConflictException evicted) {
                      undoStored.put(state.id(), false);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : writing) {
        future.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> future : readers) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(writers * perWriter, undoStored.size());
    int kept = 0;
    for (Map.Entry<InvestigationId, Boolean> entry : undoStored.entrySet()) {
      InvestigationId id = entry.getKey();
      if (entry.getValue()) { // the undo was stored: it must still be there, never archived
        Investigation stored = store.load(id).orElseThrow(() -> new AssertionError("lost " + id));
        assertEquals(ActionStatus.UNDO_IN_PROGRESS, stored.actions().get(0).status());
        assertFalse(archived.containsKey(id), "archived although appended to: " + id);
        assertInstanceOf(Verification.Intact.class, AuditTrail.verify(store.chain(id)));
        kept++;
      } else { // refused because it was evicted first: the archive has it as it was settled
        assertFalse(store.load(id).isPresent(), id.toString());
        EvictedInvestigation evicted = archived.get(id);
        assertEquals(
            settledAt.get(id), evicted == null ? -1 : evicted.state().version(), id.toString());
        assertInstanceOf(Verification.Intact.class, AuditTrail.verify(evicted.chain()));
      }
    }
    assertTrue(archived.size() > 0, "evictions raced the appends");
    assertEquals(1, archivedTimes.values().stream().distinct().reduce(1, Math::max));
    assertEquals(archived.size(), store.evicted());
    assertEquals(kept, store.size(), "nothing settled is left: every undo is still to carry");
    // the indexes hold exactly what is stored
    assertEquals(
        kept,
        store.queryActions(ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build()).items().size()
            + (kept > ActionQuery.MAX_LIMIT ? kept - ActionQuery.MAX_LIMIT : 0));
    assertEquals(
        Math.min(kept, InvestigationStore.MAX_DUE),
        store.due(TestClock.START, "o", InvestigationStore.MAX_DUE).size());
  }

  @Test
  @DisplayName("hostile retention settings are refused with an error naming the value")
  void hostileSettings() {
    Map<String, Function<InMemoryInvestigationStore.Builder, Object>> refused =
        Map.of(
            "age",
            b -> b.retainFor(Duration.ofSeconds(-1)),
            "count",
            b -> b.retainAtMost(0),
            "expected",
            b -> b.expected(-1),
            "clock",
            b -> b.clock(null));
    for (Map.Entry<String, Function<InMemoryInvestigationStore.Builder, Object>> entry :
        refused.entrySet()) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> entry.getValue().apply(InMemoryInvestigationStore.builder()),
              entry.getKey());
      assertEquals(entry.getKey(), e.field());
    }
    assertEquals(
        "-1",
        assertThrows(InvalidInputException.class, () -> builder().retainAtMost(-1))
            .value()
            .orElseThrow());
    assertEquals(
        "PT-1S",
        assertThrows(InvalidInputException.class, () -> builder().retainFor(Duration.ofSeconds(-1)))
            .value()
            .orElseThrow());
    assertEquals(
        "age",
        assertThrows(InvalidInputException.class, () -> builder().retainFor(Duration.ofDays(3651)))
            .field());
    assertEquals(
        "age", assertThrows(InvalidInputException.class, () -> builder().retainFor(null)).field());
    assertEquals(
        "sink", assertThrows(InvalidInputException.class, () -> builder().sink(null)).field());
    assertEquals(
        "sink",
        assertThrows(InvalidInputException.class, () -> builder().sink(evicted -> {}).build())
            .field(),
        "a sink with nothing to evict");
    assertEquals(
        "count",
        assertThrows(InvalidInputException.class, () -> builder().retainAtMost(Integer.MIN_VALUE))
            .field());
  }

  @Test
  @DisplayName("a refused setting leaves the builder as it was")
  void refusedLeavesBuilder() {
    InMemoryInvestigationStore.Builder builder = builder().retainAtMost(1);
    assertThrows(InvalidInputException.class, () -> builder.retainAtMost(0));
    InMemoryInvestigationStore store = builder.build();
    append(store, settled("inv-a", device(1), clock.instant()));
    append(store, settled("inv-b", device(2), clock.instant()));
    assertEquals(1, store.size(), "still at most one");
  }

  @Test
  @DisplayName("README's retention sample builds a store that archives and evicts")
  void readmeSample() throws IOException {
    Queue<EvictedInvestigation> archive = new ConcurrentLinkedQueue<>();
    Clock clock = this.clock;
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder()
            .retainFor(Duration.ofDays(30))
            .retainAtMost(1_000_000)
            .sink(evicted -> archive.offer(evicted))
            .clock(clock)
            .build();
    Investigation state = append(store, settled("inv-readme", device(1), clock.instant()));
    this.clock.advance(Duration.ofDays(30));
    store.due(this.clock.instant(), "owner", 10);
    assertFalse(store.load(state.id()).isPresent());
    assertEquals(List.of(state), archive.stream().map(EvictedInvestigation::state).toList());
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String line :
        new String[] {
          "InMemoryInvestigationStore.builder()",
          "        .retainFor(Duration.ofDays(30))",
          "        .retainAtMost(1_000_000)",
          "        .sink(evicted -> archive.offer(evicted))",
          "        .clock(clock)",
          "        .build();"
        }) {
      assertTrue(readme.contains(line), "README's retention sample should show: " + line);
    }
  }
}
