package dev.parry.spi.safety;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the control state lives that every runtime on a store shares: the kill switch, break-glass
 * overrides and allow indicators (as a log of {@link ControlChange}s) and the blast-radius windows
 * (as counted uses). Several runtimes, one per service replica, share one control store, so that
 * pausing automation on one stops them all, and the state survives a restart. Rules CTRL-1 to
 * CTRL-10 in the SPI specification; {@code ControlStoreContract} in the test kit checks them.
 *
 * <p>Implementations must be safe for concurrent use, and several instances over one backing store
 * (one PostgreSQL database) must behave as one. A runtime reads the changes it has not seen before
 * each decision a guard takes, so a change recorded by any runtime holds for the next decision of
 * every runtime.
 *
 * <pre>{@code
 * ControlStore controls = InMemoryControlStore.create();
 * ControlChange recorded = controls.record(ControlChange.pause(null, alice, now, "bad rollout"));
 * List<ControlChange> since = controls.changes(0, ControlStore.MAX_CHANGES);
 * }</pre>
 */
public interface ControlStore {

  /** The most changes one {@link #changes} call answers: {@value}. */
  int MAX_CHANGES = 1000;

  /**
   * Records a change durably. Changes are numbered from 1 in the order they are recorded, without
   * gaps visible to readers: once a reader has seen change n, no change numbered below n appears
   * later.
   *
   * @param change the change, with sequence 0
   * @return the change with the number it was recorded under
   * @throws InvalidInputException if the change's sequence is not 0; nothing is recorded
   * @throws dev.parry.spi.store.StoreUnavailableException if the store fails; the change may or may
   *     not be recorded
   */
  ControlChange record(ControlChange change);

  /**
   * {@return up to {@code limit} changes numbered above {@code after}, in number order}
   *
   * @param after the last number the caller has seen, 0 for the start
   * @param limit how many at most, 1 to {@value #MAX_CHANGES}
   * @throws InvalidInputException if {@code after} is negative or the limit out of range
   * @throws dev.parry.spi.store.StoreUnavailableException if the store fails
   */
  List<ControlChange> changes(long after, int limit);

  /**
   * {@return true when one automatic action is admitted against the blast-radius windows, all or
   * none: when every window has counted fewer than its maximum uses in the {@code length} before
   * {@code now}} A use at exactly {@code now - length} no longer counts. When the action is
   * admitted and {@code consume} is true, one use at {@code now} is counted in each window,
   * atomically with the check, so that concurrent callers on any runtime never admit more than a
   * window's maximum.
   *
   * @param windows the windows the action counts toward, at least one
   * @param now the current time
   * @param consume whether to count the use (false for a dry run)
   * @throws InvalidInputException if {@code windows} is empty or two windows have one key
   * @throws dev.parry.spi.store.StoreUnavailableException if the store fails; a use may or may not
   *     be counted
   */
  boolean admit(List<Window> windows, Instant now, boolean consume);

  /** The most uses one {@link #admitUpTo} call asks for: {@value}. */
  int MAX_AT_ONCE = 1000;

  /** How far after {@code now} an {@link #admitUpTo} call may count its uses: one hour. */
  Duration MAX_AHEAD = Duration.ofHours(1);

