package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import java.util.Optional;

/**
 * A remediation action: one record per kind in the catalogue, each typed by the entity it targets
 * ({@code IsolateDevice} takes a {@code Device}; it cannot be built for an email).
 *
 * <p>The hierarchy is sealed in three families that map to the three executor SPIs: {@link
 * DeviceAction}, {@link EmailAction} and {@link IdentityAction}. Actions that can be undone also
 * implement {@link ReversibleAction}. What every kind declares (family, reversibility, impact,
 * whether it may run automatically) lives on its {@link ActionKind}.
 *
 * <pre>{@code
 * RemediationAction isolate = new IsolateDevice(device, IsolationType.FULL);
 * isolate.kind().impact();                       // CONTAINMENT
 * ((ReversibleAction) isolate).inverse();        // ReleaseFromIsolation[device=...]
 * }</pre>
 */
public sealed interface RemediationAction
    permits DeviceAction, EmailAction, IdentityAction, ReversibleAction {

  /** {@return the kind of this action} */
  ActionKind kind();

  /** {@return the entity this action acts on} */
  Entity target();

  /** {@return the family of this action, which names the executor SPI that runs it} */
  default EntityFamily family() {
    return kind().family();
  }

  /**
   * {@return the key that identifies "this kind of action on this target"}: two actions with the
   * same key do the same thing to the same entity, whatever their other parameters, and are not run
   * twice at once.
   */
  default ActionKey key() {
    return new ActionKey(kind(), target().key());
  }

  /**
   * {@return why this action cannot be sent to an executor, or empty if it can}: its file lacks the
   * hash its kind needs ({@link ActionKind#requiredHash()}), or a process to kill lacks its
   * creation time (a process id alone may name a later process that reused it). Such an action is
   * planned pending approval with this reason, approving it is refused with it, and it is never
   * sent; stored actions of an earlier release read as they were and are held the same way.
   *
   * <pre>{@code
   * new StopAndQuarantineFile(DeviceFile.anywhere(sha256)).missingForExecution();
   * // Optional[STOP_AND_QUARANTINE_FILE needs the file's SHA-1 ...]
   * }</pre>
   */
  default Optional<String> missingForExecution() {
    // the kind first: for most kinds the target object is then never looked at
    RequiredHash required = kind().requiredHash();
    Entity target = target();
    if (required != RequiredHash.NONE
        && required != RequiredHash.ANY
        && target instanceof DeviceFile file
        && !required.isMetBy(file)) {
      return Optional.of(
          kind()
              + " needs the file's "
              + required
              + " hash, which the evidence does not"
              + " carry (file "
              + file.strongestHash()
              + ")");
    }
    if (kind() == ActionKind.KILL_PROCESS
        && target instanceof DeviceProcess process
        && process.creationTime() == null) {
      return Optional.of(
          "KILL_PROCESS needs the process's creation time: process id "
              + process.processId()
              + " alone may name a later process that reused it");
    }
    return Optional.empty();
  }
}
