package dev.parry.runtime.internal;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.RuntimeClosedException;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.InvestigationStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The investigations someone waits to see complete. A wait ends when this runtime stores the event
 * that completes the investigation, or, level-triggered, when a reconciler pass reads it complete
 * from the store (completed by another runtime, or its event's reaction lost).
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Completions {

  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

  private final InvestigationStore store;
  private final Map<InvestigationId, List<CompletableFuture<Investigation>>> waiting =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates the waits of one runtime.
   *
   * @param store where a pass reads the investigations waited for
   */
  public Completions(InvestigationStore store) {
    this.store = store;
  }

  /**
   * {@return a future that completes with {@code id}'s state once it is complete}: registered
   * first, then the store is read, so a completion in between is not missed. Cancelling it (or
   * {@code orTimeout}) ends the wait. A wait registered once the runtime closed fails at once, as
   * those open when it closed did.
   *
   * @param id the investigation
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the stage that forgets the wait needs no watching
  public CompletableFuture<Investigation> await(InvestigationId id) {
    CompletableFuture<Investigation> future = new CompletableFuture<>();
    waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(future);
    future.whenComplete((done, failure) -> forget(id, future)); // cancelled, timed out or completed
    if (closed) { // registered after close() took the waits: nobody else would ever end this one
      future.completeExceptionally(new RuntimeClosedException());
      return future;
    }
    Optional<Investigation> now = store.load(id);
    if (now.isPresent() && now.get().isComplete()) {
      complete(now.get());
    }
    return future;
  }

  /** Fails every wait still open: the runtime closed. */
  public void close() {
    closed = true; // first: a wait registered from now on sees it and fails by itself
    for (InvestigationId id : List.copyOf(waiting.keySet())) {
      List<CompletableFuture<Investigation>> futures = waiting.remove(id);
      if (futures != null) {
        futures.forEach(future -> future.completeExceptionally(new RuntimeClosedException()));
      }
    }
  }

  private void forget(InvestigationId id, CompletableFuture<Investigation> future) {
    waiting.computeIfPresent(
        id,
        (key, futures) -> {
          futures.removeIf(waiter -> waiter == future);
          return futures.isEmpty() ? null : futures;
        });
  }

  /**
   * What the runtime does once a batch of events was stored and heard: the wait ends if it
   * completed.
   */
  public void stored(Investigation after) {
    if (!waiting.isEmpty()
        && after.isComplete()) { // nobody waits, the usual case: nothing to look at
      complete(after);
    }
  }

  /**
   * Reads every investigation waited for from the store, ending the waits on those now complete.
   */
  public void check() {
    for (InvestigationId id : List.copyOf(waiting.keySet())) {
      try {
        Optional<Investigation> stored = store.load(id);
        if (stored.isPresent() && stored.get().isComplete()) {
          complete(stored.get());
        }
      } catch (RuntimeException e) {
        LOG.atDebug()
            .addKeyValue("investigationId", LogSafe.of(id))
            .log(
                "could not read a waited-for investigation ("
                    + e.getClass().getName()
                    + "); the next pass reads it again");
      }
    }
  }

  private void complete(Investigation state) {
    List<CompletableFuture<Investigation>> futures = waiting.remove(state.id());
    if (futures != null) {
      futures.forEach(future -> future.complete(state));
    }
  }
}
