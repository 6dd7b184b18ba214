package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import dev.parry.spi.store.StoreUnavailableException;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial, at the store: appends that wait for a writer and are written together must keep
 * every promise an append keeps by itself.
 */
@DisplayName("Attacks on appends written together")
class AdversaryBatchesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int THREADS = 8;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<HikariDataSource> pools = new ArrayList<>();
  private ExecutorService threads;

  @BeforeEach
  void setUp() {
    Postgres.truncate();
    threads =
        Executors.newFixedThreadPool(
            THREADS * 2 + 2,
            task -> {
              Thread thread = new Thread(task, "adv-batches");
              thread.setDaemon(true); // a hung append must not keep the test JVM alive
              return thread;
            });
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    pools.forEach(HikariDataSource::close);
    Postgres.truncate();
  }

  private HikariDataSource pool(int size) {
    HikariDataSource pool = Postgres.pool(Postgres.url(), size);
    pools.add(pool);
    return pool;
  }

  // ---- decisions ------------------------------------------------------------------------------

  private static Decision.Accepted opened(InvestigationId id, String alert) {
    return Investigation.open(
        id,
        AlertId.of(alert),
        AutomationLevel.FULL,
        Investigation.DEFAULT_PENDING_EXPIRY,
        Actor.system(),
        T0);
  }

  private InvestigationId id(String name) {
    return InvestigationId.of("adv-" + name + "-" + run);
  }

  private static Investigation create(InvestigationStore store, InvestigationId id) {
    Decision.Accepted opened = opened(id, "a");
    store.append(id, 0, opened.events(), opened.after());
    return opened.after();
  }

  /** {@return the next decision of {@code state}, one more piece of evidence, told by variant} */
  private Decision.Accepted next(Investigation state, int variant) {
    return PostgresAppendBatchesTest.cleanEvidence(state, "d-" + run, variant);
  }

  private Decision.Accepted next(Investigation state) {
    return next(state, 0);
  }

  private Investigation appendNext(InvestigationStore store, Investigation state) {
    Decision.Accepted next = next(state);
    store.append(state.id(), state.version(), next.events(), next.after());
    return next.after();
  }

  private Decision.Accepted isolation(Investigation state, String name) {
    return AdversaryFencedStoreTest.automaticIsolation(state, "adv-" + run + "-" + name, name);
  }

  private static void intact(InvestigationStore store, Investigation expected) {
    assertEquals(expected, store.load(expected.id()).orElseThrow(), "stored " + expected.id());
    assertEquals(
        new Verification.Intact((int) expected.version(), 0, 0),
        AuditTrail.verify(store.chain(expected.id())),
        "chain of " + expected.id());
  }

  /** A task a thread runs once released with the others. */
  private interface Task<T> {
    T run(int thread) throws Exception;
  }

  /** What one thread's task came to: its answer or its failure; a hung task fails the test. */
  private record Result<T>(@Nullable T value, @Nullable Throwable failure) {}

  /** Runs {@code task} on {@code count} threads released together; bounded waits. */
  private <T> List<Result<T>> together(int count, long seconds, Task<T> task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(count);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      int thread = t;
      futures.add(
          threads.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return task.run(thread);
              }));
    }
    List<Result<T>> results = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (int t = 0; t < count; t++) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        results.add(new Result<>(futures.get(t).get(left, TimeUnit.NANOSECONDS), null));
      } catch (ExecutionException e) {
        results.add(new Result<>(null, e.getCause()));
      } catch (TimeoutException e) {
        fail("thread " + t + " never answered within " + seconds + " s: an append hangs");
      }
    }
    return results;
  }

  /** One thread's append in a round, given the states the round started from. */
  private interface Step {
    Investigation append(int thread, List<Investigation> before) throws Exception;
  }

  /** {@return the state a thread goes on from}, given what its append came to and what is stored */
  private interface Settle {
    Investigation after(
        int thread, Investigation before, Result<Investigation> result, Investigation stored);
  }

  /**
   * Runs rounds of {@link #THREADS} appends released together through {@code store}, each thread
   * going on from the state {@code settle} gives, until the fault {@code armed} struck (25 rounds
   * at most; a thread that never answers fails the test); then checks every chain.
   */
  private void roundsUntilStruck(
      AtomicBoolean armed,
      JdbcInvestigationStore store,
      List<Investigation> states,
      Step step,
      Settle settle)
      throws Exception {
    for (int round = 0; round < 25 && armed.get(); round++) {
      List<Investigation> before = List.copyOf(states);
      List<Result<Investigation>> results = together(THREADS, 15, t -> step.append(t, before));
      for (int t = 0; t < THREADS; t++) {
        Investigation stored = store.load(before.get(t).id()).orElseThrow();
        states.set(t, settle.after(t, before.get(t), results.get(t), stored));
      }
    }
    assertTrue(!armed.get(), "the fault never struck: no batch was written");
    states.forEach(state -> intact(store, state));
  }

  // ---- a data source that fails as told ---------------------------------------------------------

  /** A data source over {@code delegate} whose connections and statements {@code hook} may fail. */
  private static DataSource failing(DataSource delegate, Hook hook) {
    return new WrappingDataSource(delegate) {
      @Override
      Connection wrap(Connection real) {
        return connection(real, hook);
      }
    };
  }

  /** Called around a call on a connection or statement: may throw instead of it, or after it. */
  private interface Hook {
    /** Before {@code method} runs on the real object; may throw. */
    default void before(String method) {}

    /** After {@code method} ran on the real object; may throw. */
    default void after(String method) {}
  }

  private static Connection connection(Connection real, Hook hook) {
    return WrappingDataSource.proxy(
        Connection.class,
        real,
        (method, args) -> {
          hook.before(method.getName());
          Object result = method.invoke(real, args);
          hook.after(method.getName());
          if (result instanceof PreparedStatement statement) {
            return WrappingDataSource.proxy(
                PreparedStatement.class,
                statement,
                (m, a) -> {
                  hook.before(m.getName());
                  Object answer = m.invoke(statement, a);
                  hook.after(m.getName());
                  return answer;
                });
          }
          return result;
        });
  }

  /** Creates one investigation per thread through {@code store}; {@return their states} */
  private List<Investigation> investigations(InvestigationStore store, String name, int count) {
    List<Investigation> states = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      states.add(create(store, id(name + "-" + t)));
    }
    return states;
  }

  // ---- attacks ----------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "an Error thrown while a batch is written (a stack overflow in the driver) leaves no other"
          + " append of that batch waiting forever")
  void anErrorInABatchLeavesNoWaiterHanging() throws Exception {
    AtomicBoolean armed = new AtomicBoolean(false);
    Hook hook =
        new Hook() {
          @Override
          public void before(String method) {
            if (method.equals("executeBatch") && armed.compareAndSet(true, false)) {
              throw new StackOverflowError("injected: the driver overflowed its stack");
            }
          }
        };
    HikariDataSource pool = pool(16);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(failing(pool, hook), 1);
    List<Investigation> states = investigations(store, "error", THREADS);
    armed.set(true);
    roundsUntilStruck(
        armed,
        store,
        states,
        (t, before) -> appendNext(store, before.get(t)),
        (t, before, result, stored) -> result.failure() == null ? result.value() : stored);
  }

  @Test
  @DisplayName(
      "a batch whose commit lands but whose driver then throws an unchecked exception does not"
          + " answer its written appends ConcurrencyConflictException (which says nothing was"
          + " written)")
  void anUncheckedFailureAfterALandedCommitIsNoConflict() throws Exception {
    AtomicBoolean armed = new AtomicBoolean(false);
    Hook hook =
        new Hook() {
          @Override
          public void after(String method) {
            if (method.equals("commit") && armed.compareAndSet(true, false)) {
              throw new IllegalStateException("injected: connection closed after the commit");
            }
          }
        };
    HikariDataSource pool = pool(16);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(failing(pool, hook), 1);
    List<Investigation> states = investigations(store, "unchecked", THREADS);
    armed.set(true);
    List<String> wrong = new ArrayList<>();
    roundsUntilStruck(
        armed,
        store,
        states,
        (t, before) -> appendNext(store, before.get(t)),
        (t, before, result, stored) -> {
          if (result.failure() instanceof ConcurrencyConflictException conflict
              && stored.equals(next(before).after())) {
            wrong.add("thread " + t + ": " + conflict.getMessage() + ", yet its append is stored");
          }
          return stored;
        });
    assertEquals(List.of(), wrong, "appends written but answered as conflicts");
  }

  @Test
  @DisplayName(
      "a batch whose connection throws an unchecked exception when given back, after its commit,"
          + " leaves none of its refused appends (a rival at the same version) waiting forever")
  void anUncheckedCloseAfterACommitLeavesNoRefusedAppendHanging() throws Exception {
    AtomicBoolean armed = new AtomicBoolean(false);
    ThreadLocal<Boolean> committed = ThreadLocal.withInitial(() -> false);
    Hook hook =
        new Hook() {
          @Override
          public void after(String method) {
            if (method.equals("commit")) {
              committed.set(true);
            } else if (method.equals("close") && committed.get()) {
              committed.set(false);
              if (armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected: the pool refused the connection back");
              }
            }
          }
        };
    HikariDataSource pool = pool(16);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(failing(pool, hook), 1);
    List<Investigation> states = investigations(store, "close", THREADS);
    armed.set(true);
    roundsUntilStruck(
        armed,
        store,
        states,
        (t, before) -> {
          if (t % 2 == 0) {
            return appendNext(store, before.get(t));
          }
          Investigation rival = before.get(t - 1); // the same version as thread t - 1
          Decision.Accepted other = next(rival, 9);
          store.append(rival.id(), rival.version(), other.events(), other.after());
          return other.after();
        },
        (t, before, result, stored) -> stored);
  }

  @Test
  @DisplayName(
      "eight appends at the same version of one investigation, written together with others:"
          + " exactly one is written, the rest throw ConcurrencyConflictException, chain intact")
  void sameVersionOfOneInvestigationInOneBatch() throws Exception {
    HikariDataSource pool = pool(16);
    CountingDataSource counted = CountingDataSource.of(pool);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(counted, 1);
    Investigation[] shared = {create(store, id("same"))};
    List<Investigation> others = investigations(store, "filler", THREADS);
    for (int round = 0; round < 15; round++) {
      Investigation state = shared[0];
      List<Investigation> before = List.copyOf(others);
      List<Result<Investigation>> results =
          together(
              THREADS * 2,
              20,
              t -> {
                if (t >= THREADS) {
                  return appendNext(store, before.get(t - THREADS));
                }
                Decision.Accepted mine = next(state, t + 1);
                store.append(state.id(), state.version(), mine.events(), mine.after());
                return mine.after();
              });
      List<Investigation> winners = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Result<Investigation> result = results.get(t);
        if (result.failure() == null) {
          winners.add(result.value());
        } else {
          assertInstanceOf(ConcurrencyConflictException.class, result.failure());
        }
      }
      assertEquals(1, winners.size(), "round " + round + ": appends written at one version");
      shared[0] = winners.get(0);
      intact(store, shared[0]);
      for (int t = 0; t < THREADS; t++) {
        Result<Investigation> result = results.get(THREADS + t);
        assertEquals(null, result.failure(), "an append to another investigation failed");
        others.set(t, result.value());
      }
    }
    assertTrue(
        counted.batchSizes().stream().anyMatch(size -> size > 1),
        "no batch: " + counted.batchSizes());
    others.forEach(state -> intact(store, state));
  }

  @Test
  @DisplayName(
      "eight creations of one new id at once, written together: exactly one is written, the rest"
          + " throw ConcurrencyConflictException")
  void sameIdCreatedInOneBatch() throws Exception {
    HikariDataSource pool = pool(16);
    CountingDataSource counted = CountingDataSource.of(pool);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(counted, 1);
    for (int round = 0; round < 15; round++) {
      InvestigationId id = id("create-" + round);
      List<Result<Investigation>> results =
          together(
              THREADS,
              20,
              t -> {
                Decision.Accepted opened = opened(id, "alert-" + t);
                store.append(id, 0, opened.events(), opened.after());
                return opened.after();
              });
      List<Investigation> winners = new ArrayList<>();
      for (Result<Investigation> result : results) {
        if (result.failure() == null) {
          winners.add(result.value());
        } else {
          assertInstanceOf(ConcurrencyConflictException.class, result.failure());
        }
      }
      assertEquals(1, winners.size(), "round " + round + ": creations written");
      intact(store, winners.get(0));
    }
    assertTrue(
        counted.batchSizes().stream().anyMatch(size -> size > 1),
        "no batch: " + counted.batchSizes());
  }

  @Test
  @DisplayName(
      "claiming appends written together, half of whose leases another owner holds: those throw"
          + " LeaseHeldException and write nothing, the rest are written with their lease")
  void claimsWithLeasesHeldElsewhereInOneBatch() throws Exception {
    HikariDataSource pool = pool(16);
    CountingDataSource counted = CountingDataSource.of(pool);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(counted, 1);
    for (int round = 0; round < 6; round++) {
      List<Investigation> proposed = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Investigation created = create(store, id("claim-" + round + "-" + t));
        Decision.Accepted isolation = isolation(created, "c" + round + t);
        store.append(created.id(), created.version(), isolation.events(), isolation.after());
        proposed.add(isolation.after());
        if (t % 2 == 1) {
          ActionId action = isolation.after().actions().get(0).id();
          assertTrue(store.claim(action, "runtime-b", T0, LEASE), "b holds the lease");
        }
      }
      List<Result<Investigation>> results =
          together(
              THREADS,
              20,
              t -> {
                Investigation state = proposed.get(t);
                ActionId action = state.actions().get(0).id();
                Decision.Accepted start =
                    (Decision.Accepted) state.decide(new Command.Start(action), T0);
                store.appendClaiming(
                    state.id(),
                    state.version(),
                    start.events(),
                    start.after(),
                    action,
                    "runtime-a",
                    T0,
                    LEASE);
                return start.after();
              });
      for (int t = 0; t < THREADS; t++) {
        Result<Investigation> result = results.get(t);
        Investigation state = proposed.get(t);
        if (t % 2 == 1) {
          assertInstanceOf(LeaseHeldException.class, result.failure(), "thread " + t);
          intact(store, state);
          assertTrue(
              !store.claim(state.actions().get(0).id(), "runtime-a", T0, LEASE),
              "b still holds the lease");
        } else {
          assertEquals(null, result.failure(), "thread " + t);
          intact(store, result.value());
          assertTrue(
              !store.claim(state.actions().get(0).id(), "runtime-b", T0, LEASE),
              "a holds the lease it claimed");
        }
      }
    }
    assertTrue(
        counted.batchSizes().stream().anyMatch(size -> size > 1),
        "no batch: " + counted.batchSizes());
  }

  @Test
  @DisplayName(
      "threads interrupted again and again while their appends wait or are written: each append"
          + " is answered, none is lost or written twice")
  void interruptsLoseNoAppend() throws Exception {
    HikariDataSource pool = pool(16);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(pool, 1);
    List<Investigation> states = investigations(store, "interrupt", THREADS);
    int appends = 30;
    List<Thread> workers = new ArrayList<>();
    Semaphore registered = new Semaphore(0);
    AtomicBoolean done = new AtomicBoolean();
    List<Future<Investigation>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          threads.submit(
              () -> {
                synchronized (workers) {
                  workers.add(Thread.currentThread());
                }
                registered.release();
                Investigation state = states.get(thread);
                for (int i = 0; i < appends; ) {
                  Thread.interrupted();
                  try {
                    state = appendNext(store, state);
                    i++;
                  } catch (StoreUnavailableException unknown) {
                    Thread.interrupted();
                    state = store.load(state.id()).orElseThrow(); // landed or not: as stored
                  }
                }
                Thread.interrupted();
                return state;
              }));
    }
    assertTrue(registered.tryAcquire(THREADS, 10, TimeUnit.SECONDS), "workers started");
    Future<?> chaos =
        threads.submit(
            () -> {
              Random random = new Random(7);
              while (!done.get()) {
                Thread worker;
                synchronized (workers) {
                  worker = workers.get(random.nextInt(workers.size()));
                }
                worker.interrupt();
                try {
                  Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    List<Investigation> finals = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        finals.add(futures.get(t).get(60, TimeUnit.SECONDS));
      }
    } catch (TimeoutException e) {
      fail("an interrupted append never answered");
    } finally {
      done.set(true);
      chaos.get(10, TimeUnit.SECONDS);
    }
    for (int t = 0; t < THREADS; t++) {
      intact(store, finals.get(t));
      assertTrue(
          finals.get(t).version() >= 1 + appends,
          "appends answered written are stored: " + finals.get(t).version());
    }
  }

  @Test
  @DisplayName(
      "an append through a waiting thread that was interrupted before it called keeps its"
          + " interrupt and is written")
  void aPendingInterruptIsKept() throws Exception {
    HikariDataSource pool = pool(16);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(pool, 1);
    List<Investigation> states = investigations(store, "kept", THREADS);
    for (int round = 0; round < 10; round++) {
      List<Investigation> before = List.copyOf(states);
      List<Result<Boolean>> results =
          together(
              THREADS,
              20,
              t -> {
                Thread.currentThread().interrupt();
                states.set(t, appendNext(store, before.get(t)));
                return Thread.interrupted();
              });
      for (Result<Boolean> result : results) {
        assertEquals(null, result.failure(), "an interrupted append failed");
        assertEquals(Boolean.TRUE, result.value(), "the caller's interrupt was kept");
      }
    }
    states.forEach(state -> intact(store, state));
  }

  @Test
  @DisplayName(
      "a pool of one connection, sixteen threads and one writer: every append is written, none"
          + " waits for the pool until it gives up")
  void aPoolOfOneConnection() throws Exception {
    poolExhaustion(1, 1);
  }

  @Test
  @DisplayName(
      "a pool of two connections, sixteen threads and four writers: every append is written, none"
          + " waits for the pool until it gives up")
  void aPoolSmallerThanItsWriters() throws Exception {
    poolExhaustion(2, 4);
  }

  private void poolExhaustion(int size, int writers) throws Exception {
    HikariDataSource pool = Postgres.pool("adv-small", size, config -> {});
    pools.add(pool);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(pool, writers);
    List<Investigation> states = investigations(store, "pool", THREADS * 2);
    long start = System.nanoTime();
    for (int round = 0; round < 10; round++) {
      List<Investigation> before = List.copyOf(states);
      List<Result<Investigation>> results =
          together(THREADS * 2, 20, t -> appendNext(store, before.get(t)));
      for (int t = 0; t < THREADS * 2; t++) {
        assertEquals(null, results.get(t).failure(), "an append failed");
        states.set(t, results.get(t).value());
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "160 appends took " + took);
    states.forEach(state -> intact(store, state));
  }

  @Test
  @DisplayName(
      "a store on a REPEATABLE READ pool with auto-commit off and one on a plain pool append to"
          + " the same investigations from sixteen threads: no append lost or repeated, chains"
          + " intact")
  void repeatableReadAutoCommitOffAgainstAPlainStore() throws Exception {
    HikariDataSource rr =
        Postgres.pool(
            "adv-rr",
            4,
            config -> {
              config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
              config.setAutoCommit(false);
            });
    pools.add(rr);
    HikariDataSource plain = pool(4);
    JdbcInvestigationStore strict = JdbcInvestigationStore.create(rr, 1);
    JdbcInvestigationStore loose = JdbcInvestigationStore.create(plain, 1);
    List<Investigation> shared = investigations(strict, "rr", 4);
    int perThread = 10;
    List<Result<Integer>> results =
        together(
            THREADS * 2,
            90,
            t -> {
              InvestigationStore mine = t % 2 == 0 ? strict : loose;
              InvestigationId id = shared.get(t % 4).id();
              int conflicts = 0;
              for (int done = 0; done < perThread; ) {
                Investigation state = mine.load(id).orElseThrow();
                Decision.Accepted next = next(state, t);
                try {
                  mine.append(id, state.version(), next.events(), next.after());
                  done++;
                } catch (ConcurrencyConflictException conflict) {
                  conflicts++;
                }
              }
              return conflicts;
            });
    for (Result<Integer> result : results) {
      assertEquals(null, result.failure(), "a worker failed");
    }
    for (Investigation state : shared) {
      Investigation stored = strict.load(state.id()).orElseThrow();
      assertEquals(1 + 4L * perThread, stored.version(), "appends stored to " + stored.id());
      intact(loose, stored);
    }
  }

  @Test
  @DisplayName(
      "after writers stalled on a row lock held elsewhere, the store is back to its one writer:"
          + " no permit given back twice, none kept, no append left waiting")
  void stallsLeaveTheWritersAsConfigured() throws Exception {
    HikariDataSource pool = pool(24);
    JdbcInvestigationStore store = JdbcInvestigationStore.create(pool, 1);
    List<Investigation> states = investigations(store, "stall", THREADS);
    for (int round = 0; round < 3; round++) {
      List<Investigation> before = List.copyOf(states);
      try (Connection session = pool.getConnection()) {
        session.setAutoCommit(false);
        try (PreparedStatement lock =
            session.prepareStatement(
                "SELECT 1 FROM parry_investigations WHERE id = ANY(?) FOR UPDATE")) {
          lock.setArray(
              1,
              session.createArrayOf(
                  "text", new Object[] {before.get(0).id().value(), before.get(1).id().value()}));
          lock.executeQuery().close();
        }
        Future<List<Result<Investigation>>> appends =
            threads.submit(() -> together(THREADS, 30, t -> appendNext(store, before.get(t))));
        Thread.sleep(600);
        session.rollback();
        List<Result<Investigation>> results = appends.get(40, TimeUnit.SECONDS);
        for (int t = 0; t < THREADS; t++) {
          assertEquals(null, results.get(t).failure(), "an append failed");
          states.set(t, results.get(t).value());
        }
      }
    }
    Object batches = field(store, "batches");
    Semaphore writers = (Semaphore) field(batches, "writers");
    assertEquals(1, writers.availablePermits(), "writers free at rest");
    assertEquals(0, ((java.util.Set<?>) field(batches, "turns")).size(), "writers at work");
    assertEquals(
        0, ((java.util.Collection<?>) field(batches, "waiting")).size(), "appends waiting");
    states.forEach(state -> intact(store, state));
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
