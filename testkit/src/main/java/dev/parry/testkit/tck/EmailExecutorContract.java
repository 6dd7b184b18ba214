package dev.parry.testkit.tck;

import dev.parry.core.entity.EntityFamily;

/**
 * The contract for email executors. Extend it, implement {@link #createSubject()}, and run it with
 * JUnit.
 *
 * <pre>{@code
 * class AcmeContractTest extends EmailExecutorContract {
 *   @Override
 *   protected Subject createSubject() {
 *     AcmeBackend backend = AcmeBackend.testTenant();
 *     return new Subject(new AcmeEmailExecutor(backend), ExecutorProbe.of(backend::isInEffect, backend::timesApplied));
 *   }
 * }
 * }</pre>
 */
public abstract non-sealed class EmailExecutorContract extends ExecutorContract {

  /** Creates the contract. */
  protected EmailExecutorContract() {}

  @Override
  protected final EntityFamily family() {
    return EntityFamily.EMAIL;
  }
}
