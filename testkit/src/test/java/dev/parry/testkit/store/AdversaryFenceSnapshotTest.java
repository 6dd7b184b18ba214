package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: on a pool whose transactions are REPEATABLE READ with auto-commit off, the fenced
 * append's transaction first reads the chain hash (when this runtime did not write the event it
 * follows): the fence is then checked on the snapshot of that read, and a pause committed before
 * the append's statement was even sent does not refuse it.
 */
class AdversaryFenceSnapshotTest {

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

  /** How the append that records evidence starts: an update claiming no lease. */
  private static final String PLAN_APPEND =
      "WITH claim AS (SELECT ?::int AS sequence, ?::text AS owner, ?::bigint AS until_ms,"
          + " ?::bigint AS now_ms), bumped AS (UPDATE";

  private static Object call(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** {@code real}, where {@code hook} runs once just before a statement starting {@code start}. */
  private static DataSource hooked(DataSource real, String start, AtomicReference<Runnable> hook) {
    return (DataSource)
        Proxy.newProxyInstance(
            AdversaryFenceSnapshotTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = call(real, method, args);
              if (!method.getName().equals("getConnection")) {
                return result;
              }
              Connection connection = (Connection) result;
              return Proxy.newProxyInstance(
                  AdversaryFenceSnapshotTest.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (cp, cm, cargs) -> {
                    Object made = call(connection, cm, cargs);
                    if (!cm.getName().equals("prepareStatement")
                        || !(cargs[0] instanceof String sql)
                        || !sql.startsWith(start)) {
                      return made;
                    }
                    PreparedStatement statement = (PreparedStatement) made;
                    return Proxy.newProxyInstance(
                        AdversaryFenceSnapshotTest.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        (sp, sm, sargs) -> {
                          if (sm.getName().startsWith("execute")) {
                            Runnable once = hook.getAndSet(null);
                            if (once != null) {
                              once.run();
                            }
                          }
                          return call(statement, sm, sargs);
                        });
                  });
            });
  }

  private DataSource offPool(String isolation) {
    HikariDataSource pool =
        Postgres.pool(
            "parry-adv-" + isolation,
            4,
            config -> {
              config.setAutoCommit(false);
              config.setTransactionIsolation(isolation);
            });
    pools.add(pool);
    return pool;
  }

  private ActionRecord plannedWithPauseJustBeforeTheAppend(String isolation, String name) {
    AtomicReference<Runnable> hook = new AtomicReference<>();
    ParryRuntime a =
        runtime(
            "a",
            hooked(offPool(isolation), PLAN_APPEND, hook),
            builder -> builder.scheduler(holding()));
    ParryRuntime b = runtime("b", pool(), builder -> {});
    InvestigationId id = opened(b, name); // a did not write the event its append follows
    hook.set(() -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch"));
    Investigation after = a.reportEvidence(id, malicious(workstation(name)));
    assertEquals(null, hook.get(), "the pause was recorded before the append's statement");
    return after.actions().get(0);
  }

  @Test
  @DisplayName(
      "READ COMMITTED, auto-commit off (control): a pause committed just before the plan's append"
          + " statement is sent holds for that plan")
  void readCommittedSeesThePause() {
    ActionRecord planned =
        plannedWithPauseJustBeforeTheAppend("TRANSACTION_READ_COMMITTED", "rc-snapshot");
    assertEquals(ActionStatus.PENDING_APPROVAL, planned.status(), planned.toString());
  }

  @Test
  @DisplayName(
      "REPEATABLE READ, auto-commit off: a pause committed just before the plan's append statement"
          + " is sent holds for that plan")
  void repeatableReadSeesThePause() {
    ActionRecord planned =
        plannedWithPauseJustBeforeTheAppend("TRANSACTION_REPEATABLE_READ", "rr-snapshot");
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        planned.status(),
        "planned automatic although the kill switch committed before its append was sent: "
            + planned);
  }

  /** How the append that records a dispatch and takes its lease starts. */
  private static final String DISPATCH_APPEND =
      "WITH claim AS (SELECT ?::int AS sequence, ?::text AS owner, ?::bigint AS until_ms,"
          + " ?::bigint AS now_ms), locked AS";

  @Test
  @DisplayName(
      "REPEATABLE READ, auto-commit off: a kill switch committed just before the dispatch's start"
          + " statement is sent holds the action: nothing is sent")
  void repeatableReadDispatchSeesThePause() {
    dispatchWithPauseJustBeforeTheStart("TRANSACTION_REPEATABLE_READ", "rr-dispatch");
  }

  @Test
  @DisplayName(
      "READ COMMITTED, auto-commit off (control): a kill switch committed just before the"
          + " dispatch's start statement is sent holds the action: nothing is sent")
  void readCommittedDispatchSeesThePause() {
    dispatchWithPauseJustBeforeTheStart("TRANSACTION_READ_COMMITTED", "rc-dispatch");
  }

  private void dispatchWithPauseJustBeforeTheStart(String isolation, String name) {
    ParryRuntime b = runtime("b", pool(), builder -> builder.scheduler(holding()));
    InvestigationId id = opened(b, name);
    Investigation planned = b.reportEvidence(id, malicious(workstation(name)));
    assertEquals(ActionStatus.APPROVED, planned.actions().get(0).status(), "planned automatic");
    AtomicReference<Runnable> hook = new AtomicReference<>();
    hook.set(() -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch"));
    ParryRuntime a =
        runtime(
            "a",
            hooked(offPool(isolation), DISPATCH_APPEND, hook),
            builder -> builder.reconcileEvery(Duration.ofMillis(200)));
    SharedStoreScenarios.await(
        "a dispatched or held the action",
        () ->
            hook.get() == null
                    && only(a, id).status() != ActionStatus.APPROVED
                    && only(a, id).status() != ActionStatus.IN_PROGRESS
                || !callsFor(id).isEmpty());
    assertEquals(
        List.of(),
        callsFor(id),
        "sent although the kill switch committed before its start was sent: " + only(a, id));
  }
}
