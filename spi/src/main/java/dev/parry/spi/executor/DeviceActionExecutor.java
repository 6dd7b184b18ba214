package dev.parry.spi.executor;

import dev.parry.core.entity.EntityFamily;

/**
 * An executor of device actions ({@code dev.parry.core.action.DeviceAction}). Implement it for a device
 * backend and register it with the runtime builder or through an {@link ExecutorProvider}.
 */
public non-sealed interface DeviceActionExecutor extends ActionExecutor {

  /** {@return {@link EntityFamily#DEVICE}} */
  @Override
  default EntityFamily family() {
    return EntityFamily.DEVICE;
  }
}
