package dev.parry.spi.safety;

import dev.parry.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<Counted, ArrayDeque<Instant>> uses = new HashMap<>();

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
    ControlStore.validAhead(now, wanted, countedAt);
    return count(checked, now, wanted, countedAt);
  }

  /**
   * {@return how many of {@code wanted} uses every window has room for at {@code now}}, counted in
   * each at {@code countedAt} unless that is null (a dry run).
   */
  private int count(List<Window> checked, Instant now, int wanted, @Nullable Instant countedAt) {
    synchronized (uses) {
      @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
      ArrayDeque<Instant>[] counted = new ArrayDeque[checked.size()];
      int room = wanted;
      for (int i = 0; i < counted.length; i++) {
        Window window = checked.get(i);
        ArrayDeque<Instant> used =
            uses.computeIfAbsent(
                new Counted(window.scope(), window.length()), k -> new ArrayDeque<>());
        Instant start = now.minus(window.length());
        // uses arrive nearly in time order: those that ended are at the head (one that arrived late
        // or was counted ahead, and ended behind a later one, is dropped a little late: that only
        // ever admits less)
        while (!used.isEmpty() && !used.peekFirst().isAfter(start)) {
          used.pollFirst();
        }
        room = Math.min(room, window.max() - used.size());
        if (room <= 0) {
          return 0;
        }
        counted[i] = used;
      }
      if (countedAt != null) {
        for (ArrayDeque<Instant> used : counted) {
          for (int n = 0; n < room; n++) {
            used.addLast(countedAt);
          }
        }
      }
      return room;
    }
  }

  @Override
  public String toString() {
    synchronized (changes) {
      return "InMemoryControlStore{changes=" + changes.size() + "}";
    }
  }
}
