package dev.parry.testkit.fake;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.ChainHead;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An audit anchor kept in memory, for tests: it keeps each investigation's head of the highest
 * version, in one atomic step, and can fail its next calls as an anchor service that is down does.
 * It keeps the rules ANCHOR-1 to ANCHOR-3 of {@code spi/SPEC.md}; in memory, it cannot keep
 * ANCHOR-4 (out of reach of whoever can write the store) beyond the life of the test. Thread-safe.
 *
 * <pre>{@code
 * InMemoryAuditAnchor anchor = InMemoryAuditAnchor.create();
 * ParryHarness parry = ParryHarness.create(builder -> builder.auditAnchor(anchor));
 * anchor.failNext(3);                       // the anchor is down for three calls; no operation fails
 * ...
 * assertEquals(Optional.of(head), anchor.head(id));
 * }</pre>
 */
public final class InMemoryAuditAnchor implements AuditAnchor {

  private final Map<InvestigationId, ChainHead> heads = new ConcurrentHashMap<>();
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean shutdown;

  private InMemoryAuditAnchor() {}

  /** {@return an empty anchor} */
  public static InMemoryAuditAnchor create() {
    return new InMemoryAuditAnchor();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if a failure was injected for this call, or the anchor was shut
   *     down
   */
  @Override
  public void anchor(InvestigationId id, ChainHead head) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(head, "head");
    requireRunning();
    if (failing.getAndUpdate(calls -> calls > 0 ? calls - 1 : 0) > 0) {
      refused.incrementAndGet();
      throw new IllegalStateException("injected: the audit anchor is unavailable");
    }
    heads.merge(id, head, (held, offered) -> offered.version() > held.version() ? offered : held);
    taken.incrementAndGet();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the anchor was shut down
   */
  @Override
  public Optional<ChainHead> head(InvestigationId id) {
    Objects.requireNonNull(id, "id");
    requireRunning();
    return Optional.ofNullable(heads.get(id));
  }

  /**
   * Fails the next {@code calls} calls of {@link #anchor} with an {@link IllegalStateException}, as
   * an anchor service that is down; {@link #heal()} ends it early.
   *
   * @param calls how many calls fail, 0 or more
   * @return this anchor
   * @throws IllegalArgumentException if {@code calls} is negative
   */
  public InMemoryAuditAnchor failNext(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("calls to fail must not be negative, was: " + calls);
    }
    failing.set(calls);
    return this;
  }

  /** Stops failing calls. */
  public void heal() {
    failing.set(0);
  }

  /** {@return every anchored head, by investigation: a snapshot} */
  public Map<InvestigationId, ChainHead> heads() {
    return Map.copyOf(heads);
  }

  /** {@return how many calls of {@link #anchor} it took} */
  public long taken() {
    return taken.get();
  }

  /** {@return how many calls of {@link #anchor} it failed on purpose} */
  public long refused() {
    return refused.get();
  }

  /** Forgets every head and count, and stops failing calls. */
  public void reset() {
    heads.clear();
    failing.set(0);
    taken.set(0);
    refused.set(0);
  }

  /** Shuts the anchor down: every later call fails with {@link IllegalStateException}. */
  public void shutdown() {
    shutdown = true;
  }

  private void requireRunning() {
    if (shutdown) {
      throw new IllegalStateException("the audit anchor was shut down");
    }
  }

  @Override
  public String toString() {
    return "InMemoryAuditAnchor{investigations="
        + heads.size()
        + ", taken="
        + taken.get()
        + ", refused="
        + refused.get()
        + "}";
  }
}
