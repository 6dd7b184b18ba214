package dev.parry.bench;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Through the whole runtime: evidence to a completed investigation, and approvals. */
public class RuntimeBenchmark {

  /**
   * A runtime whose executors succeed at once and whose scheduler runs work inline, on a new store
   * each iteration: a default one (0), or one sized up front for 2,000,000 investigations.
   */
  @State(Scope.Benchmark)
  public static class EndToEnd {
    @Param({"0", "2000000"})
    public int sizedFor;

    ParryRuntime runtime;
    final AtomicLong ids = new AtomicLong();

    @Setup(Level.Iteration)
    public void setUp() {
      runtime =
          runtime(
              sizedFor == 0
                  ? InMemoryInvestigationStore.create()
                  : InMemoryInvestigationStore.create(sizedFor));
    }
  }

  /**
   * Evidence reported, an automatic action planned, stored, dispatched, succeeded; investigation
   * complete.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public Investigation endToEndOneThread(EndToEnd state) {
    return endToEnd(state);
  }

  /** The same, from two threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Investigation endToEndTwoThreads(EndToEnd state) {
    return endToEnd(state);
  }

  static Investigation endToEnd(EndToEnd state) {
    return investigate(state.runtime, "e" + state.ids.incrementAndGet());
  }

  /**
   * A runtime on {@code store} whose executors succeed at once, run inline, with no binding rate
   * limit.
   */
  static ParryRuntime runtime(InvestigationStore store) {
    ParryRuntime runtime =
        ParryRuntime.builder()
            .scheduler(Fixtures.INLINE)
            .store(store)
            .executor("d", Fixtures.devices())
            .executor("m", Fixtures.mail())
            .executor("i", Fixtures.directory())
            .limits(
                Limits.defaults().withRateLimit(RateLimit.of(1_000_000_000, Duration.ofSeconds(1))))
            .build();
    runtime.start();
    return runtime;
  }

  /** A runtime where every action waits for approval and nothing is dispatched. */
  static ParryRuntime approvalRuntime() {
    return ParryRuntime.builder()
        .scheduler(Fixtures.DROP)
        .executor("d", Fixtures.devices())
        .executor("m", Fixtures.mail())
        .executor("i", Fixtures.directory())
        .deviceGroups(DeviceGroups.of(AutomationLevel.SEMI_ALL_FOLDERS, List.of()))
        .build();
  }

  /**
   * Collects once after a fixture is built, so that the measured operations do not pay for the
   * collector moving the fixture out of the young generation, which a long-running service has done
   * long before.
   */
  static void settleFixture() {
    System.gc();
  }

