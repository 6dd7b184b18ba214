package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.internal.ChainHex;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One investigation's events with their chain hashes, immutable, appended to without copying them:
 * each log is a prefix of arrays that later logs of the same investigation share and extend. Only
 * the newest log may be extended, one append at a time (the store appends under the investigation's
 * lock); a log never reads past its own size, so the slots a later append fills are never seen
 * through it. The hashes are packed, 32 bytes an event, so that keeping them costs no object each;
 * their array grows on its own, from the size of the first append.
 */
final class EventLog extends AbstractList<InvestigationEvent> implements RandomAccess {

  private static final int FIRST_CAPACITY = 8;
  private static final int HASH_BYTES = ChainHash.DIGITS / 2;

  private final InvestigationEvent[] slots;
  private final byte[] hashes;
  private final int size;

  private EventLog(InvestigationEvent[] slots, byte[] hashes, int size) {
    this.slots = slots;
    this.hashes = hashes;
    this.size = size;
  }

  /**
   * {@return a log of {@code events}, each with its hash}
   *
   * @throws InvalidInputException if there is not one hash per event
   */
  static EventLog of(List<InvestigationEvent> events, List<ChainHash> hashes) {
    // the hashes start at their exact size: an investigation that stops at its first events (most
    // pending ones) keeps 32 bytes an event, not a whole first capacity
    return new EventLog(
            new InvestigationEvent[Math.max(FIRST_CAPACITY, events.size())],
            new byte[events.size() * HASH_BYTES],
            0)
        .appended(events, hashes);
  }

  /**
   * {@return this log followed by {@code events}, each with its hash}; this log must be the newest
   * of its investigation. Amortized constant time per event: the arrays are copied only when full,
   * to twice their size.
   *
   * @throws InvalidInputException if there is not one hash per event
   */
  EventLog appended(List<InvestigationEvent> events, List<ChainHash> links) {
    if (links.size() != events.size()) {
      throw new InvalidInputException(
          "links",
          null,
          "one hash per event: " + events.size() + " events, " + links.size() + " hashes");
    }
    int grown = size + events.size();
    InvestigationEvent[] target =
        grown <= slots.length ? slots : Arrays.copyOf(slots, Math.max(grown, 2 * slots.length));
    byte[] packed =
        grown * HASH_BYTES <= hashes.length
            ? hashes
            : Arrays.copyOf(hashes, Math.max(grown, 2 * (hashes.length / HASH_BYTES)) * HASH_BYTES);
    for (int i = 0; i < events.size(); i++) {
      target[size + i] = Checks.notNull(events.get(i), "event");
      ChainHex.parse(links.get(i).value(), packed, (size + i) * HASH_BYTES);
    }
    return new EventLog(target, packed, grown);
  }

  /** {@return the chain hash stored with the event at {@code index}} */
  ChainHash hash(int index) {
    Objects.checkIndex(index, size);
    return ChainHash.of(ChainHex.format(hashes, index * HASH_BYTES));
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
}
