package dev.parry.core.investigation;

import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The events one decision produces, in order, and the list {@link Decision.Accepted#events()} hands
 * out. Most commands produce one, held in a field, so that such a decision builds no collection and
 * no copy. Only {@link Investigation#decide} appends to it, before it is handed out; from outside
 * it is unmodifiable ({@link ReadOnlyList}).
 */
final class DecidedEvents extends ReadOnlyList<InvestigationEvent> {

  private @Nullable InvestigationEvent first;
  private @Nullable ArrayList<InvestigationEvent> all;

  /** Adds the next event; only while the decision is made, never once it is handed out. */
  void append(InvestigationEvent event) {
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

  @Override
  public int size() {
    return all != null ? all.size() : first != null ? 1 : 0;
  }

  @Override
  public InvestigationEvent get(int index) {
    if (all != null) {
      return all.get(index);
    }
    if (index != 0 || first == null) {
      throw new IndexOutOfBoundsException(index);
    }
    return first;
  }
}
