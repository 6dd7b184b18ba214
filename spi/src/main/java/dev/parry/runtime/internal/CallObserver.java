package dev.parry.runtime.internal;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStep;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.CallType;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tells the instrumentation what the dispatcher does with a flight: each executor call and its
 * outcome, the first send after the decision, retries and rate-limited answers. With {@link
 * Instrumentation#none()} every method returns at once.
 */
final class CallObserver {

  private final Instrumentation instrumentation;
  private final Clock clock;
  private final boolean records;

  CallObserver(Instrumentation instrumentation, Clock clock) {
    this.instrumentation = instrumentation;
    this.clock = clock;
    this.records = GuardedInstrumentation.records(instrumentation);
  }

  /**
   * Notes when the flight's action was decided, if it was never sent: for an execution, its last
   * approval (its proposal, if nobody approved it); for an undo, its request.
   */
  void decided(Flight flight, ActionRecord record) {
    if (!records) {
      return;
    }
    Instant decided;
    if (flight.purpose == ExecutionPurpose.UNDO) {
      decided = record.updatedAt();
    } else if (record.attempts() == 0) {
      decided = record.proposedAt();
      for (ActionStep step : record.steps()) {
        if (step.kind() == ActionStep.Kind.APPROVED) {
          decided = step.at();
        }
      }
    } else {
      return; // sent before (by an earlier runtime): no decision-to-send latency to report
    }
    synchronized (flight) {
      flight.decidedAt = decided;
    }
  }

  /**
   * Starts timing a call for {@code flight} (a poll if {@code poll}), kept on the flight until
   * answered.
   */
  Instrumentation.Call start(Flight flight, int attempt, boolean poll) {
    if (!records) {
      return Instrumentation.Call.NONE;
    }
    CallType type =
        poll
            ? CallType.STATUS
            : flight.purpose == ExecutionPurpose.UNDO ? CallType.UNDO : CallType.APPLY;
    Instant decided;
    synchronized (flight) {
      decided = poll ? null : flight.decidedAt;
      if (!poll) {
        flight.decidedAt = null;
      }
    }
    if (decided != null) {
      Duration since = Duration.between(decided, clock.instant());
      instrumentation.dispatched(
          flight.action.kind(),
          flight.action.family(),
          flight.purpose,
          since.isNegative() ? Duration.ZERO : since);
    }
    Instrumentation.Call call =
        instrumentation.executorCall(
            new ExecutorCall(
                type,
                flight.action.kind(),
                flight.action.family(),
                flight.id,
                Math.max(1, attempt)));
    Instrumentation.Call earlier = Instrumentation.Call.NONE;
    boolean ended;
    synchronized (flight) {
      ended = flight.done;
      if (!ended) {
        earlier = flight.call;
        flight.call = call;
      }
    }
    earlier.end(CallOutcome.ABANDONED, null);
    if (ended) {
      call.end(
          CallOutcome.ABANDONED,
          null); // the flight ended meanwhile: nothing else would end the call
    }
    return call;
  }

  /** Ends the flight's call with the executor's answer, and reports a rate-limited one. */
  void answered(
      Flight flight,
      Instrumentation.Call call,
      @Nullable ExecutionOutcome result,
      @Nullable Throwable error) {
    if (!records) {
      return;
    }
    call.end(outcomeOf(result, error), error);
    if (error == null
        && result instanceof ExecutionOutcome.Failed failed
        && failed.retryAfter() != null) {
      instrumentation.rateLimited(
          flight.action.kind(), flight.action.family(), failed.retryAfter());
    }
  }

  /** Reports that the flight is sent again, and why. */
  void retrying(Flight flight, RetryReason reason) {
    if (records) {
      instrumentation.retrying(flight.action.kind(), flight.action.family(), reason);
    }
  }

  /** Starts timing a cancel of {@code request}. */
  Instrumentation.Call cancel(ExecutionRequest request) {
    if (!records) {
      return Instrumentation.Call.NONE;
    }
    return instrumentation.executorCall(
        new ExecutorCall(
            CallType.CANCEL,
            request.action().kind(),
            request.action().family(),
            request.actionId(),
            Math.max(1, request.attempt())));
  }

  private static CallOutcome outcomeOf(
      @Nullable ExecutionOutcome result, @Nullable Throwable error) {
    if (error != null || result == null) {
      return CallOutcome.ERROR;
    }
    if (result instanceof ExecutionOutcome.Succeeded) {
      return CallOutcome.SUCCEEDED;
    }
    if (result instanceof ExecutionOutcome.Failed failed) {
      return failed.retryAfter() != null
          ? CallOutcome.RATE_LIMITED
          : failed.retryable() ? CallOutcome.RETRYABLE : CallOutcome.FAILED;
    }
    return CallOutcome.IN_PROGRESS;
  }
}
