package dev.parry.bench;

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One investigation's life cycle on Parry's core, side by side with a bare state-machine library
 * and with the floor for this work, in one run so that the ratios hold however busy the machine is.
 *
 * <p>The life cycle: 10 actions pending approval (the analysis already finished), each approved,
 * started and succeeded in turn (30 transitions), then the completion check. Parry decides each
 * command on its immutable investigation, records the events and completes the investigation on the
 * last success. stateless4j 2.6.0 drives 10 mutable, single-threaded machines (one per action) and
 * records nothing. The floor swaps an immutable record of the 10 statuses by compare-and-set, one
 * copy per transition.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LifeCycleBenchmark {

  static final int ACTIONS = 10;

  /** An action's statuses along the life cycle measured. */
  enum Status {
    PENDING_APPROVAL,
    APPROVED,
    IN_PROGRESS,
    SUCCEEDED
  }

  /** What moves an action along. */
  enum Trigger {
    APPROVE,
    START,
    SUCCEED
  }

  private Investigation tenPending;
  private Command[] approvals;
  private Command[] starts;
  private Command[] successes;
  private StateMachineConfig<Status, Trigger> config;
  private final AtomicReference<Statuses> floor = new AtomicReference<>();
  private Statuses floorStart;

  @Setup
  public void setUp() {
    Investigation pending = Fixtures.investigation("life", ACTIONS, ACTIONS);
    tenPending =
        ((Decision.Accepted)
                pending.decide(
                    new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, Actor.system()),
                    Fixtures.NOW))
            .after();
    approvals = new Command[ACTIONS];
    starts = new Command[ACTIONS];
    successes = new Command[ACTIONS];
    Instant deadline = Fixtures.NOW.plus(Duration.ofHours(1));
    for (int i = 0; i < ACTIONS; i++) {
      ActionId id = new ActionId(tenPending.id(), i + 1);
      approvals[i] = new Command.Approve(id, PrincipalName.of("alice@contoso.com"), "");
      starts[i] = new Command.Start(id, deadline);
      successes[i] = new Command.Succeed(id, "");
    }
    if (!parry()) {
      throw new IllegalStateException("Parry's life cycle did not complete the investigation");
    }

    config = new StateMachineConfig<>();
    config.configure(Status.PENDING_APPROVAL).permit(Trigger.APPROVE, Status.APPROVED);
    config.configure(Status.APPROVED).permit(Trigger.START, Status.IN_PROGRESS);
    config.configure(Status.IN_PROGRESS).permit(Trigger.SUCCEED, Status.SUCCEEDED);
    config.configure(Status.SUCCEEDED);
    if (!stateless4j()) {
      throw new IllegalStateException("stateless4j's life cycle did not settle every action");
    }

    Status[] statuses = new Status[ACTIONS];
    java.util.Arrays.fill(statuses, Status.PENDING_APPROVAL);
    floorStart = new Statuses(1, statuses);
    if (!casFloor()) {
      throw new IllegalStateException("the floor's life cycle did not settle every action");
    }
  }

  /** Parry: 30 commands decided on the immutable investigation, each answering its events. */
  @Benchmark
  public boolean parry() {
    Investigation state = tenPending;
    for (int i = 0; i < ACTIONS; i++) {
      state = ((Decision.Accepted) state.decide(approvals[i], Fixtures.NOW)).after();
      state = ((Decision.Accepted) state.decide(starts[i], Fixtures.NOW)).after();
      state = ((Decision.Accepted) state.decide(successes[i], Fixtures.NOW)).after();
    }
    return state.isComplete();
  }

  /** stateless4j 2.6.0: 10 fresh mutable machines, 30 triggers fired, nothing recorded. */
  @Benchmark
  public boolean stateless4j() {
    @SuppressWarnings("unchecked")
    StateMachine<Status, Trigger>[] machines = new StateMachine[ACTIONS];
    for (int i = 0; i < ACTIONS; i++) {
      machines[i] = new StateMachine<>(Status.PENDING_APPROVAL, config);
      machines[i].fire(Trigger.APPROVE);
      machines[i].fire(Trigger.START);
      machines[i].fire(Trigger.SUCCEED);
    }
    for (StateMachine<Status, Trigger> machine : machines) {
      if (!machine.isInState(Status.SUCCEEDED)) {
        return false;
      }
    }
    return true;
  }

  /** The floor: an immutable record of 10 statuses, copied and swapped by CAS per transition. */
  @Benchmark
  public boolean casFloor() {
    floor.set(floorStart);
    for (int i = 0; i < ACTIONS; i++) {
      move(i, Status.PENDING_APPROVAL, Status.APPROVED);
      move(i, Status.APPROVED, Status.IN_PROGRESS);
      move(i, Status.IN_PROGRESS, Status.SUCCEEDED);
    }
    return floor.get().allSucceeded();
  }

  private void move(int action, Status from, Status to) {
    while (true) {
      Statuses current = floor.get();
      if (current.statuses[action] != from) {
        throw new IllegalStateException("action " + action + " is " + current.statuses[action]);
      }
      if (floor.compareAndSet(current, current.with(action, to))) {
        return;
      }
    }
  }

  /** The floor's state: a version and each action's status, never changed once built. */
  record Statuses(long version, Status[] statuses) {
    Statuses with(int action, Status to) {
      Status[] copy = statuses.clone();
      copy[action] = to;
      return new Statuses(version + 1, copy);
    }

    boolean allSucceeded() {
      for (Status status : statuses) {
        if (status != Status.SUCCEEDED) {
          return false;
        }
      }
      return true;
    }
  }
}
