package dev.parry.spi.executor;

import dev.parry.core.entity.EntityFamily;

/**
 * An executor of email actions ({@code dev.parry.core.action.EmailAction}). Implement it for a
 * email backend and register it with the runtime builder or through an {@link ExecutorProvider}.
 */
public non-sealed interface EmailActionExecutor extends ActionExecutor {

  /** {@return {@link EntityFamily#EMAIL}} */
  @Override
  default EntityFamily family() {
    return EntityFamily.EMAIL;
  }
}
