package dev.parry.testkit.recovery;

import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A control store that runs a test's code once, just before the first change is recorded: a
 * deterministic stand-in for another runtime acting while a false-positive report records its
 * indicators.
 */
final class HookedControls {

  private HookedControls() {}

  /**
   * {@return {@code shared}, with {@code hook} run before the first change it records}
   *
   * @param shared the control store that answers
   * @param hook what runs once, before the first {@code record}
   */
  static ControlStore hooked(ControlStore shared, Runnable hook) {
    AtomicBoolean once = new AtomicBoolean();
    return new ControlStore() {
      @Override
      public ControlChange record(ControlChange change) {
        if (once.compareAndSet(false, true)) {
          hook.run();
        }
        return shared.record(change);
      }

      @Override
      public List<ControlChange> changes(long after, int limit) {
        return shared.changes(after, limit);
      }

      @Override
      public boolean admit(List<Window> windows, Instant now, boolean consume) {
        return shared.admit(windows, now, consume);
      }

      @Override
      public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
        return shared.admitUpTo(windows, now, wanted, countedAt);
      }
    };
  }
}
