package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.safety.ControlStore.Window;
import dev.parry.spi.store.JdbcControlStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.fake.FakeDevices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Round trips to PostgreSQL for an automatic action, counted at the JDBC layer")
class PostgresRoundTripsTest {

  /** Runs work on the calling thread and drops timers: nothing runs but the path measured. */
  private static final TaskScheduler INLINE =
      new TaskScheduler() {
        @Override
        public void execute(Runnable task) {
          task.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
          return () -> {};
        }
      };

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private CountingDataSource counted;
  private @Nullable ParryRuntime runtime; // null when PostgreSQL is not configured

  @BeforeEach
  void startRuntime() {
    counted = CountingDataSource.of(Postgres.dataSource());
    runtime =
        ParryRuntime.builder()
            .store(JdbcInvestigationStore.create(counted))
            .scheduler(INLINE)
            .instanceName("trips-" + run)
            .limits(SharedStoreScenarios.LIMITS)
            .deviceGroups(SharedStoreScenarios.GROUPS)
            .requiredKinds(Set.of())
            .executor("devices", FakeDevices.create(Clock.systemUTC(), INLINE).executor())
            .planTable(SharedStoreScenarios.ISOLATE_AUTOMATICALLY)
            .build();
    runtime.start();
  }

  @AfterEach
  void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private Device workstation(String name) {
    return new Device(
        DeviceId.of("ws-" + run + "-" + name),
        DeviceName.of("ws-" + name),
        null,
        Set.of(),
        OsPlatform.WINDOWS);
  }

  /** Opens an investigation on a workstation; {@return its id} */
  private InvestigationId opened(String name) {
    InvestigationId id = InvestigationId.of("trips-" + run + "-" + name);
    runtime.open(id, AlertId.of("alert-" + name), workstation(name));
    return id;
  }

  private void reportMalicious(InvestigationId id, String name) {
    runtime.reportEvidence(
        id, Evidence.of(workstation(name), Verdict.MALICIOUS, "test", Instant.now()));
  }

  /**
   * The round trips from evidence to its automatic action settled: the evidence with the proposal
   * (1), the dispatch recorded with its lease taken (1), the outcome with the lease ended (1); and,
   * outside the store's appends, the call admitted to its rate limit's window (1, here once for a
   * block of calls). The shared control state is not read: each append that follows a decision the
   * control state takes part in is fenced at the last change the runtime read, and refused if
   * another was recorded since. Nothing is read after the success: an undo a false positive asked
   * for while the action ran is stored with it.
   */
  private static final int EVIDENCE_TO_SETTLED = 4;

  /** How a read of the control changes starts (the fence inside an append is not one). */
  static final String CONTROL_READ = "SELECT sequence, kind";

  @Test
  @DisplayName(
      "evidence to its automatic action stored, dispatched and succeeded takes 4 round trips, 3"
          + " of them appends and none a read of the control state; completing the investigation"
          + " takes 1")
  void evidenceToSettledRoundTrips() {
    InvestigationId warm = opened("warm"); // the first use reads what the runtime caches
    reportMalicious(warm, "warm");
    runtime.finishAnalysis(warm, AnalysisOutcome.COMPLETED);

    InvestigationId id = opened("measured");
    counted.reset();
    reportMalicious(id, "measured");
    List<String> settling = counted.trips();
    counted.reset();
    Investigation done = runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
    List<String> completing = counted.trips();

    assertEquals(
        ActionStatus.SUCCEEDED,
        done.actions().get(0).status(),
        "the action's status: " + done.actions().get(0).reason());
    assertTrue(done.isComplete(), "the investigation completed");
    assertTrue(
        settling.size() <= EVIDENCE_TO_SETTLED,
        "evidence to settled took " + settling.size() + " round trips: " + settling);
    assertEquals(
        3,
        settling.stream().filter(sql -> sql.startsWith("WITH claim AS")).count(),
        "appends among " + settling);
    assertEquals(
        0,
        settling.stream().filter(sql -> sql.startsWith(CONTROL_READ)).count(),
        "reads of the control state among " + settling);
    assertEquals(1, completing.size(), "completing took " + completing);
  }

  @Test
  @DisplayName(
      "an admission to blast-radius windows is one round trip, however many windows it counts in"
          + " and however many actions it admits")
  void admissionIsOneRoundTrip() {
    JdbcControlStore controls = JdbcControlStore.create(counted);
    String scope = "KIND:ISOLATE_DEVICE/trips-" + run;
    List<Window> windows =
        List.of(
            new Window(scope, Duration.ofMinutes(10), 5),
            new Window(scope, Duration.ofHours(1), 20));
    counted.reset();
    assertTrue(controls.admit(windows, Instant.now(), true), "admitted");
    assertEquals(1, counted.trips().size(), "an admission took " + counted.trips());
    counted.reset();
    assertTrue(controls.admit(windows, Instant.now(), false), "admitted in a dry run");
    assertEquals(1, counted.trips().size(), "a dry run took " + counted.trips());
    counted.reset();
    Instant now = Instant.now();
    assertEquals(
        4,
        controls.admitUpTo(windows, now, 64, now.plusMillis(100)),
        "the narrower window had room for 4 more");
    assertEquals(1, counted.trips().size(), "admitting several took " + counted.trips());
  }
}
