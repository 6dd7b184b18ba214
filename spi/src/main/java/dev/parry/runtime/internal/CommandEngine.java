// Past 400 lines because deciding, appending (with a dispatch lease or without, fenced at a control
// change or not) and the cache of last writes that spares a read share one retry loop.
package dev.parry.runtime.internal;

import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvalidCommandException;
import dev.parry.runtime.UnknownActionException;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.ControlsChangedException;
import dev.parry.spi.store.InvestigationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes investigations the one way they change: load, decide with the state machine, append with
 * the version decided on, and on a conflict decide again on a fresh read. Stored events go to the
 * {@link EventRouter}, after the chain head the store answered went to the audit anchor ({@link
 * Anchoring}). Keeps the state this runtime last wrote per open investigation, so a command is
 * usually decided without a read; the store's version check catches a state another runtime moved
 * on since, and a refusal is always confirmed on a fresh read.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class CommandEngine {

  private static final Logger LOG = LoggerFactory.getLogger(CommandEngine.class);
  private static final int MAX_CONFLICT_RETRIES = 64;
  private static final long NO_FENCE = SafetyControls.NO_FENCE;

  /**
   * How many investigations' last written states are kept at most: a two-way set-associative cache,
   * where an investigation's write takes the newer place of its set and moves the one there to the
   * older, whose state it drops. Emptying a full map instead cost an approval about 14 % of its
   * time; a place per investigation (one-way) lost the states of busy investigations that shared
   * it. Each place also keeps the hash of its investigation's id, so that a lookup compares the
   * state it finds only when the hashes match: a state written long ago is cold, and comparing its
   * id cost an approval on a large store about a tenth of its time.
   */
  private static final int RECENT_SLOTS = 4096;

  /**
   * A state to decide on: this runtime's last write ({@code fresh} false: another runtime may have
   * moved on since), or one just read from the store.
   *
   * @param state the state
   * @param fresh whether it was just read
   */
  public record Known(Investigation state, boolean fresh) {}

  private final InvestigationStore store;
  private final Clock clock;
  private final EventRouter router;
  private final Anchoring anchoring;
  private final AtomicReferenceArray<@Nullable Investigation> recent =
      new AtomicReferenceArray<>(RECENT_SLOTS);

  /**
   * The hash of the id of the state in each place of {@link #recent}: a filter only, written next
   * to it without a lock, so a place whose hash matches is still compared by id, and a mismatch
   * seen during another thread's write only costs a read of the store.
   */
  private final AtomicIntegerArray recentHashes = new AtomicIntegerArray(RECENT_SLOTS);

  /**
   * Creates the engine.
   *
   * @param store the store
   * @param clock the clock decisions are timed with
   * @param router where stored events go
   * @param anchoring where the chain head of each append goes, before the events are routed
   */
  public CommandEngine(
      InvestigationStore store, Clock clock, EventRouter router, Anchoring anchoring) {
    this.store = store;
    this.clock = clock;
    this.router = router;
    this.anchoring = anchoring;
  }

  /**
   * Stores a new investigation: its opening events and any decided with them.
   *
   * @param id the investigation
   * @param events its first events, starting with {@code Opened}
   * @param state the investigation after them
   * @throws ConcurrencyConflictException if an investigation with this id exists
   */
  public void create(InvestigationId id, List<InvestigationEvent> events, Investigation state) {
    write(id, 0, events, state, null, state.openedAt(), NO_FENCE); // no claim: time not used
    remember(state);
    router.stored(events, state);
  }

  /**
   * {@return the investigation as stored}
   *
   * @param id the investigation
   * @throws UnknownInvestigationException if there is none
   */
  public Investigation read(InvestigationId id) {
    return store.load(id).orElseThrow(() -> new UnknownInvestigationException(id));
  }

  /**
   * {@return the investigation as this runtime last wrote it, or as stored}
   *
   * @param id the investigation
   * @throws UnknownInvestigationException if there is none
   */
  public Known known(InvestigationId id) {
    Investigation written = recalled(Checks.notNull(id, "id"));
    return written != null ? new Known(written, false) : new Known(read(id), true);
  }

  /**
   * {@return the investigation as this runtime last wrote it, if it still holds it}
   *
   * @param id the investigation
   */
  public @Nullable Investigation lastWritten(InvestigationId id) {
    return recalled(id);
  }

  /**
   * Drops this runtime's last write of the investigation, which the store has moved on from
   * (another runtime wrote since): what reads it next reads the store.
   *
   * @param id the investigation
   */
  void behind(InvestigationId id) {
    forget(id);
  }

  /**
   * Decides a command and appends its events; {@return the decision}
   *
   * @param id the investigation
   * @param command the command, built from the state it is decided on
   * @throws dev.parry.core.error.ParryException a {@link dev.parry.runtime.RefusedCommand} if the
   *     state machine refuses it, in the category {@link Refusals} gives it
   * @throws UnknownInvestigationException if there is no such investigation
   */
  public Decision.Accepted apply(InvestigationId id, Function<Investigation, Command> command) {
    Investigation written = recalled(Checks.notNull(id, "id"));
    return written != null
        ? applyAll(id, command, List.of(), written, false, null, () -> {}, NO_FENCE)
        : applyAll(id, command, List.of(), read(id), true, null, () -> {}, NO_FENCE);
  }

  /**
   * Decides {@code command} on {@code fresh}, a state just read from the store, and appends its
   * events; after a conflict the same command is decided again on a fresh read, so it must not
   * depend on the state. {@return the decision}
   *
   * @param id the investigation
   * @param command the command
   * @param fresh the investigation as just read
   * @throws dev.parry.core.error.ParryException a {@link dev.parry.runtime.RefusedCommand} if the
   *     state machine refuses it, in the category {@link Refusals} gives it
   * @throws ConcurrencyConflictException if the investigation kept changing for 64 attempts
   */
  public Decision.Accepted applyOn(InvestigationId id, Command command, Investigation fresh) {
    return applyAll(id, state -> command, List.of(), fresh, true, null, () -> {}, NO_FENCE);
  }

  /**
   * Like {@link #apply} for the runtime's own commands: {@return the state after it, or empty when
   * it was refused (logged at DEBUG)}. A store failure is not caught: the caller's work stays due
   * in the store and the reconciler comes back to it.
   *
   * @param id the investigation
   * @param command the command
   */
  public Optional<Investigation> applyQuietly(
      InvestigationId id, Function<Investigation, Command> command) {
    return applyQuietly(id, command, null, () -> {}, NO_FENCE);
  }

  /**
   * Like {@link #applyQuietly(InvestigationId, Function)}, taking the action's dispatch lease in
   * the same write when {@code claim} is given ({@link InvestigationStore#appendClaiming}).
   *
   * @param id the investigation
   * @param command the command
   * @param claim the lease to take with it, or null
   * @param landed run once the write has landed, before its events are routed
   * @param fence the control change the command was decided on ({@link SafetyControls#fenceFor}),
   *     or {@link SafetyControls#NO_FENCE}
   * @return the state after it, or empty when it was refused
   * @throws dev.parry.spi.store.LeaseHeldException if another runtime holds the lease; nothing is
   *     stored
   * @throws ControlsChangedException if a control change past the fence was recorded; nothing is
   *     stored
   */
  Optional<Investigation> applyQuietly(
      InvestigationId id,
      Function<Investigation, Command> command,
      Leases.@Nullable Claim claim,
      Runnable landed,
      long fence) {
    try {
      Investigation written = recalled(Checks.notNull(id, "id"));
      return Optional.of(
          (written != null
                  ? applyAll(id, command, List.of(), written, false, claim, landed, fence)
                  : applyAll(id, command, List.of(), read(id), true, claim, landed, fence))
              .after());
    } catch (CommandRejectedException
        | InvalidCommandException
        | UnknownActionException
        | UnknownInvestigationException e) {
      LOG.atDebug()
          .addKeyValue("investigationId", LogSafe.of(id))
          .log("command not applied: " + LogSafe.of(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * Decides {@code commands} in order, each on the state the previous one left, and appends all
   * their events at once: all or nothing. The first attempt decides on {@code first}; a conflict,
   * or a refusal decided on a state that was not fresh, is decided again on a fresh read.
   *
   * @param id the investigation
   * @param commands the commands
   * @param first the state to decide on first
   * @param fence the control change the commands were decided on ({@link SafetyControls#fenceFor}),
   *     or {@link SafetyControls#NO_FENCE}
   * @return the decision, with every event and the state after them
   * @throws dev.parry.core.error.ParryException a {@link dev.parry.runtime.RefusedCommand} if a
   *     command is refused, in the category {@link Refusals} gives it; nothing is stored
   * @throws ConcurrencyConflictException if the investigation kept changing for 64 attempts
   * @throws ControlsChangedException if a control change past the fence was recorded; nothing is
   *     stored
   */
  public Decision.Accepted applyAll(
      InvestigationId id,
      List<Function<Investigation, Command>> commands,
      Known first,
      long fence) {
    return applyAll(id, null, commands, first.state(), first.fresh(), null, () -> {}, fence);
  }

  /**
   * Decides {@code one} if given, otherwise {@code commands} in order, first on {@code first} and
   * then, after a conflict or an unconfirmed refusal, on fresh reads; appends and routes. One
   * command takes no list: the commands a person or the dispatcher sends are one at a time.
   */
  private Decision.Accepted applyAll(
      InvestigationId id,
      @Nullable Function<Investigation, Command> one,
      List<Function<Investigation, Command>> commands,
      Investigation first,
      boolean firstFresh,
      Leases.@Nullable Claim claim,
      Runnable landed,
      long fence) {
    @Nullable Investigation known = first;
    for (int attempt = 0; ; attempt++) {
      Investigation state = known != null ? known : read(id);
      boolean fresh = known == null || firstFresh;
      known = null;
      Instant now = clock.instant();
      Decision decision =
          one != null ? state.decide(one.apply(state), now) : decideAll(state, commands, now);
      if (decision instanceof Decision.Rejected rejected) {
        if (!fresh) {
          continue; // decided on this runtime's last write: confirm the refusal on the stored state
        }
        throw Refusals.of(rejected.rejection());
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      if (accepted.events().isEmpty()) {
        if (!fresh) {
          continue;
        }
        return accepted;
      }
      try {
        write(id, state.version(), accepted.events(), accepted.after(), claim, now, fence);
      } catch (ControlsChangedException e) {
        throw e; // nothing written: this runtime's last write still holds
      } catch (ConcurrencyConflictException e) {
        forget(id);
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
        continue;
      } catch (RuntimeException e) {
        forget(id); // the store failed: whether it wrote is unknown until read again
        throw e;
      }
      landed.run();
      remember(accepted.after());
      router.stored(accepted.events(), accepted.after());
      return accepted;
    }
  }

  /**
   * {@return the decision of {@code command} on {@code state} now, without storing anything}
   *
   * @param state the state
   * @param command the command
   */
  public Decision decide(Investigation state, Command command) {
    return state.decide(command, clock.instant());
  }

  /**
   * Appends, taking {@code claim}'s lease in the same write when given (from {@code now}, when the
   * command was decided), through the store's view fenced at {@code fence} when there is one, and
   * hands the head to the anchor if there is one; without one, the store is not asked for a head,
   * which it may then compute only when the chain is read.
   */
  private void write(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      Leases.@Nullable Claim claim,
      Instant now,
      long fence) {
    InvestigationStore to = fence == NO_FENCE ? store : fenced(fence);
    if (claim == null) {
      if (anchoring.anchored()) {
        anchoring.anchor(id, to.append(id, expectedVersion, events, after));
      } else {
        to.appendWithoutHead(id, expectedVersion, events, after);
      }
      return;
    }
    if (anchoring.anchored()) {
      anchoring.anchor(
          id,
          to.appendClaiming(
              id,
              expectedVersion,
              events,
              after,
              claim.action(),
              claim.owner(),
              now,
              claim.lease()));
    } else {
      to.appendClaimingWithoutHead(
          id, expectedVersion, events, after, claim.action(), claim.owner(), now, claim.lease());
    }
  }

  /** {@return the store's view fenced at {@code fence}} */
  private InvestigationStore fenced(long fence) {
    return store
        .fencedAt(fence)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    store + " answered a fenced view when the runtime was built, and none now"));
  }

  private static Decision decideAll(
      Investigation state, List<Function<Investigation, Command>> commands, Instant now) {
    if (commands.size() == 1) {
      return state.decide(commands.get(0).apply(state), now);
    }
    Investigation after = state;
    List<InvestigationEvent> events = new ArrayList<>();
    for (Function<Investigation, Command> command : commands) {
      Decision decision = after.decide(command.apply(after), now);
      if (decision instanceof Decision.Rejected) {
        return decision;
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      events.addAll(accepted.events());
      after = accepted.after();
    }
    return new Decision.Accepted(events, after);
  }

  private void remember(Investigation state) {
    InvestigationId id = state.id();
    if (state.completedAt() != null) {
      forget(id);
      return;
    }
    int hash = id.hashCode();
    int newer = set(hash);
    Investigation first = holding(newer, id, hash);
    boolean inNewer = first != null;
    Investigation held = inNewer ? first : holding(newer + 1, id, hash);
    if (held != null && held.version() > state.version()) {
      return; // a later write of this runtime got here first
    }
    // release stores, no full fence: a reader that sees an older state in a place is safe, as
    // every write is checked against the stored version and a refusal on it is confirmed
    if (!inNewer) {
      // what was newer is now the older; the older is dropped
      recentHashes.setRelease(newer + 1, recentHashes.get(newer));
      recent.setRelease(newer + 1, recent.get(newer));
    }
    recentHashes.setRelease(newer, hash);
    recent.setRelease(newer, state);
  }

  private @Nullable Investigation recalled(InvestigationId id) {
    int hash = id.hashCode();
    int newer = set(hash);
    Investigation first = holding(newer, id, hash);
    return first != null ? first : holding(newer + 1, id, hash);
  }

  /** Empties the investigation's place if it holds one, and leaves other investigations alone. */
  private void forget(InvestigationId id) {
    int hash = id.hashCode();
    int newer = set(hash);
    for (int slot = newer; slot <= newer + 1; slot++) {
      Investigation held = holding(slot, id, hash);
      if (held != null) {
        recent.compareAndSet(slot, held, null);
      }
    }
  }

  /**
   * {@return the state in {@code slot} if it is the investigation's}: its id is compared only when
   * the hash kept for the place matches
   */
  private @Nullable Investigation holding(int slot, InvestigationId id, int hash) {
    if (recentHashes.get(slot) != hash) {
      return null;
    }
    Investigation held = recent.get(slot);
    return held != null && held.id().equals(id) ? held : null;
  }

  /** {@return the first of the two places the investigation's state may take} */
  private static int set(int hash) {
    return ((hash ^ (hash >>> 16)) & (RECENT_SLOTS / 2 - 1)) * 2;
  }
}