  /**
   * {@return how many of up to {@code wanted} automatic actions are admitted at once, 0 to {@code
   * wanted}}: all windows or none. The answer is the most every window has room for, given the uses
   * it counts in the {@code length} before {@code now} (uses counted ahead of time included); that
   * many uses are counted in each window at {@code countedAt}, atomically with the check, so that
   * concurrent callers on any runtime never admit more than a window's maximum.
   *
   * <p>A caller spends the admitted uses until {@code countedAt}: a use counted there covers any
   * call made at or before it, since it stays counted until a full length after the call. Uses it
   * does not spend still count, so a window admits fewer, never more.
   *
   * <p>The default, for a store written for an earlier release, admits one action through {@link
   * #admit}, counted at {@code now}, which a caller spends at once: every limit still holds, but a
   * caller asks once per call. Such a store does not meet rules CTRL-9 and CTRL-10 until it
   * overrides this method.
   *
   * @param windows the windows the actions count toward, at least one
   * @param now the current time
   * @param wanted how many actions, 1 to {@value #MAX_AT_ONCE}
   * @param countedAt when the uses are counted: not before {@code now}, at most {@link #MAX_AHEAD}
   *     after it
   * @throws InvalidInputException if {@code windows} is empty or two windows have one key, or
   *     {@code wanted} or {@code countedAt} is out of range; nothing is counted
   * @throws dev.parry.spi.store.StoreUnavailableException if the store fails; uses may or may not
   *     be counted
   */
  default int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
    validAhead(now, wanted, countedAt);
    return admit(windows, now, true) ? 1 : 0;
  }

  /**
   * Checks the arguments of {@link #admitUpTo} other than the windows.
   *
   * @param now the current time
   * @param wanted how many actions
   * @param countedAt when the uses are counted
   * @throws InvalidInputException if {@code wanted} is not 1 to {@value #MAX_AT_ONCE}, or {@code
   *     countedAt} is before {@code now} or more than {@link #MAX_AHEAD} after it
   */
  static void validAhead(Instant now, int wanted, Instant countedAt) {
    Checks.notNull(now, "now");
    Checks.notNull(countedAt, "countedAt");
    if (wanted < 1 || wanted > MAX_AT_ONCE) {
      throw new InvalidInputException(
          "wanted", wanted, "admit 1 to " + MAX_AT_ONCE + " at once, was " + wanted);
    }
    // measured from now, not added to it: now may be too near the last instant to add an hour
    if (countedAt.isBefore(now) || Duration.between(now, countedAt).compareTo(MAX_AHEAD) > 0) {
      throw new InvalidInputException(
          "countedAt",
          countedAt,
          "uses are counted from now ("
              + now
              + ") to "
              + MAX_AHEAD
              + " after it, was "
              + countedAt);
    }
  }

  /**
   * A blast-radius window: at most {@code max} automatic actions per {@code length} for {@code
   * scope}. Windows are told apart by scope and length together.
   *
   * @param scope what the window counts, e.g. {@code "KIND:ISOLATE_DEVICE"}: 1-500 characters
   *     without control characters
   * @param length how far back uses count: positive, at most 3,650 days
   * @param max how many uses the window admits, at least 1
   */
  record Window(String scope, Duration length, int max) {

    /**
     * Validates.
     *
     * @param scope what the window counts, e.g. {@code "KIND:ISOLATE_DEVICE"}: 1-500 characters
     *     without control characters
     * @param length how far back uses count: positive, at most 3,650 days
     * @param max how many uses the window admits, at least 1
     * @throws InvalidInputException if the scope or length is null
     * @throws InvalidInputException if the scope is invalid, the length out of range or the maximum
     *     below 1
     */
    public Window {
      Text.require("scope", scope, 1, 500);
      Durations.requirePositive("window length", length);
      if (max < 1) {
        throw new InvalidInputException(
            "max", max, "a window admits at least one use, max was " + max);
      }
    }

    /** {@return the key the window's uses are counted under: scope and length} */
    public String key() {
      return scope + "/" + length;
    }
  }

  /**
   * {@return {@code change}, checked as one to record}
   *
   * @param change the change passed to {@link #record}
   * @throws InvalidInputException if it carries a number already
   */
  static ControlChange validNew(ControlChange change) {
    Checks.notNull(change, "change");
    if (change.sequence() != 0) {
      throw new InvalidInputException(
          "change",
          change.sequence(),
          "a change to record has sequence 0, was " + change.sequence());
    }
    return change;
  }

  /**
   * {@return {@code windows}, checked and copied}
   *
   * @param windows the windows passed to {@link #admit}
   * @throws InvalidInputException if there are none, or two with one key (scope and length): a use
   *     would count twice in one window
   */
  static List<Window> validWindows(List<Window> windows) {
    List<Window> copy = Checks.listOf(windows, "windows");
    if (copy.isEmpty()) {
      throw new InvalidInputException("windows", null, "admit needs at least one window");
    }
    // a caller passes a few windows per admission: compared pairwise, as building each key's text
    // cost more than comparing them; a long list goes through a set
    java.util.Set<List<Object>> keys =
        copy.size() > 8 ? new java.util.HashSet<>() : java.util.Set.of();
    for (int i = 0; i < copy.size(); i++) {
      Window window = copy.get(i);
      boolean repeated = false;
      if (copy.size() > 8) {
        repeated = !keys.add(List.of(window.scope(), window.length()));
      } else {
        for (int j = 0; j < i && !repeated; j++) {
          Window other = copy.get(j);
          repeated = window.scope().equals(other.scope()) && window.length().equals(other.length());
        }
      }
      if (repeated) {
        throw new InvalidInputException(
            "windows", null, "two windows have the key " + window.key() + ": " + copy);
      }
    }
    return copy;
  }

  /**
   * {@return {@code limit}, checked}
   *
   * @param after the last number seen
   * @param limit the page size passed to {@link #changes}
   * @throws InvalidInputException if {@code after} is negative or the limit is not 1 to {@value
   *     #MAX_CHANGES}
   */
  static int validPage(long after, int limit) {
    if (after < 0) {
      throw new InvalidInputException("after", after, "after must not be negative, was " + after);
    }
    if (limit < 1 || limit > MAX_CHANGES) {
      throw new InvalidInputException(
          "limit", limit, "limit must be 1-" + MAX_CHANGES + ", was " + limit);
    }
    return limit;
  }
}
