package dev.parry.core.investigation;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The events one decision produces, in order. Most commands produce one: it is held in a field and
 * handed out as a one-element list, so that such a decision builds no collection to copy.
 */
final class DecidedEvents {

  private @Nullable InvestigationEvent first;
  private @Nullable ArrayList<InvestigationEvent> all;

  /** Adds the next event. */
  void add(InvestigationEvent event) {
    if (first == null) {
      first = event;
      return;
    }
    if (all == null) {
      all = new ArrayList<>(4);
      all.add(first);
    }
    all.add(event);
  }

  /** {@return how many events were added} */
  int size() {
    return all != null ? all.size() : first != null ? 1 : 0;
  }

  /** {@return the event at {@code index}, in the order they were added} */
  InvestigationEvent get(int index) {
    if (all != null) {
      return all.get(index);
    }
    if (index != 0 || first == null) {
      throw new IndexOutOfBoundsException(index);
    }
    return first;
  }

  /** {@return the events as an unmodifiable list} */
  List<InvestigationEvent> toList() {
    if (all != null) {
      return List.copyOf(all);
    }
    return first != null ? List.of(first) : List.of();
  }
}
