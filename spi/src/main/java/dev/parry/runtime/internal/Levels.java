package dev.parry.runtime.internal;

import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.runtime.observe.RuntimeGauges;
import java.util.OptionalInt;

/**
 * The levels one runtime hands its instrumentation, read from the dispatcher and the reconciler.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Levels implements RuntimeGauges {

  private final Dispatcher dispatcher;
  private final Reconciler reconciler;

  private Levels(Dispatcher dispatcher, Reconciler reconciler) {
    this.dispatcher = dispatcher;
    this.reconciler = reconciler;
  }

  /**
   * {@return the levels of the runtime made of these parts}
   *
   * @param dispatcher its dispatcher
   * @param reconciler its reconciler
   */
  public static Levels of(Dispatcher dispatcher, Reconciler reconciler) {
    return new Levels(dispatcher, reconciler);
  }

  @Override
  public int waiting(EntityFamily family) {
    return dispatcher.waiting(family);
  }

  @Override
  public int inFlight() {
    return dispatcher.inFlight();
  }

  @Override
  public OptionalInt pendingApprovals() {
    return reconciler.pendingApprovals();
  }

  @Override
  public RuntimeHealth health() {
    return reconciler.health();
  }

  @Override
  public String toString() {
    return "Levels{inFlight=" + dispatcher.inFlight() + "}";
  }
}
