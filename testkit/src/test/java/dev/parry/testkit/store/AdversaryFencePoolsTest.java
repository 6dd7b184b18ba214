package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.automation.DeviceGroupName;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: the fence on pools with auto-commit off and REPEATABLE READ, and the blast-radius
 * memory of a re-plan when one report holds the same evidence twice.
 */
class AdversaryFencePoolsTest {

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

  private DataSource strictPool() {
    HikariDataSource pool =
        Postgres.pool(
            "parry-adv-rr-off",
            4,
            config -> {
              config.setAutoCommit(false);
              config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
            });
    pools.add(pool);
    return pool;
  }

  @Test
  @DisplayName(
      "auto-commit off, REPEATABLE READ: a pause through the other runtime after this one last read"
          + " holds for its next plan and for a queued automatic action")
  void strictPoolHoldsThePause() {
    Holding scheduler = holding();
    ParryRuntime a = runtime("a", strictPool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = runtime("b", pool(), builder -> {});
    InvestigationId queued = opened(a, "rr-queued");
    Investigation first = a.reportEvidence(queued, malicious(workstation("rr-queued")));
    assertEquals(ActionStatus.APPROVED, first.actions().get(0).status(), "planned automatic");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch");
    InvestigationId planned = opened(a, "rr-planned");
    ActionRecord held =
        a.reportEvidence(planned, malicious(workstation("rr-planned"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the queued isolation was held",
        () -> only(a, queued).status() == ActionStatus.PENDING_APPROVAL);
    assertEquals(List.of(), callsFor(queued), "nothing sent");
    assertEquals(List.of(), callsFor(planned), "nothing sent");
  }

  @Test
  @DisplayName(
      "auto-commit off, REPEATABLE READ: a resume through the other runtime lifts this runtime's"
          + " stale pause at dispatch (the fenced hold refused, asked again)")
  void strictPoolStaleHold() {
    Holding scheduler = holding();
    ParryRuntime a = runtime("a", strictPool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = runtime("b", pool(), builder -> {});
    InvestigationId id = opened(a, "rr-lifted");
    a.reportEvidence(id, malicious(workstation("rr-lifted")));
    a.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "fixed");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation succeeded", () -> only(a, id).status() == ActionStatus.SUCCEEDED);
  }

  private static Consumer<ParryRuntime.Builder> limit(int max) {
    return builder ->
        builder.safetyGuards(
            SafetyGuards.builder()
                .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, max, Duration.ofHours(1)))
                .build());
  }

  @Test
  @DisplayName(
      "one report holding the same evidence twice, its fenced append refused: the limit of one"
          + " admits one automatic isolation in all, across both runtimes")
  void identicalPiecesUnderALimitOfOne() {
    Holding scheduler = holding();
    ParryRuntime a = runtime("a", pool(), builder -> limit(1).accept(builder.scheduler(scheduler)));
    ParryRuntime b = runtime("b", pool(), limit(1));
    InvestigationId id = opened(a, "twice");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    Evidence e = malicious(workstation("twice"));
    Investigation after = a.reportEvidence(id, List.of(e, e));
    long automatic =
        after.actions().stream().filter(r -> r.status() == ActionStatus.APPROVED).count();
    assertTrue(automatic <= 1, "automatic actions: " + after.actions());
    InvestigationId other = opened(b, "twice-other");
    ActionRecord over =
        b.reportEvidence(other, malicious(workstation("twice-other"))).actions().get(0);
    assertEquals(
        automatic == 1 ? ActionStatus.PENDING_APPROVAL : ActionStatus.APPROVED,
        over.status(),
        "after " + after.actions() + ": " + over);
  }

  @Test
  @DisplayName(
      "one report holding two devices' evidence, its fenced append refused: a limit of two admits"
          + " two, and the next report through the other runtime is over it")
  void twoPiecesUnderALimitOfTwo() {
    Holding scheduler = holding();
    ParryRuntime a = runtime("a", pool(), builder -> limit(2).accept(builder.scheduler(scheduler)));
    ParryRuntime b = runtime("b", pool(), limit(2));
    InvestigationId id = opened(a, "pair");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    Investigation after =
        a.reportEvidence(
            id, List.of(malicious(workstation("pair")), malicious(workstation("pair-2"))));
    long automatic =
        after.actions().stream().filter(r -> r.status() == ActionStatus.APPROVED).count();
    assertTrue(automatic <= 2, "automatic actions: " + after.actions());
    InvestigationId other = opened(b, "pair-other");
    ActionRecord over =
        b.reportEvidence(other, malicious(workstation("pair-other"))).actions().get(0);
    assertEquals(
        automatic == 2 ? ActionStatus.PENDING_APPROVAL : ActionStatus.APPROVED,
        over.status(),
        "after " + after.actions() + ": " + over);
  }
}
