package dev.parry.core.action;

import dev.parry.core.entity.RegistryKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove a registry key (a backup is kept so it can be restored).
 *
 * <p>Kind {@link ActionKind#REMOVE_REGISTRY_KEY}; known to Defender's action API as "AIR remove
 * registry key".
 *
 * @param registryKey the registry key to remove, on its device
 */
public record RemoveRegistryKey(RegistryKey registryKey) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param registryKey the registry key to remove, on its device
   * @throws InvalidInputException if a component is null
   */
  public RemoveRegistryKey {
    Checks.notNull(registryKey, "registryKey");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REMOVE_REGISTRY_KEY;
  }

  @Override
  public RegistryKey target() {
    return registryKey;
  }

  /** {@return the action that undoes this one: {@link RestoreRegistryKey} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new RestoreRegistryKey(registryKey);
  }
}
