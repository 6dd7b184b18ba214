package dev.parry.runtime;

import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.safety.SafetyOverride;

/**
 * Observes the runtime: every event once it is stored, and every access denial. Listeners run on
 * the thread that stored the event; an exception a listener throws is logged and never reaches the
 * runtime or other listeners. Keep listeners fast; hand slow work to your own executor.
 *
 * <pre>{@code
 * RuntimeListener audit = event -> auditLog.write(event.investigationId(), event);
 * }</pre>
 */
@FunctionalInterface
public interface RuntimeListener {

  /**
   * Called after {@code event} was stored.
   *
   * @param event the event
   */
  void onEvent(InvestigationEvent event);

  /**
   * Called when a caller was denied; the default does nothing.
   *
   * @param denial the denial, as thrown to the caller
   */
  default void onAccessDenied(AccessDeniedException denial) {}

  /**
   * Called when a person changes the safety guards (kill switch, break glass); the default does
   * nothing.
   *
   * @param override what changed, by whom and why
   */
  default void onSafetyOverride(SafetyOverride override) {}
}
