package dev.parry.runtime.observe;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.spi.executor.ExecutionPurpose;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime reports about its own work, for metrics and traces: every executor call (timed,
 * with its outcome), how long an action waited from its decision to its first call, each retry and
 * each rate-limited answer, and, through {@link #bind}, levels to read at any time (actions waiting
 * to be sent, pending approvals, reconciler lag and failures). Every method has a default that does
 * nothing, so an implementation overrides what it records.
 *
 * <p>Implementations are called on the runtime's threads, in the middle of a dispatch: keep them
 * fast. An exception one throws is caught by the runtime and logged once; it never reaches a
 * dispatch. For Micrometer, use {@code dev.parry.runtime.micrometer.MicrometerInstrumentation}.
 *
 * <pre>{@code
 * ParryRuntime parry = ParryRuntime.builder()
 *     .executor("edr", myDeviceExecutor)
 *     .instrumentation(MicrometerInstrumentation.of(observationRegistry, meterRegistry))
 *     .build();
 * }</pre>
 */
public interface Instrumentation {

  /** {@return instrumentation that records nothing: the runtime's default} */
  static Instrumentation none() {
    return Silent.INSTANCE;
  }

  /**
   * {@return the call, timed from now}: the runtime opens its scope around the call itself (so that
   * work the executor does on that thread, its HTTP client's spans, nests under it) and ends it
   * exactly once, with the outcome, when the executor answers, when the attempt times out, or when
   * the dispatch ends while the call is out.
   *
   * @param call what is called
   */
  default Call executorCall(ExecutorCall call) {
    return Call.NONE;
  }

  /**
   * An action (or undo) was sent for the first time. An action an earlier runtime already sent is
   * not reported again; an undo is, when another runtime resumes it, as the store does not count an
   * undo's sends.
   *
   * @param kind the kind sent
   * @param family the action's family
   * @param purpose execute or undo
   * @param sinceDecided from its decision (approval, or proposal for an automatic action; the
   *     undo's request for an undo) to the call; zero if the clock went back
   */
  default void dispatched(
      ActionKind kind, EntityFamily family, ExecutionPurpose purpose, Duration sinceDecided) {}

  /**
   * An action (or undo) will be sent again.
   *
   * @param kind the kind sent
   * @param family the action's family
   * @param reason why
   */
  default void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {}

  /**
   * A backend answered that it is rate limited (an HTTP 429 with Retry-After): the whole family
   * waits. Reported whether or not the action is retried.
   *
   * @param kind the kind sent
   * @param family the action's family
   * @param retryAfter how long the backend asked to wait
   */
  default void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {}

  /**
   * {@return what the runtime closes when it closes, to stop reading the levels}: called once, when
   * the runtime is built, with the levels it can be asked for
   *
   * @param gauges the runtime's levels
   */
  default Binding bind(RuntimeGauges gauges) {
    return Binding.NONE;
  }

  /** One executor call being timed. */
  interface Call {

    /** A call that records nothing. */
    Call NONE =
        new Call() {
          @Override
          public Scope open() {
            return Scope.NONE;
          }

          @Override
          public void end(CallOutcome outcome, @Nullable Throwable error) {}
        };

    /**
     * {@return this call made current on this thread, until the scope is closed on the same thread}
     */
    Scope open();

    /**
     * Ends the call; called once.
     *
     * @param outcome how it ended
     * @param error what the executor threw, if it did
     */
    void end(CallOutcome outcome, @Nullable Throwable error);
  }

  /** A call made current on one thread; closed on that thread. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {

    /** A scope that does nothing. */
    Scope NONE = () -> {};

    @Override
    void close();
  }

  /** Levels being read; closed when the runtime closes. */
  @FunctionalInterface
  interface Binding extends AutoCloseable {

    /** A binding that does nothing. */
    Binding NONE = () -> {};

    @Override
    void close();
  }
}
