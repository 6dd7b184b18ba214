package dev.parry.spi.store;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.internal.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retention for the in-memory store: which settled investigations are due to be forgotten,
 * in the order they settled, and the handing of each to the sink. Level-triggered: the store
 * records every append that leaves an investigation settled ({@link #settled}) and calls {@link
 * #run} after each append and each read of due work; a run evicts what the policy says is due at
 * that moment, so a run that does not happen only delays eviction. A run costs nothing that grows
 * with the store: it looks at the oldest candidates only, at most {@value #MAX_PER_RUN} of them.
 */
final class Evictions {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryInvestigationStore.class);

  /** The most candidates one run looks at, so that no append pays for a long backlog alone. */
  static final int MAX_PER_RUN = 256;

  /**
   * An investigation that was settled at {@code version}; stale once it was appended to since (a
   * later append that leaves it settled records a candidate of its own).
   */
  record Candidate(InvestigationId id, long version, long settledAtMillis) {}

  /** What became of a candidate offered to the store. */
  enum Outcome {
    /** It was evicted. */
    EVICTED,
    /** It was appended to since, or is gone: dropped, it has a newer candidate if settled. */
    STALE,
    /** A dispatch lease is held on one of its actions: looked at again later. */
    HELD,
    /** The sink refused it: nothing was evicted, it is offered again at the next run. */
    REFUSED
  }

  /** Evicts one candidate, under its investigation's lock. */
  @FunctionalInterface
  interface Evictor {
    Outcome evict(Candidate candidate, Instant now);
  }

  private final @Nullable Duration maxAge;
  private final int maxCount;
  private final @Nullable RetentionSink sink;
  private final Clock clock;
  private final Queue<Candidate> candidates = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong sinkFailures = new AtomicLong();
  private volatile boolean sinkFailing;

  Evictions(@Nullable Duration maxAge, int maxCount, @Nullable RetentionSink sink, Clock clock) {
    this.maxAge = maxAge;
    this.maxCount = maxCount;
    this.sink = sink;
    this.clock = clock;
  }

  /** {@return whether anything is ever evicted} */
  boolean enabled() {
    return maxAge != null || maxCount > 0;
  }

  /** Records that an append left the investigation settled at {@code version}. */
  void settled(InvestigationId id, long version) {
    candidates.add(new Candidate(id, version, clock.millis()));
  }

  /**
   * Evicts the candidates that are due, oldest first: those settled at least the maximum age ago,
   * and, while the store holds more than the maximum count, the oldest settled ones. One thread
   * runs at a time; a call that finds another running returns at once, leaving the work to it or to
   * the next run.
   *
   * @param size how many investigations the store holds
   * @param evictor evicts one candidate
   */
  void run(IntSupplier size, Evictor evictor) {
    if (!enabled() || candidates.isEmpty() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = clock.instant();
      long cutoff = maxAge == null ? Long.MIN_VALUE : now.toEpochMilli() - maxAge.toMillis();
      for (int i = 0; i < MAX_PER_RUN; i++) {
        Candidate next = candidates.peek();
        if (next == null) {
          return;
        }
        boolean old = maxAge != null && next.settledAtMillis() <= cutoff;
        boolean over = maxCount > 0 && size.getAsInt() > maxCount;
        if (!old && !over) {
          return;
        }
        Outcome outcome = evictor.evict(next, now);
        if (outcome == Outcome.REFUSED) {
          return;
        }
        candidates.poll(); // the head is still next: only this run polls
        if (outcome == Outcome.EVICTED) {
          evicted.incrementAndGet();
        } else if (outcome == Outcome.HELD) {
          candidates.add(next); // behind the others: a lease is short, the next run looks again
          return;
        }
      }
    } finally {
      running.set(false);
    }
  }

  /**
   * Hands an investigation to the sink, if there is one (built only then); {@return whether it may
   * be evicted}: true unless the sink threw, which is counted and logged (once, until the sink
   * accepts again).
   */
  boolean handOver(Supplier<EvictedInvestigation> evicted) {
    RetentionSink target = sink;
    if (target == null) {
      return true;
    }
    EvictedInvestigation investigation = evicted.get();
    try {
      target.accept(investigation);
    } catch (RuntimeException e) {
      sinkFailures.incrementAndGet();
      if (!sinkFailing) {
        sinkFailing = true;
        LOG.atWarn()
            .addKeyValue("investigationId", LogSafe.of(investigation.state().id()))
            .log(
                "retention sink refused an investigation ("
                    + e.getClass().getName()
                    + ": "
                    + LogSafe.of(e.getMessage())
                    + "); nothing is evicted until it accepts, retried at the next eviction");
      }
      return false;
    }
    if (sinkFailing) {
      sinkFailing = false;
      LOG.atInfo().log("retention sink accepts again; eviction resumed");
    }
    return true;
  }

  /** {@return how many investigations were evicted} */
  long evicted() {
    return evicted.get();
  }

  /** {@return how many times the sink threw} */
  long sinkFailures() {
    return sinkFailures.get();
  }

  @Override
  public String toString() {
    return "Evictions{maxAge="
        + maxAge
        + ", maxCount="
        + maxCount
        + ", evicted="
        + evicted.get()
        + "}";
  }
}
