package dev.parry.testkit.store;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.EvictedInvestigation;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.RetentionSink;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.time.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bounded retention of the in-memory store, through a runtime on virtual time: what is evicted,
 * when, what never is, and what the runtime and the sink see.
 */
@DisplayName("The in-memory store with bounded retention forgets settled investigations only")
class RetentionTest {

  static final Device WORKSTATION =
      new Device(DeviceId.of("d-ws-1"), DeviceName.of("ws-1"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device SERVER =
      new Device(
          DeviceId.of("d-srv-1"),
          DeviceName.of("srv-1"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);

  /** The harness's clock, read by the store once the harness exists (it is built first). */
  static final class HarnessClock extends Clock {
    private volatile Clock target = TestClock.create();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return target.instant();
    }
  }

  final HarnessClock clock = new HarnessClock();
  final List<EvictedInvestigation> archived = new CopyOnWriteArrayList<>();
  volatile boolean sinkDown;
  final RetentionSink sink =
      evicted -> {
        if (sinkDown) {
          throw new IllegalStateException("archive unreachable");
        }
        archived.add(evicted);
      };
  InMemoryInvestigationStore store;
  ParryHarness parry;

  /** Starts a harness on a store built by {@code retention} from a builder on the harness clock. */
  void start(UnaryOperator<InMemoryInvestigationStore.Builder> retention) {
    store = retention.apply(InMemoryInvestigationStore.builder().clock(clock)).build();
    parry = ParryHarness.onStore(store, b -> b.deviceGroups(groups()));
    clock.target = parry.clock();
  }

  @AfterEach
  void close() {
    if (parry != null) {
      parry.close();
    }
  }

  /** Workstations are fully automatic; servers wait for approval. */
  static DeviceGroups groups() {
    return DeviceGroups.of(
        AutomationLevel.FULL,
        List.of(
            new DeviceGroup(
                DeviceGroupName.of("Servers"),
                1,
                new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                AutomationLevel.SEMI_ALL_FOLDERS)));
  }

  static DeviceFile file(Device device, int n) {
    String hex = String.format("%064x", n + 1);
    return DeviceFile.onDevice(
        Sha256.of(hex), device.id(), WindowsPath.of("C:\\Temp\\x" + n + ".exe"));
  }

  /** Opens an investigation on {@code device} whose malicious file is quarantined (or proposed). */
  InvestigationId investigate(String name, Device device, int n) {
    InvestigationId id = InvestigationId.of(name);
    parry.runtime().open(id, AlertId.of("alert-" + name), device);
    parry
        .runtime()
        .reportEvidence(
            id, Evidence.of(file(device, n), Verdict.MALICIOUS, "Trojan", parry.clock().instant()));
    parry.settle();
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    parry.settle();
    return id;
  }

  /** A workstation investigation, complete: its quarantine succeeded. */
  InvestigationId completed(String name, int n) {
    InvestigationId id = investigate(name, WORKSTATION, n);
    Investigation state = store.load(id).orElseThrow();
    assertTrue(state.isComplete(), "complete: " + state.status());
    assertEquals(ActionStatus.SUCCEEDED, state.actions().get(0).status());
    return id;
  }

  boolean kept(InvestigationId id) {
    return store.load(id).isPresent();
  }

  List<ActionRecord> actionsOf(InvestigationId id) {
    return store.queryActions(ActionQuery.all().investigation(id).build()).items();
  }

  @Test
  @DisplayName("a settled investigation is kept for the age, then evicted by a reconciler pass")
  void byAge() {
    start(b -> b.retainFor(Duration.ofHours(1)));
    InvestigationId id = completed("inv-age", 1);
    ActionRecord action = store.load(id).orElseThrow().actions().get(0);
    parry.advance(Duration.ofMinutes(59));
    assertTrue(kept(id), "kept before its age");
    parry.advance(Duration.ofMinutes(2)); // no append: the reconciler's pass evicts it
    assertFalse(kept(id), "evicted past its age");
    assertEquals(List.of(), store.events(id));
    assertEquals(List.of(), store.chain(id));
    assertEquals(List.of(), actionsOf(id));
    assertEquals(
        List.of(),
        store
            .queryActions(ActionQuery.all().entity(action.action().target().key()).build())
            .items());
    assertEquals(List.of(), store.queryActions(ActionQuery.all().build()).items());
    assertEquals(1, store.evicted());
    assertEquals(0, store.size());
  }

  @Test
  @DisplayName("past the count, the oldest settled investigations are evicted first")
  void byCount() {
    start(b -> b.retainAtMost(2));
    InvestigationId first = completed("inv-c1", 1);
    InvestigationId second = completed("inv-c2", 2);
    assertTrue(kept(first) && kept(second));
    InvestigationId third = completed("inv-c3", 3);
    assertFalse(kept(first), "the oldest settled one is evicted");
    assertTrue(kept(second) && kept(third));
    assertEquals(2, store.size());
  }

  @Test
  @DisplayName("an investigation pending approval is never evicted")
  void pendingKept() {
    start(b -> b.retainFor(Duration.ZERO).retainAtMost(1));
    InvestigationId pending = investigate("inv-pending", SERVER, 1);
    assertEquals(
        ActionStatus.PENDING_APPROVAL, store.load(pending).orElseThrow().actions().get(0).status());
    InvestigationId settled = investigate("inv-settled", WORKSTATION, 2);
    parry.advance(Duration.ofDays(1));
    assertTrue(kept(pending), "pending approval is not settled");
    assertFalse(kept(settled), "the settled one was evicted meanwhile");
    assertEquals(1, store.evicted());
  }

  @Test
  @DisplayName("an investigation whose action is in progress is never evicted")
  void inProgressKept() {
    start(b -> b.retainFor(Duration.ZERO));
    parry.devices().inject(Fault.latency(Duration.ofSeconds(90)), 1);
    InvestigationId running = investigate("inv-running", WORKSTATION, 1);
    assertEquals(
        ActionStatus.IN_PROGRESS, store.load(running).orElseThrow().actions().get(0).status());
    parry.advance(Duration.ofSeconds(60));
    assertTrue(kept(running), "in progress is not settled");
    parry.advance(Duration.ofSeconds(60));
    assertFalse(kept(running), "evicted once its action succeeded and it completed");
  }

  @Test
  @DisplayName("a time-boxed isolation still in effect is never evicted; it is once undone")
  void timeBoxKept() {
    start(b -> b.retainFor(Duration.ZERO));
    ActionRecord isolation =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "contain while we look",
                false,
                Duration.ofHours(1));
    parry.settle();
    InvestigationId id = isolation.id().investigation();
    Investigation state = store.load(id).orElseThrow();
    assertTrue(state.isComplete(), "the manual investigation completed: " + state.status());
    assertEquals(ActionStatus.SUCCEEDED, state.actions().get(0).status());
    parry.advance(Duration.ofMinutes(59));
    assertTrue(kept(id), "the box has not ended: the reconciler still owes its undo");
    assertTrue(parry.devices().isIsolated(SERVER.id()));
    parry.advance(Duration.ofMinutes(2));
    assertFalse(parry.devices().isIsolated(SERVER.id()), "released at the end of its box");
    parry.advance(Duration.ofMinutes(1));
    assertFalse(kept(id), "evicted once undone");
  }

  @Test
  @DisplayName("an investigation with an undo in progress is never evicted")
  void undoKept() {
    start(b -> b.retainFor(Duration.ofMinutes(30)));
    InvestigationId id = completed("inv-undo", 1);
    ActionRecord quarantine = store.load(id).orElseThrow().actions().get(0);
    parry.advance(Duration.ofMinutes(29));
    parry.devices().inject(Fault.latency(Duration.ofSeconds(90)), 1);
    parry.runtime().undo(quarantine.id(), ANALYST, "false alarm");
    parry.advance(Duration.ofSeconds(60)); // 30 minutes after it first settled
    assertEquals(
        ActionStatus.UNDO_IN_PROGRESS, store.load(id).orElseThrow().actions().get(0).status());
    assertTrue(kept(id), "an undo to carry is due work");
    parry.advance(Duration.ofSeconds(60));
    assertEquals(ActionStatus.UNDONE, store.load(id).orElseThrow().actions().get(0).status());
    parry.advance(Duration.ofMinutes(28));
    assertTrue(kept(id), "its age starts again when the undo settles it");
    parry.advance(Duration.ofMinutes(3));
    assertFalse(kept(id), "evicted 30 minutes after the undo settled it again");
  }

  @Test
  @DisplayName("the sink receives exactly what is evicted, once, with a chain that still verifies")
  void sinkReceivesEvicted() {
    start(b -> b.retainAtMost(2).sink(sink));
    List<InvestigationId> ids =
        List.of(
            completed("inv-s1", 1),
            completed("inv-s2", 2),
            completed("inv-s3", 3),
            completed("inv-s4", 4),
            completed("inv-s5", 5));
    parry.advance(Duration.ofMinutes(5));
    assertEquals(
        ids.subList(0, 3), archived.stream().map(e -> e.state().id()).toList(), "each once");
    assertEquals(3, store.evicted());
    for (EvictedInvestigation evicted : archived) {
      InvestigationId id = evicted.state().id();
      assertFalse(kept(id));
      assertTrue(evicted.state().isComplete());
      assertEquals(evicted.state().version(), evicted.chain().size());
      assertEquals(
          Verification.Intact.class,
          AuditTrail.verify(evicted.chain(), parry.anchor().head(id).orElseThrow()).getClass(),
          "the archived chain verifies against the anchored head");
    }
    for (InvestigationId id : ids.subList(3, 5)) {
      assertEquals(
          Verification.Intact.class,
          parry.runtime().verifyAuditTrail(id, ANALYST).getClass(),
          "the chains kept still verify");
    }
  }

  @Test
  @DisplayName("a sink that throws evicts nothing; eviction resumes once it accepts")
  void throwingSink() {
    start(b -> b.retainFor(Duration.ofMinutes(10)).sink(sink));
    sinkDown = true;
    InvestigationId id = completed("inv-sink", 1);
    parry.advance(Duration.ofHours(1));
    assertTrue(kept(id), "nothing evicted that the sink did not accept");
    assertEquals(0, store.evicted());
    assertTrue(store.sinkFailures() >= 1, "counted: " + store.sinkFailures());
    assertEquals(List.of(), archived);
    sinkDown = false;
    parry.advance(Duration.ofMinutes(5));
    assertFalse(kept(id), "retried at a later eviction");
    assertEquals(List.of(id), archived.stream().map(e -> e.state().id()).toList());
  }

  @Test
  @DisplayName("commands aimed at an evicted investigation fail as for an unknown one")
  void commandsOnEvicted() {
    start(b -> b.retainFor(Duration.ofMinutes(10)));
    InvestigationId id = completed("inv-gone", 1);
    ActionRecord quarantine = store.load(id).orElseThrow().actions().get(0);
    parry.advance(Duration.ofMinutes(20));
    assertFalse(kept(id));
    assertThrows(
        UnknownInvestigationException.class,
        () -> parry.runtime().undo(quarantine.id(), ANALYST, "late"));
    assertThrows(
        UnknownInvestigationException.class,
        () -> parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED));
    assertEquals(java.util.Optional.empty(), parry.runtime().investigation(id, ANALYST));
    FalsePositiveReport report =
        parry
            .runtime()
            .reportFalsePositive(quarantine.action().target(), ANALYST, "benign after all");
    assertEquals(List.of(), report.undone(), "an evicted action is out of the report's reach");
    assertFalse(report.allowed().isEmpty(), "the allow indicators are still recorded");
  }

