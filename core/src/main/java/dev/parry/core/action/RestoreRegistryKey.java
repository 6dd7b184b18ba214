package dev.parry.core.action;

import dev.parry.core.entity.RegistryKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Restore a removed registry key: the undo of {@link RemoveRegistryKey}.
 *
 * <p>Kind {@link ActionKind#RESTORE_REGISTRY_KEY}; known to Defender's action API as "restore
 * registry key".
 *
 * @param registryKey the registry key to restore, on its device
 */
public record RestoreRegistryKey(RegistryKey registryKey) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param registryKey the registry key to restore, on its device
   * @throws InvalidInputException if a component is null
   */
  public RestoreRegistryKey {
    Checks.notNull(registryKey, "registryKey");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESTORE_REGISTRY_KEY;
  }

  @Override
  public RegistryKey target() {
    return registryKey;
  }
}
