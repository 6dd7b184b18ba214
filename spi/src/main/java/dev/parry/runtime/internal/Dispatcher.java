// Past 400 lines because the life of a flight (claim, gate, rate limit, start, call, poll, retry,
// time-out, stop, end) reads best in one place; its state is {@link Flight}, its leases {@link
// Leases}.
package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKey;
import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.ReversibleAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.runtime.Limits;
import dev.parry.runtime.TaskScheduler;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.ControlsChangedException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries approved actions (and undos) to their executors: claims the dispatch lease, asks the
 * safety guards again before each call of an automatic action with nothing outstanding, sends a
 * fleet-wide action with the protected devices to leave out, records the dispatch before calling,
 * keeps the family's concurrency cap and rate limit, retries retryable failures with backoff and
 * the same idempotency key, polls work in progress, turns silence into a time-out, and never lets
 * one executor's misbehaviour touch another action.
 *
 * <p>A flight ends one way, {@link #end}: with an outcome, which is recorded, or without one (the
 * dispatch could not be recorded, a timer was refused, the lease was lost), which leaves the action
 * due in the store for the reconciler. No store or scheduler failure is retried here: what was not
 * done stays due, and the reconciler comes back to it.
 *
 * <p>Past 400 lines because the life of a flight (claim, gate, rate limit, start, call, poll,
 * retry, time-out, stop, end) reads best in one place; its state is {@link Flight}, its leases
 * {@link Leases}.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Dispatcher implements EventRouter.Reaction {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /**
   * What {@link #guarded} answers for an automatic action that must not be sent now; otherwise it
   * answers the fence for the start's append, a control change number or {@link
   * SafetyControls#NO_FENCE}, never negative but for that.
   */
  private static final long HELD = -2;

  /** How an executor answered a request to stop work already sent. */
  public enum Stop {
    /** This runtime does not carry the action. */
    NOT_CARRIED,
    /** No call was out: the flight is stopped and no call follows. */
    STOPPED_BEFORE_CALL,
    /** A call was out and the executor confirmed it stopped the work. */
    EXECUTOR_CONFIRMED,
    /** A call was out and the executor did not confirm it stopped the work: the flight goes on. */
    EXECUTOR_DID_NOT_STOP
  }

  private enum Ending {
    SUCCEEDED,
    FAILED,
    TIMED_OUT
  }

  private record Follower(ActionId id, ExecutionPurpose purpose) {}

  /**
   * Per target and kind: the action being dispatched and those waiting for its outcome. Changed
   * only in compute.
   */
  private record Group(ActionId leader, List<Follower> followers) {
    Group plus(Follower follower) {
      List<Follower> more = new ArrayList<>(followers);
      more.add(follower);
      return new Group(leader, List.copyOf(more));
    }

    boolean holds(ActionId id) {
      return leader.equals(id) || followers.stream().anyMatch(f -> f.id().equals(id));
    }

    Group without(ActionId id) {
      return new Group(leader, followers.stream().filter(f -> !f.id().equals(id)).toList());
    }
  }

  private final Clock clock;
  private final TaskScheduler scheduler;
  private final InvestigationStore store;
  private final ExecutorRegistry registry;
  private final Limits limits;
  private final CommandEngine engine;
  private final SafetyControls safety;
  private final FleetExclusions fleet;
  private final Function<ActionKind, @Nullable Duration> pendingExpiry;
  private final Leases leases;
  private final Map<EntityFamily, FamilyGate> gates = new EnumMap<>(EntityFamily.class);
  private final Quota quota;
  private final CallObserver observer;
  private final Map<ExecutionPurpose, Map<ActionId, Flight>> flights =
      new EnumMap<>(ExecutionPurpose.class);
  private final Map<ActionKey, Group> groups = new ConcurrentHashMap<>();

  /**
   * Actions a cancel is stopping: not dispatched or resumed here until the cancel is recorded or
   * given up.
   */
  private final Set<ActionId> stopping = ConcurrentHashMap.newKeySet();

  private volatile boolean closing;

  /**
   * Creates a dispatcher.
   *
   * @param clock the clock
   * @param scheduler where work and timers run
   * @param store the store, read for an action's state and holding the dispatch leases
   * @param registry the executors
   * @param limits the limits
   * @param engine how commands are decided and stored
   * @param safety the safety guards, asked again before each call of an automatic action with
   *     nothing outstanding
   * @param fleet the devices a fleet-wide action must leave out, and whether it may run
   *     automatically
   * @param quota the executor-call quota of each family
   * @param pendingExpiry how long an action of a kind held for approval may wait, or null for the
   *     default
   * @param owner this runtime's name in the store's dispatch leases
   * @param lease how long a dispatch lease lasts unless renewed
   * @param instrumentation told of every executor call, first send, retry and rate-limited answer
   */
  public Dispatcher(
      Clock clock,
      TaskScheduler scheduler,
      InvestigationStore store,
      ExecutorRegistry registry,
      Limits limits,
      CommandEngine engine,
      SafetyControls safety,
      FleetExclusions fleet,
      Quota quota,
      Function<ActionKind, @Nullable Duration> pendingExpiry,
      String owner,
      Duration lease,
      Instrumentation instrumentation) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.store = store;
    this.registry = registry;
    this.limits = limits;
    this.engine = engine;
    this.safety = safety;
    this.fleet = fleet;
    this.quota = quota;
    this.pendingExpiry = pendingExpiry;
    this.leases = new Leases(store, clock, owner, lease);
    this.observer = new CallObserver(instrumentation, clock);
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      flights.put(purpose, new ConcurrentHashMap<>());
    }
    for (EntityFamily family : EntityFamily.values()) {
      gates.put(family, new FamilyGate(limits.maxConcurrentPerFamily(), scheduler::execute));
    }
  }

  /**
   * {@return the idempotency key of an action's execution, or of one attempt of its undo}: stable
   * across retries and restarts; each undo requested anew (after a failed one) is a new key, so
   * that an executor that replays an outcome per key lets a later undo succeed.
   *
   * @param id the action
   * @param purpose execute or undo
   * @param undoAttempt for an undo, which request of it this is, 1 for the first
   */
  public static IdempotencyKey keyOf(ActionId id, ExecutionPurpose purpose, int undoAttempt) {
    if (purpose == ExecutionPurpose.EXECUTE) {
      return IdempotencyKey.of(id + ":execute");
    }
    return IdempotencyKey.of(undoAttempt <= 1 ? id + ":undo" : id + ":undo-" + undoAttempt);
  }

  /** {@return this runtime's name in the store's dispatch leases} */
  public String owner() {
    return leases.owner();
  }

  private Map<ActionId, Flight> flights(ExecutionPurpose purpose) {
    return Objects.requireNonNull(flights.get(purpose));
  }

  @Override
  public void on(InvestigationEvent event, Investigation after) {
    if (event instanceof InvestigationEvent.ActionProposed proposed
        && proposed.mode() == ApprovalMode.AUTOMATIC) {
      submit(proposed.actionId(), ExecutionPurpose.EXECUTE);
    } else if (event instanceof InvestigationEvent.ApprovalGranted granted
        && granted.quorumReached()) {
      submit(granted.actionId(), ExecutionPurpose.EXECUTE);
    } else if (event instanceof InvestigationEvent.UndoRequested undo) {
      submit(undo.actionId(), ExecutionPurpose.UNDO);
    } else if (event instanceof InvestigationEvent.ActionCancelled cancelled) {
      Flight flight = flights(ExecutionPurpose.EXECUTE).get(cancelled.actionId());
      if (flight != null) {
        end(flight, null, "cancelled");
      }
    }
  }

  /**
   * Dispatches an action (or its undo) soon. A scheduler that refuses the work loses nothing: the
   * action stays due in the store.
   *
   * @param id the action
   * @param purpose execute or undo
   */
  public void submit(ActionId id, ExecutionPurpose purpose) {
    if (closing) {
      return;
    }
    try {
      scheduler.execute(() -> begin(id, purpose));
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log(
              "could not queue the dispatch ("
                  + e.getClass().getName()
                  + "); the reconciler will come back to it");
    }
  }

  /**
   * Stops dispatching: no new work starts, and every flight is ended here without an outcome (its
   * lease and permit given back), so that no retry, poll or call follows; the actions stay due in
   * the store for the next runtime to start.
   */
  public void close() {
    closing = true;
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      for (Flight flight : List.copyOf(flights(purpose).values())) {
        end(flight, null, "the runtime closed");
      }
    }
  }

  /**
   * {@return whether this runtime carries {@code action} now}: executing or undoing it, or waiting
   * for another action on the same target.
   *
   * @param action the action as stored
   */
  public boolean isCarrying(ActionRecord action) {
    ActionId id = action.id();
    if (stopping.contains(id)
        || flights(ExecutionPurpose.EXECUTE).containsKey(id)
        || flights(ExecutionPurpose.UNDO).containsKey(id)) {
      return true;
    }
    List<ActionKey> keys =
        action.action() instanceof ReversibleAction reversible
            ? List.of(action.action().key(), reversible.inverse().key())
            : List.of(action.action().key());
    for (ActionKey key : keys) {
      Group group = groups.get(key);
      if (group != null && group.holds(id)) {
        return true;
      }
    }
    return false;
  }

  /** {@return how many actions are being dispatched} */
  public int inFlight() {
    return flights(ExecutionPurpose.EXECUTE).size() + flights(ExecutionPurpose.UNDO).size();
  }

  /**
   * {@return how many flights of {@code family} wait for a permit of its concurrency cap or for its
   * rate limit}
   *
   * @param family the family
   */
  public int waiting(EntityFamily family) {
    int count = 0;
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      for (Flight flight : flights(purpose).values()) {
        if (flight.action.family() == family) {
          synchronized (flight) {
            count += !flight.done && flight.phase == Flight.Phase.WAITING ? 1 : 0;
          }
        }
      }
    }
    return count;
  }

  /**
   * Renews the leases of what this runtime carries; a flight whose lease another runtime took is
   * dropped.
   */
  public void renewLeases() {
    leases.renew(
        id -> {
          for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
            Flight flight = flights(purpose).get(id);
            if (flight != null) {
              endWithoutOutcome(flight, "lease lost", false);
            }
          }
        });
  }

  /**
   * Ends each flight that waits for a timer overdue by a whole attempt timeout (the scheduler lost
   * it), without an outcome: the action stays due in the store and is resumed with the same
   * idempotency key.
   *
   * @param now the current time
   */
  public void sweep(Instant now) {
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      for (Flight flight : List.copyOf(flights(purpose).values())) {
        Instant stall;
        synchronized (flight) {
          stall = flight.stallAt;
        }
        if (stall != null && now.isAfter(stall)) {
          LOG.atWarn()
              .addKeyValue("actionId", LogSafe.of(flight.id))
              .addKeyValue("phase", flight.phase)
              .log("flight stalled (a timer did not run); resuming it from the store");
          endWithoutOutcome(flight, "stalled", true);
        }
      }
    }
  }

  /**
   * Resumes work the store says is due and nobody carries: a dispatch or an undo; an execution past
   * its deadline is timed out instead.
   *
   * @param action the action, as the store's due query answered it
   */
  public void resume(ActionRecord action) {
    if (closing || isCarrying(action)) {
      return;
    }
    if (action.status() == ActionStatus.IN_PROGRESS
        && !clock
            .instant()
            .isBefore(deadlineOf(action, ExecutionPurpose.EXECUTE, clock.instant()))) {
      if (leases.claim(action.id())) {
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(action.id()))
            .log("action past its deadline timed out");
        leases.settled(
            action.id(),
            engine
                .applyQuietly(
                    action.id().investigation(), state -> new Command.TimeOut(action.id()))
                .isPresent());
      }
      return;
    }
    submit(
        action.id(),
        action.status() == ActionStatus.UNDO_IN_PROGRESS
            ? ExecutionPurpose.UNDO
            : ExecutionPurpose.EXECUTE);
  }

  private void begin(ActionId id, ExecutionPurpose purpose) {
    if (closing || stopping.contains(id) || flights(purpose).containsKey(id)) {
      return;
    }
    Investigation state = engine.lastWritten(id.investigation());
    Optional<ActionRecord> found = state == null ? Optional.empty() : state.action(id);
    if (found.isEmpty() || !runnable(found.get(), purpose)) {
      try {
        state =
            store
                .load(id.investigation())
                .orElse(null); // the last write does not show it ready: read the store
      } catch (RuntimeException e) {
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(id))
            .log(
                "could not read the action to dispatch ("
                    + e.getClass().getName()
                    + "); the reconciler will come back to it");
        return;
      }
      found = state == null ? Optional.empty() : state.action(id);
    }
    if (state == null || found.isEmpty() || !runnable(found.get(), purpose)) {
      return;
    }
    ActionRecord record = found.get();
    // a first dispatch takes the lease with the append that records it (one write, not two); the
    // executor is called only once that append holds it, and any other write before it takes the
    // lease first (leaseForWrite)
    boolean claimWithStart =
        purpose == ExecutionPurpose.EXECUTE && record.status() == ActionStatus.APPROVED;
    if (purpose == ExecutionPurpose.UNDO) {
      // an undo takes the lease as its own, even from the flight of this runtime whose success
      // requested it, which then leaves it alone (Leases.settled)
      if (!leases.claimForUndo(id)) {
        return;
      }
    } else if (!claimWithStart && !leaseForWrite(id)) {
      return;
    }
    if (settledAsStored(record, purpose)) {
      return;
    }
    RemediationAction action =
        purpose == ExecutionPurpose.EXECUTE
            ? record.action()
            : ((ReversibleAction) record.action()).inverse();
    ActionId[] leader = new ActionId[1];
    // an entity's key is built anew on each call: build it once for the group and the flight
    ActionKey target = action.key();
    groups.compute(
        target,
        (key, group) -> {
          if (group == null) {
            return new Group(id, List.of());
          }
          leader[0] = group.leader();
          return group.holds(id) ? group : group.plus(new Follower(id, purpose));
        });
    if (leader[0] != null) {
      if (!leader[0].equals(id)) {
        LOG.atInfo()
            .addKeyValue("actionId", LogSafe.of(id))
            .addKeyValue("activeActionId", LogSafe.of(leader[0]))
            .log(
                "same action already running on this target; waiting for its outcome instead of dispatching again");
        // a follower waits: it holds the lease meanwhile, so that no other runtime carries it too
        if (claimWithStart && !leaseForWrite(id)) {
          groups.computeIfPresent(target, (key, group) -> group.without(id));
        }
      }
      return;
    }
    Instant now = clock.instant();
    Instant deadline = deadlineOf(record, purpose, now);
    // automation: planned by the system and approved by nobody; an analyst's manual action is not
    // held
    boolean automatic =
        purpose == ExecutionPurpose.EXECUTE
            && record.status() == ActionStatus.APPROVED
            && record.mode() == ApprovalMode.AUTOMATIC
            && record.approvalCount() == 0
            && record.attempts() == 0
            && record.requestedBy().principalName().isEmpty();
    Flight flight =
        new Flight(
            id,
            purpose,
            action,
            record.action(),
            target,
            deadline,
            keyOf(id, purpose, record.undoAttempts()),
            record.requestedBy(),
            record.note(),
            state.origin(),
            automatic,
            purpose == ExecutionPurpose.EXECUTE ? record.attempts() : 0);
    // an action already in progress may have a call out from an earlier flight or another runtime:
    // a cancel must ask its executor rather than assume nothing was sent
    flight.unanswered =
        purpose == ExecutionPurpose.EXECUTE && record.status() == ActionStatus.IN_PROGRESS;
    flight.silent = flight.unanswered;
    observer.decided(flight, record);
    flights(purpose).put(id, flight);
    if (purpose == ExecutionPurpose.UNDO && keptByAnother(flight, now.isBefore(deadline))) {
      return; // settled as kept, or put off while a twin settles: no permit taken for it
    }
    if (!now.isBefore(deadline)) {
      if (!leaseForWrite(id)) {
        endWithoutOutcome(flight, "another runtime holds the dispatch lease", false);
        return;
      }
      end(flight, Ending.TIMED_OUT, "past its deadline " + deadline + " when resumed");
      return;
    }
    acquire(flight);
  }

  /**
   * Before a write about an action other than the one that records its dispatch: takes its lease if
   * this runtime does not hold it already, so that no write (a hold, a cancel, a time-out) lands
   * while another runtime carries it. {@return whether this runtime holds it}
   */
  private boolean leaseForWrite(ActionId id) {
    if (leases.holds(id) || leases.claim(id)) {
      return true;
    }
    LOG.atDebug()
        .addKeyValue("actionId", LogSafe.of(id))
        .log("another runtime holds the dispatch lease");
    return false;
  }

  /**
   * Settles what a store can hold but no dispatch can carry (written by hand or by an earlier
   * release): an undo of an action that cannot be undone fails; an execution whose attempts are
   * exhausted beyond counting times out. {@return whether it was settled so}; the lease, claimed,
   * is ended or given back.
   */
  private boolean settledAsStored(ActionRecord record, ExecutionPurpose purpose) {
    Function<Investigation, Command> settle;
    if (purpose == ExecutionPurpose.UNDO && !(record.action() instanceof ReversibleAction)) {
      settle = s -> new Command.FailUndo(record.id(), record.action().kind() + " cannot be undone");
    } else if (purpose == ExecutionPurpose.EXECUTE && record.attempts() >= Integer.MAX_VALUE - 1) {
      settle = s -> new Command.TimeOut(record.id());
    } else {
      return false;
    }
    if (!leaseForWrite(record.id())) {
      return true; // another runtime holds it: it settles it
    }
    LOG.atWarn()
        .addKeyValue("actionId", LogSafe.of(record.id()))
        .log("stored action cannot be carried; settling it");
    boolean recorded = false;
    try {
      recorded = engine.applyQuietly(record.id().investigation(), settle).isPresent();
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(record.id()))
          .log(
              "could not settle it ("
                  + e.getClass().getName()
                  + "); the reconciler will come back to it");
    }
    leases.settled(record.id(), recorded);
    return true;
  }

  /**
   * {@return when carrying {@code record} times out}: for an execution, the deadline its first
   * dispatch stored; for one stored without (by an earlier release), its last dispatch plus the
   * action timeout; for one not dispatched yet, now plus the action timeout. For an undo, its
   * request plus the action timeout.
   */
  private Instant deadlineOf(ActionRecord record, ExecutionPurpose purpose, Instant now) {
    Instant stored = record.deadline();
    if (purpose == ExecutionPurpose.UNDO) {
      return record.updatedAt().plus(limits.actionTimeout());
    }
    if (stored != null) {
      return stored;
    }
    return record.status() == ActionStatus.IN_PROGRESS
        ? record.updatedAt().plus(limits.actionTimeout())
        : now.plus(limits.actionTimeout());
  }

  private static boolean runnable(ActionRecord record, ExecutionPurpose purpose) {
    return purpose == ExecutionPurpose.EXECUTE
        ? record.status() == ActionStatus.APPROVED || record.status() == ActionStatus.IN_PROGRESS
        : record.status() == ActionStatus.UNDO_IN_PROGRESS;
  }

  /**
   * Queues the flight for a permit of its family's gate; a flight that ended meanwhile gives it
   * straight back.
   */
  private void acquire(Flight flight) {
    synchronized (flight) {
      flight.phase = Flight.Phase.WAITING;
      flight.stallAt = null;
    }
    boolean ranNow =
        gate(flight.action.family())
            .run(
                () -> {
                  boolean granted;
                  synchronized (flight) {
                    granted = !flight.done;
                    flight.holdsPermit = granted;
                  }
                  if (!granted) {
                    gate(flight.action.family()).release();
                    return;
                  }
                  admitThenCall(flight);
                });
    if (!ranNow) {
      leaseToWait(flight);
    }
  }

  /**
   * Before a flight waits (behind its family's concurrency cap, or for its rate limit): takes the
   * lease, if it is to take it only with its start, so that the store answers the action as due to
   * no other runtime while this one carries it (STORE-19): another runtime would carry it too, and
   * count a call against the shared rate limit for a dispatch it then loses. {@return whether the
   * flight may wait}: false if another runtime holds the lease, or the flight ended meanwhile (a
   * queued flight may have run on another thread), which then gives the lease back
   */
  private boolean leaseToWait(Flight flight) {
    if (!leaseForWrite(flight.id)) {
      endWithoutOutcome(flight, "another runtime holds the dispatch lease", false);
      return false;
    }
    synchronized (flight) {
      if (!flight.done) {
        return true; // its end gives the lease back or records the outcome that ends it
      }
    }
    leases.release(flight.id); // it ended before the claim was held: nothing else gives it back
    return false;
  }

  /**
   * Calls once the family's quota lets the call through, asking again as long as it says to wait; a
   * quota that cannot be counted (the store fails) sends nothing: the action stays due.
   */
  private void admitThenCall(Flight flight) {
    Duration wait;
    try {
      wait = quota.reserve(flight.action.family());
    } catch (RuntimeException e) {
      endWithoutOutcome(
          flight,
          "could not count the call against the rate limit (" + e.getClass().getName() + ")",
          true);
      return;
    }
    if (wait.isZero()) {
      call(flight);
    } else if (leaseToWait(flight)) {
      later(flight, wait, () -> admitThenCall(flight));
    }
  }

  /**
   * Runs {@code task} after {@code delay} unless the flight ends first; a refused timer ends the
   * flight.
   */
  private void later(Flight flight, Duration delay, Runnable task) {
    long mark;
    synchronized (flight) {
      mark = ++flight.arms;
      flight.stallAt = clock.instant().plus(delay).plus(limits.attemptTimeout());
    }
    TaskScheduler.Cancellable timer;
    try {
      timer = scheduler.schedule(delay, task);
    } catch (RuntimeException e) {
      endWithoutOutcome(flight, "timer refused (" + e.getClass().getName() + ")", true);
      return;
    }
    synchronized (flight) {
      if (flight.arms == mark
          && !flight.done) { // the task may have run and armed another timer already
        flight.timer = timer;
      }
    }
  }

  private void call(Flight flight) {
    call(flight, false);
  }

  /**
   * Sends the flight's action or undo; {@code read} when the control state must be read for the
   * guards (the fence refused a start decided on the changes last read).
   */
  private void call(Flight flight, boolean read) {
    synchronized (flight) {
      if (flight.done) {
        return;
      }
      flight.phase = Flight.Phase.STARTING;
      flight.stallAt = null;
    }
    int attempt;
    if (flight.purpose == ExecutionPurpose.EXECUTE) {
      if (nothingOutstanding(flight) && lacksWhatItNeeds(flight)) {
        return;
      }
      long fence = SafetyControls.NO_FENCE;
      if (flight.automatic && nothingOutstanding(flight)) {
        fence = guarded(flight, read);
        if (fence == HELD) {
          return;
        }
      }
      Optional<Investigation> after;
      boolean claiming = !leases.holds(flight.id);
      int[] landing = {0};
      Function<Investigation, Command> start =
          s -> {
            // before the write lands, so that a cancel from a listener of its events knows it
            startedElsewhere(flight, s);
            landing[0] = s.action(flight.id).map(ActionRecord::attempts).orElse(0) + 1;
            return new Command.Start(flight.id, flight.deadline);
          };
      try {
        after =
            engine.applyQuietly(
                flight.id.investigation(),
                start,
                claiming ? leases.claimWithStart(flight.id) : null,
                () -> startLanded(flight, landing[0]),
                fence);
      } catch (LeaseHeldException e) {
        leases.refused(flight.id);
        endWithoutOutcome(flight, "another runtime holds the dispatch lease", false);
        return;
      } catch (ControlsChangedException e) {
        if (claiming) {
          leases.refused(flight.id); // nothing written, no lease taken
        }
        if (read) { // an append without a fence never meets one: the store is broken
          endWithoutOutcome(flight, "the store refused an append without a fence", true);
        } else {
          call(flight, true); // the guards are asked again on the changes recorded since
        }
        return;
      } catch (RuntimeException e) {
        if (claiming) {
          claimed(flight); // the write may have landed: the lease is given back
        }
        endWithoutOutcome(
            flight, "could not record the dispatch (" + e.getClass().getName() + ")", true);
        return;
      }
      if (claiming) {
        // held, or (a store that claims before it appends, then refused the start) perhaps held:
        // either way the flight's end gives it back
        claimed(flight);
      }
      if (after.isEmpty()) {
        endWithoutOutcome(flight, "no longer approved", false);
        return;
      }
      attempt = after.get().action(flight.id).orElseThrow().attempts();
    } else {
      if (keptByAnother(flight, true)) {
        return;
      }
      attempt = flight.attempt + 1;
    }
    DeviceExclusions exclusions;
    try {
      exclusions = fleet.exclusionsFor(flight.action);
    } catch (RuntimeException e) {
      // the protected devices to leave out cannot be read: nothing is sent, the action stays due
      endWithoutOutcome(
          flight, "could not read the devices to leave out (" + e.getClass().getName() + ")", true);
      return;
    }
    Instant now = clock.instant();
    ExecutionRequest request =
        ExecutionRequest.builder()
            .action(flight.action)
            .purpose(flight.purpose)
            .idempotencyKey(flight.key)
            .attempt(attempt)
            .deadline(min(now.plus(limits.attemptTimeout()), flight.deadline))
            .requestedBy(flight.requestedBy)
            .comment(flight.note)
            .actionId(flight.id)
            .exclusions(exclusions)
            .build();
    send(flight, attempt, request, null);
  }

  /**
   * The exclusions a cancel request carries: none when they cannot be read, as a cancel reaches no
   * new device.
   */
  private DeviceExclusions cancelExclusions(RemediationAction action) {
    try {
      return fleet.exclusionsFor(action);
    } catch (RuntimeException e) {
      return DeviceExclusions.none();
    }
  }

  /**
   * An action that lacks what its executor needs (a hash, a creation time: stored by an earlier
   * release, or approved before the rule) is never sent: with nothing of it outstanding, it is
   * cancelled by the system, saying what it lacks. {@return whether it was stopped so} A call
   * already out (an earlier release sent it) is carried on with its idempotency key instead.
   */
  private boolean lacksWhatItNeeds(Flight flight) {
    Optional<String> missing = flight.action.missingForExecution();
    if (missing.isEmpty()) {
      return false;
    }
    String why = noteText("not sent: " + missing.get());
    if (!leaseBeforeStart(flight)) {
      return true;
    }
    try {
      boolean recorded =
          engine
              .applyQuietly(
                  flight.id.investigation(),
                  s -> new Command.Cancel(flight.id, Actor.system(), why, true))
              .isPresent();
      endWithoutOutcome(flight, why, !recorded);
    } catch (RuntimeException e) {
      endWithoutOutcome(
          flight, "could not record that it is not sent (" + e.getClass().getName() + ")", true);
    }
    return true;
  }

  /**
   * After the append that claimed the flight's lease answered, or failed with its outcome unknown:
   * the lease is this runtime's, unless the flight was stopped meanwhile (a cancel, the runtime
   * closing), whose stop answers for the lease it took or gave back.
   */
  private void claimed(Flight flight) {
    boolean stopped;
    synchronized (flight) {
      stopped = flight.done;
    }
    if (stopped) {
      leases.refused(flight.id);
    } else {
      leases.taken(flight.id);
    }
  }

  /**
   * Before a write a flight makes about its action ahead of its start (a hold, a cancel for what it
   * lacks): claims the lease, renewing it if this runtime believes it held (it may have run out in
   * the store while its renewals failed), and then learns from the store whether another runtime
   * started the action meanwhile, perhaps with its call still out. {@return whether the flight may
   * write}; if not, it has ended without an outcome (as it does when the store cannot tell), and
   * the action is resumed from the store as it is, never held or cancelled as if nothing was sent.
   */
  private boolean leaseBeforeStart(Flight flight) {
    if (!leases.claim(flight.id)) {
      endWithoutOutcome(flight, "the dispatch lease could not be claimed", false);
      return false;
    }
    Starts starts = storedStarts(flight);
    if (starts == Starts.KNOWN) {
      return true;
    }
    endWithoutOutcome(
        flight,
        starts == Starts.ELSEWHERE
            ? "started elsewhere while it waited"
            : "could not read the action", // logged by storedStarts
        false);
    return false;
  }

  /** What the store says of an action's starts, against what its flight knows. */
  private enum Starts {
    /** No start the flight does not know of. */
    KNOWN,
    /** Started more often than the flight accounts for: a call of it may be out elsewhere. */
    ELSEWHERE,
    /** The store could not be read: a call is taken to be out. */
    UNREADABLE
  }

  /** The flight's own start landed: the store's count of starts up to {@code starts} is its own. */
  private static void startLanded(Flight flight, int starts) {
    synchronized (flight) {
      flight.starts = Math.max(flight.starts, starts);
    }
  }

  /**
   * For a cancel about to stop a flight with nothing of its own out: the lease it answers by may
   * not have been its own all along (taken with a start whose write is still out, or believed held
   * while its renewals failed and it ran out in the store), and another runtime may have started
   * the action meanwhile, called, and let the lease go with its call still out. The store says
   * whether the action was started more often than the flight accounts for; if it cannot, a call is
   * taken to be out.
   */
  private void learnStoredStarts(Flight flight) {
    synchronized (flight) {
      if (flight.done || flight.unanswered || flight.reference != null) {
        return; // a call may be out already: the executor is asked whatever the store says
      }
    }
    storedStarts(flight);
  }

  /**
   * {@return what the store says of the flight's action's starts}; a start the flight does not
   * account for, or a store that cannot tell, is recorded in the flight as a call that may be out
   */
  private Starts storedStarts(Flight flight) {
    Optional<Investigation> stored;
    try {
      stored = store.load(flight.id.investigation());
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(flight.id))
          .log(
              "could not read the action ("
                  + e.getClass().getName()
                  + "); a call of it is taken to be out");
      synchronized (flight) {
        flight.unanswered = true;
        flight.silent = true;
      }
      return Starts.UNREADABLE;
    }
    if (stored.isPresent() && startedElsewhere(flight, stored.get())) {
      // the flight may have been built on this runtime's last write, which the store has moved on
      // from: the next dispatch of the action reads the store, not that write again
      engine.behind(flight.id.investigation());
      return Starts.ELSEWHERE;
    }
    return Starts.KNOWN;
  }

  /**
   * {@return whether {@code state} shows the action started more often than this flight accounts
   * for}: another runtime (or an earlier flight) sent it meanwhile, so a call of it may be out at
   * the executor whatever this flight's own calls answer; the flight then knows it.
   */
  private static boolean startedElsewhere(Flight flight, Investigation state) {
    int stored = state.action(flight.id).map(ActionRecord::attempts).orElse(0);
    synchronized (flight) {
      if (stored <= flight.starts) {
        return false;
      }
      flight.unanswered = true;
      flight.silent = true;
      return true;
    }
  }

  /**
   * {@return whether no call of this flight can still be working at the executor}: before its first
   * call, or after an answer (a retryable failure, a 429) that left nothing running. A flight
   * resumed from the store, or retried after a call that went unanswered, may have work running: it
   * carries on to settle it.
   */
  private static boolean nothingOutstanding(Flight flight) {
    synchronized (flight) {
      return flight.attempt == 0 || (!flight.unanswered && flight.reference == null);
    }
  }

  /**
   * Asks the guards again before an automatic action's call while nothing of it is outstanding, and
   * whether a fleet-wide one would reach protected devices on an executor that does not honour
   * exclusions, on the control state to decide on ({@link SafetyControls#toDecideOn}), or on one
   * read now when {@code read}. {@return {@link #HELD} if it must not be sent now}: held for
   * approval, or the guards could not be asked (the action then stays due); {@return otherwise the
   * fence for the start's append}: the control change the guards were asked on.
   */
  private long guarded(Flight flight, boolean read) {
    Optional<String> reason;
    ControlState at;
    try {
      at = read ? safety.current() : safety.toDecideOn();
      reason =
          safety
              .holdReason(flight.action, flight.origin, at)
              .or(() -> fleet.holdReason(flight.action));
    } catch (RuntimeException e) {
      // the guards cannot be asked: nothing is sent automatically, the action stays due
      endWithoutOutcome(
          flight, "could not read the shared control state (" + e.getClass().getName() + ")", true);
      return HELD;
    }
    long fence = read ? SafetyControls.NO_FENCE : safety.fenceFor(at);
    if (reason.isEmpty()) {
      return fence;
    }
    if (!leaseBeforeStart(flight)) {
      return HELD;
    }
    try {
      boolean recorded =
          engine
              .applyQuietly(
                  flight.id.investigation(),
                  s ->
                      new Command.Hold(
                          flight.id, reason.get(), pendingExpiry.apply(flight.action.kind())),
                  null,
                  () -> {},
                  fence)
              .isPresent();
      if (recorded) {
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(flight.id))
            .addKeyValue("reason", LogSafe.of(reason.get()))
            .log("automatic action held for approval at dispatch");
      }
      endWithoutOutcome(flight, "held for approval", !recorded);
    } catch (ControlsChangedException e) {
      if (!read) {
        return guarded(
            flight, true); // decided on a state since changed: asked again on a fresh one
      }
      endWithoutOutcome(flight, "the store refused an append without a fence", true);
    } catch (RuntimeException e) {
      endWithoutOutcome(flight, "could not record the hold (" + e.getClass().getName() + ")", true);
    }
    return HELD;
  }

  /**
   * Before an undo is sent: if another action holds the same effect on the same target (two
   * investigations isolated one device, and the other succeeded), the undo completes without
   * lifting it, and says which action keeps it. If another one is about to hold it (approved, or in
   * progress with its call perhaps out), the undo waits, due, until that one settles (it then
   * either holds the effect or took none, and only a settled holder may keep it), unless it may no
   * longer wait: past its own deadline, it times out instead. {@return whether the undo was settled
   * or put off so}
   */
  private boolean keptByAnother(Flight flight, boolean mayWait) {
    RemediationAction undone = flight.original;
    List<ActionRecord> others;
    try {
      others =
          StorePages.onSameEntity(
                  store,
                  undone.target(),
                  EnumSet.of(undone.kind()),
                  EnumSet.of(
                      ActionStatus.SUCCEEDED, ActionStatus.IN_PROGRESS, ActionStatus.APPROVED))
              .stream()
              .filter(other -> !other.id().equals(flight.id))
              .toList();
    } catch (RuntimeException e) {
      endWithoutOutcome(
          flight,
          "could not look for other holders of the effect (" + e.getClass().getName() + ")",
          true);
      return true;
    }
    Optional<ActionRecord> holder =
        others.stream().filter(other -> other.status() == ActionStatus.SUCCEEDED).findFirst();
    if (holder.isEmpty()) {
      if (others.isEmpty() || !mayWait) {
        return false;
      }
      endWithoutOutcome(
          flight,
          "waiting for action "
              + others.get(0).id()
              + " ("
              + others.get(0).status()
              + ") to settle: it may hold the same effect",
          false);
      return true;
    }
    releaseFollowers(
        flight); // another undo of the same effect decides for itself once this one is recorded
    end(
        flight,
        Ending.SUCCEEDED,
        "effect kept: action "
            + holder.get().id()
            + " ("
            + holder.get().status()
            + ") still holds "
            + undone.kind()
            + " on "
            + undone.target().key());
    return true;
  }

  private void send(
      Flight flight, int attempt, ExecutionRequest request, @Nullable ExternalReference poll) {
    ActionExecutor executor = registry.forKind(flight.action.kind());
    long token;
    synchronized (flight) {
      if (flight.done) {
        return; // stopped while the dispatch was recorded: no call follows
      }
      flight.attempt = attempt;
      flight.request = request;
      flight.reference = poll;
      token = ++flight.token;
    }
    if (executor == null) {
      end(flight, Ending.FAILED, "no executor for " + flight.action.kind());
      return;
    }
    TaskScheduler.Cancellable timer;
    try {
      timer = scheduler.schedule(limits.attemptTimeout(), () -> silence(flight, token));
    } catch (RuntimeException e) {
      endWithoutOutcome(flight, "attempt timer refused (" + e.getClass().getName() + ")", true);
      return;
    }
    synchronized (flight) {
      if (flight.done) {
        timer.cancel();
        return;
      }
      flight.arms++;
      flight.timer = timer;
      flight.phase = Flight.Phase.CALLING;
      flight.unanswered = true;
      flight.stallAt = clock.instant().plus(limits.attemptTimeout()).plus(limits.attemptTimeout());
    }
    if (poll == null) {
      LOG.atInfo()
          .addKeyValue("investigationId", LogSafe.of(flight.id.investigation()))
          .addKeyValue("actionId", LogSafe.of(flight.id))
          .addKeyValue("kind", flight.action.kind())
          .addKeyValue("purpose", flight.purpose)
          .addKeyValue("attempt", attempt)
          .log("dispatching action");
    }
    Instrumentation.Call observed = observer.start(flight, attempt, poll != null);
    invoke(
        flight,
        token,
        observed,
        poll == null ? () -> executor.execute(request) : () -> executor.status(request, poll));
  }

  private void poll(Flight flight) {
    ExecutionRequest request;
    ExternalReference reference;
    synchronized (flight) {
      if (flight.done || flight.request == null || flight.reference == null) {
        return;
      }
      request = flight.request;
      reference = flight.reference;
    }
    Duration wait;
    try {
      wait = quota.reserve(flight.action.family());
    } catch (RuntimeException e) {
      endWithoutOutcome(
          flight,
          "could not count the status query against the rate limit ("
              + e.getClass().getName()
              + ")",
          true);
      return;
    }
    if (!wait.isZero()) {
      later(flight, wait, () -> poll(flight));
      return;
    }
    send(flight, flight.attempt, request, reference);
  }

  /**
   * Calls the executor and hands the answer back with one scheduler hop (inline if the scheduler
   * refuses).
   */
  @SuppressWarnings(
      "try") // the scope makes the call current while the executor runs; nothing reads it here
  private void invoke(
      Flight flight,
      long token,
      Instrumentation.Call observed,
      Supplier<CompletionStage<ExecutionOutcome>> call) {
    CompletionStage<ExecutionOutcome> stage;
    try (Instrumentation.Scope scope = observed.open()) {
      stage = call.get();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      outcome(flight, token, null, e);
      return;
    }
    if (stage == null) {
      outcome(
          flight,
          token,
          ExecutionOutcome.failed("executor answered null instead of a CompletionStage"),
          null);
      return;
    }
    stage.whenComplete(
        (result, error) -> {
          try {
            scheduler.execute(() -> outcome(flight, token, result, error));
          } catch (RuntimeException refused) {
            outcome(flight, token, result, error);
          }
        });
  }

  private void silence(Flight flight, long token) {
    Instrumentation.Call unanswered;
    synchronized (flight) {
      if (flight.done || token != flight.token) {
        return;
      }
      flight.token++;
      flight.timer = null;
      flight.silent = true;
      unanswered = flight.takeCall();
    }
    unanswered.end(CallOutcome.NO_ANSWER, null);
    if (flight.attempt < limits.maxAttempts() && clock.instant().isBefore(flight.deadline)) {
      observer.retrying(flight, RetryReason.NO_ANSWER);
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(flight.id))
          .addKeyValue("attempt", flight.attempt)
          .log("executor did not answer within the attempt timeout; retrying");
      retryLater(flight, null);
    } else {
      end(
          flight,
          Ending.TIMED_OUT,
          "no answer within "
              + limits.attemptTimeout()
              + " after "
              + flight.attempt
              + " attempt(s)");
    }
  }

  private void outcome(
      Flight flight, long token, @Nullable ExecutionOutcome result, @Nullable Throwable error) {
    Instrumentation.Call answered;
    synchronized (flight) {
      if (flight.done || token != flight.token) {
        LOG.atDebug()
            .addKeyValue("actionId", LogSafe.of(flight.id))
            .log("late or repeated executor answer ignored");
        return;
      }
      flight.token++;
      // only an answer that leaves nothing at the executor (a retryable failure, to be retried)
      // clears it, and only if no earlier call went unanswered (that one may still be running).
      // After a success, a final failure or "in progress", the work may be done or under way: a
      // cancel arriving before the outcome is recorded must ask the executor, never assume nothing
      // was sent
      if (!flight.silent
          && result instanceof ExecutionOutcome.Failed failed
          && failed.retryable()
          && error == null
          && flight.attempt < limits.maxAttempts()
          && clock.instant().isBefore(flight.deadline)) {
        flight.unanswered = false;
      }
      if (flight.timer != null) {
        flight.timer.cancel();
        flight.timer = null;
      }
      answered = flight.takeCall();
    }
    observer.answered(flight, answered, result, error);
    if (error != null) {
      end(
          flight,
          Ending.FAILED,
          "executor threw " + error.getClass().getName() + ": " + LogSafe.of(error.getMessage()));
    } else if (result == null) {
      end(flight, Ending.FAILED, "executor completed with null instead of an outcome");
    } else if (result instanceof ExecutionOutcome.Succeeded succeeded) {
      end(flight, Ending.SUCCEEDED, succeeded.detail());
    } else if (result instanceof ExecutionOutcome.Failed failed) {
      if (failed.retryable()
          && flight.attempt < limits.maxAttempts()
          && clock.instant().isBefore(flight.deadline)) {
        LOG.atInfo()
            .addKeyValue("actionId", LogSafe.of(flight.id))
            .addKeyValue("attempt", flight.attempt)
            .addKeyValue("reason", LogSafe.of(failed.reason()))
            .log("retryable failure; retrying");
        observer.retrying(
            flight, failed.retryAfter() != null ? RetryReason.RATE_LIMITED : RetryReason.FAILED);
        retryLater(flight, failed.retryAfter());
      } else {
        end(
            flight,
            Ending.FAILED,
            failed.reason()
                + (failed.retryable() ? " (after " + flight.attempt + " attempts)" : ""));
      }
    } else {
      ExecutionOutcome.InProgress progress = (ExecutionOutcome.InProgress) result;
      if (clock.instant().plus(progress.pollAfter()).isAfter(flight.deadline)) {
        end(
            flight,
            Ending.TIMED_OUT,
            "still in progress at the action deadline " + flight.deadline);
        return;
      }
      synchronized (flight) {
        flight.reference = progress.reference();
        flight.phase = Flight.Phase.BETWEEN;
      }
      later(flight, progress.pollAfter(), () -> poll(flight));
    }
  }

  private void retryLater(Flight flight, @Nullable Duration retryAfter) {
    if (retryAfter != null) {
      quota.throttle(
          flight.action.family(), retryAfter); // the backend slows the whole family, not one action
    }
    Duration delay = retryAfter != null ? retryAfter : backoff(flight.id, flight.attempt);
    synchronized (flight) {
      flight.phase = Flight.Phase.BETWEEN;
    }
    releasePermit(flight);
    later(flight, delay, () -> acquire(flight));
  }

  /**
   * Exponential backoff with up to 20% jitter, derived from the action id so a test replays it
   * exactly.
   */
  Duration backoff(ActionId id, int attempt) {
    long base = limits.backoffBase().toNanos();
    long max = limits.backoffMax().toNanos();
    long exponential =
        attempt >= 62 ? max : Math.min(max, base << Math.min(Math.max(attempt - 1, 0), 40));
    int hash = (id.toString().hashCode() * 31 + attempt) & 0x7fffffff;
    long jitter = (long) (exponential * 0.2 * (hash % 1000) / 1000.0);
    return Duration.ofNanos(Math.min(max, exponential + jitter));
  }

  /**
   * Stops an action for a cancel: its flight here is fenced (no call follows from it); if no call
   * was out, that is all; with a call out (or unanswered), the executor is asked to stop it. Until
   * the caller records the cancel and calls {@link #settled}, the lease stays held and the action
   * is neither dispatched nor resumed here. If the executor does not confirm, the lease is given
   * back and the action stays due, to be resumed with the same idempotency key.
   *
   * @param action the action as stored, in progress
   * @param wait how long to wait for the executor's answer
   * @return what happened
   */
  public Stop stop(ActionRecord action, Duration wait) {
    ActionId id = action.id();
    if (!stopping.add(id)) {
      return Stop.NOT_CARRIED; // another cancel is stopping it
    }
    Flight flight = flights(ExecutionPurpose.EXECUTE).get(id);
    ExecutionRequest request;
    ExternalReference reference;
    // a flight here answers for what was sent only while the lease has been its own all along: one
    // that takes it with the start's write knows nothing of a call another runtime made before it,
    // and one believed held may have run out in the store while its renewals failed. The lease is
    // claimed (renewed) first, so that no other runtime starts the action from here on, then the
    // store says whether it was started more often than the flight knows
    boolean ours =
        flight != null
            ? (leases.holds(id) || leases.claiming(id)) && leases.claim(id)
            : leases.holds(id);
    if (flight != null && ours) {
      learnStoredStarts(flight);
    }
    if (flight != null) {
      boolean nothingOut;
      synchronized (flight) {
        if (flight.done) {
          stopping.remove(id);
          return Stop.NOT_CARRIED;
        }
        // nothing is out while the flight waits, records its dispatch, or backs off after an
        // answer; a call that went unanswered (silence) may still be running at the executor
        nothingOut = ours && !flight.unanswered && flight.reference == null;
        flight.end(); // fence: no call follows from this flight, whatever the executor answers
        request = ours ? flight.request : null;
        // after a call that went unanswered, a later call's reference names only part of the work:
        // the executor is asked about the request as a whole
        reference = ours && !flight.silent ? flight.reference : null;
      }
      endLocally(flight);
      if (nothingOut) {
        return Stop.STOPPED_BEFORE_CALL;
      }
    } else {
      request = null;
      reference = null;
    }
    if (!ours && !leases.claim(id)) {
      stopping.remove(id);
      return Stop.NOT_CARRIED; // another runtime carries it: it settles on its outcome there
    }
    ExecutionRequest asked =
        request != null
            ? request
            : ExecutionRequest.builder()
                .action(action.action())
                .purpose(ExecutionPurpose.EXECUTE)
                .idempotencyKey(keyOf(id, ExecutionPurpose.EXECUTE, 0))
                .attempt(Math.max(1, action.attempts()))
                .deadline(
                    action.deadline() != null
                        ? action.deadline()
                        : clock.instant().plus(limits.attemptTimeout()))
                .requestedBy(action.requestedBy())
                .comment(action.note())
                .actionId(id)
                .exclusions(cancelExclusions(action.action()))
                .build();
    if (askToCancel(id, asked, reference, wait)) {
      return Stop.EXECUTOR_CONFIRMED;
    }
    stopping.remove(id);
    leases.release(
        id); // not stopped: it stays due and is resumed at once with the same idempotency key
    submit(id, ExecutionPurpose.EXECUTE);
    return Stop.EXECUTOR_DID_NOT_STOP;
  }

  @SuppressWarnings(
      "try") // the scope makes the call current while the executor runs; nothing reads it here
  private boolean askToCancel(
      ActionId id, ExecutionRequest request, @Nullable ExternalReference reference, Duration wait) {
    ActionExecutor executor = registry.forKind(request.action().kind());
    if (executor == null) {
      return false;
    }
    try {
      quota.reserve(
          request.action().family()); // counted when there is room; a stop is never held back
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log("cancel not counted against the rate limit: " + e.getClass().getName());
    }
    Instrumentation.Call observed = observer.cancel(request);
    boolean stopped = false;
    Throwable failure = null;
    try (Instrumentation.Scope scope = observed.open()) {
      CompletionStage<Boolean> answer = executor.cancel(request, reference);
      stopped =
          answer != null
              && Boolean.TRUE.equals(
                  answer.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (Exception
        | Error e) { // as for execute: an executor's Error is its failure, not the runtime's
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log("executor cancel failed: " + e.getClass().getName());
      failure = e;
    }
    observed.end(stopped ? CallOutcome.STOPPED : CallOutcome.NOT_STOPPED, failure);
    return stopped;
  }

  /**
   * After a cancel was recorded (or not) for an action {@link #stop} stopped.
   *
   * @param id the action
   * @param recorded whether the cancel was stored
   */
  public void settled(ActionId id, boolean recorded) {
    leases.settled(id, recorded);
    stopping.remove(id);
  }

  /**
   * Forgets a stopped flight here: its permit goes back and its followers dispatch themselves; the
   * lease is kept.
   */
  private void endLocally(Flight flight) {
    flights(flight.purpose).remove(flight.id);
    releasePermit(flight);
    releaseFollowers(flight);
  }

  /**
   * Ends a flight with an outcome ({@code ending} not null), which is recorded for it and its
   * followers, or without one, which leaves the action due in the store: the one way a flight ends.
   */
  private void end(Flight flight, @Nullable Ending ending, String text) {
    if (!flight.end()) {
      return;
    }
    flights(flight.purpose).remove(flight.id);
    releasePermit(flight);
    if (ending == null) {
      leases.release(flight.id);
      releaseFollowers(flight);
      LOG.atDebug()
          .addKeyValue("actionId", LogSafe.of(flight.id))
          .log("dispatch ended without an outcome: " + text);
      return;
    }
    leases.settled(flight.id, record(flight.id, flight.purpose, ending, text));
    for (Follower follower : takeFollowers(flight)) {
      if (!leaseForWrite(follower.id())) {
        continue; // another runtime carries it: it settles there
      }
      ActionStatus recorded = null;
      try {
        if (follower.purpose() == ExecutionPurpose.EXECUTE) {
          engine.applyQuietly(follower.id().investigation(), s -> new Command.Start(follower.id()));
        }
        recorded =
            record(
                follower.id(),
                follower.purpose(),
                ending,
                "carried out by action " + flight.id + ": " + text);
      } catch (RuntimeException e) {
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(follower.id()))
            .log(
                "could not record the outcome it waited for ("
                    + e.getClass().getName()
                    + "); the reconciler resumes it");
      }
      leases.settled(
          follower.id(), recorded); // not recorded: it stays due and the reconciler resumes it
    }
  }

  private void endWithoutOutcome(Flight flight, String why, boolean warn) {
    if (warn) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(flight.id))
          .log("dispatch stopped: " + why + "; the reconciler resumes it from the store");
    }
    end(flight, null, why);
  }

  /**
   * Ends {@code flight}'s leadership of its target and answers who was waiting, atomically with
   * registration.
   */
  private List<Follower> takeFollowers(Flight flight) {
    @Nullable Group[] taken = {null};
    groups.computeIfPresent(
        flight.target,
        (key, group) -> {
          if (!group.leader().equals(flight.id)) {
            return group;
          }
          taken[0] = group;
          return null;
        });
    Group ended = taken[0];
    return ended == null ? List.of() : ended.followers();
  }

  /** Actions that waited on one that will not finish now dispatch themselves. */
  private void releaseFollowers(Flight flight) {
    for (Follower follower : takeFollowers(flight)) {
      leases.release(follower.id());
      submit(follower.id(), follower.purpose());
    }
  }

  /**
   * Records an outcome. {@return the action's status after it, or null if it was not recorded}: a
   * refusal or a store failure answers null (the action stays due and is resumed). A recorded
   * outcome ended the action's lease in the store, unless the action is still carried: a success
   * recorded with the undo a false positive asked for while it ran (undo in progress) kept it, and
   * {@link Leases#settled(ActionId, ActionStatus)} hands it on.
   */
  private @Nullable ActionStatus record(
      ActionId id, ExecutionPurpose purpose, Ending ending, String text) {
    String clean =
        noteText(
            text.isEmpty() && ending != Ending.SUCCEEDED
                ? ending.name().toLowerCase(Locale.ROOT)
                : text);
    Function<Investigation, Command> command =
        purpose == ExecutionPurpose.EXECUTE
            ? switch (ending) {
              case SUCCEEDED -> s -> new Command.Succeed(id, clean);
              case FAILED -> s -> new Command.Fail(id, clean);
              case TIMED_OUT -> s -> new Command.TimeOut(id);
            }
            : switch (ending) {
              case SUCCEEDED -> s -> new Command.CompleteUndo(id, clean);
              case FAILED, TIMED_OUT -> s -> new Command.FailUndo(id, clean);
            };
    Optional<Investigation> after;
    try {
      after = engine.applyQuietly(id.investigation(), command);
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log(
              "could not record the outcome ("
                  + e.getClass().getName()
                  + "); the reconciler resumes it with the same idempotency key");
      return null;
    }
    boolean recorded = after.isPresent();
    LOG.atInfo()
        .addKeyValue("investigationId", LogSafe.of(id.investigation()))
        .addKeyValue("actionId", LogSafe.of(id))
        .addKeyValue("purpose", purpose)
        .addKeyValue("outcome", ending)
        .addKeyValue("recorded", recorded)
        .log("action settled");
    return after.flatMap(state -> state.action(id)).map(ActionRecord::status).orElse(null);
  }

  /**
   * {@return {@code note} as an action's note: cut to the longest a command takes, control
   * characters removed}
   */
  private static String noteText(String note) {
    return Text.withoutControls(
        note.length() > Command.MAX_TEXT ? note.substring(0, Command.MAX_TEXT) : note);
  }

  private void releasePermit(Flight flight) {
    synchronized (flight) {
      if (!flight.holdsPermit) {
        return;
      }
      flight.holdsPermit = false;
    }
    gate(flight.action.family()).release();
  }

  private FamilyGate gate(EntityFamily family) {
    return Objects.requireNonNull(gates.get(family));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
