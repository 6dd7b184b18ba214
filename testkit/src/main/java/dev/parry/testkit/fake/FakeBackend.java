package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.EntityFamily;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.testkit.tck.ExecutorProbe;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the three fake backends share: effects a test can read, calls recorded for assertions, and
 * faults a test scripts. Every action kind of the backend's family has an effect; its undo
 * counterpart removes it. A repeated idempotency key answers the first outcome and changes nothing.
 */
public abstract sealed class FakeBackend permits FakeDevices, FakeMail, FakeDirectory {

  final FakeEngine engine;

  FakeBackend(FakeEngine engine) {
    this.engine = engine;
  }

  /** {@return the executor that acts on this backend} */
  public abstract ActionExecutor executor();

  /** {@return the family this backend serves} */
  public abstract EntityFamily family();

  /**
   * Scripts a fault for the next {@code times} calls, whatever their kind.
   *
   * @param fault the fault
   * @param times how many calls, 1 or more
   * @return this backend
   * @throws IllegalArgumentException if {@code times} is less than 1
   */
  public FakeBackend inject(Fault fault, int times) {
    engine.inject(request -> true, Objects.requireNonNull(fault, "fault"), times);
    return this;
  }

  /**
   * Scripts a fault for the next {@code times} calls of one kind.
   *
   * @param kind the kind
   * @param fault the fault
   * @param times how many calls, 1 or more
   * @return this backend
   * @throws IllegalArgumentException if {@code times} is less than 1
   */
  public FakeBackend inject(ActionKind kind, Fault fault, int times) {
    Objects.requireNonNull(kind, "kind");
    engine.inject(
        request -> request.action().kind() == kind, Objects.requireNonNull(fault, "fault"), times);
    return this;
  }

  /**
   * {@return whether {@code action}'s effect is in place now} (taken and not undone)
   *
   * @param action the action
   */
  public boolean isInEffect(RemediationAction action) {
    return engine.inEffect(action);
  }

  /**
   * {@return how many times {@code action}'s effect was applied}: 1 for an action carried out once,
   * however often it was retried
   *
   * @param action the action
   */
  public int timesApplied(RemediationAction action) {
    return engine.timesApplied(action);
  }

  /**
   * {@return a probe of this backend for the executor contracts, counting applications and telling
   * effects per device}
   */
  public ExecutorProbe probe() {
    return new ExecutorProbe() {
      @Override
      public boolean isInEffect(RemediationAction action) {
        return engine.inEffect(action);
      }

      @Override
      public int timesApplied(RemediationAction action) {
        return engine.timesApplied(action);
      }

      @Override
      public Optional<Boolean> isInEffectOn(RemediationAction action, DeviceId device) {
        return Optional.of(engine.inEffectOn(action, device));
      }
    };
  }

  /** {@return every effect in place, as {@code KIND@entityKey}} */
  public Set<String> effects() {
    return engine.effects();
  }

  /** {@return every call received, in order} */
  public List<Call> calls() {
    return engine.calls();
  }

  /** Forgets every effect, outcome, call and scripted fault; enrolled devices stay. */
  public void reset() {
    engine.reset();
  }

  /** Makes every later call throw, to catch use after a test's end. */
  public void shutdown() {
    engine.shutdown();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "{effects="
        + engine.effects().size()
        + ", calls="
        + engine.calls().size()
        + "}";
  }
}
