package dev.parry.runtime.internal;

import dev.parry.spi.internal.LogSafe;
import dev.parry.core.action.ActionKey;
import dev.parry.core.internal.Text;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.ReversibleAction;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.runtime.Limits;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.store.InvestigationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries approved actions (and undos) to their executors: stores the dispatch before calling,
 * enforces the family's concurrency cap and rate limit, retries retryable failures with backoff and
 * the same idempotency key, polls work in progress, turns silence into a time-out, and never lets one
 * executor's misbehaviour touch another action.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Applies a command to an investigation, returning the state after it, or empty if it was refused. */
  @FunctionalInterface
  public interface CommandSink {
    /**
     * Applies a command.
     *
     * @param id the investigation
     * @param command the command, built from the current state
     * @return the state after it, or empty if the investigation refused it
     */
    Optional<Investigation> apply(InvestigationId id, Function<Investigation, Command> command);
  }

  private enum Ending { SUCCEEDED, FAILED, TIMED_OUT }

  /** One action (or undo) being dispatched. Guarded by its own monitor. */
  private static final class Flight {
    final ActionId id;
    final ExecutionPurpose purpose;
    final RemediationAction action;
    final ActionKey key;
    final Instant deadline;
    int attempt;
    long token;
    boolean done;
    boolean holdsPermit;
    @Nullable ExecutionRequest request;
    @Nullable ExternalReference reference;
    TaskScheduler.@Nullable Cancellable timer;

    Flight(ActionId id, ExecutionPurpose purpose, RemediationAction action, ActionKey key, Instant deadline,
        int attempt) {
      this.id = id;
      this.purpose = purpose;
      this.action = action;
      this.key = key;
      this.deadline = deadline;
      this.attempt = attempt;
    }
  }

  private record Follower(ActionId id, ExecutionPurpose purpose) {}

  private final Clock clock;
  private final TaskScheduler scheduler;
  private final InvestigationStore store;
  private final ExecutorRegistry registry;
  private final Limits limits;
  private final CommandSink sink;
  private final Map<EntityFamily, FamilyGate> gates = new EnumMap<>(EntityFamily.class);
  private final Map<EntityFamily, TokenBucket> buckets = new EnumMap<>(EntityFamily.class);
  /** The flights by purpose, then action: an action's execution and its undo are one flight each at most. */
  private final Map<ExecutionPurpose, Map<ActionId, Flight>> flights = new EnumMap<>(ExecutionPurpose.class);
  /** Per target and kind: the action being dispatched and those waiting for its outcome. Changed only in compute. */
  private final Map<ActionKey, Group> groups = new ConcurrentHashMap<>();

  private record Group(ActionId leader, List<Follower> followers) {
    Group plus(Follower follower) {
      List<Follower> more = new ArrayList<>(followers);
      more.add(follower);
      return new Group(leader, List.copyOf(more));
    }
  }
  private volatile boolean closing;
  private final String owner;
  private final Duration lease;
  private final Function<InvestigationId, @Nullable Investigation> recent;
  /** The actions whose dispatch lease this dispatcher holds, renewed by the lease keeper. */
  private final Set<ActionId> held = ConcurrentHashMap.newKeySet();

  /**
   * Creates a dispatcher.
   *
   * @param clock the clock
   * @param scheduler where work and timers run
   * @param store the store, read to find an action's state and to hold dispatch leases
   * @param registry the executors
   * @param limits the limits
   * @param sink how outcomes are recorded
   * @param owner this runtime's name in the store's dispatch leases
   * @param lease how long a dispatch lease lasts unless renewed
   * @param recent the state the runtime last wrote for an investigation, or null: checked before a
   *     read of the store, which follows when it does not show the action ready to dispatch
   */
  public Dispatcher(Clock clock, TaskScheduler scheduler, InvestigationStore store, ExecutorRegistry registry,
      Limits limits, CommandSink sink, String owner, Duration lease,
      Function<InvestigationId, @Nullable Investigation> recent) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.store = store;
    this.registry = registry;
    this.limits = limits;
    this.sink = sink;
    this.owner = owner;
    this.lease = lease;
    this.recent = recent;
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      flights.put(purpose, new ConcurrentHashMap<>());
    }
    for (EntityFamily family : EntityFamily.values()) {
      gates.put(family, new FamilyGate(limits.maxConcurrentPerFamily(), scheduler::execute));
      buckets.put(family, new TokenBucket(limits.rateLimit().permits(), limits.rateLimit().period(), clock.instant()));
    }
  }

  /** {@return the idempotency key of an action's execution or undo: stable across attempts and restarts} */
  static IdempotencyKey keyOf(ActionId id, ExecutionPurpose purpose) {
    return IdempotencyKey.of(id + (purpose == ExecutionPurpose.UNDO ? ":undo" : ":execute"));
  }

  private Map<ActionId, Flight> flights(ExecutionPurpose purpose) {
    return Objects.requireNonNull(flights.get(purpose));
  }

  /**
   * Dispatches an action (or its undo) soon.
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
      // a saturated or failing scheduler: the action stays approved in the store and the watchdog resubmits it
      LOG.atError().addKeyValue("actionId", LogSafe.of(id)).log("could not queue the dispatch ("
          + e.getClass().getName() + "); the watchdog will retry");
    }
  }

  /** Stops dispatching new work; approved actions stay approved in the store and resume on the next start. */
  public void close() {
    closing = true;
  }

  /**
   * Renews the leases of the actions this dispatcher carries every third of a lease, until closed.
   * An action whose lease was lost (another runtime took it over after this one stalled) is dropped
   * here without recording anything.
   */
  public void keepLeases() {
    if (closing) {
      return;
    }
    Instant now = clock.instant();
    for (ActionId id : List.copyOf(held)) {
      boolean kept;
      try {
        kept = store.claim(id, owner, now, lease);
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("could not renew the dispatch lease ("
            + e.getClass().getName() + "); trying again");
        continue;
      }
      if (!kept) {
        LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("dispatch lease lost to another runtime; dropping it here");
        held.remove(id);
        drop(id);
      }
    }
    scheduler.schedule(lease.dividedBy(3), this::keepLeases);
  }

  /**
   * {@return whether this dispatcher now holds {@code id}'s dispatch lease}: claimed or renewed in the
   * store. A store that fails answers false; the watchdog tries again later.
   *
   * @param id the action
   */
  public boolean claim(ActionId id) {
    try {
      if (store.claim(id, owner, clock.instant(), lease)) {
        held.add(id);
        return true;
      }
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("could not claim the dispatch lease ("
          + e.getClass().getName() + "); the watchdog will retry");
    }
    return false;
  }

  /** Gives back {@code id}'s dispatch lease, best effort: a lease not given back ends by itself. */
  private void release(ActionId id) {
    if (!held.remove(id)) {
      return;
    }
    try {
      store.release(id, owner);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("could not release the dispatch lease ("
          + e.getClass().getName() + "); it ends by itself");
    }
  }

  /**
   * After an outcome for an action this dispatcher claimed: a recorded one ended the lease in the
   * store (rule STORE-16), so it is only forgotten here; otherwise the lease is given back.
   *
   * @param id the action
   * @param recorded whether the outcome was recorded
   */
  public void settled(ActionId id, boolean recorded) {
    if (recorded) {
      held.remove(id);
    } else {
      release(id);
    }
  }

  /** Forgets a flight whose lease was lost: no outcome is recorded; its followers dispatch themselves. */
  private void drop(ActionId id) {
    for (ExecutionPurpose purpose : ExecutionPurpose.values()) {
      Flight flight = flights(purpose).get(id);
      if (flight == null) {
        continue;
      }
      synchronized (flight) {
        flight.done = true;
        flight.token++;
        if (flight.timer != null) {
          flight.timer.cancel();
        }
      }
      flights(purpose).remove(id);
      releasePermit(flight);
      releaseFollowers(flight);
    }
  }

  /**
   * {@return whether this dispatcher is carrying {@code action} now}: executing or undoing it, or
   * waiting for another action on the same target. Looks at the action's own target groups only.
   *
   * @param action the action as stored
   */
  public boolean isDispatching(ActionRecord action) {
    ActionId id = action.id();
    if (flights(ExecutionPurpose.EXECUTE).containsKey(id) || flights(ExecutionPurpose.UNDO).containsKey(id)) {
      return true;
    }
    List<ActionKey> keys = action.action() instanceof ReversibleAction reversible
        ? List.of(action.action().key(), reversible.inverse().key()) : List.of(action.action().key());
    for (ActionKey key : keys) {
      Group group = groups.get(key);
      if (group != null && (group.leader().equals(id) || group.followers().stream().anyMatch(f -> f.id().equals(id)))) {
        return true;
      }
    }
    return false;
  }

  /** {@return how many actions are being dispatched} */
  public int inFlight() {
    return flights(ExecutionPurpose.EXECUTE).size() + flights(ExecutionPurpose.UNDO).size();
  }

  private void begin(ActionId id, ExecutionPurpose purpose) {
    if (closing || flights(purpose).containsKey(id)) {
      return;
    }
    Investigation written = recent.apply(id.investigation());
    Optional<ActionRecord> found = written == null ? Optional.empty() : written.action(id);
    if (found.isEmpty() || !runnable(found.get(), purpose)) {
      // the runtime's last write does not show it ready (another runtime may have moved it): read the store
      found = store.load(id.investigation()).flatMap(i -> i.action(id));
    }
    if (found.isEmpty() || !runnable(found.get(), purpose)) {
      return;
    }
    ActionRecord record = found.get();
    if (!claim(id)) {
      LOG.atDebug().addKeyValue("actionId", LogSafe.of(id)).log("another runtime holds the dispatch lease");
      return;
    }
    RemediationAction action = purpose == ExecutionPurpose.EXECUTE
        ? record.action() : ((ReversibleAction) record.action()).inverse();
    ActionKey target = action.key();
    ActionId[] leader = new ActionId[1];
    groups.compute(target, (key, group) -> {
      if (group == null) {
        return new Group(id, List.of());
      }
      leader[0] = group.leader();
      boolean known = group.leader().equals(id) || group.followers().stream().anyMatch(f -> f.id().equals(id));
      return known ? group : group.plus(new Follower(id, purpose));
    });
    if (leader[0] != null) {
      if (!leader[0].equals(id)) {
        LOG.atInfo().addKeyValue("actionId", LogSafe.of(id)).addKeyValue("activeActionId", LogSafe.of(leader[0]))
            .log("same action already running on this target; waiting for its outcome instead of dispatching again");
      }
      return; // a follower, or this action is already being dispatched
    }
    Flight flight = new Flight(id, purpose, action, target, clock.instant().plus(limits.actionTimeout()),
        purpose == ExecutionPurpose.EXECUTE ? record.attempts() : 0);
    flights(purpose).put(id, flight);
    acquire(flight);
  }

  private static boolean runnable(ActionRecord record, ExecutionPurpose purpose) {
    return purpose == ExecutionPurpose.EXECUTE
        ? record.status() == ActionStatus.APPROVED || record.status() == ActionStatus.IN_PROGRESS
        : record.status() == ActionStatus.UNDO_IN_PROGRESS;
  }

  /** Queues {@code flight} for a permit of its family's gate; a flight that ended meanwhile gives it straight back. */
  private void acquire(Flight flight) {
    gate(flight.action.family()).run(() -> {
      boolean granted;
      synchronized (flight) {
        granted = !flight.done;
        flight.holdsPermit = granted;
      }
      if (!granted) {
        gate(flight.action.family()).release(); // ended while it waited: the permit goes straight back
        return;
      }
      throttled(flight);
    });
  }

  /** Gives the flight's permit back, if it holds one. */
  private void releasePermit(Flight flight) {
    synchronized (flight) {
      if (!flight.holdsPermit) {
        return;
      }
      flight.holdsPermit = false;
    }
    gate(flight.action.family()).release();
  }

  private void throttled(Flight flight) {
    Duration wait = bucket(flight.action.family()).reserve(clock.instant());
    if (wait.isZero()) {
      call(flight);
    } else {
      scheduler.schedule(wait, () -> call(flight));
    }
  }

  private void call(Flight flight) {
    synchronized (flight) {
      if (flight.done) {
        return;
      }
    }
    int attempt;
    ActionRecord record;
    if (flight.purpose == ExecutionPurpose.EXECUTE) {
      Optional<Investigation> after;
      try {
        after = sink.apply(flight.id.investigation(), s -> new Command.Start(flight.id));
      } catch (RuntimeException e) {
        // the store failed: nothing was sent; try the whole dispatch again later
        LOG.atWarn().addKeyValue("actionId", LogSafe.of(flight.id)).log("could not record the dispatch ("
            + e.getClass().getName() + "); retrying");
        retryLater(flight, null);
        return;
      }
      if (after.isEmpty()) {
        abandon(flight, "no longer approved");
        return;
      }
      record = after.get().action(flight.id).orElseThrow();
      attempt = record.attempts();
    } else {
      attempt = flight.attempt + 1;
      record = store.load(flight.id.investigation()).flatMap(i -> i.action(flight.id)).orElseThrow();
    }
    Instant now = clock.instant();
    Instant attemptDeadline = min(now.plus(limits.attemptTimeout()), flight.deadline);
    ExecutionRequest request = new ExecutionRequest(flight.action, flight.purpose, keyOf(flight.id, flight.purpose),
        attempt, attemptDeadline, record.requestedBy(), record.note(), flight.id.investigation(), flight.id);
    long token;
    synchronized (flight) {
      flight.attempt = attempt;
      flight.request = request;
      flight.reference = null;
      token = ++flight.token;
    }
    LOG.atInfo().addKeyValue("investigationId", LogSafe.of(flight.id.investigation()))
        .addKeyValue("actionId", LogSafe.of(flight.id)).addKeyValue("kind", flight.action.kind())
        .addKeyValue("purpose", flight.purpose).addKeyValue("attempt", attempt).log("dispatching action");
    ActionExecutor executor = registry.forKind(flight.action.kind());
    if (executor == null) {
      outcome(flight, token, ExecutionOutcome.failed("no executor for " + flight.action.kind()), null);
      return;
    }
    invoke(flight, token, () -> executor.execute(request));
  }

  private void poll(Flight flight) {
    ExecutionRequest request;
    ExternalReference reference;
    long token;
    synchronized (flight) {
      if (flight.done || flight.request == null || flight.reference == null) {
        return;
      }
      request = flight.request;
      reference = flight.reference;
      token = ++flight.token;
    }
    ActionExecutor executor = registry.forKind(flight.action.kind());
    if (executor == null) {
      outcome(flight, token, ExecutionOutcome.failed("no executor for " + flight.action.kind()), null);
      return;
    }
    invoke(flight, token, () -> executor.status(request, reference));
  }

  /** Calls the executor, arms the attempt timer, and hands the answer back with one executor hop. */
  private void invoke(Flight flight, long token, Supplier<CompletionStage<ExecutionOutcome>> call) {
    TaskScheduler.Cancellable timer = scheduler.schedule(limits.attemptTimeout(), () -> silence(flight, token));
    synchronized (flight) {
      flight.timer = timer;
    }
    CompletionStage<ExecutionOutcome> stage;
    try {
      stage = call.get();
    } catch (RuntimeException | Error e) {
      outcome(flight, token, null, e);
      return;
    }
    if (stage == null) {
      outcome(flight, token, ExecutionOutcome.failed("executor answered null instead of a CompletionStage"), null);
      return;
    }
    stage.whenComplete((result, error) -> scheduler.execute(() -> outcome(flight, token, result, error)));
  }

  private void silence(Flight flight, long token) {
    synchronized (flight) {
      if (flight.done || token != flight.token) {
        return;
      }
      flight.token++;
    }
    if (flight.attempt < limits.maxAttempts() && clock.instant().isBefore(flight.deadline)) {
      LOG.atWarn().addKeyValue("actionId", LogSafe.of(flight.id)).addKeyValue("attempt", flight.attempt)
          .log("executor did not answer within the attempt timeout; retrying");
      retryLater(flight, null);
    } else {
      settle(flight, Ending.TIMED_OUT, "no answer within " + limits.attemptTimeout() + " after " + flight.attempt
          + " attempt(s)");
    }
  }

  private void outcome(Flight flight, long token, @Nullable ExecutionOutcome result, @Nullable Throwable error) {
    synchronized (flight) {
      if (flight.done || token != flight.token) {
        LOG.atDebug().addKeyValue("actionId", LogSafe.of(flight.id)).log("late or repeated executor answer ignored");
        return;
      }
      flight.token++;
      if (flight.timer != null) {
        flight.timer.cancel();
        flight.timer = null;
      }
    }
    if (error != null) {
      settle(flight, Ending.FAILED, "executor threw " + error.getClass().getName() + ": " + LogSafe.of(error.getMessage()));
    } else if (result == null) {
      settle(flight, Ending.FAILED, "executor completed with null instead of an outcome");
    } else if (result instanceof ExecutionOutcome.Succeeded succeeded) {
      settle(flight, Ending.SUCCEEDED, succeeded.detail());
    } else if (result instanceof ExecutionOutcome.Failed failed) {
      if (failed.retryable() && flight.attempt < limits.maxAttempts() && clock.instant().isBefore(flight.deadline)) {
        LOG.atInfo().addKeyValue("actionId", LogSafe.of(flight.id)).addKeyValue("attempt", flight.attempt)
            .addKeyValue("reason", LogSafe.of(failed.reason())).log("retryable failure; retrying");
        retryLater(flight, failed.retryAfter());
      } else {
        settle(flight, Ending.FAILED, failed.reason() + (failed.retryable() ? " (after " + flight.attempt + " attempts)" : ""));
      }
    } else {
      ExecutionOutcome.InProgress progress = (ExecutionOutcome.InProgress) result;
      Instant next = clock.instant().plus(progress.pollAfter());
      if (next.isAfter(flight.deadline)) {
        settle(flight, Ending.TIMED_OUT, "still in progress at the action deadline " + flight.deadline);
        return;
      }
      synchronized (flight) {
        flight.reference = progress.reference();
      }
      scheduler.schedule(progress.pollAfter(), () -> poll(flight));
    }
  }

  private void retryLater(Flight flight, @Nullable Duration retryAfter) {
    Duration delay = retryAfter != null ? retryAfter : backoff(flight.id, flight.attempt);
    releasePermit(flight);
    scheduler.schedule(delay, () -> acquire(flight));
  }

  /** Exponential backoff with up to 20% jitter, derived from the action id so a test replays it exactly. */
  Duration backoff(ActionId id, int attempt) {
    long base = limits.backoffBase().toNanos();
    long max = limits.backoffMax().toNanos();
    long exponential = attempt >= 62 ? max : Math.min(max, base << Math.min(attempt - 1, 40));
    int hash = (id.toString().hashCode() * 31 + attempt) & 0x7fffffff;
    long jitter = (long) (exponential * 0.2 * (hash % 1000) / 1000.0);
    return Duration.ofNanos(Math.min(max, exponential + jitter));
  }

  private void settle(Flight flight, Ending ending, String text) {
    synchronized (flight) {
      if (flight.done) {
        return;
      }
      flight.done = true;
    }
    flights(flight.purpose).remove(flight.id);
    releasePermit(flight);
    settled(flight.id, record(flight.id, flight.purpose, ending, text));
    for (Follower follower : takeFollowers(flight)) {
      if (follower.purpose() == ExecutionPurpose.EXECUTE) {
        try {
          sink.apply(follower.id().investigation(), s -> new Command.Start(follower.id()));
        } catch (RuntimeException e) {
          submit(follower.id(), follower.purpose()); // the store failed: let it dispatch itself
          continue;
        }
      }
      settled(follower.id(), record(follower.id(), follower.purpose(), ending, "carried out by action " + flight.id
          + ": " + text));
    }
  }

  /** Ends {@code flight}'s leadership of its target and answers who was waiting, atomically with registration. */
  private List<Follower> takeFollowers(Flight flight) {
    List<List<Follower>> taken = new ArrayList<>(1);
    groups.computeIfPresent(flight.key, (key, group) -> {
      if (!group.leader().equals(flight.id)) {
        return group;
      }
      taken.add(group.followers());
      return null;
    });
    return taken.isEmpty() ? List.of() : taken.get(0);
  }

  /**
   * Records an outcome. {@return whether it was recorded}: the store then ended the action's lease
   * itself (an action leaving the active statuses holds none); otherwise the caller releases it.
   */
  private boolean record(ActionId id, ExecutionPurpose purpose, Ending ending, String text) {
    String note = text.isEmpty() && ending != Ending.SUCCEEDED ? ending.name().toLowerCase(Locale.ROOT) : text;
    String bounded = note.length() > Command.MAX_TEXT ? note.substring(0, Command.MAX_TEXT) : note;
    String clean = Text.withoutControls(bounded);
    Function<Investigation, Command> command = purpose == ExecutionPurpose.EXECUTE
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
      after = sink.apply(id.investigation(), command);
    } catch (RuntimeException e) {
      // the store failed: the outcome must not be lost, so record it again later
      LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("could not record the outcome ("
          + e.getClass().getName() + "); retrying");
      scheduler.schedule(limits.backoffBase(), () -> record(id, purpose, ending, text));
      return false;
    }
    LOG.atInfo().addKeyValue("investigationId", LogSafe.of(id.investigation())).addKeyValue("actionId", LogSafe.of(id))
        .addKeyValue("purpose", purpose).addKeyValue("outcome", ending).addKeyValue("recorded", after.isPresent())
        .log("action settled");
    return after.isPresent();
  }

  private void abandon(Flight flight, String why) {
    synchronized (flight) {
      flight.done = true;
    }
    flights(flight.purpose).remove(flight.id);
    releasePermit(flight);
    releaseFollowers(flight);
    release(flight.id);
    LOG.atDebug().addKeyValue("actionId", LogSafe.of(flight.id)).log("dispatch abandoned: " + why);
  }

  /** Actions that waited on one that will not finish now dispatch themselves. */
  private void releaseFollowers(Flight flight) {
    for (Follower follower : takeFollowers(flight)) {
      submit(follower.id(), follower.purpose());
    }
  }

  /**
   * Stops dispatching a cancelled action and asks its executor to cancel, best effort.
   *
   * @param id the action
   */
  public void cancelled(ActionId id) {
    Flight flight = flights(ExecutionPurpose.EXECUTE).get(id);
    if (flight == null) {
      return;
    }
    ExecutionRequest request;
    ExternalReference reference;
    synchronized (flight) {
      if (flight.done) {
        return;
      }
      flight.done = true;
      flight.token++;
      if (flight.timer != null) {
        flight.timer.cancel();
      }
      request = flight.request;
      reference = flight.reference;
    }
    flights(ExecutionPurpose.EXECUTE).remove(id);
    releasePermit(flight);
    releaseFollowers(flight);
    release(id);
    ActionExecutor executor = registry.forKind(flight.action.kind());
    if (executor != null && request != null) {
      try {
        executor.cancel(request, reference);
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("actionId", LogSafe.of(id)).log("executor cancel threw " + e.getClass().getName());
      }
    }
  }

  private FamilyGate gate(EntityFamily family) {
    return Objects.requireNonNull(gates.get(family));
  }

  private TokenBucket bucket(EntityFamily family) {
    return Objects.requireNonNull(buckets.get(family));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
