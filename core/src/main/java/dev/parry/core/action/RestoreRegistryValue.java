package dev.parry.core.action;

import dev.parry.core.entity.RegistryValue;
import java.util.Objects;

/**
 * Write a removed registry value back, with its name, type and data: the undo of {@link RemoveRegistryValue}.
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
   * @throws NullPointerException if a component is null
   */
  public RestoreRegistryValue {
    Objects.requireNonNull(registryValue, "registryValue");
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
