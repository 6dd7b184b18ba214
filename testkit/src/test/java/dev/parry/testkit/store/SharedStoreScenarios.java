package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.FakeDevices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes, as two service instances, sharing one store and one device backend, in real time.
 * Subclasses say what "sharing one store" means: one object, or one database.
 */
abstract class SharedStoreScenarios {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);
  static final Duration LEASE = Duration.ofMillis(600);

  /**
   * The default plan table, except that a malicious device is isolated automatically where its
   * group allows it: the shared-store scenarios need an automatic device action. By default
   * isolating a whole device waits for approval.
   */
  static final PlanTable ISOLATE_AUTOMATICALLY =
      PlanTable.defaults()
          .with(
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));

  static final Limits LIMITS =
      Limits.defaults()
          .withAttemptTimeout(Duration.ofMillis(500))
          .withActionTimeout(Duration.ofMinutes(2))
          .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
          .withRateLimit(RateLimit.of(1_000_000, Duration.ofSeconds(1)));

  /** Servers need approval; everything else runs at Full automation. */
  static final DeviceGroups GROUPS =
      DeviceGroups.of(
          AutomationLevel.FULL,
          List.of(
              new DeviceGroup(
                  DeviceGroupName.of("Servers"),
                  1,
                  new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                  AutomationLevel.SEMI_ALL_FOLDERS)));

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final FakeDevices backend = FakeDevices.create(Clock.systemUTC());
  private final List<ParryRuntime> runtimes = new ArrayList<>();

  /**
   * {@return a store for one service instance: each call models another instance on the same state}
   */
  abstract InvestigationStore store();

  @AfterEach
  final void closeRuntimes() {
    runtimes.forEach(ParryRuntime::close);
  }

  ParryRuntime runtime(String name, ActionExecutor devices) {
    return runtime(name, devices, builder -> {});
  }

  ParryRuntime runtime(String name, ActionExecutor devices, Consumer<ParryRuntime.Builder> more) {
    ParryRuntime.Builder builder =
        ParryRuntime.builder()
            .store(store())
            .instanceName(name + "-" + run)
            .dispatchLease(LEASE)
            .limits(LIMITS)
            .deviceGroups(GROUPS)
            .requiredKinds(Set.of())
            .executor("devices", devices)
            .planTable(ISOLATE_AUTOMATICALLY);
    more.accept(builder);
    ParryRuntime runtime = builder.build();
    runtimes.add(runtime);
    runtime.start();
    return runtime;
  }

  Device server(int n) {
    return new Device(
        DeviceId.of("srv-" + run + "-" + n),
        DeviceName.of("srv-" + n),
        null,
        Set.of(),
        OsPlatform.WINDOWS_SERVER);
  }

  Device workstation(int n) {
    return new Device(
        DeviceId.of("ws-" + run + "-" + n),
        DeviceName.of("ws-" + n),
        null,
        Set.of(),
        OsPlatform.WINDOWS);
  }

  /**
   * Opens an investigation on {@code device} and reports it malicious: {@return the isolation it
   * plans}
   */
  ActionId isolation(ParryRuntime runtime, String name, Device device) {
    InvestigationId id = InvestigationId.of(name + "-" + run);
    runtime.open(id, AlertId.of("alert-" + name), device);
    runtime.reportEvidence(id, Evidence.of(device, Verdict.MALICIOUS, "test", Instant.now()));
    return runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0).id();
  }

  static ActionRecord action(ParryRuntime runtime, ActionId id) {
    return runtime
        .investigation(id.investigation(), ParryHarness.ANALYST)
        .orElseThrow()
        .action(id)
        .orElseThrow();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  List<Call> callsFor(ActionId id) {
    return backend.calls().stream().filter(c -> c.request().actionId().equals(id)).toList();
  }

  @Test
  @DisplayName(
      "an action proposed through one runtime is approved through the other and executed once")
  void approvalSeenThroughTheOther() throws InterruptedException {
    ParryRuntime a = runtime("a", backend.executor());
    ParryRuntime b = runtime("b", backend.executor());
    Device server = server(1);
    InvestigationId id = InvestigationId.of("approve-" + run);
    b.open(id, AlertId.of("alert-approve"), server);
    a.reportEvidence(id, Evidence.of(server, Verdict.MALICIOUS, "test", Instant.now()));
    ActionId action = a.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0).id();
    assertEquals(
        ActionStatus.PENDING_APPROVAL, action(b, action).status(), "b sees the pending action");
    assertTrue(pending(b).contains(action), "b's Pending tab lists it");
    b.approve(
        action, ANALYST, "contain it"); // b opened the investigation; a proposed the action since
    await(
        "b sees the action succeeded", () -> action(b, action).status() == ActionStatus.SUCCEEDED);
    Thread.sleep(
        LEASE
            .multipliedBy(3)
            .toMillis()); // watchdogs and lease keepers of both runtimes run meanwhile
    assertEquals(1, callsFor(action).size(), "executor calls");
    assertEquals(1, backend.timesApplied(new IsolateDevice(server, IsolationType.FULL)));
    assertTrue(!pending(b).contains(action));
  }

  Set<ActionId> pending(ParryRuntime runtime) {
    Set<ActionId> ids = new HashSet<>();
    ActionQuery query = ActionQuery.pending().limit(ActionQuery.MAX_LIMIT).build();
    while (true) {
      Page<ActionRecord> page = runtime.actions(query, ANALYST);
      page.items().forEach(r -> ids.add(r.id()));
      if (page.nextCursor() == null) {
        return ids;
      }
      query = query.after(page.nextCursor());
    }
  }

  @Test
  @DisplayName(
      "a runtime stopped in the middle of a dispatch: the other finishes it, same key, effect once")
  void otherRuntimeFinishesADispatch() {
    CountDownLatch called = new CountDownLatch(1);
    DeviceActionExecutor dies =
        new DeviceActionExecutor() {
          @Override
          public Set<ActionKind> supportedKinds() {
            return backend.executor().supportedKinds();
          }

          @Override
          public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
            backend
                .executor()
                .execute(request); // the call reaches the backend, the answer never comes back
            called.countDown();
            return new CompletableFuture<>();
          }

          @Override
          public CompletionStage<ExecutionOutcome> status(
              ExecutionRequest request, ExternalReference reference) {
            return new CompletableFuture<>();
          }
        };
    ParryRuntime a = runtime("a", dies);
    ActionId action = isolation(a, "dies", workstation(1));
    await("a called the backend", () -> called.getCount() == 0);
    a.close(); // a closed runtime answers no read: the store says what a left behind
    assertEquals(
        ActionStatus.IN_PROGRESS,
        store().load(action.investigation()).orElseThrow().action(action).orElseThrow().status());
    ParryRuntime b = runtime("b", backend.executor());
    await("b finished the action", () -> action(b, action).status() == ActionStatus.SUCCEEDED);
    List<Call> calls = callsFor(action);
    assertEquals(2, calls.size(), "one call from each runtime");
    assertEquals(calls.get(0).request().idempotencyKey(), calls.get(1).request().idempotencyKey());
    assertEquals(
        1,
        backend.timesApplied(new IsolateDevice(workstation(1), IsolationType.FULL)),
        "effect once");
    assertEquals(2, action(b, action).attempts());
  }

  @Test
  @DisplayName(
      "a long action carried by one runtime is left alone by the other, past leases and attempt timeouts")
  void longActionIsNotTakenOver() {
    AtomicInteger executes = new AtomicInteger();
    AtomicInteger polls = new AtomicInteger();
    DeviceActionExecutor slow =
        new DeviceActionExecutor() {
          @Override
          public Set<ActionKind> supportedKinds() {
            return backend.executor().supportedKinds();
          }

          @Override
          public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
            executes.incrementAndGet();
            return CompletableFuture.completedFuture(
                ExecutionOutcome.inProgress(ExternalReference.of("job-1"), Duration.ofMillis(200)));
          }

          @Override
          public CompletionStage<ExecutionOutcome> status(
              ExecutionRequest request, ExternalReference reference) {
            return CompletableFuture.completedFuture(
                polls.incrementAndGet() < 8
                    ? ExecutionOutcome.inProgress(reference, Duration.ofMillis(200))
                    : ExecutionOutcome.succeeded("done"));
          }
        };
    ParryRuntime a = runtime("a", slow);
    ParryRuntime b = runtime("b", slow);
    ActionId action = isolation(a, "slow", workstation(2));
    await("the action succeeded", () -> action(b, action).status() == ActionStatus.SUCCEEDED);
    assertEquals(1, executes.get(), "executor calls: the other runtime took the action over");
    assertEquals(1, action(b, action).attempts());
  }

  @Test
  @DisplayName(
      "8 threads across two runtimes approving and rejecting the same actions: each is decided once")
  void racingDecisions() throws Exception {
    ParryRuntime a = runtime("a", backend.executor());
    ParryRuntime b = runtime("b", backend.executor());
    List<ActionId> actions = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      actions.add(isolation(i % 2 == 0 ? a : b, "race-" + i, server(i)));
    }
    Map<ActionId, AtomicInteger> decided = new ConcurrentHashMap<>();
    actions.forEach(id -> decided.put(id, new AtomicInteger()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      ParryRuntime runtime = t % 2 == 0 ? a : b;
      Caller caller = Caller.of("analyst-" + t + "@contoso.com", Permission.SECURITY_ADMINISTRATOR);
      Random random = new Random(t);
      List<ActionId> order = new ArrayList<>(actions);
      Collections.shuffle(order, random);
      work.add(
          pool.submit(
              () -> {
                go.await();
                for (ActionId id : order) {
                  try {
                    if (random.nextBoolean()) {
                      runtime.approve(id, caller, "");
                    } else {
                      runtime.reject(id, caller, "");
                    }
                    decided.get(id).incrementAndGet();
                  } catch (CommandRejectedException e) {
                    // decided by someone else first
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> future : work) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    for (ActionId id : actions) {
      assertEquals(1, decided.get(id).get(), "decisions accepted for " + id);
      List<InvestigationEvent> events = a.history(id.investigation(), ParryHarness.ANALYST);
      long decisions =
          events.stream()
              .filter(
                  e ->
                      e instanceof InvestigationEvent.ActionRejected
                          || (e instanceof InvestigationEvent.ApprovalGranted granted
                              && granted.quorumReached()))
              .count();
      assertEquals(1, decisions, "decision events for " + id);
    }
    await(
        "every approved action settled",
        () ->
            actions.stream()
                .map(id -> action(a, id).status())
                .noneMatch(s -> s == ActionStatus.APPROVED || s == ActionStatus.IN_PROGRESS));
    for (int i = 0; i < actions.size(); i++) {
      ActionId id = actions.get(i);
      boolean approved = action(a, id).status() == ActionStatus.SUCCEEDED;
      assertEquals(approved ? 1 : 0, callsFor(id).size(), "executor calls for " + id);
      assertEquals(
          approved ? 1 : 0, backend.timesApplied(new IsolateDevice(server(i), IsolationType.FULL)));
    }
  }

  @Test
  @DisplayName(
      "a restart finds every pending approval, and what is approved after it executes once")
  void restartFindsPendingApprovals() {
    ParryRuntime a = runtime("a", backend.executor());
    Set<ActionId> created = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      created.add(isolation(a, "pending-" + i, server(i)));
    }
    a.close();
    ParryRuntime again = runtime("a", backend.executor());
    assertTrue(pending(again).containsAll(created), "pending approvals lost in the restart");
    ActionId first = created.iterator().next();
    again.approve(first, ANALYST, "");
    await(
        "the approved action succeeded",
        () -> action(again, first).status() == ActionStatus.SUCCEEDED);
    assertEquals(1, callsFor(first).size());
    assertTrue(
        created.stream()
            .filter(id -> !id.equals(first))
            .allMatch(
                id ->
                    callsFor(id).isEmpty()
                        && action(again, id).status() == ActionStatus.PENDING_APPROVAL),
        "others stayed pending");
  }

  // ---- control state shared by the replicas ----------------------------------------------------

  @Test
  @DisplayName(
      "the kill switch thrown on one runtime stops the other's automation; released on the other, both act again")
  void killSwitchHoldsOnEveryReplica() {
    ParryRuntime a = runtime("a", backend.executor());
    ParryRuntime b = runtime("b", backend.executor());
    a.pauseAutomation(ANALYST, null, "bad detection rule");
    ActionId held = isolation(b, "paused", workstation(1));
    assertEquals(
        ActionStatus.PENDING_APPROVAL, action(b, held).status(), "b planned under a's kill switch");
    assertTrue(action(b, held).reason().contains("kill switch"), action(b, held).reason());
    b.resumeAutomation(ANALYST, null, "rule fixed");
    ActionId runs = isolation(a, "resumed", workstation(2));
    await(
        "a's automatic isolation succeeded",
        () -> action(a, runs).status() == ActionStatus.SUCCEEDED);
    assertEquals(0, callsFor(held).size(), "the held isolation was not sent");
    List<ControlChange> audit = a.controlChanges(ANALYST, 0, ControlStore.MAX_CHANGES);
    assertEquals(
        List.of(ControlChange.Kind.PAUSE, ControlChange.Kind.RESUME),
        audit.stream().map(ControlChange::kind).toList(),
        "both changes recorded, in order, whichever runtime made them");
    assertEquals(
        List.of("bad detection rule", "rule fixed"),
        audit.stream().map(ControlChange::reason).toList());
    assertTrue(
        audit.stream().allMatch(c -> c.principal().equals(ANALYST.name())),
        "who changed it: " + audit);
  }

  @Test
  @DisplayName(
      "an allow indicator a false positive adds on one runtime holds on the other, and after both restart")
  void allowIndicatorSurvivesARestart() {
    ParryRuntime a = runtime("a", backend.executor());
    Device device = workstation(3);
    a.reportFalsePositive(device, ANALYST, "known admin tool");
    ParryRuntime b = runtime("b", backend.executor());
    assertTrue(
        b.allowIndicators(ANALYST).contains(new AllowIndicator.ExactEntity(device.key())),
        "b sees a's indicator");
    a.close();
    b.close();
    ParryRuntime again = runtime("again", backend.executor());
    InvestigationId id = InvestigationId.of("allowed-" + run);
    again.open(id, AlertId.of("alert-allowed"), device);
    again.reportEvidence(id, Evidence.of(device, Verdict.MALICIOUS, "test", Instant.now()));
    assertEquals(
        List.of(),
        again.investigation(id, ANALYST).orElseThrow().actions(),
        "the restarted runtime plans nothing for the allowed device");
    again.revokeAllow(ANALYST, new AllowIndicator.ExactEntity(device.key()), "tool retired");
    ParryRuntime other = runtime("other", backend.executor());
    assertTrue(
        !other.allowIndicators(ANALYST).contains(new AllowIndicator.ExactEntity(device.key())),
        "revoked everywhere");
  }

  @Test
  @DisplayName("a blast-radius limit counts automatic actions across the replicas, not per replica")
  void blastRadiusIsShared() {
    Consumer<ParryRuntime.Builder> limited =
        builder ->
            builder.safetyGuards(
                SafetyGuards.builder()
                    .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 2, Duration.ofHours(1)))
                    .build());
    ParryRuntime a = runtime("a", backend.executor(), limited);
    ParryRuntime b = runtime("b", backend.executor(), limited);
    List<ActionId> isolations =
        List.of(
            isolation(a, "br-1", workstation(11)),
            isolation(b, "br-2", workstation(12)),
            isolation(a, "br-3", workstation(13)),
            isolation(b, "br-4", workstation(14)));
    List<Boolean> automatic =
        isolations.stream()
            .map(id -> action(a, id).status() != ActionStatus.PENDING_APPROVAL)
            .toList();
    assertEquals(
        List.of(true, true, false, false),
        automatic,
        "two automatic isolations per hour across both runtimes");
    assertTrue(
        action(b, isolations.get(3)).reason().contains("blast radius"),
        action(b, isolations.get(3)).reason());
  }

  @Test
  @DisplayName("glass broken on one runtime opens the protected device on the other")
  void breakGlassHoldsOnEveryReplica() {
    Device protectedOne = workstation(21);
    Consumer<ParryRuntime.Builder> guarded =
        builder ->
            builder.safetyGuards(SafetyGuards.builder().protectDevice(protectedOne.id()).build());
    ParryRuntime a = runtime("a", backend.executor(), guarded);
    ParryRuntime b = runtime("b", backend.executor(), guarded);
    ActionId before = isolation(b, "glass-before", protectedOne);
    assertEquals(
        ActionStatus.PENDING_APPROVAL, action(b, before).status(), "protected: approval required");
    a.breakGlass(ANALYST, protectedOne.id(), Duration.ofMinutes(30), "active ransomware");
    ActionId after = isolation(b, "glass-after", protectedOne);
    await(
        "b isolated the device under a's override",
        () -> action(b, after).status() == ActionStatus.SUCCEEDED);
  }
}