  @Test
  @DisplayName("a cursor over evicted actions goes on with the actions kept")
  void cursorOverEvicted() {
    start(b -> b.retainAtMost(3));
    InvestigationId first = completed("inv-p1", 1);
    InvestigationId second = completed("inv-p2", 2);
    InvestigationId third = completed("inv-p3", 3);
    Page<ActionRecord> page = store.queryActions(ActionQuery.all().limit(1).build());
    assertEquals(first, page.items().get(0).id().investigation());
    InvestigationId fourth = completed("inv-p4", 4); // evicts the first
    InvestigationId fifth = completed("inv-p5", 5); // and the second
    assertFalse(kept(first) || kept(second));
    Page<ActionRecord> next =
        store.queryActions(ActionQuery.all().limit(10).cursor(page.nextCursor()).build());
    assertEquals(
        List.of(third, fourth, fifth),
        next.items().stream().map(a -> a.id().investigation()).toList());
  }

  @Test
  @DisplayName("the runtime and its reconciler keep working after evictions")
  void runtimeKeepsWorking() {
    start(b -> b.retainAtMost(5));
    for (int i = 0; i < 20; i++) {
      completed("inv-r" + i, i);
    }
    assertEquals(5, store.size());
    assertEquals(15, store.evicted());
    InvestigationId pending = investigate("inv-after", SERVER, 100);
    ActionRecord action = store.load(pending).orElseThrow().actions().get(0);
    parry.approve(action.id());
    parry.settle();
    assertTrue(store.load(pending).orElseThrow().isComplete());
    assertEquals(0, parry.runtime().health().consecutiveFailures(), "no failed pass");
    parry.advance(Duration.ofHours(2));
    assertEquals(0, parry.runtime().health().consecutiveFailures());
    assertEquals(5, store.size());
  }
}
