package dev.parry.core.action;

import dev.parry.core.entity.WindowsService;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Restart a stopped service: the undo of {@link StopService}.
 *
 * <p>Kind {@link ActionKind#START_SERVICE}; known to Defender's action API as "restart service".
 *
 * @param service the stopped Windows service to restart, on its device
 */
public record StartService(WindowsService service) implements DeviceAction {

  /**
   * Validates the action.
   *
   * @param service the stopped Windows service to restart, on its device
   * @throws InvalidInputException if a component is null
   */
  public StartService {
    Checks.notNull(service, "service");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.START_SERVICE;
  }

  @Override
  public WindowsService target() {
    return service;
  }
}
