package dev.parry.spi.executor;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Carries out remediation actions against one backend. Vendors implement one of the three
 * family-specific interfaces: {@link DeviceActionExecutor}, {@link EmailActionExecutor} or {@link
 * IdentityActionExecutor}.
 *
 * <p>The contract (the numbered rules are in the SPI specification):
 *
 * <ul>
 *   <li>{@link #execute} answers asynchronously and never throws: a problem is a {@link
 *       ExecutionOutcome.Failed failed} outcome with a reason.
 *   <li>The same {@link IdempotencyKey} executed twice has its effect once; the second call answers
 *       the first call's outcome (or success).
 *   <li>An action kind the executor does not support yields a non-retryable failure.
 *   <li>An executor answers before the request's deadline, or answers "in progress" with a
 *       reference the runtime polls through {@link #status}.
 *   <li>A device executor that {@linkplain DeviceActionExecutor#honoursExclusions() honours
 *       exclusions} leaves untouched every device the request's {@link
 *       ExecutionRequest#exclusions() exclusions} exclude.
 * </ul>
 *
 * <pre>{@code
 * public final class MyDeviceExecutor implements DeviceActionExecutor {
 *   public Set<ActionKind> supportedKinds() {
 *     return EnumSet.of(ActionKind.ISOLATE_DEVICE, ActionKind.RELEASE_FROM_ISOLATION);
 *   }
 *   public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
 *     return backend.isolate(request.idempotencyKey().value(), ((IsolateDevice) request.action()).device().id())
 *         .thenApply(ref -> ExecutionOutcome.inProgress(ExternalReference.of(ref), Duration.ofSeconds(30)));
 *   }
 *   public CompletionStage<ExecutionOutcome> status(ExecutionRequest request, ExternalReference reference) {
 *     return backend.status(reference.value()).thenApply(MyDeviceExecutor::toOutcome);
 *   }
 * }
 * }</pre>
 */
public sealed interface ActionExecutor
    permits DeviceActionExecutor, EmailActionExecutor, IdentityActionExecutor {

  /** {@return the family of actions this executor runs} */
  EntityFamily family();

  /** {@return the action kinds this executor supports, all of its family} */
  Set<ActionKind> supportedKinds();

  /**
   * Carries out one attempt of an action.
   *
   * @param request the request
   * @return the outcome, completed when the backend answers
   */
  CompletionStage<ExecutionOutcome> execute(ExecutionRequest request);

  /**
   * Asks how work answered "in progress" stands.
   *
   * @param request the request that was answered "in progress"
   * @param reference the reference it was answered with
   * @return the outcome so far: in progress again, succeeded or failed
   */
  CompletionStage<ExecutionOutcome> status(ExecutionRequest request, ExternalReference reference);

  /**
   * Asks the backend to stop work in progress. Optional: the default answers false (not cancelled).
   *
   * @param request the request being cancelled
   * @param reference the reference it was answered with, or null if it has none yet or if an
   *     earlier call with the same idempotency key went unanswered (then every piece of work of
   *     that key must be stopped for a true answer)
   * @return whether the backend stopped the work
   */
  default CompletionStage<Boolean> cancel(
      ExecutionRequest request, @Nullable ExternalReference reference) {
    return CompletableFuture.completedFuture(false);
  }
}
