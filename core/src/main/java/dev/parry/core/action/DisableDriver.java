package dev.parry.core.action;

import dev.parry.core.entity.Driver;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Disable a kernel driver.
 *
 * <p>Kind {@link ActionKind#DISABLE_DRIVER}; known to Defender's action API as "AIR disable
 * driver".
 *
 * @param driver the driver to disable, on its device
 */
public record DisableDriver(Driver driver) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param driver the driver to disable, on its device
   * @throws InvalidInputException if a component is null
   */
  public DisableDriver {
    Checks.notNull(driver, "driver");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.DISABLE_DRIVER;
  }

  @Override
  public Driver target() {
    return driver;
  }

  /** {@return the action that undoes this one: {@link EnableDriver} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new EnableDriver(driver);
  }
}