  /** Opens {@code count} investigations with one pending isolation each. */
  static ActionId[] pendingActions(ParryRuntime runtime, int count, String prefix) {
    ActionId[] pending = new ActionId[count];
    Evidence evidence = Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "", Fixtures.NOW);
    for (int i = 0; i < count; i++) {
      InvestigationId id = InvestigationId.of(prefix + i);
      runtime.open(id, AlertId.of("a"), Fixtures.DEVICE);
      pending[i] = runtime.reportEvidence(id, evidence).actions().get(0).id();
    }
    return pending;
  }

  /** Opens an investigation, reports a malicious file, finishes the analysis. */
  static Investigation investigate(ParryRuntime runtime, String name) {
    InvestigationId id = InvestigationId.of(name);
    runtime.open(id, AlertId.of("a"), Fixtures.DEVICE);
    // a distinct file per investigation: the same file everywhere would be de-duplicated across
    // them
    DeviceFile file = DeviceFile.onDevice(Fixtures.HASH, DeviceId.of(name), Fixtures.FILE.path());
    runtime.reportEvidence(id, Evidence.of(file, Verdict.MALICIOUS, "Trojan", Fixtures.NOW));
    return runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
  }

  /**
   * Opens an investigation, reports {@code files} malicious files in one report, finishes the
   * analysis.
   */
  static Investigation investigateMany(ParryRuntime runtime, String name, int files) {
    InvestigationId id = InvestigationId.of(name);
    runtime.open(id, AlertId.of("a"), Fixtures.DEVICE);
    List<Evidence> evidence = new ArrayList<>(files);
    for (int i = 0; i < files; i++) {
      DeviceFile file =
          DeviceFile.onDevice(Fixtures.HASH, DeviceId.of(name + "-" + i), Fixtures.FILE.path());
      evidence.add(Evidence.of(file, Verdict.MALICIOUS, "Trojan", Fixtures.NOW));
    }
    runtime.reportEvidence(id, evidence);
    return runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
  }

  /**
   * End to end on a store already holding {@code stored} actions (10 per investigation, 1 pending).
   */
  @State(Scope.Benchmark)
  public static class AtScale {
    @Param({"1000", "100000", "1000000"})
    public int stored;

    ParryRuntime runtime;
    final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
      runtime = runtime(Fixtures.store(stored / 10, 10, 1));
    }
  }

  /** End to end, one thread, with the store at 1,000, 100,000 and 1,000,000 actions. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public Investigation endToEndAtScale(AtScale state) {
    return investigate(state.runtime, "s" + state.ids.incrementAndGet());
  }

  /**
   * Two threads racing to approve the same actions: consecutive tickets name the same action, so
   * each action is approved by whichever thread gets there first and refused to the other.
   */
  @State(Scope.Group)
  public static class Race {
    static final int ACTIONS = 100_000;
    ParryRuntime runtime;
    ActionId[] pending;
    final AtomicInteger tickets = new AtomicInteger();
    final AtomicLong won = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final Caller alice = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);

    @Setup(Level.Iteration)
    public void setUp() {
      runtime = approvalRuntime();
      pending = pendingActions(runtime, ACTIONS, "r");
      settleFixture();
      tickets.set(0);
      won.set(0);
      lost.set(0);
    }

    @TearDown(Level.Iteration)
    public void check() {
      int attempted = Math.min(ACTIONS, (tickets.get() + 1) / 2);
      if (won.get() != attempted) {
        throw new IllegalStateException(
            "exactly one approval per action must win: "
                + won.get()
                + " won for "
                + attempted
                + " actions ("
                + lost.get()
                + " refused)");
      }
    }
  }

  /**
   * One racing approval attempt; half of them are refused, each action is approved exactly once.
   */
  @Benchmark
  @Group("raceSameAction")
  @GroupThreads(2)
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1, batchSize = Race.ACTIONS)
  @Measurement(iterations = 3, batchSize = Race.ACTIONS)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean raceSameAction(Race state) {
    int ticket = state.tickets.getAndIncrement();
    if (ticket / 2 >= Race.ACTIONS) {
      return false;
    }
    try {
      state.runtime.approve(state.pending[ticket / 2], state.alice, "");
      state.won.incrementAndGet();
      return true;
    } catch (CommandRejectedException e) {
      state.lost.incrementAndGet();
      return false;
    }
  }

  /** A runtime holding {@value #BATCH} pending actions per thread; approvals are not dispatched. */
  @State(Scope.Benchmark)
  public static class Pending {
    static final int BATCH = 200_000;
    ParryRuntime runtime;
    ActionId[] pending;
    final AtomicInteger next = new AtomicInteger();
    final Caller alice = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);

    @Setup(Level.Iteration)
    public void setUp() {
      runtime = approvalRuntime();
      pending = pendingActions(runtime, 2 * BATCH, "p");
      settleFixture();
      next.set(0);
    }
  }

  /**
   * One approval of a distinct pending action (authorize, load, decide, append, publish), one
   * thread.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2, batchSize = Pending.BATCH)
  @Measurement(iterations = 3, batchSize = Pending.BATCH)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public Object approveOneThread(Pending state) {
    return state.runtime.approve(state.pending[state.next.getAndIncrement()], state.alice, "");
  }

  /** The same, two threads approving distinct actions. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2, batchSize = Pending.BATCH)
  @Measurement(iterations = 3, batchSize = Pending.BATCH)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(2)
  public Object approveTwoThreads(Pending state) {
    return state.runtime.approve(state.pending[state.next.getAndIncrement()], state.alice, "");
  }
}
