// Past 400 lines because a contract is one class a vendor extends: one commented group per
// capability, one test per rule, all methods of this class so that results are reported under the
// vendor's class.
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
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The executor contract (rules EXE-1 to EXE-10 of {@code spi/SPEC.md}). Extend {@link
 * DeviceExecutorContract}, {@link EmailExecutorContract} or {@link IdentityExecutorContract}.
 *
 * <p>Past 400 lines because a contract is one class a vendor extends: one commented group per
 * capability, one test per rule, all methods of this class so that results are reported under the
 * vendor's class.
 */
public abstract sealed class ExecutorContract extends ContractSupport
    permits DeviceExecutorContract, EmailExecutorContract, IdentityExecutorContract {

  /**
   * What a contract run tests.
   *
   * @param executor the executor under test
   * @param probe what observes the executor's backend, so the contract checks effects rather than
   *     answers
   */
  public record Subject(ActionExecutor executor, ExecutorProbe probe) {
    /**
     * Validates.
     *
     * @param executor the executor under test
     * @param probe what observes the executor's backend, so the contract checks effects rather than
     *     answers
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
    return request(action, key, ExecutionPurpose.EXECUTE);
  }

  final ExecutionRequest request(RemediationAction action, String key, ExecutionPurpose purpose) {
    return ExecutionRequest.builder()
        .action(action)
        .purpose(purpose)
        .idempotencyKey(IdempotencyKey.of(key))
        .deadline(clock().instant().plus(deadline()))
        .comment("contract test")
        .actionId(ActionId.of("tck/1"))
        .build();
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
      ExecutionOutcome outcome =
          stage.toCompletableFuture().get(deadline().toMillis() + 250, TimeUnit.MILLISECONDS);
      assertNotNull(outcome, "EXE-2: " + what + " completed with null");
      return outcome;
    } catch (TimeoutException e) {
      throw new AssertionError(
          "EXE-6: " + what + " did not answer before the deadline of " + deadline(), e);
    } catch (ExecutionException e) {
      throw new AssertionError("EXE-2: " + what + " completed exceptionally: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Executes and, for an "in progress" answer, polls to the end (EXE-7). */
  final ExecutionOutcome executeToEnd(ExecutionRequest request) {
    return pollToEnd(
        request, answer(call(() -> executor().execute(request), "execute"), "execute " + request));
  }

  /** Polls an answer of {@code request} to its end (EXE-7). */
  final ExecutionOutcome pollToEnd(ExecutionRequest request, ExecutionOutcome first) {
    ExecutionOutcome outcome = first;
    for (int polls = 0; outcome instanceof ExecutionOutcome.InProgress progress; polls++) {
      if (polls >= maxPolls()) {
        fail("EXE-7: still in progress after " + maxPolls() + " polls of " + progress.reference());
      }
      pause();
      outcome =
          answer(call(() -> executor().status(request, progress.reference()), "status"), "status");
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

  /**
   * {@return the supported kinds in order}: a test that needs one is skipped when there is none
   * (EXE-1 fails)
   */
  final List<ActionKind> kinds() {
    List<ActionKind> kinds = new ArrayList<>(executor().supportedKinds());
    if (kinds.isEmpty()) {
      Assumptions.abort("the executor supports no kind (EXE-1 fails): nothing to execute");
    }
    kinds.sort(null);
    return kinds;
  }

  // ---- Capabilities
  // ------------------------------------------------------------------------------

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

  // ---- Execution
  // ---------------------------------------------------------------------------------

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
  @DisplayName(
      "EXE-3: an unsupported kind, of another family and of its own, yields a non-retryable failure with a reason")
  void exe3_unsupportedKindFailsWithoutRetry() {
    rule("EXE-3", false);
    // a kind of another family (no executor of this one may claim it), and one of its own family it
    // does not claim (an executor that checks only the family would run it)
    ActionKind foreign = null;
    ActionKind ownUnclaimed = null;
    for (ActionKind kind : ActionKind.values()) {
      if (executor().supportedKinds().contains(kind)) {
        continue;
      }
      if (kind.family() != family() && foreign == null) {
        foreign = kind;
      } else if (kind.family() == family() && ownUnclaimed == null) {
        ownUnclaimed = kind;
      }
    }
    List<ActionKind> unsupported = new ArrayList<>();
    if (foreign != null) {
      unsupported.add(foreign);
    }
    if (ownUnclaimed != null) {
      unsupported.add(ownUnclaimed);
    }
    if (unsupported.isEmpty()) {
      Assumptions.abort(
          "EXE-3 cannot be checked: the executor claims every kind of every family, so none is left"
              + " to refuse (EXE-1 fails)");
    }
    for (ActionKind kind : unsupported) {
      ExecutionRequest request =
          request(DomainGenerators.actionOf(kind).next(new Random(3)), key());
      ExecutionOutcome outcome;
      try {
        outcome = answer(executor().execute(request), "execute " + kind);
      } catch (RuntimeException e) {
        throw new AssertionError("EXE-3: an unsupported kind threw " + e, e);
      }
      if (!(outcome instanceof ExecutionOutcome.Failed failed)) {
        throw new AssertionError("EXE-3: unsupported " + kind + " answered " + outcome);
      }
      assertFalse(
          failed.retryable(),
          "EXE-3: the failure of unsupported " + kind + " must not be retryable");
      assertFalse(
          failed.reason().isBlank(),
          "EXE-3: the failure of unsupported " + kind + " needs a reason");
    }
  }

  @Test
  @DisplayName("EXE-4: a supported action takes effect")
  void exe4_supportedActionTakesEffect() {
    rule("EXE-4", false);
    Random random = new Random(4);
    int checked = 0;
    for (ActionKind kind : kinds()) {
      if (!hasOwnEffect(kind)) {
        continue; // counterparts remove an effect; EXE-8 checks them
      }
      RemediationAction action = sampleAction(kind, random);
      ExecutionOutcome outcome = executeToEnd(request(action, key()));
      assertTrue(
          outcome instanceof ExecutionOutcome.Succeeded,
          () -> "EXE-4: " + kind + " answered " + outcome);
      assertTrue(
          subject().probe().isInEffect(action),
          () -> "EXE-4: " + kind + " succeeded but has no effect");
      checked++;
    }
    if (checked == 0) {
      Assumptions.abort("EXE-4: every supported kind is restorative (EXE-8 checks those)");
    }
  }

  /**
   * Whether {@code kind} leaves an effect of its own a probe can see: not a restorative kind, not a
   * move.
   */
  private static boolean hasOwnEffect(ActionKind kind) {
    return kind.impact() != ImpactClass.RESTORATIVE && kind != ActionKind.MOVE_EMAIL;
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

  // ---- Idempotency
  // -------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "EXE-5: the same idempotency key has its effect once: repeated after the answer, while in flight, and on undo")
  void exe5_sameKeyHasItsEffectOnce() {
    rule("EXE-5", false);
    Random random = new Random(5);
    int checked = 0;
    for (ActionKind kind : kinds()) {
      if (!hasOwnEffect(kind)) {
        continue; // restorative kinds are checked below, with the undo purpose
      }
      RemediationAction action = sampleAction(kind, random);
      ExecutionRequest request = request(action, key());
      int before = subject().probe().timesApplied(action);
      executeToEnd(request);
      ExecutionOutcome second = executeToEnd(request);
      assertFalse(
          second instanceof ExecutionOutcome.Failed,
          () -> "EXE-5: repeating the key of " + kind + " answered " + second);
      assertTrue(subject().probe().isInEffect(action), () -> "EXE-5: " + kind + " has no effect");
      assertAppliedOnce(action, before, "repeated after its answer");

      RemediationAction inFlight = sampleAction(kind, random);
      ExecutionRequest sameKey = request(inFlight, key());
      int beforeInFlight = subject().probe().timesApplied(inFlight);
      ExecutionOutcome first =
          answer(call(() -> executor().execute(sameKey), "execute"), "execute " + kind);
      ExecutionOutcome repeat =
          answer(call(() -> executor().execute(sameKey), "execute"), "execute " + kind);
      List<ExecutionOutcome> ends = List.of(pollToEnd(sameKey, first), pollToEnd(sameKey, repeat));
      assertTrue(
          ends.stream().noneMatch(ExecutionOutcome.Failed.class::isInstance),
          () ->
              "EXE-5: repeating the key of "
                  + kind
                  + " before polling its first answer ended in "
                  + ends);
      assertAppliedOnce(
          inFlight, beforeInFlight, "repeated before its first answer was polled to an end");

      RemediationAction concurrent = sampleAction(kind, random);
      int beforeConcurrent = subject().probe().timesApplied(concurrent);
      List<ExecutionOutcome> together = executeTogether(request(concurrent, key()));
      assertTrue(
          together.stream().noneMatch(ExecutionOutcome.Failed.class::isInstance),
          () -> "EXE-5: " + kind + " sent twice at once with one key ended in " + together);
      assertAppliedOnce(
          concurrent,
          beforeConcurrent,
          "sent twice at once, the repeat while the first call was in" + " flight");
      checked++;
    }
    checked += undoRepeats(random);
    if (checked == 0) {
      Assumptions.abort(
          "EXE-5: no supported kind has an effect of its own, and no restorative kind has its"
              + " counterpart supported, so no repeat can be observed");
    }
  }

  /**
   * Checks that one key's requests applied the effect once: the probe's count grew by exactly one.
   */
  private void assertAppliedOnce(RemediationAction action, int before, String how) {
    int times = subject().probe().timesApplied(action) - before;
    assertEquals(
        1,
        times,
        () ->
            "EXE-5: "
                + action.kind()
                + " "
                + how
                + " was applied "
                + times
                + " times, by the"
                + " probe's count (ExecutorProbe.timesApplied must count the backend's applications of the effect; a"
                + " count that keeps earlier applications of the same target is fine, only its growth is checked)");
  }

  /**
   * Undoes, re-applies under a new key and repeats the undo's key: the repeat must not undo again.
   * {@return how many restorative kinds were checked}
   */
  private int undoRepeats(Random random) {
    int checked = 0;
    for (ActionKind kind : kinds()) {
      if (!kind.isReversible()
          || !executor().supportedKinds().contains(kind.inverse().orElseThrow())) {
        continue;
      }
      RemediationAction action = sampleAction(kind, random);
      executeToEnd(request(action, key()));
      ExecutionRequest undo =
          request(((ReversibleAction) action).inverse(), key(), ExecutionPurpose.UNDO);
      executeToEnd(undo);
      if (subject().probe().isInEffect(action)) {
        continue; // the undo did not restore: EXE-8 fails it
      }
      executeToEnd(request(action, key()));
      assertTrue(
          subject().probe().isInEffect(action),
          () ->
              "EXE-5: "
                  + kind
                  + " executed again under a new key"
                  + " after its undo has no effect");
      ExecutionOutcome again = executeToEnd(undo);
      assertFalse(
          again instanceof ExecutionOutcome.Failed,
          () -> "EXE-5: repeating the key of the undo of " + kind + " answered " + again);
      assertTrue(
          subject().probe().isInEffect(action),
          () ->
              "EXE-5: repeating the key of the undo of "
                  + kind
                  + " undid it again: "
                  + undo.action().kind()
                  + " had its effect twice");
      checked++;
    }
    return checked;
  }

  /** Sends {@code request} from two threads at once and polls both answers to their end. */
  private List<ExecutionOutcome> executeTogether(ExecutionRequest request) {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<ExecutionOutcome>> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        calls.add(
            threads.submit(
                () -> {
                  start.await(); // both threads ready, then both call: a slow start is never blamed
                  // on the executor
                  return executeToEnd(request);
                }));
      }
      List<ExecutionOutcome> outcomes = new ArrayList<>();
      for (Future<ExecutionOutcome> call : calls) {
        try {
          outcomes.add(call.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof AssertionError failure) {
            throw failure;
          }
          throw new AssertionError(
              "EXE-5: a call sent at the same time as its repeat failed: " + e.getCause(), e);
        }
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      threads.shutdownNow();
    }
  }

  // ---- Progress
  // ----------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-7: an in-progress answer can be polled to an end, and status never throws")
  void exe7_inProgressIsPolledToAnEnd() {
    rule("EXE-7", false);
    Random random = new Random(7);
    for (ActionKind kind : kinds()) {
      ExecutionOutcome outcome = executeToEnd(request(sampleAction(kind, random), key()));
      assertFalse(
          outcome instanceof ExecutionOutcome.InProgress, "EXE-7: polling ended in progress");
    }
  }

  @Test
  @DisplayName("EXE-10: status for a reference never issued answers a failure, not an exception")
  void exe10_unknownReferenceFails() {
    rule("EXE-10", true);
    ExecutionRequest request = request(sampleAction(kinds().get(0), new Random(10)), key());
    ExecutionOutcome outcome;
    try {
      outcome =
          answer(
              executor()
                  .status(request, ExternalReference.of("tck-never-issued-" + UUID.randomUUID())),
              "status");
    } catch (RuntimeException e) {
      throw new AssertionError("EXE-10: status of an unknown reference threw " + e, e);
    }
    assertTrue(outcome instanceof ExecutionOutcome.Failed, () -> "EXE-10: answered " + outcome);
  }

  // ---- Undo
  // --------------------------------------------------------------------------------------

  @Test
  @DisplayName("EXE-8: the inverse of a succeeded reversible action restores what it changed")
  void exe8_inverseRestores() {
    rule("EXE-8", false);
    Random random = new Random(8);
    int checked = 0;
    for (ActionKind kind : kinds()) {
      if (!kind.isReversible()
          || !executor().supportedKinds().contains(kind.inverse().orElseThrow())) {
        continue;
      }
      RemediationAction action = sampleAction(kind, random);
      executeToEnd(request(action, key()));
      ExecutionOutcome undone = executeToEnd(request(((ReversibleAction) action).inverse(), key()));
      assertTrue(
          undone instanceof ExecutionOutcome.Succeeded,
          () -> "EXE-8: undo of " + kind + " answered " + undone);
      assertFalse(
          subject().probe().isInEffect(action),
          () -> "EXE-8: " + kind + " still in effect after its undo");
      checked++;
    }
    if (checked == 0) {
      Assumptions.abort("EXE-8: no supported reversible kind has its inverse supported");
    }
  }

  // ---- Cancellation
  // ------------------------------------------------------------------------------

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
