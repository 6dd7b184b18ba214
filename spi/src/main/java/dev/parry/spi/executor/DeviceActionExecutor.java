package dev.parry.spi.executor;

import dev.parry.core.entity.EntityFamily;

/**
 * An executor of device actions ({@code dev.parry.core.action.DeviceAction}). Implement it for a
 * device backend and register it with the runtime builder or through an {@link ExecutorProvider}.
 *
 * <p>Some device actions reach more than one device: a file known by its hash alone is stopped and
 * quarantined wherever it is. Such a request carries the protected devices to leave out ({@link
 * ExecutionRequest#exclusions()}). An executor that can keep them says so with {@link
 * #honoursExclusions()}; the runtime then dispatches fleet-wide automatic actions to it with the
 * exclusions. Otherwise, while any device is protected, a fleet-wide automatic action waits for
 * approval.
 *
 * <pre>{@code
 * public final class AcmeEdrExecutor implements DeviceActionExecutor {
 *   public boolean honoursExclusions() {
 *     return true;   // execute() skips every device request.exclusions().excludes(...)
 *   }
 *   ...
 * }
 * }</pre>
 */
public non-sealed interface DeviceActionExecutor extends ActionExecutor {

  /** {@return {@link EntityFamily#DEVICE}} */
  @Override
  default EntityFamily family() {
    return EntityFamily.DEVICE;
  }

  /**
   * {@return whether this executor leaves untouched every device a request's {@linkplain
   * ExecutionRequest#exclusions() exclusions} exclude} An executor that answers true must keep that
   * promise for every request and every action kind it supports (rule EXE-12). The default answers
   * false: fleet-wide automatic actions then wait for approval while any device is protected, and
   * an approved one is still sent with its exclusions, which this executor may ignore.
   */
  default boolean honoursExclusions() {
    return false;
  }
}
