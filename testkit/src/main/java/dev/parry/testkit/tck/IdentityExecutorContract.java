package dev.parry.testkit.tck;

import dev.parry.core.entity.EntityFamily;

/**
 * The contract for identity executors. Extend it, implement {@link #createSubject()}, and run it
 * with JUnit.
 *
 * <pre>{@code
 * class AcmeContractTest extends IdentityExecutorContract {
 *   @Override
 *   protected Subject createSubject() {
 *     AcmeBackend backend = AcmeBackend.testTenant();
 *     return new Subject(new AcmeIdentityExecutor(backend), ExecutorProbe.of(backend::isInEffect, backend::timesApplied));
 *   }
 * }
 * }</pre>
 */
public abstract non-sealed class IdentityExecutorContract extends ExecutorContract {

  /** Creates the contract. */
  protected IdentityExecutorContract() {}

  @Override
  protected final EntityFamily family() {
    return EntityFamily.IDENTITY;
  }
}
