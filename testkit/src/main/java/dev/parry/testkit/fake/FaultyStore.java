package dev.parry.testkit.fake;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that fails like a database does: reads and writes throw {@link StoreUnavailableException}
 * at a seeded random rate, or on the next calls of one kind; and a write can <em>land but lose its
 * acknowledgement</em> (it is stored, then the call throws), the fault that edge-triggered recovery
 * misses. {@link #heal()} stops every fault. Thread-safe; the same seed and the same calls fail the
 * same way.
 *
 * <pre>{@code
 * FaultyStore store = FaultyStore.wrapping(InMemoryInvestigationStore.create(), seed)
 *     .failing(0.15)          // 15 % of calls fail
 *     .losingAcks(0.5);       // half of the failing writes land first
 * ...
 * store.heal();
 * }</pre>
 */
public final class FaultyStore extends ForwardingStore {

  private static final Logger LOG = LoggerFactory.getLogger(FaultyStore.class);

  /** The calls a store answers. */
  public enum Call {
    /** {@code append}, through which every write goes (see {@link ForwardingStore}). */
    APPEND,
    /** {@code load}. */
    LOAD,
    /** {@code events}. */
    EVENTS,
    /** {@code chain}. */
    CHAIN,
    /** {@code queryActions}. */
    QUERY,
    /** {@code due}. */
    DUE,
    /** {@code claim}: a write. */
    CLAIM,
    /** {@code release}: a write. */
    RELEASE,
    /** The control store's {@code record}: a write. */
    CONTROL_RECORD,
    /** The control store's {@code changes}. */
    CONTROL_CHANGES,
    /** The control store's {@code admit} (a write when it consumes) and {@code admitUpTo}. */
    CONTROL_ADMIT;

    boolean isWrite() {
      return this == APPEND
          || this == CLAIM
          || this == RELEASE
          || this == CONTROL_RECORD
          || this == CONTROL_ADMIT;
    }
  }

  private final Random random;
  private final Map<Call, Integer> next = new EnumMap<>(Call.class);
  private final Map<Call, Integer> skipped = new EnumMap<>(Call.class);
  private final AtomicLong faults = new AtomicLong();
  private final AtomicLong lostAcks = new AtomicLong();
  private double rate;
  private double lostAckShare;
  private boolean nextLosesAck;

  private FaultyStore(InvestigationStore delegate, long seed) {
    super(delegate);
    this.random = new Random(seed);
  }

  /**
   * {@return a store that fails nothing yet, in front of {@code delegate}}
   *
   * @param delegate the store that answers
   * @param seed the seed of the random faults
   */
  public static FaultyStore wrapping(InvestigationStore delegate, long seed) {
    return new FaultyStore(Objects.requireNonNull(delegate, "delegate"), seed);
  }

  /**
   * {@return this store, failing that share of all calls from now on}
   *
   * @param share 0 to 1
   * @throws IllegalArgumentException if it is outside 0-1
   */
  public synchronized FaultyStore failing(double share) {
    this.rate = share(share);
    return this;
  }

  /**
   * {@return this store, where that share of the failing writes land before they throw}
   *
   * @param share 0 to 1
   * @throws IllegalArgumentException if it is outside 0-1
   */
  public synchronized FaultyStore losingAcks(double share) {
    this.lostAckShare = share(share);
    return this;
  }

  /**
   * {@return this store, failing the next {@code times} calls of one kind}
   *
   * @param call the kind of call
   * @param times how many, 0 or more
   * @param landFirst for a write, whether it lands before it throws (its acknowledgement is lost)
   */
  public synchronized FaultyStore failNext(Call call, int times, boolean landFirst) {
    return failAfter(call, 0, times, landFirst);
  }

  /**
   * {@return this store, answering the next {@code skip} calls of one kind, then failing {@code
   * times}}
   *
   * @param call the kind of call
   * @param skip how many to answer first, 0 or more
   * @param times how many to fail then, 0 or more
   * @param landFirst for a write, whether it lands before it throws (its acknowledgement is lost)
   */
  public synchronized FaultyStore failAfter(Call call, int skip, int times, boolean landFirst) {
    if (skip < 0 || times < 0) {
      throw new IllegalArgumentException(
          "skip and times must not be negative, were: " + skip + ", " + times);
    }
    skipped.put(Objects.requireNonNull(call, "call"), skip);
    next.put(call, times);
    nextLosesAck = landFirst;
    return this;
  }

  /** Stops every fault: random and planned. */
  public synchronized void heal() {
    rate = 0;
    next.clear();
    skipped.clear();
  }

  /** {@return the store behind the faults, to read what really landed} */
  public InvestigationStore delegateStore() {
    return delegate();
  }

  /** {@return how many calls failed so far} */
  public long faults() {
    return faults.get();
  }

  /** {@return how many writes landed and then failed so far} */
  public long lostAcks() {
    return lostAcks.get();
  }

  private static double share(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be 0-1, was: " + share);
    }
    return share;
  }

  /** {@return null to answer normally, or whether the call lands before it throws} */
  private synchronized @Nullable Boolean fault(Call call) {
    Integer skip = skipped.get(call);
    if (skip != null && skip > 0) {
      skipped.put(call, skip - 1);
      return null;
    }
    Integer planned = next.get(call);
    if (planned != null && planned > 0) {
      next.put(call, planned - 1);
      faults.incrementAndGet();
      return call.isWrite() && nextLosesAck;
    }
    if (rate > 0 && random.nextDouble() < rate) {
      faults.incrementAndGet();
      return call.isWrite() && random.nextDouble() < lostAckShare;
    }
    return null;
  }

  private <T> T guarded(Call call, java.util.function.Supplier<T> answer) {
    Boolean landFirst = fault(call);
    if (landFirst == null) {
      return answer.get();
    }
    if (landFirst) {
      T landed = answer.get();
      lostAcks.incrementAndGet();
      LOG.atDebug().log("injected fault after the call landed: " + (landed != null));
      throw new StoreUnavailableException(
          "injected: " + call + " landed, its acknowledgement was lost",
          new IOException("connection reset"));
    }
    throw new StoreUnavailableException(
        "injected: " + call + " failed", new IOException("connection refused"));
  }

  @Override
  public ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    return guarded(Call.APPEND, () -> super.append(id, expectedVersion, events, after));
  }

  /**
   * {@return the delegate's control store, if it keeps one, behind the same faults}: its calls fail
   * with this store's rate and planned faults ({@link Call#CONTROL_RECORD}, {@link
   * Call#CONTROL_CHANGES}, {@link Call#CONTROL_ADMIT}).
   */
  @Override
  public Optional<ControlStore> controls() {
    return super.controls().map(FaultyControls::new);
  }

  /** The delegate's control store, answering through {@link #guarded}. */
  private final class FaultyControls implements ControlStore {
    private final ControlStore delegate;

    FaultyControls(ControlStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public ControlChange record(ControlChange change) {
      return guarded(Call.CONTROL_RECORD, () -> delegate.record(change));
    }

    @Override
    public List<ControlChange> changes(long after, int limit) {
      return guarded(Call.CONTROL_CHANGES, () -> delegate.changes(after, limit));
    }

    @Override
    public boolean admit(List<Window> windows, Instant now, boolean consume) {
      return guarded(Call.CONTROL_ADMIT, () -> delegate.admit(windows, now, consume));
    }

    @Override
    public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
      return guarded(Call.CONTROL_ADMIT, () -> delegate.admitUpTo(windows, now, wanted, countedAt));
    }

    @Override
    public String toString() {
      return "FaultyControls{" + delegate + "}";
    }
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    return guarded(Call.LOAD, () -> super.load(id));
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    return guarded(Call.EVENTS, () -> super.events(id));
  }

  @Override
  public List<AuditRecord> chain(InvestigationId id) {
    return guarded(Call.CHAIN, () -> super.chain(id));
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    return guarded(Call.QUERY, () -> super.queryActions(query));
  }

  @Override
  public List<ActionRecord> due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    return guarded(Call.DUE, () -> super.due(now, owner, after, limit));
  }

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    return guarded(Call.CLAIM, () -> super.claim(action, owner, now, lease));
  }

  @Override
  public void release(ActionId action, String owner) {
    guarded(
        Call.RELEASE,
        () -> {
          super.release(action, owner);
          return Boolean.TRUE;
        });
  }
}
