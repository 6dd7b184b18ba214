package dev.parry.core.action;

import dev.parry.core.entity.RegistryValue;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Write a removed registry value back, with its name, type and data: the undo of {@link
 * RemoveRegistryValue}.
 *
 * <p>Kind {@link ActionKind#RESTORE_REGISTRY_VALUE}; Parry's own kind.
 *
 * @param registryValue the registry value to restore, on its device
 */
public record RestoreRegistryValue(RegistryValue registryValue) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param registryValue the registry value to restore, on its device
   * @throws InvalidInputException if a component is null
   */
  public RestoreRegistryValue {
    Checks.notNull(registryValue, "registryValue");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESTORE_REGISTRY_VALUE;
  }

  @Override
  public RegistryValue target() {
    return registryValue;
  }
}
