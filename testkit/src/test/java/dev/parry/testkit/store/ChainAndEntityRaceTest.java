package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's chain hashes and index by entity while other threads append, read and
 * evict: hashes computed by whichever thread asks first are the chain's, and an entity's actions
 * are those still stored as it goes from one action to two, back to one, to none and to one again.
 */
@DisplayName("The in-memory store's chain and entity index under racing appends and evictions")
class ChainAndEntityRaceTest {

  final TestClock clock = TestClock.create();

  static Device device(int n) {
    return RetentionStoreTest.device(n);
  }

  /** {@return investigation {@code name}, complete and settled: one isolation of {@code target}} */
  static Decision.Accepted settled(String name, Device target, Instant at) {
    RetentionStoreTest.Built built = RetentionStoreTest.settled(name, target, at);
    return new Decision.Accepted(built.events(), built.state());
  }

  static void store(InMemoryInvestigationStore store, Decision.Accepted built) {
    store.append(built.after().id(), 0, built.events(), built.after());
  }

  List<InvestigationId> onEntity(InMemoryInvestigationStore store, Device entity) {
    return store
        .queryActions(ActionQuery.all().entity(entity.key()).limit(ActionQuery.MAX_LIMIT).build())
        .items()
        .stream()
        .map(ActionRecord::id)
        .map(ActionId::investigation)
        .toList();
  }

  @Test
  @DisplayName(
      "chains read on three threads while one investigation is appended to and others evicted are"
          + " intact and end at the heads the appends answered")
  void chainsWhileAppendingAndEvicting() throws Exception {
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder()
            .clock(clock)
            .retainFor(Duration.ZERO)
            .retainAtMost(3)
            .build();
    InvestigationId longId = InvestigationId.of("inv-long");
    Decision.Accepted opened =
        Investigation.open(
            longId,
            AlertId.of("alert-long"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            TestClock.START);
    store.appendWithoutHead(longId, 0, opened.events(), opened.after());
    Map<Long, ChainHash> heads = new ConcurrentHashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    int appends = 400;
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        int reader = r;
        readers.add(
            pool.submit(
                () -> {
                  int rounds = 0;
                  while (!done.get() || rounds == 0) {
                    rounds++;
                    List<AuditRecord> chain = store.chain(longId);
                    assertInstanceOf(Verification.Intact.class, AuditTrail.verify(chain));
                    AuditRecord last = chain.get(chain.size() - 1);
                    ChainHash answered = heads.get(last.version());
                    if (answered != null) {
                      assertEquals(answered, last.hash(), "the head of version " + last.version());
                    }
                    List<AuditRecord> other = store.chain(InvestigationId.of("inv-s-" + reader));
                    if (!other.isEmpty()) {
                      assertInstanceOf(Verification.Intact.class, AuditTrail.verify(other));
                    }
                  }
                  return null;
                }));
      }
      Future<?> evicting =
          pool.submit(
              () -> {
                // at least some rounds whatever the appends' pace, so that evictions run
                for (int i = 0; !done.get() || i < 40; i++) {
                  // the same few ids are stored, evicted and stored again
                  InvestigationId id = InvestigationId.of("inv-s-" + (i % 4));
                  if (store.load(id).isEmpty()) {
                    Decision.Accepted built = settled(id.value(), device(1), TestClock.START);
                    try {
                      store.appendWithoutHead(id, 0, built.events(), built.after());
                    } catch (dev.parry.spi.store.ConcurrencyConflictException raced) {
                      // another round stored it first
                    }
                  }
                  store.chain(id);
                }
                return null;
              });
      Investigation state = opened.after();
      for (int i = 0; i < appends; i++) {
        Decision.Accepted next =
            (Decision.Accepted)
                state.decide(
                    new Command.RecordEvidence(
                        Evidence.of(device(i), Verdict.NO_THREATS_FOUND, "", TestClock.START),
                        List.of(),
                        Actor.system()),
                    TestClock.START);
        if (i % 3 == 0) {
          store.appendWithoutHead(longId, state.version(), next.events(), next.after());
        } else {
          ChainHead head = store.append(longId, state.version(), next.events(), next.after());
          assertEquals(next.after().version(), head.version());
          heads.put(head.version(), head.hash());
        }
        state = next.after();
      }
      done.set(true);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
      evicting.get(60, TimeUnit.SECONDS);
      List<AuditRecord> chain = store.chain(longId);
      assertEquals(
          AuditTrail.links(ChainHash.GENESIS, 0, store.events(longId)),
          chain.stream().map(AuditRecord::hash).toList());
      assertTrue(store.evicted() > 0, "evictions ran");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "an investigation stored again under an evicted one's id starts a chain of its own, whichever"
          + " log's hashes were read")
  void chainAfterEvictionStartsAgain() {
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder().clock(clock).retainAtMost(1).build();
    Decision.Accepted first = settled("inv-a", device(1), TestClock.START);
    store(store, first);
    List<AuditRecord> before = store.chain(first.after().id());
    store(store, settled("inv-b", device(2), TestClock.START)); // evicts inv-a
    assertTrue(store.load(first.after().id()).isEmpty(), "evicted");
    Decision.Accepted again = settled("inv-a", device(3), TestClock.START.plusSeconds(5));
    store(store, again);
    List<AuditRecord> after = store.chain(again.after().id());
    assertInstanceOf(Verification.Intact.class, AuditTrail.verify(after));
    assertEquals(
        AuditTrail.links(ChainHash.GENESIS, 0, again.events()),
        after.stream().map(AuditRecord::hash).toList());
    assertNotEquals(before.get(before.size() - 1).hash(), after.get(after.size() - 1).hash());
  }

