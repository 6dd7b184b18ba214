package dev.parry.runtime.internal;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.InvestigationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch leases this runtime holds in the store: claimed before an action is carried (for a
 * first dispatch, with the append that records it), renewed on every reconciler tick while it is,
 * ended by the store when the action's outcome is recorded, or given back when it is not. A store
 * that fails a claim answers "not claimed"; a lease not given back ends by itself.
 */
final class Leases {

  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

  private final InvestigationStore store;
  private final Clock clock;
  private final String owner;
  private final Duration lease;
  private final Set<ActionId> held = ConcurrentHashMap.newKeySet();
  // held by an undo's flight: a success recorded with its undo leaves them alone
  private final Set<ActionId> undoing = ConcurrentHashMap.newKeySet();
  // orders an undo's claim and the hand-over of the lease its success kept, per action
  private final Object[] stripes = new Object[64];
  // claimed by an append not answered yet: perhaps held
  private final Set<ActionId> claiming = ConcurrentHashMap.newKeySet();

  Leases(InvestigationStore store, Clock clock, String owner, Duration lease) {
    this.store = store;
    this.clock = clock;
    this.owner = owner;
    this.lease = lease;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  private Object stripe(ActionId id) {
    return stripes[Math.floorMod(id.hashCode(), stripes.length)];
  }

  /**
   * {@return whether this runtime now holds {@code id}'s lease for its undo}: claimed in the store
   * even when held already, so that the flight whose success requested the undo hands it over
   * rather than gives it back
   */
  boolean claimForUndo(ActionId id) {
    synchronized (stripe(id)) {
      if (!claim(id)) {
        return false;
      }
      undoing.add(id);
      return true;
    }
  }

  String owner() {
    return owner;
  }

  /** {@return whether this runtime now holds {@code id}'s lease}; a failing store answers false */
  boolean claim(ActionId id) {
    try {
      if (store.claim(id, owner, clock.instant(), lease)) {
        held.add(id);
        return true;
      }
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log(
              "could not claim the dispatch lease ("
                  + e.getClass().getName()
                  + "); the reconciler will come back to it");
    }
    return false;
  }

  /**
   * A lease to take with the append that records a dispatch, instead of claiming it first.
   *
   * @param action the action
   * @param owner this runtime's owner name
   * @param lease how long the lease lasts unless renewed
   */
  record Claim(ActionId action, String owner, Duration lease) {}

  /** {@return whether this runtime holds {@code id}'s lease, as far as it knows} */
  boolean holds(ActionId id) {
    return held.contains(id);
  }

  /**
   * {@return the claim of {@code id}'s lease to make with the append that records its dispatch}:
   * until {@link #taken} or {@link #refused}, the lease is {@linkplain #claiming being claimed}
   */
  Claim claimWithStart(ActionId id) {
    claiming.add(id);
    return new Claim(id, owner, lease);
  }

  /**
   * {@return whether an append claiming {@code id}'s lease is out}: the lease may be this runtime's
   * already (the events of that append are routed before it answers)
   */
  boolean claiming(ActionId id) {
    return claiming.contains(id);
  }

  /**
   * After an append that claimed {@code id}'s lease: it landed (the lease is held), or its outcome
   * is unknown (the lease may be held: it is given back when the flight ends).
   */
  void taken(ActionId id) {
    held.add(id);
    claiming.remove(id);
  }

  /**
   * After an append that claimed {@code id}'s lease was refused and took none: another owner holds
   * it, the fence refused the append, or the flight stopped meanwhile.
   */
  void refused(ActionId id) {
    claiming.remove(id);
  }

  /** Gives {@code id}'s lease back, best effort. */
  void release(ActionId id) {
    undoing.remove(id);
    if (!held.remove(id)) {
      return;
    }
    try {
      store.release(id, owner);
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .log(
              "could not release the dispatch lease ("
                  + e.getClass().getName()
                  + "); it ends by itself");
    }
  }

  /**
   * After an outcome: a recorded one ended the lease in the store (STORE-16); otherwise it is given
   * back.
   */
  void settled(ActionId id, boolean recorded) {
    if (recorded) {
      undoing.remove(id);
      held.remove(id);
    } else {
      release(id);
    }
  }

  /**
   * After an outcome recorded with the action in {@code status}, or not recorded ({@code null}),
   * for a flight or a follower. A success recorded with its undo leaves the action carried, so the
   * store kept the lease (STORE-16): it is given back, for the undo to claim on whichever runtime,
   * unless this runtime's undo has claimed it already, whose it then stays.
   */
  void settled(ActionId id, @Nullable ActionStatus status) {
    if (status == null || !status.isDispatched()) {
      settled(id, status != null);
      return;
    }
    synchronized (stripe(id)) {
      if (!undoing.contains(id)) {
        release(id);
      }
    }
  }

  /** Renews every lease held; {@code lost} is told of each one another runtime took over. */
  void renew(Consumer<ActionId> lost) {
    for (ActionId id : List.copyOf(held)) {
      boolean kept;
      try {
        kept = store.claim(id, owner, clock.instant(), lease);
      } catch (RuntimeException e) {
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(id))
            .log(
                "could not renew the dispatch lease ("
                    + e.getClass().getName()
                    + "); trying again on the next tick");
        continue;
      }
      if (!kept && held.remove(id)) {
        undoing.remove(id);
        LOG.atWarn()
            .addKeyValue("actionId", LogSafe.of(id))
            .log("dispatch lease lost to another runtime; dropping it here");
        lost.accept(id);
      }
    }
  }
}
