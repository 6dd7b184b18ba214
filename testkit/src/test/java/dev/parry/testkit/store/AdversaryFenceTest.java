package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: the fence is read with the append statement's snapshot (taken when the statement
 * starts), not as the append commits. An append that waits on a row lock while a pause is recorded
 * and returns commits afterwards, decided on the control state before the pause.
 */
class AdversaryFenceTest {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final FakeDevices backend = FakeDevices.create(Clock.systemUTC());
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<ParryRuntime> runtimes = new ArrayList<>();
  private final List<TaskScheduler> schedulers = new ArrayList<>();

  @BeforeEach
  void emptyDatabase() {
    Postgres.truncate();
  }

  @AfterEach
  void closeEverything() {
    runtimes.forEach(ParryRuntime::close);
    schedulers.forEach(TaskScheduler::close);
    pools.forEach(HikariDataSource::close);
    Postgres.truncate();
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

  private DataSource pool() {
    HikariDataSource pool = Postgres.pool(Postgres.url(), 4);
    pools.add(pool);
    return pool;
  }

  private ParryRuntime runtime(String name, DataSource data, Consumer<ParryRuntime.Builder> more) {
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

  private Holding holding() {
    Holding scheduler = new Holding();
    schedulers.add(scheduler);
    return scheduler;
  }

  private Device workstation(String name) {
    return new Device(
        DeviceId.of("ws-" + run + "-" + name),
        DeviceName.of("ws-" + name),
        null,
        Set.of(),
        OsPlatform.WINDOWS);
  }

  private InvestigationId opened(ParryRuntime runtime, String name) {
    InvestigationId id = InvestigationId.of(name + "-" + run);
    runtime.open(id, AlertId.of("alert-" + name), workstation(name));
    return id;
  }

  private static Evidence malicious(Device device) {
    return Evidence.of(device, Verdict.MALICIOUS, "test", Instant.now());
  }

  private static ActionRecord only(ParryRuntime runtime, InvestigationId id) {
    Investigation state = runtime.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow();
    assertEquals(1, state.actions().size(), "actions of " + id + ": " + state.actions());
    return state.actions().get(0);
  }

  private List<Call> callsFor(InvestigationId id) {
    return backend.calls().stream()
        .filter(c -> c.request().actionId().investigation().equals(id))
        .toList();
  }

  /** Holds the row lock of the investigation in an open transaction. */
  private static Connection lockRow(DataSource data, InvestigationId id) throws SQLException {
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
  private static void awaitBlocked(DataSource data, String start) throws Exception {
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

  /** {@return whether {@code pause} is still waiting after half a second} */
  private static boolean stillWaiting(CompletableFuture<Void> pause) throws InterruptedException {
    Thread.sleep(500);
    return !pause.isDone();
  }

  @Test
  @DisplayName(
      "a kill switch thrown while the dispatch's fenced start waits on a row lock waits for that"
          + " start: the start recorded before the pause is carried on, and the pause holds for"
          + " what comes after it")
  void killSwitchWhileTheStartWaitsOnALock() throws Exception {
    Holding scheduler = holding();
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = runtime("b", pool(), builder -> builder.scheduler(holding()));
    InvestigationId id = opened(a, "locked-start");
    Investigation state = a.reportEvidence(id, malicious(workstation("locked-start")));
    assertEquals(ActionStatus.APPROVED, state.actions().get(0).status(), "planned automatic");
    Connection locker = lockRow(side, id);
    CompletableFuture<Void> pause;
    try {
      scheduler.letGo(); // the dispatch's start append waits on the investigation's row
      awaitBlocked(side, "WITH claim");
      pause =
          CompletableFuture.runAsync(
              () -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch: bad rule"));
      assertTrue(stillWaiting(pause), "the pause did not wait for the start under way");
    } finally {
      locker.rollback();
      locker.close();
    }
    pause.get(20, TimeUnit.SECONDS);
    SharedStoreScenarios.await(
        "the start recorded before the pause was carried on",
        () -> only(a, id).status() == ActionStatus.SUCCEEDED);
    InvestigationId next = opened(a, "after-pause");
    ActionRecord held =
        a.reportEvidence(next, malicious(workstation("after-pause"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "held by the kill switch");
  }

  @Test
  @DisplayName(
      "a kill switch thrown while a plan's fenced append waits on a row lock waits for that plan:"
          + " the plan decided before the pause is stored as it was, and the next one is held")
  void killSwitchWhileThePlanWaitsOnALock() throws Exception {
    Holding scheduler = holding();
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = runtime("b", pool(), builder -> builder.scheduler(holding()));
    InvestigationId id = opened(a, "locked-plan");
    Connection locker = lockRow(side, id);
    CompletableFuture<Investigation> reported;
    CompletableFuture<Void> pause;
    try {
      reported =
          CompletableFuture.supplyAsync(
              () -> a.reportEvidence(id, malicious(workstation("locked-plan"))));
      awaitBlocked(side, "WITH claim");
      pause =
          CompletableFuture.runAsync(
              () -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch: bad rule"));
      assertTrue(stillWaiting(pause), "the pause did not wait for the plan under way");
    } finally {
      locker.rollback();
      locker.close();
    }
    pause.get(20, TimeUnit.SECONDS);
    ActionRecord planned = reported.get(20, TimeUnit.SECONDS).actions().get(0);
    assertEquals(ActionStatus.APPROVED, planned.status(), "stored before the pause: " + planned);
    InvestigationId next = opened(a, "plan-after-pause");
    ActionRecord held =
        a.reportEvidence(next, malicious(workstation("plan-after-pause"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "held by the kill switch");
  }

  @Test
  @DisplayName(
      "a plan whose fenced append starts while a kill switch is being recorded waits for it,"
          + " reads it and is held")
  void planWhileTheKillSwitchIsRecorded() throws Exception {
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(holding()));
    InvestigationId id = opened(a, "while-recorded");
    Connection recorder = side.getConnection();
    CompletableFuture<Investigation> reported;
    try {
      recorder.setAutoCommit(false);
      try (PreparedStatement lock =
              recorder.prepareStatement("LOCK TABLE parry_control_changes IN EXCLUSIVE MODE");
          PreparedStatement insert =
              recorder.prepareStatement(
                  "INSERT INTO parry_control_changes (sequence, kind, principal, at_s, at_n,"
                      + " reason) SELECT coalesce(max(sequence), 0) + 1, 'PAUSE',"
                      + " 'analyst@contoso.com', 1800000000, 0, 'bad rule'"
                      + " FROM parry_control_changes")) {
        lock.execute();
        insert.executeUpdate(); // a kill switch recorded as JdbcControlStore records one, not yet
        // committed
      }
      reported =
          CompletableFuture.supplyAsync(
              () -> a.reportEvidence(id, malicious(workstation("while-recorded"))));
      awaitBlocked(side, "WITH claim");
    } finally {
      recorder.commit();
      recorder.close();
    }
    ActionRecord planned = reported.get(20, TimeUnit.SECONDS).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, planned.status(), "planned past the kill switch");
    assertTrue(planned.reason().contains("kill switch"), planned.reason());
  }
}