  @Test
  @DisplayName(
      "an entity's actions go from one to two, back to one, to none and to one again as"
          + " investigations are stored and evicted")
  void entityOneTwoOneNoneOne() {
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder().clock(clock).retainAtMost(2).build();
    Device shared = device(9);
    InvestigationId a = InvestigationId.of("inv-a");
    InvestigationId b = InvestigationId.of("inv-b");
    store(store, settled("inv-a", shared, TestClock.START));
    assertEquals(List.of(a), onEntity(store, shared));
    store(store, settled("inv-b", shared, TestClock.START.plusSeconds(1)));
    assertEquals(List.of(a, b), onEntity(store, shared));
    store(store, settled("inv-c", device(1), TestClock.START.plusSeconds(2))); // evicts inv-a
    assertEquals(List.of(b), onEntity(store, shared));
    store(store, settled("inv-d", device(2), TestClock.START.plusSeconds(3))); // evicts inv-b
    assertEquals(List.of(), onEntity(store, shared));
    store(store, settled("inv-a", shared, TestClock.START.plusSeconds(4))); // evicts inv-c
    assertEquals(List.of(a), onEntity(store, shared));
    store(store, settled("inv-e", shared, TestClock.START.plusSeconds(5))); // evicts inv-d
    assertEquals(List.of(a, InvestigationId.of("inv-e")), onEntity(store, shared));
    assertEquals(List.of(), onEntity(store, device(1)));
    assertEquals(List.of(), onEntity(store, device(2)));
  }

  @Test
  @DisplayName(
      "queries of an entity racing appends and evictions see each action once, and at the end"
          + " exactly those stored")
  void entityQueriesRacingEvictions() throws Exception {
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder()
            .clock(clock)
            .retainFor(Duration.ZERO)
            .retainAtMost(2)
            .build();
    Device shared = device(5);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  while (!done.get()) {
                    List<InvestigationId> seen = onEntity(store, shared);
                    assertEquals(seen.stream().distinct().count(), seen.size(), "each once");
                  }
                  return null;
                }));
      }
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    store(
                        store,
                        settled(
                            "inv-" + writer + "-" + i,
                            i % 3 == 0 ? device(6) : shared,
                            TestClock.START.plusSeconds(i)));
                  }
                  return null;
                }));
      }
      for (Future<?> future : writers) {
        future.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> future : readers) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<InvestigationId> stored = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < 500; i++) {
        InvestigationId id = InvestigationId.of("inv-" + w + "-" + i);
        if (store.load(id).isPresent() && i % 3 != 0) {
          stored.add(id);
        }
      }
    }
    assertEquals(
        stored.stream().sorted(java.util.Comparator.comparing(InvestigationId::value)).toList(),
        onEntity(store, shared).stream()
            .sorted(java.util.Comparator.comparing(InvestigationId::value))
            .toList());
  }

  @Test
  @DisplayName("a chain is read while a caller holds the lock of the investigation's event list")
  void chainNotBlockedByCallersLockOnEvents() throws Exception {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    Decision.Accepted built = settled("inv-locked", device(1), TestClock.START);
    store.appendWithoutHead(built.after().id(), 0, built.events(), built.after());
    List<InvestigationEvent> events = store.events(built.after().id());
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder =
          pool.submit(
              () -> {
                synchronized (events) {
                  held.countDown();
                  release.await();
                }
                return null;
              });
      held.await();
      Future<List<AuditRecord>> chain = pool.submit(() -> store.chain(built.after().id()));
      assertInstanceOf(
          Verification.Intact.class, AuditTrail.verify(chain.get(10, TimeUnit.SECONDS)));
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
