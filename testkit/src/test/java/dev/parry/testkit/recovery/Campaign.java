package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A fault campaign: investigations, analysts' decisions and time passing on one or more runtimes
 * sharing a store, while the store fails a share of its calls (some writes landing with their
 * acknowledgement lost), the schedulers refuse or lose timers, and the executor answers with
 * faults. Then every fault stops, and the campaign checks, without restarting anything, that within
 * a bounded number of reconciler passes every action settled, nothing is due, every effect was
 * applied at most once, and no cancelled action was sent after its cancel was acknowledged.
 */
final class Campaign {

  static final Caller ANALYST =
      Caller.of("campaign-analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  /** How long after the faults stop every action must have settled: a bounded number of passes. */
  static final Duration SETTLE_WITHIN = Duration.ofHours(3);

  /** What a campaign did and found. */
  record Result(
      int investigations,
      int actions,
      long storeFaults,
      long lostAcks,
      long schedulerFaults,
      int executorFaults,
      int callerErrors,
      long passesToSettle,
      int cancelsAcknowledged) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d investigations, %d actions; faults: %d store (%d writes landed, ack lost),"
              + " %d scheduler, %d executor; %d operations failed for their callers; %d acknowledged cancels;"
              + " settled %d reconciler passes after the faults stopped",
          investigations,
          actions,
          storeFaults,
          lostAcks,
          schedulerFaults,
          executorFaults,
          callerErrors,
          cancelsAcknowledged,
          passesToSettle);
    }
  }

  private final long seed;
  private final List<Rig> rigs;
  private final Random random;
  private final Runnable chaos;
  private Runnable onHeal = () -> {};
  private final List<InvestigationId> investigations = new ArrayList<>();

  /** When a CANCELLED answer was returned for an action: no execute call for it may come later. */
  private final Map<ActionId, Integer> cancelledAtCall = new HashMap<>();

  private int executorFaults;
  private int callerErrors;

  /**
   * @param seed the seed of every random choice
   * @param rigs the runtimes, sharing one store, clock, virtual scheduler and fleet
   * @param chaos run now and then during the campaign: extra faults of the store's own kind
   */
  Campaign(long seed, List<Rig> rigs, Runnable chaos) {
    this.seed = seed;
    this.rigs = List.copyOf(rigs);
    this.random = new Random(seed);
    this.chaos = chaos;
  }

  /** {@return this campaign, running {@code hook} when the faults stop} */
  Campaign onHeal(Runnable hook) {
    this.onHeal = hook;
    return this;
  }

  /** Runs {@code steps} operations under faults, then heals and checks. */
  Result run(int steps, double storeFaultShare, double schedulerFaultShare) {
    for (Rig rig : rigs) {
      rig.runtime.start();
    }
    for (Rig rig : rigs) {
      rig.store.failing(storeFaultShare).losingAcks(0.5);
      rig.scheduler.refusing(schedulerFaultShare).losingTimers(schedulerFaultShare);
    }
    Rig first = rigs.get(0);
    for (int step = 0; step < steps; step++) {
      Rig rig = rigs.get(random.nextInt(rigs.size()));
      if (random.nextInt(10) == 0) {
        first.devices.inject(executorFault(), 1);
        executorFaults++;
      }
      if (random.nextInt(25) == 0) {
        chaos.run();
      }
      operate(rig.runtime, step);
      first.advance(Duration.ofSeconds(random.nextInt(120)));
    }
    onHeal.run();
    for (Rig rig : rigs) {
      rig.store.heal();
      rig.scheduler.heal();
    }
    for (InvestigationId id : investigations) {
      try {
        first.runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
      } catch (RuntimeException alreadyFinished) {
        // finished before (perhaps by a write whose acknowledgement was lost), or terminated
      }
    }
    Duration interval = first.runtime.health().interval();
    long passes = 0;
    Instant deadline = first.clock.instant().plus(SETTLE_WITHIN);
    while (!settled(first.store.delegateStore()) && first.clock.instant().isBefore(deadline)) {
      first.advance(interval);
      passes++;
      for (Rig rig : rigs) {
        rig.runtime
            .health(); // as a service's health check polls it: it re-arms a reconciler whose timer
        // was lost
      }
    }
    return withFaults(check(passes));
  }

  private Fault executorFault() {
    return switch (random.nextInt(5)) {
      case 0 -> Fault.failRetryable("HTTP 503", null);
      case 1 -> Fault.rateLimited(Duration.ofSeconds(30));
      case 2 -> Fault.neverAnswer();
      case 3 -> Fault.inProgress(2);
      default -> Fault.fail("device offline");
    };
  }

  private void operate(ParryRuntime runtime, int step) {
    try {
      switch (random.nextInt(8)) {
        case 0, 1, 2 -> openAndReport(runtime, step);
        case 3 ->
            onSome(
                runtime, ActionStatus.PENDING_APPROVAL, id -> runtime.approve(id, ANALYST, "ok"));
        case 4 ->
            onSome(runtime, ActionStatus.PENDING_APPROVAL, id -> runtime.reject(id, ANALYST, "no"));
        case 5 ->
            onSome(runtime, ActionStatus.SUCCEEDED, id -> runtime.undo(id, ANALYST, "false alarm"));
        case 6 -> onSome(runtime, ActionStatus.IN_PROGRESS, id -> cancel(runtime, id));
        default -> onSome(runtime, ActionStatus.APPROVED, id -> cancel(runtime, id));
      }
    } catch (RuntimeException e) {
      callerErrors++; // a store failure, or a decision another runtime made first: the caller sees
      // it
    }
  }

  private void cancel(ParryRuntime runtime, ActionId id) {
    ActionRecord answer = runtime.cancel(id, ANALYST, "stop");
    if (answer.status() == ActionStatus.CANCELLED) {
      cancelledAtCall.putIfAbsent(id, rigs.get(0).devices.calls().size());
    }
  }

  private void openAndReport(ParryRuntime runtime, int step) {
    InvestigationId id = InvestigationId.of("camp-" + seed + "-" + step);
    boolean server = random.nextInt(3) == 0;
    Device device =
        new Device(
            DeviceId.of("d-" + seed + "-" + step),
            DeviceName.of("host-" + step),
            null,
            Set.of(),
            server ? OsPlatform.WINDOWS_SERVER : OsPlatform.WINDOWS);
    runtime.open(id, AlertId.of("alert-" + step), device);
    investigations.add(id);
    Instant now = rigs.get(0).clock.instant();
    DeviceFile file =
        DeviceFile.onDevice(
            Sha256.of(String.format(Locale.ROOT, "%064x", (long) step * 7919 + seed)),
            device.id(),
            WindowsPath.of("C:\\Users\\u\\AppData\\Local\\Temp\\drop" + step + ".exe"));
    runtime.reportEvidence(
        id,
        List.of(
            Evidence.of(device, Verdict.MALICIOUS, "campaign", now),
            Evidence.of(file, Verdict.MALICIOUS, "campaign", now)));
  }

  private interface Op {
    void on(ActionId id);
  }

  private void onSome(ParryRuntime runtime, ActionStatus status, Op op) {
    if (investigations.isEmpty()) {
      return;
    }
    InvestigationId id = investigations.get(random.nextInt(investigations.size()));
    Investigation state = rigs.get(0).store.delegateStore().load(id).orElse(null);
    if (state == null) {
      return;
    }
    for (ActionRecord action : state.actions()) {
      if (action.status() == status) {
        op.on(action.id());
        return;
      }
    }
  }

  private boolean settled(InvestigationStore store) {
    for (InvestigationId id : investigations) {
      Investigation state = store.load(id).orElse(null);
      if (state == null) {
        continue;
      }
      for (ActionRecord action : state.actions()) {
        if (!action.status().isSettled()
            || action.status() == ActionStatus.UNDO_IN_PROGRESS
            || action.obligation().isPresent()) {
          return false;
        }
      }
    }
    return true;
  }

  private Result check(long passes) {
    Rig first = rigs.get(0);
    InvestigationStore store = first.store.delegateStore();
    Instant now = first.clock.instant();
    List<String> problems = new ArrayList<>();
    int actions = 0;
    Map<ActionId, Set<IdempotencyKey>> keys = new HashMap<>();
    List<Call> calls = first.devices.calls();
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      if (!call.operation().equals("execute")
          || call.request().purpose() != ExecutionPurpose.EXECUTE) {
        continue;
      }
      ActionId action = call.request().actionId();
      keys.computeIfAbsent(action, k -> new HashSet<>()).add(call.request().idempotencyKey());
      Integer cancelledAt = cancelledAtCall.get(action);
      if (cancelledAt != null && i >= cancelledAt) {
        problems.add("executor called for " + action + " after its cancel was acknowledged");
      }
    }
    for (InvestigationId id : investigations) {
      Investigation state = store.load(id).orElse(null);
      if (state == null) {
        continue; // its opening failed for the caller and never landed
      }
      if (!state.equals(Investigation.replay(store.events(id)))) {
        problems.add(id + ": stored state differs from its events");
      }
      if (state.isAnalysisFinished() && !state.isComplete()) {
        problems.add(
            id
                + ": analysis finished, every action should be settled, yet not complete: "
                + state.actions());
      }
      for (ActionRecord action : state.actions()) {
        actions++;
        if (!action.status().isSettled() || action.status() == ActionStatus.UNDO_IN_PROGRESS) {
          problems.add(action.id() + " never settled: " + action.status());
        }
        action.obligation().ifPresent(o -> problems.add(action.id() + " still owes " + o));
        int applied = first.devices.timesApplied(action.action());
        if (applied > 1) {
          problems.add(action.id() + " applied " + applied + " times");
        }
        if (keys.getOrDefault(action.id(), Set.of()).size() > 1) {
          problems.add(
              action.id() + " executed under several idempotency keys: " + keys.get(action.id()));
        }
        if (action.status() == ActionStatus.SUCCEEDED && applied != 1) {
          problems.add(action.id() + " succeeded but its effect was applied " + applied + " times");
        }
      }
    }
    if (!store.due(now, "campaign-checker", InvestigationStore.MAX_DUE).isEmpty()) {
      problems.add(
          "work still due: " + store.due(now, "campaign-checker", InvestigationStore.MAX_DUE));
    }
    if (!first.virtual.failures().isEmpty()) {
      problems.add("background work threw: " + first.virtual.failures());
    }
    for (Rig rig : rigs) {
      RuntimeHealth health = rig.runtime.health();
      if (!health.isHealthy()) {
        problems.add(rig.instanceName + " unhealthy after the faults stopped: " + health);
      }
    }
    Result result =
        new Result(
            investigations.size(),
            actions,
            0,
            0,
            0,
            executorFaults,
            callerErrors,
            passes,
            cancelledAtCall.size());
    assertTrue(
        problems.isEmpty(),
        () -> "seed " + seed + ": " + problems.size() + " problem(s): " + problems);
    assertEquals(List.of(), problems);
    return result;
  }

  /** {@return the result with the fault counts the rigs recorded} */
  private Result withFaults(Result result) {
    long storeFaults = 0;
    long lostAcks = 0;
    long schedulerFaults = 0;
    for (Rig rig : rigs) {
      storeFaults += rig.store.faults();
      lostAcks += rig.store.lostAcks();
      schedulerFaults += rig.scheduler.faults();
    }
    return new Result(
        result.investigations(),
        result.actions(),
        storeFaults,
        lostAcks,
        schedulerFaults,
        result.executorFaults(),
        result.callerErrors(),
        result.passesToSettle(),
        result.cancelsAcknowledged());
  }
}
