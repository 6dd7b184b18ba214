package dev.parry.spi.safety;

import dev.parry.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ControlStore} in memory: shared by every runtime in the process that is given it, lost
 * with the process. {@link dev.parry.spi.store.InMemoryInvestigationStore} holds one, which
 * runtimes on that store use unless told otherwise.
 *
 * <pre>{@code
 * ControlStore controls = InMemoryControlStore.create();
 * }</pre>
 */
public final class InMemoryControlStore implements ControlStore {

  private final List<ControlChange> changes = new ArrayList<>();

  /**
   * How many changes are recorded, written under the list's lock after each one: a reader with
   * nothing new to read (nearly every call, three times for each automatic action) takes no lock.
   */
  private volatile int recorded;

  /** Each window's uses, by its scope and length. */
  private final Map<Counted, Uses> uses = new HashMap<>();

  /**
   * A window's uses: how many were counted at each time, in time order, and how many in all. Uses
   * counted ahead of time by {@link #admitUpTo} sit among the others in order, so each use ends
   * exactly one length after the time it was counted at.
   */
  private static final class Uses {
    final TreeMap<Instant, Integer> at = new TreeMap<>();
    long total;

    /** Forgets the uses counted at or before {@code start}. */
    void endAt(Instant start) {
      if (at.isEmpty() || at.firstKey().isAfter(start)) {
        return; // nearly every call: nothing ended since the last
      }
      Map<Instant, Integer> ended = at.headMap(start, true);
      for (int count : ended.values()) {
        total -= count;
      }
      ended.clear();
    }

    /**
     * Counts {@code count} uses at {@code when}; one time's count cannot overflow, as it stays
     * within the total, which an admission keeps within the window's maximum.
     */
    void add(Instant when, int count) {
      at.merge(when, count, Integer::sum);
      total += count;
    }
  }

  /**
   * The key a window's uses are counted under: what {@link Window#key} names, without building its
   * text on every admission.
   */
  private record Counted(String scope, java.time.Duration length) {}

  private InMemoryControlStore() {}

  /** {@return an empty control store} */
  public static InMemoryControlStore create() {
    return new InMemoryControlStore();
  }

  @Override
  public ControlChange record(ControlChange change) {
    ControlStore.validNew(change);
    synchronized (changes) {
      ControlChange stored = change.recordedAs(changes.size() + 1L);
      changes.add(stored);
      recorded = changes.size();
      return stored;
    }
  }

  @Override
  public List<ControlChange> changes(long after, int limit) {
    ControlStore.validPage(after, limit);
    if (after >= recorded) {
      return List.of(); // nearly every call: nothing new since the caller's last look
    }
    synchronized (changes) {
      int from = (int) after;
      return List.copyOf(changes.subList(from, Math.min(changes.size(), from + limit)));
    }
  }

  @Override
  public boolean admit(List<Window> windows, Instant now, boolean consume) {
    List<Window> checked = ControlStore.validWindows(windows);
    Checks.notNull(now, "now");
    return count(checked, now, 1, consume ? now : null) == 1;
  }

  @Override
  public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
    List<Window> checked = ControlStore.validWindows(windows);
    ControlStore.validBlock(now, wanted, countedAt);
    return count(checked, now, wanted, countedAt);
  }

  /**
   * {@return how many of {@code wanted} uses every window has room for at {@code now}}, counted in
   * each at {@code countedAt} unless that is null (a dry run).
   */
  private int count(List<Window> checked, Instant now, int wanted, @Nullable Instant countedAt) {
    synchronized (uses) {
      Uses[] counted = new Uses[checked.size()];
      long room = wanted;
      for (int i = 0; i < counted.length; i++) {
        Window window = checked.get(i);
        Uses used =
            uses.computeIfAbsent(new Counted(window.scope(), window.length()), k -> new Uses());
        used.endAt(now.minus(window.length()));
        room = Math.min(room, window.max() - used.total);
        if (room <= 0) {
          return 0;
        }
        counted[i] = used;
      }
      if (countedAt != null) {
        for (Uses used : counted) {
          used.add(countedAt, (int) room);
        }
      }
      return (int) room;
    }
  }

  @Override
  public String toString() {
    synchronized (changes) {
      return "InMemoryControlStore{changes=" + changes.size() + "}";
    }
  }
}
