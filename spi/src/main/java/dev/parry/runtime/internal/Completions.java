package dev.parry.runtime.internal;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.InvestigationStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The investigations someone waits to see complete. A wait ends when this runtime stores the event
 * that completes the investigation, or, level-triggered, when a reconciler pass reads it complete from
 * the store (completed by another runtime, or its event's reaction lost).
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Completions {

  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

  private final InvestigationStore store;
  private final Map<InvestigationId, CompletableFuture<Investigation>> waiting = new ConcurrentHashMap<>();

  /**
   * Creates the waits of one runtime.
   *
   * @param store where a pass reads the investigations waited for
   */
  public Completions(InvestigationStore store) {
    this.store = store;
  }

  /**
   * {@return a stage that completes with {@code id}'s state once it is complete}; completed at once if
   * it already is
   *
   * @param id the investigation
   * @param now its state now
   */
  public CompletionStage<Investigation> await(InvestigationId id, Investigation now) {
    CompletableFuture<Investigation> future = waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    if (now.isComplete()) {
      complete(now);
    }
    return future.minimalCompletionStage();
  }

  /** What the runtime does when an event was stored: the wait on its investigation ends if it completed. */
  public void on(InvestigationEvent event, Investigation after) {
    if (after.isComplete() && !waiting.isEmpty()) {
      complete(after);
    }
  }

  /** Reads every investigation waited for from the store, ending the waits on those now complete. */
  public void check() {
    for (InvestigationId id : waiting.keySet()) {
      try {
        Optional<Investigation> stored = store.load(id);
        if (stored.isPresent() && stored.get().isComplete()) {
          complete(stored.get());
        }
      } catch (RuntimeException e) {
        LOG.atDebug().addKeyValue("investigationId", LogSafe.of(id)).log("could not read a waited-for investigation ("
            + e.getClass().getName() + "); the next pass reads it again");
      }
    }
  }

  private void complete(Investigation state) {
    CompletableFuture<Investigation> future = waiting.remove(state.id());
    if (future != null) {
      future.complete(state);
    }
  }
}
