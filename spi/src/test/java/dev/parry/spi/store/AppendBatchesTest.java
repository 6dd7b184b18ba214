package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Appends that wait for a writer are written together, each answered as if alone")
class AppendBatchesTest {

  static final ChainHead ALONE = ChainHead.of(1, ChainHash.GENESIS);
  static final ChainHead WRITTEN = ChainHead.of(2, ChainHash.GENESIS);
  static final String SQL = "UPDATE parry_investigation";

  /** A writer that never stalls within a test's time. */
  static final long NEVER = TimeUnit.MINUTES.toNanos(10);

  /** A batch's lock timeout: the stall time, {@link #NEVER} here. */
  static final String LOCK_TIMEOUT =
      "execute SELECT set_config('lock_timeout', '" + NEVER / 1_000_000 + "ms', true)";

  final ExecutorService pool = Executors.newFixedThreadPool(8);
  final FakeWriter writer = new FakeWriter();
  final FakeDb db = new FakeDb();
  final Map<String, Thread> owners = new ConcurrentHashMap<>();
  AppendBatches<String> batches = new AppendBatches<>(db.dataSource, writer, 1, NEVER);

  @AfterEach
  void shutDown() throws InterruptedException {
    writer.holds.values().forEach(CountDownLatch::countDown);
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "the test's threads end");
  }

  @Test
  @DisplayName("an append that finds a writer free is written alone at once, without a connection")
  void freeWriter() throws Exception {
    assertEquals(ALONE, batches.write("inv-1"));
    assertEquals(List.of("inv-1"), writer.alone);
    assertSame(Thread.currentThread(), writer.aloneBy.get("inv-1"));
    assertEquals(List.of(), db.log, "no connection taken");
    assertEquals(0, batches.waiting());
    assertEquals(1, permits());
  }

  @Test
  @DisplayName(
      "appends waiting while the only writer is busy are written in one transaction once it is free")
  void oneBatch() throws Exception {
    Future<ChainHead> first = hold("inv-1");
    List<Future<ChainHead>> queued = queue("inv-4", "inv-2", "inv-3");
    assertEquals(List.of(), db.log, "nothing is written while the writer is held");

    release("inv-1");

    assertEquals(ALONE, get(first));
    for (Future<ChainHead> each : queued) {
      assertEquals(WRITTEN, get(each));
    }
    assertEquals(
        List.of(
            "getConnection",
            "autoCommit false",
            LOCK_TIMEOUT,
            "close statement",
            "prepare " + SQL,
            "addBatch inv-2",
            "addBatch inv-3",
            "addBatch inv-4",
            "executeBatch",
            "close prepared",
            "commit",
            "autoCommit true",
            "close connection"),
        db.log);
    assertEquals(List.of("inv-1"), writer.alone);
    assertEquals(List.of("inv-2", "inv-3", "inv-4"), writer.written);
    assertEquals(0, batches.waiting());
    assertEquals(1, permits(), "the writer is given back once");
  }

  @Test
  @DisplayName("an append its statement refused is written alone by its own thread; the others not")
  void refused() throws Exception {
    db.refused.add("inv-3");
    Future<ChainHead> first = hold("inv-1");
    List<Future<ChainHead>> queued = queue("inv-2", "inv-3", "inv-4");
    release("inv-1");

    assertEquals(ALONE, get(first));
    assertEquals(WRITTEN, get(queued.get(0)));
    assertEquals(ALONE, get(queued.get(1)));
    assertEquals(WRITTEN, get(queued.get(2)));
    assertEquals(List.of("inv-1", "inv-3"), writer.alone);
    assertSame(owners.get("inv-3"), writer.aloneBy.get("inv-3"), "written by its own thread");
    assertEquals(List.of("inv-2", "inv-4"), writer.written);
    assertEquals(1, count("commit"));
    assertEquals(0, count("rollback"));
  }

  @Test
  @DisplayName("a batch whose statement fails is rolled back and every append written alone")
  void statementFails() throws Exception {
    db.batchFailure = new SQLException("deadlock", "40P01");
    List<Future<ChainHead>> queued = heldThenQueued("inv-2", "inv-3", "inv-4");

    for (Future<ChainHead> each : queued) {
      assertEquals(ALONE, get(each));
    }
    assertAllAloneByOwners("inv-2", "inv-3", "inv-4");
    assertEquals(1, count("rollback"));
    assertEquals(0, count("commit"));
    assertEquals(1, count("autoCommit true"), "auto-commit restored");
    assertEquals(1, count("close connection"));
  }

  @Test
  @DisplayName(
      "a commit whose answer is lost fails each append the batch wrote; a refused one goes alone")
  void commitLost() throws Exception {
    SQLException lost = new SQLException("connection lost", "08006");
    db.commitFailure = lost;
    db.refused.add("inv-3");
    List<Future<ChainHead>> queued = heldThenQueued("inv-2", "inv-3", "inv-4");

    for (int i : new int[] {0, 2}) {
      String append = i == 0 ? "inv-2" : "inv-4";
      ExecutionException failed = assertThrows(ExecutionException.class, () -> get(queued.get(i)));
      assertSame(writer.unknowns.get(append), failed.getCause(), append);
      assertSame(lost, failed.getCause().getCause(), append);
    }
    assertEquals(ALONE, get(queued.get(1)));
    assertEquals(Set.of("inv-2", "inv-4"), writer.unknowns.keySet());
    assertEquals(List.of("inv-1", "inv-3"), writer.alone);
    assertSame(owners.get("inv-3"), writer.aloneBy.get("inv-3"));
    assertEquals(List.of(), writer.written);
  }

  @Test
  @DisplayName("a commit the database rolled back (SQLSTATE 40001) sends every append alone")
  void commitRolledBack() throws Exception {
    db.commitFailure = new SQLException("could not serialize access", "40001");
    db.refused.add("inv-3");
    List<Future<ChainHead>> queued = heldThenQueued("inv-2", "inv-3", "inv-4");

    for (Future<ChainHead> each : queued) {
      assertEquals(ALONE, get(each));
    }
    assertAllAloneByOwners("inv-2", "inv-3", "inv-4");
    assertEquals(Set.of(), writer.unknowns.keySet());
    assertEquals(List.of(), writer.written);
    assertEquals(1, count("commit"));
  }

  @Test
  @DisplayName("a batch whose counts the driver did not give (SUCCESS_NO_INFO) is rolled back")
  void noInfo() throws Exception {
    db.counts = bound -> bound.stream().mapToInt(a -> Statement.SUCCESS_NO_INFO).toArray();
    assertRolledBackAllAlone();
  }

  @Test
  @DisplayName("a batch with a count missing is rolled back and every append written alone")
  void countMissing() throws Exception {
    db.counts = bound -> new int[] {1, 1};
    assertRolledBackAllAlone();
  }

  @Test
  @DisplayName("a batch with a count of EXECUTE_FAILED is rolled back and every append alone")
  void countFailed() throws Exception {
    db.counts = bound -> new int[] {1, Statement.EXECUTE_FAILED, 1};
    assertRolledBackAllAlone();
  }

  @Test
  @DisplayName("a batch that gets no connection sends every append alone")
  void noConnection() throws Exception {
    db.connectionFailure = new SQLException("pool exhausted", "08001");
    List<Future<ChainHead>> queued = heldThenQueued("inv-2", "inv-3");
    for (Future<ChainHead> each : queued) {
      assertEquals(ALONE, get(each));
    }
    assertAllAloneByOwners("inv-2", "inv-3");
    assertEquals(List.of("getConnection"), db.log);
    assertEquals(List.of(), writer.written);
  }

  @Test
  @DisplayName(
      "appends of two statements in one batch: one prepared statement each, by statement then id")
  void twoStatements() throws Exception {
    writer.sql.put("inv-9", "UPDATE b");
    writer.sql.put("inv-5", "UPDATE a");
    writer.sql.put("inv-1", "UPDATE b");
    writer.sql.put("inv-2", "UPDATE a");
    Future<ChainHead> first = hold("inv-0");
    List<Future<ChainHead>> queued = queue("inv-9", "inv-5", "inv-1", "inv-2");
    release("inv-0");

    assertEquals(ALONE, get(first));
    for (Future<ChainHead> each : queued) {
      assertEquals(WRITTEN, get(each));
    }
    assertEquals(
        List.of(
            "getConnection",
            "autoCommit false",
            LOCK_TIMEOUT,
            "close statement",
            "prepare UPDATE a",
            "addBatch inv-2",
            "addBatch inv-5",
            "executeBatch",
            "close prepared",
            "prepare UPDATE b",
            "addBatch inv-1",
            "addBatch inv-9",
            "executeBatch",
            "close prepared",
            "commit",
            "autoCommit true",
            "close connection"),
        db.log);
    assertEquals(List.of("inv-2", "inv-5", "inv-1", "inv-9"), writer.written);
  }

  @Test
  @DisplayName("a writer still at work past its stall time does not keep the next append waiting")
  void stall() throws Exception {
    batches = new AppendBatches<>(db.dataSource, writer, 1, TimeUnit.MILLISECONDS.toNanos(20));
    Future<ChainHead> first = hold("inv-1");
    Future<ChainHead> second = submit("inv-2");

    assertEquals(ALONE, get(second), "written while the first is still at work");
    assertFalse(first.isDone(), "the first is still held");
    assertSame(owners.get("inv-2"), writer.aloneBy.get("inv-2"));
    assertEquals(List.of(), db.log);

    release("inv-1");
    assertEquals(ALONE, get(first));
    assertEquals(1, permits(), "the stalled writer's permit is given back once, not twice");
  }

  @Test
  @DisplayName("a thread interrupted while it waits still gets its outcome, its interrupt kept")
  void interrupted() throws Exception {
    Future<ChainHead> first = hold("inv-1");
    List<Future<ChainHead>> queued = queue("inv-2");
    Future<Boolean> flag =
        pool.submit(
            () -> {
              owners.put("inv-3", Thread.currentThread());
              assertEquals(WRITTEN, batches.write("inv-3"));
              return Thread.currentThread().isInterrupted();
            });
    awaitUntil(() -> batches.waiting() == 2 && parked("inv-3"), "inv-3 waits");

    owners.get("inv-3").interrupt();
    awaitUntil(() -> !owners.get("inv-3").isInterrupted(), "the wait notes the interrupt");
    assertFalse(flag.isDone(), "an interrupt does not end the wait");
    assertEquals(2, batches.waiting());

    release("inv-1");
    assertEquals(ALONE, get(first));
    assertEquals(WRITTEN, get(queued.get(0)));
    assertTrue(flag.get(5, TimeUnit.SECONDS), "the interrupt is set again once written");
    assertEquals(List.of("inv-2", "inv-3"), writer.written);
  }

  @Test
  @DisplayName("what an append's own write throws reaches its caller, whoever led the batch")
  void aloneThrows() throws Exception {
    IllegalStateException single = new IllegalStateException("single");
    writer.failures.put("inv-0", single);
    assertSame(single, assertThrows(IllegalStateException.class, () -> batches.write("inv-0")));
    assertEquals(1, permits(), "the writer is given back");

    IllegalStateException refused = new IllegalStateException("refused");
    writer.failures.put("inv-3", refused);
    db.refused.add("inv-3");
    Future<ChainHead> first = hold("inv-1");
    List<Future<ChainHead>> queued = queue("inv-2", "inv-3");
    release("inv-1");

    assertEquals(ALONE, get(first));
    assertEquals(WRITTEN, get(queued.get(0)));
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(queued.get(1)));
    assertSame(refused, failed.getCause());
    assertSame(owners.get("inv-3"), writer.aloneBy.get("inv-3"));
    assertEquals(0, batches.waiting());
  }

  // --- helpers

  /** Holds the only writer: {@code append} is written alone, its write blocked until released. */
  Future<ChainHead> hold(String append) {
    writer.holds.put(append, new CountDownLatch(1));
    Future<ChainHead> held = submit(append);
    awaitUntil(() -> writer.entered.contains(append), append + " is being written");
    return held;
  }

  void release(String append) {
    writer.holds.get(append).countDown();
  }

  /** Appends {@code appends} one after the other, each waiting before the next comes. */
  List<Future<ChainHead>> queue(String... appends) {
    List<Future<ChainHead>> queued = new ArrayList<>();
    for (String append : appends) {
      int before = batches.waiting();
      queued.add(submit(append));
      awaitUntil(() -> batches.waiting() == before + 1 && parked(append), append + " waits");
    }
    return queued;
  }

  /** Holds the writer with inv-1, queues {@code appends} behind it and releases it. */
  List<Future<ChainHead>> heldThenQueued(String... appends) throws Exception {
    Future<ChainHead> first = hold("inv-1");
    List<Future<ChainHead>> queued = queue(appends);
    release("inv-1");
    assertEquals(ALONE, get(first));
    return queued;
  }

  void assertRolledBackAllAlone() throws Exception {
    List<Future<ChainHead>> queued = heldThenQueued("inv-2", "inv-3", "inv-4");
    for (Future<ChainHead> each : queued) {
      assertEquals(ALONE, get(each));
    }
    assertAllAloneByOwners("inv-2", "inv-3", "inv-4");
    assertEquals(List.of(), writer.written);
    assertEquals(1, count("executeBatch"));
    assertEquals(1, count("rollback"));
    assertEquals(0, count("commit"));
    assertEquals(1, count("autoCommit true"));
  }

  void assertAllAloneByOwners(String... appends) {
    List<String> expected = new ArrayList<>(List.of("inv-1"));
    expected.addAll(List.of(appends));
    assertEquals(expected, writer.alone.stream().sorted().collect(Collectors.toList()));
    for (String append : appends) {
      assertSame(owners.get(append), writer.aloneBy.get(append), append + " by its own thread");
    }
  }

  Future<ChainHead> submit(String append) {
    Callable<ChainHead> write =
        () -> {
          owners.put(append, Thread.currentThread());
          return batches.write(append);
        };
    return pool.submit(write);
  }

  /** Whether the thread of {@code append} is parked waiting for a writer. */
  boolean parked(String append) {
    Thread thread = owners.get(append);
    return thread != null
        && thread.getState() == Thread.State.TIMED_WAITING
        && LockSupport.getBlocker(thread) == batches;
  }

  static <T> T get(Future<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(5, TimeUnit.SECONDS);
  }

  static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within 5 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  long count(String entry) {
    synchronized (db.log) {
      return db.log.stream().filter(entry::equals).count();
    }
  }

  int permits() throws ReflectiveOperationException {
    Field field = AppendBatches.class.getDeclaredField("writers");
    field.setAccessible(true);
    return ((Semaphore) field.get(batches)).availablePermits();
  }

  /** Appends are investigation ids; records how each was written. */
  static final class FakeWriter implements AppendBatches.Writer<String> {
    final Map<String, String> sql = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    final Set<String> entered = ConcurrentHashMap.newKeySet();
    final Map<String, Thread> aloneBy = new ConcurrentHashMap<>();
    final List<String> alone = Collections.synchronizedList(new ArrayList<>());
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final Map<String, RuntimeException> unknowns = new ConcurrentHashMap<>();

    @Override
    public InvestigationId investigation(String append) {
      return InvestigationId.of(append);
    }

    @Override
    public String sql(String append) {
      return sql.getOrDefault(append, SQL);
    }

    @Override
    public void bind(Connection connection, PreparedStatement statement, String append)
        throws SQLException {
      statement.setString(1, append);
    }

    @Override
    public ChainHead alone(String append) {
      alone.add(append);
      aloneBy.put(append, Thread.currentThread());
      entered.add(append);
      CountDownLatch hold = holds.get(append);
      if (hold != null) {
        try {
          if (!hold.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError(append + " never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      RuntimeException failure = failures.get(append);
      if (failure != null) {
        throw failure;
      }
      return ALONE;
    }

    @Override
    public ChainHead written(String append) {
      written.add(append);
      return WRITTEN;
    }

    @Override
    public RuntimeException unknown(String append, @Nullable Throwable cause) {
      RuntimeException unknown = new IllegalStateException("unknown: " + append, cause);
      unknowns.put(append, unknown);
      return unknown;
    }
  }

  /** A database of proxies that logs what is asked of it and answers as a test sets it up. */
  static final class FakeDb {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    volatile @Nullable SQLException connectionFailure;
    volatile @Nullable SQLException batchFailure;
    volatile @Nullable SQLException commitFailure;
    volatile @Nullable Function<List<String>, int[]> counts;

    final DataSource dataSource =
        proxy(
            DataSource.class,
            (p, m, args) -> {
              if (m.getName().equals("getConnection")) {
                log.add("getConnection");
                SQLException failure = connectionFailure;
                if (failure != null) {
                  throw failure;
                }
                return connection();
              }
              return object(p, m, args);
            });

    Connection connection() {
      boolean[] autoCommit = {true};
      return proxy(
          Connection.class,
          (p, m, args) -> {
            switch (m.getName()) {
              case "getAutoCommit":
                return autoCommit[0];
              case "setAutoCommit":
                autoCommit[0] = (Boolean) args[0];
                log.add("autoCommit " + args[0]);
                return null;
              case "createStatement":
                return statement();
              case "prepareStatement":
                log.add("prepare " + args[0]);
                return prepared();
              case "commit":
                log.add("commit");
                SQLException failure = commitFailure;
                if (failure != null) {
                  throw failure;
                }
                return null;
              case "rollback":
                log.add("rollback");
                return null;
              case "close":
                log.add("close connection");
                return null;
              default:
                return object(p, m, args);
            }
          });
    }

    Statement statement() {
      return proxy(
          Statement.class,
          (p, m, args) -> {
            switch (m.getName()) {
              case "execute":
                log.add("execute " + args[0]);
                return true;
              case "close":
                log.add("close statement");
                return null;
              default:
                return object(p, m, args);
            }
          });
    }

    PreparedStatement prepared() {
      List<String> batch = new ArrayList<>();
      String[] bound = new String[1];
      return proxy(
          PreparedStatement.class,
          (p, m, args) -> {
            switch (m.getName()) {
              case "setString":
                bound[0] = (String) args[1];
                return null;
              case "addBatch":
                log.add("addBatch " + bound[0]);
                batch.add(bound[0]);
                return null;
              case "executeBatch":
                log.add("executeBatch");
                SQLException failure = batchFailure;
                if (failure != null) {
                  throw failure;
                }
                Function<List<String>, int[]> given = counts;
                return given != null
                    ? given.apply(List.copyOf(batch))
                    : batch.stream().mapToInt(a -> refused.contains(a) ? 0 : 1).toArray();
              case "close":
                log.add("close prepared");
                return null;
              default:
                return object(p, m, args);
            }
          });
    }

    static <T> T proxy(Class<T> type, InvocationHandler handler) {
      return type.cast(
          Proxy.newProxyInstance(
              AppendBatchesTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    static Object object(Object proxy, Method method, Object @Nullable [] args) {
      switch (method.getName()) {
        case "toString":
          return "fake " + proxy.getClass().getInterfaces()[0].getSimpleName();
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return args != null && proxy == args[0];
        default:
          throw new UnsupportedOperationException(method.getName());
      }
    }
  }
}
