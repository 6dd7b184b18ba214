package dev.parry.core.action;

import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;

/**
 * A remediation action: one record per kind in the catalogue, each typed by the entity it targets
 * ({@code IsolateDevice} takes a {@code Device}; it cannot be built for an email).
 *
 * <p>The hierarchy is sealed in three families that map to the three executor SPIs:
 * {@link DeviceAction}, {@link EmailAction} and {@link IdentityAction}. Actions that can be undone
 * also implement {@link ReversibleAction}. What every kind declares (family, reversibility, impact,
 * whether it may run automatically) lives on its {@link ActionKind}.
 *
 * <pre>{@code
 * RemediationAction isolate = new IsolateDevice(device, IsolationType.FULL);
 * isolate.kind().impact();                       // CONTAINMENT
 * ((ReversibleAction) isolate).inverse();        // ReleaseFromIsolation[device=...]
 * }</pre>
 */
public sealed interface RemediationAction permits DeviceAction, EmailAction, IdentityAction, ReversibleAction {

  /** {@return the kind of this action} */
  ActionKind kind();

  /** {@return the entity this action acts on} */
  Entity target();

  /** {@return the family of this action, which names the executor SPI that runs it} */
  default EntityFamily family() {
    return kind().family();
  }

  /**
   * {@return the key that identifies "this kind of action on this target"}: two actions with the same
   * key do the same thing to the same entity, whatever their other parameters, and are not run twice
   * at once.
   */
  default ActionKey key() {
    return new ActionKey(kind(), target().key());
  }
}
