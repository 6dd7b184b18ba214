package dev.parry.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.action.ActionKind;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.JdbcSchema;
import dev.parry.spi.store.Page;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The PostgreSQL store on a real server, found through {@code PARRY_POSTGRES_URL}: automatic
 * actions end to end through two runtimes sharing the database, and the action center's first pages
 * with 1,000 and 1,000,000 stored actions. Each benchmark works in a schema of its own; the large
 * one is filled once (through the store itself) and kept for later runs.
 */
public class PostgresBenchmark {

  static String url() {
    String url = System.getenv("PARRY_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "set PARRY_POSTGRES_URL to a JDBC URL (.ci/postgres start prints one)");
    }
    return url;
  }

  /** {@return a pool of {@code size} connections working in {@code schema}, created if missing} */
  static HikariDataSource pool(String schema, int size) {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    return new HikariDataSource(config);
  }

  static void dropSchema(String schema) {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Two runtimes, as two service instances, each with its own pool on one fresh schema; each
   * investigation is an alert naming {@code files} malicious files, reported at once.
   */
  @State(Scope.Benchmark)
  public static class TwoRuntimes {
    static final String SCHEMA = "parry_bench_e2e";

    @Param({"1", "10"})
    public int files;

    /**
     * The writers of each runtime's store: 0 for a store made with {@code create(dataSource)},
     * which writes each append at once, by itself; 1 for one that writes the appends waiting for
     * its one writer together.
     */
    @Param({"0", "1"})
    public int writers;

    HikariDataSource[] pools;
    ParryRuntime[] runtimes;
    final AtomicLong ids = new AtomicLong();
    final AtomicInteger sides = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
      dropSchema(SCHEMA);
      pools = new HikariDataSource[] {pool(SCHEMA, 8), pool(SCHEMA, 8)};
      JdbcSchema.migrate(pools[0]);
      runtimes = new ParryRuntime[2];
      for (int i = 0; i < 2; i++) {
        runtimes[i] =
            ParryRuntime.builder()
                .scheduler(Fixtures.INLINE)
                .store(
                    writers == 0
                        ? JdbcInvestigationStore.create(pools[i])
                        : JdbcInvestigationStore.create(pools[i], writers))
                .instanceName("bench-" + i)
                .executor("d", Fixtures.devices())
                .executor("m", Fixtures.mail())
                .executor("i", Fixtures.directory())
                .limits(
                    Limits.defaults()
                        .withRateLimit(RateLimit.of(1_000_000_000, Duration.ofSeconds(1))))
                .build();
        runtimes[i].start();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (int i = 0; i < 2; i++) {
        runtimes[i].close();
        pools[i].close();
      }
    }
  }

  /** Which of the two runtimes a benchmark thread calls: the threads alternate between them. */
  @State(Scope.Thread)
  public static class Side {
    ParryRuntime runtime;

    @Setup(Level.Trial)
    public void pick(TwoRuntimes shared) {
      runtime = shared.runtimes[shared.sides.getAndIncrement() % 2];
    }
  }

  /**
   * Evidence to a completed investigation with its automatic actions, through PostgreSQL, two
   * threads: the score times {@code files} is actions per second.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Investigation endToEndTwoRuntimesTwoThreads(TwoRuntimes shared, Side side) {
    return investigate(shared, side);
  }

  /** The same with eight threads, four per runtime: database round trips overlap. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(8)
  public Investigation endToEndTwoRuntimesEightThreads(TwoRuntimes shared, Side side) {
    return investigate(shared, side);
  }

  private static Investigation investigate(TwoRuntimes shared, Side side) {
    String name = "p" + shared.files + "-" + shared.ids.incrementAndGet();
    return shared.files == 1
        ? RuntimeBenchmark.investigate(side.runtime, name)
        : RuntimeBenchmark.investigateMany(side.runtime, name, shared.files);
  }

  /** A schema holding {@code actions} actions, 10 per investigation, 1 of them pending. */
  @State(Scope.Benchmark)
  public static class Filled {
    @Param({"1000", "1000000"})
    public int actions;

    HikariDataSource pool;
    JdbcInvestigationStore store;
    final ActionQuery pendingPage = ActionQuery.pending().limit(50).build();
    final ActionQuery historyPage =
        ActionQuery.history().kinds(EnumSet.of(ActionKind.ISOLATE_DEVICE)).limit(50).build();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      String schema = "parry_bench_" + actions;
      pool = pool(schema, 8);
      JdbcSchema.migrate(pool);
      store = JdbcInvestigationStore.create(pool);
      int investigations = actions / 10;
      if (store.size() != investigations) {
        pool.close();
        dropSchema(schema);
        pool = pool(schema, 8);
        JdbcSchema.migrate(pool);
        store = JdbcInvestigationStore.create(pool);
        fill(store, investigations);
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("VACUUM ANALYZE parry_actions");
        }
      }
    }

    private static void fill(JdbcInvestigationStore store, int investigations) throws Exception {
      ExecutorService writers = Executors.newFixedThreadPool(8);
      AtomicInteger next = new AtomicInteger();
      Future<?>[] done = new Future<?>[8];
      for (int w = 0; w < 8; w++) {
        done[w] =
            writers.submit(
                () -> {
                  for (int n = next.getAndIncrement();
                      n < investigations;
                      n = next.getAndIncrement()) {
                    Fixtures.Built built = Fixtures.built(n, 10, 1);
                    store.append(built.state().id(), 0, built.events(), built.state());
                  }
                  return null;
                });
      }
      for (Future<?> future : done) {
        future.get();
      }
      writers.shutdown();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.close();
    }
  }

  /** The Pending tab's first page of 50. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Page<ActionRecord> firstPendingPage(Filled filled) {
    return filled.store.queryActions(filled.pendingPage);
  }

  /** The History tab's first page of 50, newest first, filtered by kind. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Page<ActionRecord> filteredHistoryPage(Filled filled) {
    return filled.store.queryActions(filled.historyPage);
  }
}
