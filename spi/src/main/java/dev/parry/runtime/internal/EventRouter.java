package dev.parry.runtime.internal;

import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.safety.SafetyOverride;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what happened to the listeners and to the runtime's own parts, with one failure rule: a
 * listener that throws (an {@link Error} included, but a {@link VirtualMachineError}) is logged
 * once with the listener and the event, and ignored; the other listeners and the runtime carry on.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class EventRouter {

  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

  /** What a part of the runtime does when an event was stored. */
  @FunctionalInterface
  public interface Reaction {
    /**
     * Reacts to a stored event; an optimisation only, since the reconciler finds all due work
     * anyway.
     *
     * @param event the event
     * @param after the investigation after the append that stored it
     */
    void on(InvestigationEvent event, Investigation after);
  }

  // arrays, walked by index: every stored event goes past each of them, and an iterator per walk
  // was a measurable share of what an investigation allocates
  private final RuntimeListener[] listeners;
  private final Reaction[] reactions;

  private EventRouter(List<RuntimeListener> listeners, List<Reaction> reactions) {
    this.listeners = listeners.toArray(new RuntimeListener[0]);
    this.reactions = reactions.toArray(new Reaction[0]);
  }

  /**
   * {@return a router}
   *
   * @param listeners the listeners, in order
   * @param reactions the runtime's own reactions, run after the listeners
   */
  public static EventRouter of(List<RuntimeListener> listeners, List<Reaction> reactions) {
    return new EventRouter(List.copyOf(listeners), List.copyOf(reactions));
  }

  private volatile Consumer<Investigation> afterBatch = state -> {};

  /**
   * Tells the listeners, then the reactions, about events just stored.
   *
   * @param events the events, in order
   * @param after the investigation after them
   */
  public void stored(List<InvestigationEvent> events, Investigation after) {
    for (int i = 0, size = events.size(); i < size; i++) {
      InvestigationEvent event = events.get(i);
      for (RuntimeListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException | Error e) {
          failed(listener, e, event.getClass().getSimpleName());
        }
      }
      for (Reaction reaction : reactions) {
        try {
          reaction.on(event, after);
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError) {
            throw e;
          }
          LOG.atError()
              .addKeyValue("event", event.getClass().getSimpleName())
              .addKeyValue("investigationId", LogSafe.of(event.investigationId()))
              .log(
                  "reaction failed (" + e.getClass().getName() + "); the reconciler will catch up");
        }
      }
    }
    try {
      afterBatch.accept(after);
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("investigationId", LogSafe.of(after.id()))
          .log(
              "after-batch hook failed ("
                  + e.getClass().getName()
                  + "); the reconciler will catch up");
    }
  }

  /**
   * Runs {@code hook} with the investigation's state once every listener and reaction has heard a
   * whole batch of stored events: what must not act before the rest of the runtime has.
   *
   * @param hook what to run
   */
  public void afterEachBatch(Consumer<Investigation> hook) {
    afterBatch = Checks.notNull(hook, "hook");
  }

  /**
   * Tells the listeners about an access denial.
   *
   * @param denial the denial
   */
  public void denied(AccessDeniedException denial) {
    tell("access denial", listener -> listener.onAccessDenied(denial));
  }

  /**
   * Tells the listeners about a change of the safety guards.
   *
   * @param override the change
   */
  public void override(SafetyOverride override) {
    tell("safety override", listener -> listener.onSafetyOverride(override));
  }

  private void tell(String what, Consumer<RuntimeListener> call) {
    for (RuntimeListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException | Error e) {
        failed(listener, e, what);
      }
    }
  }

  /**
   * The one failure rule: a virtual machine error goes on; anything else is logged once and
   * ignored.
   */
  private static void failed(RuntimeListener listener, Throwable e, String what) {
    if (e instanceof VirtualMachineError error) {
      throw error;
    }
    LOG.atError()
        .addKeyValue("listener", LogSafe.of(listener.getClass().getName()))
        .addKeyValue("on", what)
        .log("listener failed: " + e.getClass().getName());
  }
}
