package dev.parry.spi.store;

import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.internal.ChainHex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * One investigation's events with their chain hashes and the state they fold to, immutable,
 * appended to without copying them: each log is a prefix of arrays that later logs of the same
 * investigation share and extend. Only the newest log may be extended, one append at a time (the
 * store appends under the investigation's lock); a log never reads past its own size, so the slots
 * a later append fills are never seen through it.
 *
 * <p>The chain hashes are computed when first asked for ({@link #hash}, {@link #head}), in version
 * order, and kept: an event held in this process's memory cannot change, so each hash is exactly
 * {@link AuditTrail#link} of the event and of the hash before it whenever it is computed, and an
 * investigation no one audits costs no hashing at all. The hashes are kept in a {@link Hashes},
 * packed 32 bytes an event, made when a hash is first asked for (so an investigation no one audits
 * keeps none) and handed on to every log appended after that. A log made before it, or while it was
 * being made, makes its own and computes the same hashes again.
 *
 * <p>A log is also what the in-memory store keeps of an investigation: it holds the state its
 * events fold to, so that a stored investigation is one object.
 */
final class EventLog extends AbstractList<InvestigationEvent> implements RandomAccess {

  private static final int FIRST_CAPACITY = 8;

  private final InvestigationEvent[] slots;
  private final int size;

  /** The state the events fold to, kept here so that an investigation stored is one object. */
  private final Investigation state;

  /**
   * The hashes computed so far, or null until a hash is first asked for of this log, or of an
   * earlier log of its investigation before this one was made. Set once, by compare-and-set ({@link
   * #HASHES}); the constructor's plain write is published with the log itself.
   */
  @SuppressWarnings("UnusedVariable") // read and set through HASHES
  private @Nullable Hashes hashes;

  private static final VarHandle HASHES;

  static {
    try {
      HASHES = MethodHandles.lookup().findVarHandle(EventLog.class, "hashes", Hashes.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private EventLog(
      InvestigationEvent[] slots, @Nullable Hashes hashes, int size, Investigation state) {
    this.slots = slots;
    this.hashes = hashes;
    this.size = size;
    this.state = state;
  }

  /**
   * {@return a log of {@code events}, the first of its investigation, which fold to {@code state}}
   */
  static EventLog of(List<InvestigationEvent> events, Investigation state) {
    return new EventLog(
            new InvestigationEvent[Math.max(FIRST_CAPACITY, events.size())], null, 0, state)
        .appended(events, state);
  }

  /**
   * {@return this log followed by {@code events}, which fold to {@code state}}; this log must be
   * the newest of its investigation. Amortized constant time per event: the array is copied only
   * when full, to twice its size.
   */
  EventLog appended(List<InvestigationEvent> events, Investigation state) {
    int grown = size + events.size();
    InvestigationEvent[] target =
        grown <= slots.length ? slots : Arrays.copyOf(slots, Math.max(grown, 2 * slots.length));
    for (int i = 0; i < events.size(); i++) {
      target[size + i] = Checks.notNull(events.get(i), "event");
    }
    return new EventLog(target, (Hashes) HASHES.getAcquire(this), grown, state);
  }

  /** {@return the state this log's events fold to} */
  Investigation state() {
    return state;
  }

  /** {@return the chain hash of the event at {@code index}} */
  ChainHash hash(int index) {
    Objects.checkIndex(index, size);
    return sharedHashes().at(slots, index);
  }

  /** {@return this log's hashes, made now if no thread has made them yet} */
  private Hashes sharedHashes() {
    Hashes known = (Hashes) HASHES.getAcquire(this);
    if (known != null) {
      return known;
    }
    Hashes made = new Hashes();
    Hashes raced = (Hashes) HASHES.compareAndExchange(this, null, made);
    return raced == null ? made : raced;
  }

  /** {@return whether this log holds hashes yet: made here, or handed on by the log before it} */
  boolean holdsHashes() {
    return HASHES.getAcquire(this) != null;
  }

  /** {@return the hash of the last event, or {@link ChainHash#GENESIS} for an empty log} */
  ChainHash head() {
    return size == 0 ? ChainHash.GENESIS : hash(size - 1);
  }

  @Override
  public InvestigationEvent get(int index) {
    Objects.checkIndex(index, size);
    return slots[index];
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * The chain hashes of one investigation's events computed so far, from version 1 on without a
   * gap; shared by the log that made it and every later log of its investigation, so a hash is
   * computed once whichever of them asks. Each log asks with its own events, which agree with every
   * other log's on the versions both hold.
   */
  private static final class Hashes {
    private static final byte[] NONE = new byte[0];

    private byte[] packed = NONE;
    private int count;

    /** The hash of version {@link #count}, kept as an object: the next link starts from it. */
    private @Nullable ChainHash last;

    /**
     * {@return the hash of the event at {@code index} of {@code events}}, computing those before it
     * that are not yet
     */
    synchronized ChainHash at(InvestigationEvent[] events, int index) {
      if (index < count) {
        return index == count - 1
            ? Objects.requireNonNull(last)
            : ChainHash.of(ChainHex.format(packed, index * ChainHex.BYTES));
      }
      if ((index + 1) * ChainHex.BYTES > packed.length) {
        packed = Arrays.copyOf(packed, Math.max(index + 1, 2 * count) * ChainHex.BYTES);
      }
      ChainHash link = last == null ? ChainHash.GENESIS : last;
      for (int i = count; i <= index; i++) {
        link = AuditTrail.link(link, i + 1L, events[i]);
        ChainHex.parse(link.value(), packed, i * ChainHex.BYTES);
      }
      count = index + 1;
      last = link;
      return link;
    }
  }
}
