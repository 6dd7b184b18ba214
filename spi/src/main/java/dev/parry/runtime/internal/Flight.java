package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKey;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.Origin;
import dev.parry.runtime.TaskScheduler;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One action's execution (or undo) being carried by this runtime. Its mutable state is guarded by
 * its own monitor; {@link #token} tells a current answer from a late one.
 */
final class Flight {

  /** Where the flight is. */
  enum Phase {
    /** Waiting for a permit of its family or for the rate limit; nothing sent. */
    WAITING,
    /**
     * Recording the dispatch; the executor is not called yet, and is not if the flight is stopped
     * now.
     */
    STARTING,
    /** A call or a poll is out at the executor. */
    CALLING,
    /** Between calls: waiting for a retry's backoff or for the next poll. */
    BETWEEN
  }

  final ActionId id;
  final ExecutionPurpose purpose;

  /** What is sent: the action, or its inverse for an undo. */
  final RemediationAction action;

  /** The action as it was proposed, whose effect an undo lifts. */
  final RemediationAction original;

  final ActionKey target;
  final Instant deadline;
  final IdempotencyKey key;
  final Actor requestedBy;
  final String note;
  final Origin origin;

  /**
   * An action the system approved and never dispatched: the safety guards are asked again before
   * each call with nothing outstanding.
   */
  final boolean automatic;

  Phase phase = Phase.WAITING;
  int attempt;
  long token;

  /**
   * Whether a call was sent and its answer has not arrived: silence does not clear it, only an
   * answer does.
   */
  boolean unanswered;

  /**
   * Whether a call of this action may be running at the executor whatever a later call answers: one
   * went unanswered by its attempt timeout, the flight resumed an action already in progress, or
   * its start followed another runtime's.
   */
  boolean silent;

  /**
   * Counts the timers armed for the flight, so that a late hand-back never overwrites a newer
   * timer.
   */
  long arms;

  boolean done;

  /**
   * How many starts of the action the store holds that this flight accounts for: those it was
   * created on, and each of its own once it has landed (before its events are routed). A store that
   * holds more has a start the flight knows nothing of, whose call may be out.
   */
  int starts;

  boolean holdsPermit;
  @Nullable ExecutionRequest request;
  @Nullable ExternalReference reference;
  TaskScheduler.@Nullable Cancellable timer;

  /**
   * When a timer the flight waits for is overdue by a whole attempt timeout: the reconciler then
   * ends it.
   */
  @Nullable Instant stallAt;

  /**
   * When the action was decided, until its first call reports the latency from there; null once
   * reported.
   */
  @Nullable Instant decidedAt;

  /** The executor call out being timed, until its answer (or silence) ends it. */
  Instrumentation.Call call = Instrumentation.Call.NONE;

  Flight(
      ActionId id,
      ExecutionPurpose purpose,
      RemediationAction action,
      RemediationAction original,
      ActionKey target,
      Instant deadline,
      IdempotencyKey key,
      Actor requestedBy,
      String note,
      Origin origin,
      boolean automatic,
      int attempt) {
    this.id = id;
    this.purpose = purpose;
    this.action = action;
    this.original = original;
    this.target = target;
    this.deadline = deadline;
    this.key = key;
    this.requestedBy = requestedBy;
    this.note = note;
    this.origin = origin;
    this.automatic = automatic;
    this.attempt = attempt;
    this.starts = attempt;
  }

  /**
   * Ends the flight here: {@return whether it was still running}; a timer it waited for is called
   * off, and a call still out stops being timed.
   */
  boolean end() {
    Instrumentation.Call out;
    synchronized (this) {
      if (done) {
        return false;
      }
      done = true;
      token++;
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
      stallAt = null;
      out = takeCall();
    }
    out.end(CallOutcome.ABANDONED, null);
    return true;
  }

  /** {@return the call being timed, no longer kept here} */
  synchronized Instrumentation.Call takeCall() {
    Instrumentation.Call out = call;
    call = Instrumentation.Call.NONE;
    return out;
  }

  @Override
  public String toString() {
    return "Flight{id="
        + id
        + ", purpose="
        + purpose
        + ", phase="
        + phase
        + ", attempt="
        + attempt
        + "}";
  }
}
