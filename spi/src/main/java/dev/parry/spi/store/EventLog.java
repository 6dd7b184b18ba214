package dev.parry.spi.store;

import dev.parry.core.investigation.InvestigationEvent;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One investigation's events, immutable, appended to without copying them: each log is a prefix of
 * an array that later logs of the same investigation share and extend. Only the newest log may be
 * extended, one append at a time (the store appends under the investigation's lock); a log never
 * reads past its own size, so the slots a later append fills are never seen through it.
 */
final class EventLog extends AbstractList<InvestigationEvent> implements RandomAccess {

  private static final int FIRST_CAPACITY = 8;

  private final InvestigationEvent[] slots;
  private final int size;

  private EventLog(InvestigationEvent[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  /** {@return a log of {@code events}} */
  static EventLog of(List<InvestigationEvent> events) {
    return new EventLog(new InvestigationEvent[Math.max(FIRST_CAPACITY, events.size())], 0).appended(events);
  }

  /**
   * {@return this log followed by {@code events}}; this log must be the newest of its investigation.
   * Amortized constant time per event: the array is copied only when it is full, to twice its size.
   */
  EventLog appended(List<InvestigationEvent> events) {
    int grown = size + events.size();
    InvestigationEvent[] target = grown <= slots.length ? slots
        : Arrays.copyOf(slots, Math.max(grown, 2 * slots.length));
    for (int i = 0; i < events.size(); i++) {
      target[size + i] = Objects.requireNonNull(events.get(i), "event");
    }
    return new EventLog(target, grown);
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
