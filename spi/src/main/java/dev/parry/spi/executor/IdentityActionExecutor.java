package dev.parry.spi.executor;

import dev.parry.core.entity.EntityFamily;

/**
 * An executor of identity actions ({@code dev.parry.core.action.IdentityAction}). Implement it for
 * a identity backend and register it with the runtime builder or through an {@link
 * ExecutorProvider}.
 */
public non-sealed interface IdentityActionExecutor extends ActionExecutor {

  /** {@return {@link EntityFamily#IDENTITY}} */
  @Override
  default EntityFamily family() {
    return EntityFamily.IDENTITY;
  }
}
