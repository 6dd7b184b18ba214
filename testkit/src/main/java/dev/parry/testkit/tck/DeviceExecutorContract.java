package dev.parry.testkit.tck;

import dev.parry.core.entity.EntityFamily;

/**
 * The contract for device executors. Extend it, implement {@link #createSubject()}, and run it with
 * JUnit.
 *
 * <pre>{@code
 * class AcmeContractTest extends DeviceExecutorContract {
 *   @Override
 *   protected Subject createSubject() {
 *     AcmeBackend backend = AcmeBackend.testTenant();
 *     return new Subject(new AcmeDeviceExecutor(backend), backend::isInEffect);
 *   }
 * }
 * }</pre>
 */
public abstract non-sealed class DeviceExecutorContract extends ExecutorContract {

  /** Creates the contract. */
  protected DeviceExecutorContract() {}

  @Override
  protected final EntityFamily family() {
    return EntityFamily.DEVICE;
  }
}
