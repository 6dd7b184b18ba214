package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ImpactClass;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.ReversibleAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.testkit.generate.DomainGenerators;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The executor contract (rules EXE-1 to EXE-10 of {@code spi/SPEC.md}). Extend
 * {@link DeviceExecutorContract}, {@link EmailExecutorContract} or {@link IdentityExecutorContract}.
 */
public abstract sealed class ExecutorContract extends ContractSupport
    permits DeviceExecutorContract, EmailExecutorContract, IdentityExecutorContract {

  /**
   * What a contract run tests.
   *
   * @param executor the executor
   * @param probe what observes its backend
   */
  public record Subject(ActionExecutor executor, ExecutorProbe probe) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a component is null
     */
    public Subject {
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(probe, "probe");
    }
  }

  private @Nullable Subject subject;

  ExecutorContract() {}

  /** {@return a fresh executor and its probe; called before every test} */
  protected abstract Subject createSubject();

  /** {@return the family under test} */
  protected abstract EntityFamily family();

  /**
   * {@return an action of {@code kind} on a target the backend under test knows}: override for a
   * real backend (a test device, a test mailbox); the default generates one.
   *
   * @param kind the kind
   * @param random a seeded source, so a run is repeatable
   */
  protected RemediationAction sampleAction(ActionKind kind, Random random) {
    return DomainGenerators.actionOf(kind).next(random);
  }

  /** {@return how long each request may take before its deadline; default 2 seconds} */
  protected Duration deadline() {
    return Duration.ofSeconds(2);
  }

  /** {@return how many times the contract polls an "in progress" answer; default 20} */
  protected int maxPolls() {
    return 20;
  }

  /** {@return how long the contract waits between polls; default none (fakes answer at once)} */
  protected Duration pollPause() {
    return Duration.ZERO;
  }

  /** {@return the clock deadlines are computed on} */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  @BeforeEach
  final void createContractSubject() {
    subject = createSubject();
  }

  final Subject subject() {
    return Objects.requireNonNull(subject, "createSubject() must not return null");
  }

  final ActionExecutor executor() {
    return subject().executor();
  }

  final ExecutionRequest request(RemediationAction action, String key) {
    InvestigationId investigation = InvestigationId.of("tck");
    return new ExecutionRequest(action, ExecutionPurpose.EXECUTE, IdempotencyKey.of(key), 1,
        clock().instant().plus(deadline()), Actor.system(), "contract test", investigation, new ActionId(investigation, 1));
  }

  static String key() {
    return "tck-" + UUID.randomUUID();
  }

  /** Waits for an answer within the deadline (EXE-2 and EXE-6). */
  final ExecutionOutcome answer(@Nullable CompletionStage<ExecutionOutcome> stage, String what) {
    if (stage == null) {
      throw new AssertionError("EXE-2: " + what + " returned null instead of a CompletionStage");
    }
    try {
      ExecutionOutcome outcome = stage.toCompletableFuture().get(deadline().toMillis() + 250, TimeUnit.MILLISECONDS);
      assertNotNull(outcome, "EXE-2: " + what + " completed with null");
      return outcome;
    } catch (TimeoutException e) {
      throw new AssertionError("EXE-6: " + what + " did not answer before the deadline of " + deadline(), e);
    } catch (ExecutionException e) {
      throw new AssertionError("EXE-2: " + what + " completed exceptionally: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Executes and, for an "in progress" answer, polls to the end (EXE-7). */
  final ExecutionOutcome executeToEnd(ExecutionRequest request) {
    ExecutionOutcome outcome = answer(call(() -> executor().execute(request), "execute"), "execute " + request);
    for (int polls = 0; outcome instanceof ExecutionOutcome.InProgress progress; polls++) {
      if (polls >= maxPolls()) {
        fail("EXE-7: still in progress after " + maxPolls() + " polls of " + progress.reference());
      }
      pause();
      outcome = answer(call(() -> executor().status(request, progress.reference()), "status"), "status");
    }
    return outcome;
  }

  private void pause() {
    if (!pollPause().isZero()) {
      try {
        Thread.sleep(pollPause().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Calls the executor, turning a throw into the rule it breaks. */
  static <T> @Nullable T call(Supplier<T> body, String what) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw new AssertionError("EXE-2: " + what + " threw " + e, e);
    }
  }

  final List<ActionKind> kinds() {
    List<ActionKind> kinds = new ArrayList<>(executor().supportedKinds());
    kinds.sort(null);
    return kinds;
  }

  // ---- Capabilities ------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-1: supported kinds are non-empty and all of the executor's family")
  void exe1_supportedKindsAreOfTheFamily() {
    rule("EXE-1", false);
    Set<ActionKind> kinds = executor().supportedKinds();
    assertFalse(kinds.isEmpty(), "EXE-1: no supported kind");
    assertEquals(family(), executor().family(), "EXE-1: wrong family");
    for (ActionKind kind : kinds) {
      assertEquals(family(), kind.family(), "EXE-1: " + kind + " is not a " + family() + " kind");
    }
  }

  // ---- Execution ---------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-2: execute answers a non-null stage and never throws, for every supported kind")
  void exe2_executeNeverThrowsOrAnswersNull() {
    rule("EXE-2", false);
    Random random = new Random(2);
    for (ActionKind kind : kinds()) {
      ExecutionRequest request = request(sampleAction(kind, random), key());
      answer(call(() -> executor().execute(request), "execute " + kind), "execute " + kind);
    }
  }

  @Test
  @DisplayName("EXE-3: an unsupported kind yields a non-retryable failure with a reason")
  void exe3_unsupportedKindFailsWithoutRetry() {
    rule("EXE-3", false);
    ActionKind foreign = null;
    for (ActionKind kind : ActionKind.values()) {
      if (!executor().supportedKinds().contains(kind)) {
        foreign = kind;
        break;
      }
    }
    if (foreign == null) {
      return; // supports every kind: nothing to refuse
    }
    ActionKind unsupported = foreign;
    ExecutionRequest request = request(DomainGenerators.actionOf(unsupported).next(new Random(3)), key());
    ExecutionOutcome outcome;
    try {
      outcome = answer(executor().execute(request), "execute " + unsupported);
    } catch (RuntimeException e) {
      throw new AssertionError("EXE-3: an unsupported kind threw " + e, e);
    }
    if (!(outcome instanceof ExecutionOutcome.Failed failed)) {
      throw new AssertionError("EXE-3: unsupported " + unsupported + " answered " + outcome);
    }
    assertFalse(failed.retryable(), "EXE-3: the failure must not be retryable");
    assertFalse(failed.reason().isBlank(), "EXE-3: the failure needs a reason");
  }

  @Test
  @DisplayName("EXE-4: a supported action takes effect")
  void exe4_supportedActionTakesEffect() {
    rule("EXE-4", false);
    Random random = new Random(4);
    for (ActionKind kind : kinds()) {
      if (kind.impact() == ImpactClass.RESTORATIVE || kind == ActionKind.MOVE_EMAIL) {
        continue; // counterparts remove an effect; EXE-8 checks them
      }
      RemediationAction action = sampleAction(kind, random);
      ExecutionOutcome outcome = executeToEnd(request(action, key()));
      assertTrue(outcome instanceof ExecutionOutcome.Succeeded, () -> "EXE-4: " + kind + " answered " + outcome);
      assertTrue(subject().probe().isInEffect(action), () -> "EXE-4: " + kind + " succeeded but has no effect");
    }
  }

  @Test
  @DisplayName("EXE-6: every answer arrives before the request's deadline")
  void exe6_answersBeforeTheDeadline() {
    rule("EXE-6", false);
    Random random = new Random(6);
    for (ActionKind kind : kinds()) {
      ExecutionRequest request = request(sampleAction(kind, random), key());
      try {
        answer(executor().execute(request), "execute " + kind);
      } catch (RuntimeException e) {
        throw new AssertionError("EXE-2: execute threw " + e, e);
      }
    }
  }

  // ---- Idempotency -------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-5: the same idempotency key executed twice has its effect once")
  void exe5_sameKeyHasItsEffectOnce() {
    rule("EXE-5", false);
    Random random = new Random(5);
    for (ActionKind kind : kinds()) {
      if (kind.impact() == ImpactClass.RESTORATIVE || kind == ActionKind.MOVE_EMAIL) {
        continue;
      }
      RemediationAction action = sampleAction(kind, random);
      ExecutionRequest request = request(action, key());
      executeToEnd(request);
      ExecutionOutcome second = executeToEnd(request);
      assertFalse(second instanceof ExecutionOutcome.Failed, () -> "EXE-5: repeating the key of " + kind
          + " answered " + second);
      OptionalInt times = subject().probe().timesApplied(action);
      if (times.isPresent()) {
        assertEquals(1, times.getAsInt(), () -> "EXE-5: " + kind + " took effect " + times.getAsInt() + " times");
      }
      assertTrue(subject().probe().isInEffect(action), () -> "EXE-5: " + kind + " has no effect");
    }
  }

  // ---- Progress ----------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-7: an in-progress answer can be polled to an end, and status never throws")
  void exe7_inProgressIsPolledToAnEnd() {
    rule("EXE-7", false);
    Random random = new Random(7);
    for (ActionKind kind : kinds()) {
      ExecutionOutcome outcome = executeToEnd(request(sampleAction(kind, random), key()));
      assertFalse(outcome instanceof ExecutionOutcome.InProgress, "EXE-7: polling ended in progress");
    }
  }

  @Test
  @DisplayName("EXE-10: status for a reference never issued answers a failure, not an exception")
  void exe10_unknownReferenceFails() {
    rule("EXE-10", true);
    ExecutionRequest request = request(sampleAction(kinds().get(0), new Random(10)), key());
    ExecutionOutcome outcome;
    try {
      outcome = answer(executor().status(request, ExternalReference.of("tck-never-issued-" + UUID.randomUUID())),
          "status");
    } catch (RuntimeException e) {
      throw new AssertionError("EXE-10: status of an unknown reference threw " + e, e);
    }
    assertTrue(outcome instanceof ExecutionOutcome.Failed, () -> "EXE-10: answered " + outcome);
  }

  // ---- Undo --------------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-8: the inverse of a succeeded reversible action restores what it changed")
  void exe8_inverseRestores() {
    rule("EXE-8", false);
    Random random = new Random(8);
    int checked = 0;
    for (ActionKind kind : kinds()) {
      if (!kind.isReversible() || !executor().supportedKinds().contains(kind.inverse().orElseThrow())) {
        continue;
      }
      RemediationAction action = sampleAction(kind, random);
      executeToEnd(request(action, key()));
      ExecutionOutcome undone = executeToEnd(request(((ReversibleAction) action).inverse(), key()));
      assertTrue(undone instanceof ExecutionOutcome.Succeeded, () -> "EXE-8: undo of " + kind + " answered " + undone);
      assertFalse(subject().probe().isInEffect(action), () -> "EXE-8: " + kind + " still in effect after its undo");
      checked++;
    }
    if (checked == 0) {
      Assumptions.abort("EXE-8: no supported reversible kind has its inverse supported");
    }
  }

  // ---- Cancellation ------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-9: cancel answers a non-null stage and never throws (optional)")
  void exe9_cancelNeverThrows() {
    rule("EXE-9", true);
    ExecutionRequest request = request(sampleAction(kinds().get(0), new Random(9)), key());
    CompletionStage<Boolean> stage;
    try {
      stage = executor().cancel(request, null);
    } catch (RuntimeException e) {
      throw new AssertionError("EXE-9: cancel threw " + e, e);
    }
    assertNotNull(stage, "EXE-9: cancel answered null");
    try {
      stage.toCompletableFuture().get(deadline().toMillis() + 250, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("EXE-9: cancel did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
