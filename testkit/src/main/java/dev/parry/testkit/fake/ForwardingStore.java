package dev.parry.testkit.fake;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store that passes every call to another one: override the calls a test wants to watch or break,
 * such as failing some appends or counting them. Every write goes through {@link #append}: the
 * appends that skip the chain head or claim a lease keep the interface's defaults, which call
 * {@link #append} (and {@link #claim} first), so that an override of {@code append} sees each one.
 * It answers no fenced view ({@link InvestigationStore#fencedAt}): the delegate's view would write
 * around the overrides, so a runtime on it reads the control state before each decision.
 *
 * <pre>{@code
 * ForwardingStore flaky = new ForwardingStore(InMemoryInvestigationStore.create()) {
 *   final AtomicInteger appends = new AtomicInteger();
 *
 *   @Override
 *   public ChainHead append(InvestigationId id, long expectedVersion, List<InvestigationEvent> events, Investigation after) {
 *     if (appends.incrementAndGet() % 3 == 0) {
 *       throw new StoreUnavailableException("database unavailable", new SQLException());
 *     }
 *     return super.append(id, expectedVersion, events, after);
 *   }
 * };
 * ParryHarness parry = ParryHarness.onStore(flaky, builder -> { });
 * }</pre>
 */
public class ForwardingStore implements InvestigationStore {

  private final InvestigationStore delegate;

  /**
   * Creates a store that forwards to {@code delegate}.
   *
   * @param delegate the store that answers
   */
  public ForwardingStore(InvestigationStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@return the store that answers} */
  protected final InvestigationStore delegate() {
    return delegate;
  }

  @Override
  public ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    return delegate.append(id, expectedVersion, events, after);
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    return delegate.load(id);
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    return delegate.events(id);
  }

  @Override
  public List<AuditRecord> chain(InvestigationId id) {
    return delegate.chain(id);
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    return delegate.queryActions(query);
  }

  @Override
  public List<ActionRecord> due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    return delegate.due(now, owner, after, limit);
  }

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    return delegate.claim(action, owner, now, lease);
  }

  @Override
  public void release(ActionId action, String owner) {
    delegate.release(action, owner);
  }

  @Override
  public Optional<ControlStore> controls() {
    return delegate.controls();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + delegate + "}";
  }
}
