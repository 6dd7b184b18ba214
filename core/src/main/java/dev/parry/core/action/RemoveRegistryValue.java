package dev.parry.core.action;

import dev.parry.core.entity.RegistryValue;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove one value of a registry key, leaving the key and its other values (a persistence entry
 * such as a {@code Run} entry is a value). Undone by writing the value back with its type and data.
 *
 * <p>Kind {@link ActionKind#REMOVE_REGISTRY_VALUE}; Parry's own kind: the AIR catalogue names
 * registry keys only, while real persistence evidence names a value.
 *
 * @param registryValue the registry value to remove, on its device
 */
public record RemoveRegistryValue(RegistryValue registryValue)
    implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param registryValue the registry value to remove, on its device
   * @throws InvalidInputException if a component is null
   */
  public RemoveRegistryValue {
    Checks.notNull(registryValue, "registryValue");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REMOVE_REGISTRY_VALUE;
  }

  @Override
  public RegistryValue target() {
    return registryValue;
  }

  /** {@return the action that undoes this one: {@link RestoreRegistryValue} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new RestoreRegistryValue(registryValue);
  }
}
