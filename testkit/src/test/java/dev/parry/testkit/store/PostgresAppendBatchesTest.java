package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.ControlsChangedException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store with one writer, appended to by eight threads at once: appends that wait for
 * the writer are written together, and each still writes exactly once, refuses what it refused
 * alone, and answers a lost commit as a single append would.
 */
@DisplayName("The PostgreSQL store writing the appends that wait together")
class PostgresAppendBatchesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int THREADS = 8;
  private static final int ROUNDS = 25;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private HikariDataSource pool;
  private CountingDataSource counted;
  private JdbcInvestigationStore store;
  private ExecutorService threads;
  private final List<Investigation> states = new ArrayList<>();

  @BeforeEach
  void setUp() {
    Postgres.truncate();
    pool = Postgres.pool(Postgres.url(), 16);
    counted = CountingDataSource.of(pool);
    store = JdbcInvestigationStore.create(counted, 1);
    threads = Executors.newFixedThreadPool(THREADS + 1);
    for (int t = 0; t < THREADS; t++) {
      InvestigationId id = InvestigationId.of("batch-" + run + "-" + t);
      Decision.Accepted opened =
          Investigation.open(
              id,
              AlertId.of("a"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              T0);
      store.append(id, 0, opened.events(), opened.after());
      states.add(opened.after());
    }
    counted.reset();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    boolean ended = threads.awaitTermination(10, TimeUnit.SECONDS);
    pool.close();
    assertTrue(ended, "an append's thread never ended");
    Postgres.truncate();
  }

  /** {@return the next decision of {@code state}: one more piece of clean evidence} */
  private Decision.Accepted next(Investigation state) {
    return cleanEvidence(state, "d-" + run, 0);
  }

  /**
   * {@return the next decision of {@code state}: one more piece of clean evidence, a file on {@code
   * device} that {@code variant} tells apart from the others at that version}
   */
  static Decision.Accepted cleanEvidence(Investigation state, String device, int variant) {
    String hex =
        String.format(
            "%064x", state.version() * 1_000_003L + state.id().hashCode() * 31L + variant);
    DeviceFile file =
        DeviceFile.onDevice(
            Sha256.of(hex.substring(hex.length() - 64)),
            DeviceId.of(device),
            WindowsPath.of("C:\\Temp\\f" + state.version() + "-" + variant + ".exe"));
    return (Decision.Accepted)
        state.decide(
            new Command.RecordEvidence(
                Evidence.of(file, Verdict.NO_THREATS_FOUND, "clean", T0),
                List.of(),
                Actor.system()),
            T0);
  }

  /** An append a thread makes in a round, given its investigation's state. */
  private interface Step {
    Investigation append(int thread, Investigation state) throws Exception;
  }

  /**
   * Runs {@code rounds} rounds in which every thread, released together, makes {@code step};
   * {@return the failures of each round, null where the step answered}
   */
  private List<List<Throwable>> rounds(int rounds, Step step) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<List<Throwable>> failures = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      List<Future<Investigation>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Investigation state = states.get(t);
        futures.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return step.append(thread, state);
                }));
      }
      List<Throwable> failed = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        try {
          states.set(t, futures.get(t).get(30, TimeUnit.SECONDS));
          failed.add(null);
        } catch (ExecutionException e) {
          failed.add(e.getCause());
        }
      }
      failures.add(failed);
    }
    return failures;
  }

  /** The step that appends the next decision to the stored investigation. */
  private Investigation appendNext(InvestigationStore to, Investigation state) {
    Decision.Accepted next = next(state);
    to.append(state.id(), state.version(), next.events(), next.after());
    return next.after();
  }

  /** Every investigation is stored as this test last knew it, and its chain is intact. */
  private void storedAsKnown() {
    for (Investigation state : states) {
      assertEquals(state, store.load(state.id()).orElseThrow(), "stored " + state.id());
      assertEquals(
          new Verification.Intact((int) state.version(), 0, 0),
          AuditTrail.verify(store.chain(state.id())),
          "chain of " + state.id());
    }
  }

  private List<Integer> batches() {
    return counted.batchSizes().stream().filter(size -> size > 1).toList();
  }

  @Test
  @DisplayName(
      "eight threads appending at once are written in batches of several, fewer commits than"
          + " appends, and every append is stored once with its chain intact")
  void waitingAppendsAreWrittenTogether() throws Exception {
    List<List<Throwable>> failures = rounds(ROUNDS, (t, state) -> appendNext(store, state));

    failures.forEach(round -> round.forEach(f -> assertEquals(null, f, "an append failed")));
    storedAsKnown();
    List<Integer> batches = batches();
    assertTrue(!batches.isEmpty(), "no append was written with another: " + counted.batchSizes());
    List<String> trips = counted.trips();
    long statements = trips.stream().filter(trip -> trip.startsWith("WITH claim")).count();
    long transactions = trips.stream().filter(trip -> trip.startsWith("SELECT set_config")).count();
    long commits = trips.stream().filter(trip -> trip.equals("COMMIT")).count();
    List<Integer> sizes = counted.batchSizes();
    long alone = statements - sizes.size(); // a JDBC batch is one round trip
    long batched = sizes.stream().mapToInt(Integer::intValue).sum();
    assertEquals(THREADS * ROUNDS, alone + batched, "appends sent, alone and in batches");
    assertEquals(transactions, commits, "one commit per batch's transaction");
    assertTrue(commits < batched, commits + " commits for " + batched + " appends in batches");
  }

  @Test
  @DisplayName(
      "a batch whose statements fail is rolled back and each of its appends written by itself:"
          + " every caller's append is stored once")
  void aFailedBatchIsWrittenAppendByAppend() throws Exception {
    counted.failNextBatch("WITH claim");
    List<List<Throwable>> failures = new ArrayList<>();
    for (int r = 0; r < ROUNDS && !counted.struck(); r++) {
      failures.addAll(rounds(1, (t, state) -> appendNext(store, state)));
    }

    assertTrue(counted.struck(), "no batch was written: " + counted.batchSizes());
    assertTrue(counted.trips().contains("ROLLBACK"), "rolled back: " + counted.trips());
    failures.forEach(round -> round.forEach(f -> assertEquals(null, f, "an append failed")));
    storedAsKnown();
  }

  @Test
  @DisplayName(
      "a batch whose commit lands but whose answer is lost answers each of its appends with"
          + " StoreUnavailableException; each landed, and the next append of each is written")
  void aLostCommitAnswersEachAppendUnknown() throws Exception {
    counted.failNextCommit(true);
    List<Throwable> unknown = new ArrayList<>();
    for (int r = 0; r < ROUNDS && !counted.struck(); r++) {
      List<Investigation> before = List.copyOf(states);
      List<Throwable> failed = rounds(1, (t, state) -> appendNext(store, state)).get(0);
      for (int t = 0; t < THREADS; t++) {
        if (failed.get(t) != null) {
          assertInstanceOf(StoreUnavailableException.class, failed.get(t));
          unknown.add(failed.get(t));
          Investigation landed = store.load(before.get(t).id()).orElseThrow();
          assertEquals(next(before.get(t)).after(), landed, "the append landed");
          states.set(t, landed);
        }
      }
    }

    assertTrue(counted.struck(), "no batch was committed: " + counted.batchSizes());
    assertTrue(unknown.size() > 1, "a batch's appends answered " + unknown);
    rounds(2, (t, state) -> appendNext(store, state))
        .forEach(round -> round.forEach(f -> assertEquals(null, f, "an append failed")));
    storedAsKnown();
  }

  @Test
  @DisplayName(
      "an append at a stale version among others waiting throws ConcurrencyConflictException and"
          + " writes nothing; the others are written")
  void aStaleAppendAmongOthersIsRefused() throws Exception {
    JdbcInvestigationStore other = JdbcInvestigationStore.create(pool, 1);
    List<List<Throwable>> failures = new ArrayList<>();
    long refusedInBatches = 0;
    for (int r = 0; r < ROUNDS; r++) {
      // the odd investigations: appended through this store, which remembers that head, then moved
      // on through another, so this store's next append links to a head it believes current
      List<Investigation> stale = new ArrayList<>(states);
      for (int t = 1; t < THREADS; t += 2) {
        stale.set(t, appendNext(store, states.get(t)));
        states.set(t, appendNext(other, stale.get(t)));
      }
      counted.reset();
      failures.addAll(
          rounds(
              1,
              (t, state) -> {
                if (t % 2 == 0) {
                  return appendNext(store, state);
                }
                Decision.Accepted old = next(stale.get(t));
                store.append(state.id(), stale.get(t).version(), old.events(), old.after());
                return state;
              }));
      long sent =
          counted.trips().stream().filter(trip -> trip.startsWith("WITH claim")).count()
              - counted.batchSizes().size()
              + counted.batchSizes().stream().mapToInt(Integer::intValue).sum();
      refusedInBatches += sent - THREADS; // a stale append refused in a batch is sent again alone
    }

    for (List<Throwable> round : failures) {
      for (int t = 0; t < THREADS; t++) {
        if (t % 2 == 0) {
          assertEquals(null, round.get(t), "a current append failed");
        } else {
          assertInstanceOf(ConcurrencyConflictException.class, round.get(t));
        }
      }
    }
    assertTrue(refusedInBatches > 0, "no stale append was refused in a batch");
    storedAsKnown();
  }

  @Test
  @DisplayName(
      "fenced appends among others after a control change throw ControlsChangedException and"
          + " write nothing; appends without a fence are written")
  void fencedAppendsAmongOthersAreRefused() throws Exception {
    long seen =
        store
            .controls()
            .orElseThrow()
            .record(
                ControlChange.pause(
                    DeviceGroupName.of("g-" + run), PrincipalName.of("a@contoso.com"), T0, "seen"))
            .sequence();
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    store
        .controls()
        .orElseThrow()
        .record(
            ControlChange.pause(
                DeviceGroupName.of("g-" + run), PrincipalName.of("a@contoso.com"), T0, "later"));

    List<List<Throwable>> failures =
        rounds(
            ROUNDS,
            (t, state) -> {
              return appendNext(t % 2 == 0 ? store : fenced, state);
            });

    for (List<Throwable> round : failures) {
      for (int t = 0; t < THREADS; t++) {
        if (t % 2 == 0) {
          assertEquals(null, round.get(t), "an append without a fence failed");
        } else {
          assertInstanceOf(ControlsChangedException.class, round.get(t));
        }
      }
    }
    assertTrue(!batches().isEmpty(), "no append was written with another");
    storedAsKnown();
  }

  @Test
  @DisplayName(
      "an append that waits for a row lock held elsewhere while it holds the only writer keeps no"
          + " other append waiting: the others are written while it waits, and it once the lock is"
          + " let go")
  void aRowLockHeldElsewhereHoldsUpOnlyItsOwnAppend() throws Exception {
    rowLockHeldElsewhere(0, false);
  }

  @Test
  @DisplayName(
      "an append that waits for a row lock held elsewhere among others written together keeps"
          + " none of them waiting: its batch is rolled back and the others are written")
  void aRowLockHeldElsewhereHoldsUpNoBatch() throws Exception {
    // the locked append is in a batch unless it happens to find the writer free (1 in 8): try the
    // next investigation then, until one was in a batch, which its lock timeout rolled back
    for (int locked = 0; locked < 3 && !counted.trips().contains("ROLLBACK"); locked++) {
      counted.reset();
      rowLockHeldElsewhere(locked, true);
    }
    assertTrue(counted.trips().contains("ROLLBACK"), "no batch met the row lock");
  }

  /**
   * Holds investigation {@code lockedOne}'s row in a session of the test's own while its next
   * append is made, alone first or {@code amongOthers} released with the others' first appends;
   * then appends to the others for five rounds, which must not wait for the lock.
   */
  private void rowLockHeldElsewhere(int lockedOne, boolean amongOthers) throws Exception {
    Investigation locked = states.get(lockedOne);
    Decision.Accepted blocked = next(locked);
    try (Connection session = pool.getConnection()) {
      session.setAutoCommit(false);
      try (PreparedStatement lock =
          session.prepareStatement("SELECT 1 FROM parry_investigations WHERE id = ? FOR UPDATE")) {
        lock.setString(1, locked.id().value());
        lock.executeQuery().close();
      }
      CyclicBarrier together = new CyclicBarrier(amongOthers ? THREADS : 1);
      Future<ChainHead> waiting =
          threads.submit(
              () -> {
                together.await(10, TimeUnit.SECONDS);
                return store.append(
                    locked.id(), locked.version(), blocked.events(), blocked.after());
              });
      if (!amongOthers) {
        awaitLockWait();
      }
      long start = System.nanoTime();
      for (int r = 0; r < 5; r++) {
        List<Integer> indexes = new ArrayList<>();
        List<Future<Investigation>> others = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          if (t == lockedOne) {
            continue;
          }
          Investigation state = states.get(t);
          boolean withIt = amongOthers && r == 0;
          indexes.add(t);
          others.add(
              threads.submit(
                  () -> {
                    if (withIt) {
                      together.await(10, TimeUnit.SECONDS);
                    }
                    return appendNext(store, state);
                  }));
        }
        for (int i = 0; i < indexes.size(); i++) {
          states.set(indexes.get(i), others.get(i).get(10, TimeUnit.SECONDS));
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the other appends took " + took);
      assertTrue(!waiting.isDone(), "the append to the locked investigation did not wait");
      session.rollback();
      waiting.get(10, TimeUnit.SECONDS);
    }
    states.set(lockedOne, blocked.after());
    storedAsKnown();
  }

  /** Waits until an append waits for a row lock. */
  private void awaitLockWait() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection connection = pool.getConnection();
        PreparedStatement waits =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'WITH claim%'")) {
      while (System.nanoTime() < deadline) {
        try (var result = waits.executeQuery()) {
          result.next();
          if (result.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    throw new AssertionError("no append waited for the row lock");
  }

  @Test
  @DisplayName(
      "two stores on one database, each with one writer, appending to the same four"
          + " investigations from eight threads, lose and repeat no append, and every chain is"
          + " intact")
  void twoStoresOnSharedInvestigations() throws Exception {
    JdbcInvestigationStore other = JdbcInvestigationStore.create(pool, 1);
    int perThread = 12;
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      InvestigationStore mine = t < THREADS / 2 ? store : other; // each investigation on both
      InvestigationId id = states.get(t % 4).id();
      workers.add(
          threads.submit(
              () -> {
                int conflicts = 0;
                for (int done = 0; done < perThread; ) {
                  Investigation state = mine.load(id).orElseThrow();
                  try {
                    appendNext(mine, state);
                    done++;
                  } catch (ConcurrencyConflictException conflict) {
                    conflicts++;
                  }
                }
                return conflicts;
              }));
    }
    for (Future<Integer> worker : workers) {
      worker.get(120, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 4; i++) {
      Investigation stored = store.load(states.get(i).id()).orElseThrow();
      assertEquals(1 + 2L * perThread, stored.version(), "appends stored to " + stored.id());
      states.set(i, stored);
    }
    states.subList(4, THREADS).clear();
    storedAsKnown();
  }

  @Test
  @DisplayName(
      "a store made without writers, and one with a writer for each thread, write every append by"
          + " itself, in one round trip, as eight threads append at once")
  void withoutWaitingNothingIsBatched() throws Exception {
    for (JdbcInvestigationStore each :
        List.of(
            JdbcInvestigationStore.create(counted), JdbcInvestigationStore.create(counted, 8))) {
      counted.reset();
      rounds(ROUNDS, (t, state) -> appendNext(each, state))
          .forEach(round -> round.forEach(f -> assertEquals(null, f, "an append failed")));
      assertEquals(List.of(), counted.batchSizes(), "batches sent");
      assertEquals(
          THREADS * ROUNDS,
          counted.trips().stream().filter(trip -> trip.startsWith("WITH claim")).count(),
          "appends sent, each in its own round trip: " + counted.trips().size() + " round trips");
      assertEquals(
          List.of(),
          counted.trips().stream()
              .filter(trip -> !trip.startsWith("WITH claim"))
              .filter(trip -> !trip.startsWith("SELECT chain_hash")) // a new store reads each once
              .toList(),
          "nothing but the appends");
    }
    storedAsKnown();
  }

  @Test
  @DisplayName("a store with fewer than one writer is refused, naming the value")
  void writersMustBePositive() {
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> JdbcInvestigationStore.create(pool, 0));
    assertEquals("writers must be at least 1, was: 0", refused.getMessage());
    assertEquals("writers", refused.field());
  }
}
