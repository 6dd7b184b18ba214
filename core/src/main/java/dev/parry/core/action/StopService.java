package dev.parry.core.action;

import dev.parry.core.entity.WindowsService;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Stop a service and keep it from starting.
 *
 * <p>Kind {@link ActionKind#STOP_SERVICE}; known to Defender's action API as "AIR stop service".
 *
 * @param service the Windows service to stop, on its device
 */
public record StopService(WindowsService service) implements DeviceAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param service the Windows service to stop, on its device
   * @throws InvalidInputException if a component is null
   */
  public StopService {
    Checks.notNull(service, "service");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.STOP_SERVICE;
  }

  @Override
  public WindowsService target() {
    return service;
  }

  /** {@return the action that undoes this one: {@link StartService} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new StartService(service);
  }
}
