package dev.parry.core.action;

import dev.parry.core.entity.Driver;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Re-enable a disabled driver: the undo of {@link DisableDriver}.
 *
 * <p>Kind {@link ActionKind#ENABLE_DRIVER}; known to Defender's action API as "re-enable driver".
 *
 * @param driver the disabled driver to enable again, on its device
 */
public record EnableDriver(Driver driver) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param driver the disabled driver to enable again, on its device
   * @throws InvalidInputException if a component is null
   */
  public EnableDriver {
    Checks.notNull(driver, "driver");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ENABLE_DRIVER;
  }

  @Override
  public Driver target() {
    return driver;
  }
}
