package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.FakeDevices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the attacks on appends fenced at a control change share: runtimes on PostgreSQL, each with
 * its own pool, whose work can be held back; workstations reported malicious; row locks held open
 * and waits on them seen. The database is emptied before and after each test, so no pause is left
 * for the tests after these.
 */
abstract class FenceScenarios {

  /** How the append that records evidence starts: an update claiming no lease. */
  static final String PLAN_APPEND =
      "WITH claim AS (SELECT ?::int AS sequence, ?::text AS owner, ?::bigint AS until_ms,"
          + " ?::bigint AS now_ms), bumped AS (UPDATE";

  /** How the append that records a dispatch and takes its lease starts. */
  static final String DISPATCH_APPEND =
      "WITH claim AS (SELECT ?::int AS sequence, ?::text AS owner, ?::bigint AS until_ms,"
          + " ?::bigint AS now_ms), locked AS";

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final FakeDevices backend = FakeDevices.create(Clock.systemUTC());
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<ParryRuntime> runtimes = new ArrayList<>();
  private final List<TaskScheduler> schedulers = new ArrayList<>();

  @BeforeEach
  final void emptyDatabase() {
    Postgres.truncate(); // control changes numbered from 1, no work left by other tests
  }

  @AfterEach
  final void closeEverything() {
    runtimes.forEach(ParryRuntime::close);
    schedulers.forEach(TaskScheduler::close);
    pools.forEach(HikariDataSource::close);
    Postgres.truncate(); // no pause left for the tests after these
  }

  /** A scheduler that keeps the tasks it is given to run at once until they are let go. */
  static final class Holding implements TaskScheduler {
    private final TaskScheduler real = TaskScheduler.threadPool(2);
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding = true;

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (holding) {
          held.add(task);
          return;
        }
      }
      real.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return real.schedule(delay, () -> execute(task));
    }

    void letGo() {
      List<Runnable> tasks;
      synchronized (this) {
        holding = false;
        tasks = List.copyOf(held);
        held.clear();
      }
      tasks.forEach(real::execute);
    }

    @Override
    public void close() {
      real.close();
    }
  }

  /** {@return a pool of its own on the test database, closed after the test} */
  final HikariDataSource pool() {
    HikariDataSource pool = Postgres.pool(Postgres.url(), 4);
    pools.add(pool);
    return pool;
  }

  /** {@return a pool of its own that counts its round trips and can fail one} */
  final CountingDataSource counted() {
    return CountingDataSource.of(pool());
  }

  /**
   * {@return a pool of its own whose connections come with auto-commit off, in transactions of
   * {@code isolation} ({@code "TRANSACTION_REPEATABLE_READ"}), as pools set up for JPA often are}
   */
  final DataSource autoCommitOff(String isolation) {
    HikariDataSource pool =
        Postgres.pool(
            "parry-fence-" + isolation,
            4,
            config -> {
              config.setAutoCommit(false);
              config.setTransactionIsolation(isolation);
            });
    pools.add(pool);
    return pool;
  }

  /** {@return a started runtime on {@code data}, built further by {@code more}} */
  final ParryRuntime runtime(String name, DataSource data, Consumer<ParryRuntime.Builder> more) {
    ParryRuntime.Builder builder =
        ParryRuntime.builder()
            .store(JdbcInvestigationStore.create(data))
            .instanceName(name + "-" + run)
            .dispatchLease(SharedStoreScenarios.LEASE)
            .limits(SharedStoreScenarios.LIMITS)
            .deviceGroups(SharedStoreScenarios.GROUPS)
            .requiredKinds(Set.of())
            .executor("devices", backend.executor())
            .planTable(SharedStoreScenarios.ISOLATE_AUTOMATICALLY);
    more.accept(builder);
    ParryRuntime runtime = builder.build();
    runtimes.add(runtime);
    runtime.start();
    return runtime;
  }

  /** {@return a scheduler that holds its tasks, closed after the test} */
  final Holding holding() {
    Holding scheduler = new Holding();
    schedulers.add(scheduler);
    return scheduler;
  }

  /**
   * {@return a runtime whose work waits on {@code scheduler}}: nothing it does in the background (a
   * dispatch, a pass over due work) reads the control state before the test lets it go
   */
  final ParryRuntime waiting(
      String name, DataSource data, Holding scheduler, Consumer<ParryRuntime.Builder> more) {
    return runtime(name, data, builder -> more.accept(builder.scheduler(scheduler)));
  }

  final ParryRuntime waiting(String name, DataSource data, Holding scheduler) {
    return waiting(name, data, scheduler, builder -> {});
  }

  /**
   * {@return the other runtime, through which changes are recorded}: its work never runs, so it
   * never sends (or holds) an action of the runtime under test, whose actions are due to any
   */
  final ParryRuntime bystander(Consumer<ParryRuntime.Builder> more) {
    return waiting("b", counted(), holding(), more);
  }

  /** {@return a blast-radius limit of {@code max} automatic isolations an hour, to build with} */
  static Consumer<ParryRuntime.Builder> isolationsPerHour(int max) {
    return builder ->
        builder.safetyGuards(
            SafetyGuards.builder()
                .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, max, Duration.ofHours(1)))
                .build());
  }

  final Device workstation(String name) {
    return new Device(
        DeviceId.of("ws-" + run + "-" + name),
        DeviceName.of("ws-" + name),
        null,
        Set.of(),
        OsPlatform.WINDOWS);
  }

  final InvestigationId opened(ParryRuntime runtime, String name) {
    InvestigationId id = InvestigationId.of(name + "-" + run);
    runtime.open(id, AlertId.of("alert-" + name), workstation(name));
    return id;
  }

  static Evidence malicious(Device device) {
    return Evidence.of(device, Verdict.MALICIOUS, "test", Instant.now());
  }

  /** Opens an investigation on a workstation and reports it malicious: {@return the state after} */
  final Investigation reported(ParryRuntime runtime, String name) {
    InvestigationId id = opened(runtime, name);
    return runtime.reportEvidence(id, malicious(workstation(name)));
  }

  static ActionRecord only(ParryRuntime runtime, InvestigationId id) {
    Investigation state = runtime.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow();
    assertEquals(1, state.actions().size(), "actions of " + id + ": " + state.actions());
    return state.actions().get(0);
  }

  final List<Call> callsFor(InvestigationId id) {
    return backend.calls().stream()
        .filter(c -> c.request().actionId().investigation().equals(id))
        .toList();
  }

  /** Holds the row lock of the investigation in an open transaction. */
  static Connection lockRow(DataSource data, InvestigationId id) throws SQLException {
    Connection locker = data.getConnection();
    locker.setAutoCommit(false);
    try (PreparedStatement lock =
        locker.prepareStatement("SELECT id FROM parry_investigations WHERE id = ? FOR UPDATE")) {
      lock.setString(1, id.value());
      lock.executeQuery().close();
    }
    return locker;
  }

  /** Waits until some backend runs a statement starting {@code start} and waits on a lock. */
  static void awaitBlocked(DataSource data, String start) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      try (Connection c = data.getConnection();
          PreparedStatement q =
              c.prepareStatement(
                  "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                      + " AND query LIKE ?")) {
        q.setString(1, start + "%");
        try (ResultSet r = q.executeQuery()) {
          r.next();
          if (r.getLong(1) > 0) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no statement starting '" + start + "' waited on a lock");
  }
}
