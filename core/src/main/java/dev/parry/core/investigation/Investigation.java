// Past 400 lines because the state machine decides and evolves every command and event in one
// place, so that each transition reads next to its rule.
package dev.parry.core.investigation;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.error.ConflictException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.investigation.InvestigationEvent.ActionCancelled;
import dev.parry.core.investigation.InvestigationEvent.ActionEvent;
import dev.parry.core.investigation.InvestigationEvent.ActionExpired;
import dev.parry.core.investigation.InvestigationEvent.ActionFailed;
import dev.parry.core.investigation.InvestigationEvent.ActionProposed;
import dev.parry.core.investigation.InvestigationEvent.ActionRejected;
import dev.parry.core.investigation.InvestigationEvent.ActionStarted;
import dev.parry.core.investigation.InvestigationEvent.ActionSucceeded;
import dev.parry.core.investigation.InvestigationEvent.ActionTimedOut;
import dev.parry.core.investigation.InvestigationEvent.ActionUndone;
import dev.parry.core.investigation.InvestigationEvent.AnalysisFinished;
import dev.parry.core.investigation.InvestigationEvent.ApprovalGranted;
import dev.parry.core.investigation.InvestigationEvent.Completed;
import dev.parry.core.investigation.InvestigationEvent.EvidenceRecorded;
import dev.parry.core.investigation.InvestigationEvent.NoActionPlanned;
import dev.parry.core.investigation.InvestigationEvent.Opened;
import dev.parry.core.investigation.InvestigationEvent.Terminated;
import dev.parry.core.investigation.InvestigationEvent.UndoFailed;
import dev.parry.core.investigation.InvestigationEvent.UndoOnSuccessRequested;
import dev.parry.core.investigation.InvestigationEvent.UndoRequested;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.verdict.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An automated investigation: its evidence, its actions and where each stands. Immutable and pure.
 *
 * <p>Change goes through two functions. {@link #decide(Command, Instant)} checks a command against
 * the current state and answers the events it produces, or a typed {@link Rejection} (and then
 * nothing changes). {@link #evolve(InvestigationEvent)} applies one event. Replaying an
 * investigation's events with {@link #replay(List)} rebuilds exactly the same state, so the events
 * are both its storage format and its audit trail. Time is passed in; nothing here reads a clock.
 *
 * <p><b>Completion rule.</b> An investigation is complete exactly when its analysis is finished (or
 * it was terminated) and every action is settled: taken, failed, timed out, cancelled, rejected or
 * expired (see {@link ActionStatus#isSettled()}). Evidence and new actions join until then and are
 * refused afterwards. Pending actions expire, counting as rejected, once they have waited {@link
 * #pendingExpiry()} ({@link #DEFAULT_PENDING_EXPIRY} unless set when opened), when an {@link
 * Command.ExpirePending} command is decided. The command that completes the investigation also
 * emits {@link InvestigationEvent.Completed} with the final status. Undoing an action later does
 * not reopen it.
 *
 * <p><b>Threats without an action.</b> Evidence whose verdict is a threat but for which the command
 * proposes nothing (an exclusion or an allow indicator covered it, or no action applies) is
 * recorded with {@link InvestigationEvent.NoActionPlanned} and kept in {@link
 * #threatsWithoutAction()}, so that the status never calls such an investigation "no threats found"
 * or "remediated".
 *
 * <pre>{@code
 * Decision.Accepted opened = Investigation.open(InvestigationId.of("inv-1"), AlertId.of("alert-1"),
 *     AutomationLevel.FULL, Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), now);
 * Investigation investigation = opened.after();
 * RemediationPlan plan = RemediationPolicy.standard().plan(evidence, context);
 * Decision decision = investigation.decide(Command.RecordEvidence.of(evidence, plan, ApprovalRule.SINGLE), now);
 * }</pre>
 *
 * @param id the investigation's id
 * @param alertId the alert that started it
 * @param level the automation level it runs at, which the policy plans with
 * @param origin the device the alert is about and its device group
 * @param openedAt when it was opened
 * @param pendingExpiry how long an action may stay pending approval
 * @param version how many events it has applied (1 after opening)
 * @param evidence the evidence, in the order it joined (copied, unless a state built the list: that
 *     one is immutable already)
 * @param threatsWithoutAction the evidence whose verdict is a threat but for which the policy
 *     planned no action, in the order it joined (copied; each is a threat); null, as a state stored
 *     before these were recorded reads, is none
 * @param actions the actions, in the order they were proposed; an action's sequence is its position
 *     plus one
 * @param analysis how the analysis ended, or null while it runs
 * @param terminatedBy who terminated it, or null
 * @param completedAt when it completed, or null
 *     <p>Past 400 lines because the state machine decides and evolves every command and event in
 *     one place, so that each transition reads next to its rule.
 */
public record Investigation(
    InvestigationId id,
    AlertId alertId,
    AutomationLevel level,
    Origin origin,
    Instant openedAt,
    Duration pendingExpiry,
    long version,
    List<Evidence> evidence,
    List<Evidence> threatsWithoutAction,
    List<ActionRecord> actions,
    @Nullable AnalysisOutcome analysis,
    @Nullable Actor terminatedBy,
    @Nullable Instant completedAt) {

  /** How long an action stays pending before it expires, unless configured: 7 days. */
  public static final Duration DEFAULT_PENDING_EXPIRY = Duration.ofDays(7);

  /**
   * Validates the state and copies the lists it is given, unless a state built them.
   *
   * @param id the investigation's id
   * @param alertId the alert that started it
   * @param level the automation level it runs at, which the policy plans with
   * @param origin the device the alert is about and its device group
   * @param openedAt when it was opened
   * @param pendingExpiry how long an action may stay pending approval
   * @param version how many events it has applied (1 after opening)
   * @param evidence the evidence, in the order it joined (copied, unless a state built the list:
   *     that one is immutable already)
   * @param threatsWithoutAction the evidence whose verdict is a threat but for which the policy
   *     planned no action, in the order it joined (copied; each is a threat); null, as a state
   *     stored before these were recorded reads, is none
   * @param actions the actions, in the order they were proposed; an action's sequence is its
   *     position plus one
   * @param analysis how the analysis ended, or null while it runs
   * @param terminatedBy who terminated it, or null
   * @param completedAt when it completed, or null
   * @throws InvalidInputException if a required component or an element is null
   * @throws InvalidInputException if {@code pendingExpiry} is not positive, {@code version} is less
   *     than 1, or an action's sequence does not match its position
   */
  public Investigation {
    // kept small, with the rare paths in methods of their own, so that the JIT inlines it into
    // every transition
    Checks.notNull(id, "id");
    Checks.notNull(alertId, "alertId");
    Checks.notNull(level, "level");
    Checks.notNull(origin, "origin");
    Checks.notNull(openedAt, "openedAt");
    requirePositive(Checks.notNull(pendingExpiry, "pendingExpiry"));
    if (version < 1) {
      throw new InvalidInputException(
          "version", version, "version must be 1 or more, was: " + version);
    }
    evidence = CheckedList.of(evidence, "evidence");
    threatsWithoutAction = threats(threatsWithoutAction);
    actions = Actions.of(Checks.notNull(actions, "actions"), pendingExpiry);
  }

  private static void requirePositive(Duration pendingExpiry) {
    if (pendingExpiry.isNegative() || pendingExpiry.isZero()) {
      throw new InvalidInputException(
          "pendingExpiry", pendingExpiry, "pendingExpiry must be positive, was: " + pendingExpiry);
    }
  }

  /**
   * {@return the threats without action: as they are if a state built them, copied and checked
   * otherwise; none for null}
   */
  private static List<Evidence> threats(@Nullable List<Evidence> threatsWithoutAction) {
    if (threatsWithoutAction == null) {
      return CheckedList.empty(true);
    }
    List<Evidence> own = CheckedList.ownThreats(threatsWithoutAction);
    if (own != null) {
      return own;
    }
    List<Evidence> threats = Checks.listOf(threatsWithoutAction, "threatsWithoutAction");
    for (int i = 0, size = threats.size(); i < size; i++) {
      Evidence threat = threats.get(i);
      if (!threat.isThreat()) {
        throw new InvalidInputException(
            "threatsWithoutAction",
            threat.verdict(),
            "threatsWithoutAction holds evidence that is no threat, its verdict was: "
                + threat.verdict());
      }
    }
    return CheckedList.threats(threats);
  }

  /**
   * The actions as the state machine builds them, each at the position its sequence names:
   * immutable, and taken by a new state as they are, without the copy and check a list from outside
   * gets.
   */
  private static final class Actions extends ReadOnlyList<ActionRecord> {
    private final ActionRecord[] items;

    /** How many of the actions are not settled: kept as they change, so completion is a read. */
    private final int unsettled;

    private Actions(ActionRecord[] items) {
      this.items = items;
      int count = 0;
      for (ActionRecord action : items) {
        if (!action.status().isSettled()) {
          count++;
        }
      }
      this.unsettled = count;
    }

    private Actions(ActionRecord[] items, int unsettled) {
      this.items = items;
      this.unsettled = unsettled;
    }

    /**
     * {@return the state machine's own actions as they are; a list from outside copied and checked}
     */
    private static Actions of(List<ActionRecord> actions, Duration pendingExpiry) {
      return actions instanceof Actions own ? own : copyOf(actions, pendingExpiry);
    }

    private static Actions copyOf(List<ActionRecord> actions, Duration pendingExpiry) {
      ActionRecord[] copy = actions.toArray(new ActionRecord[0]);
      for (int i = 0; i < copy.length; i++) {
        ActionRecord action = Checks.notNull(copy[i], "actions[" + i + "]");
        if (action.id().sequence() != i + 1) {
          throw new InvalidInputException(
              "actions",
              null,
              "action "
                  + action.id()
                  + " is at position "
                  + (i + 1)
                  + ": an action's sequence must be its position");
        }
        if (action.status() == ActionStatus.PENDING_APPROVAL && action.expiresAt() == null) {
          // stored before expiries were recorded: it expires after the investigation's pending
          // expiry
          copy[i] = action.expiringAt(action.proposedAt().plus(pendingExpiry));
        }
      }
      return new Actions(copy);
    }

    /** {@return these actions with {@code updated} at the position its sequence names} */
    private Actions with(ActionRecord updated) {
      int index = updated.id().sequence() - 1;
      ActionRecord[] copy = Arrays.copyOf(items, Math.max(items.length, index + 1));
      ActionRecord before = copy[index];
      copy[index] = updated;
      int count =
          unsettled
              - (before != null && !before.status().isSettled() ? 1 : 0)
              + (updated.status().isSettled() ? 0 : 1);
      return new Actions(copy, count);
    }

    @Override
    public ActionRecord get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }

  /**
   * {@return the {@link Opened} event and the new investigation, for an alert about no device} The
   * investigation runs in the ungrouped devices' group.
   *
   * @param id the investigation's id
   * @param alertId the alert that started it
   * @param level the automation level it runs at
   * @param pendingExpiry how long actions may stay pending approval; positive
   * @param actor who opens it
   * @param now the current time
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if {@code pendingExpiry} is zero or negative
   */
  public static Decision.Accepted open(
      InvestigationId id,
      AlertId alertId,
      AutomationLevel level,
      Duration pendingExpiry,
      Actor actor,
      Instant now) {
    return open(id, alertId, level, Origin.ungrouped(), pendingExpiry, actor, now);
  }

  /**
   * {@return the {@link Opened} event and the new investigation it opens}
   *
   * @param id the investigation's id
   * @param alertId the alert that started it
   * @param level the automation level of the device group it runs in
   * @param origin the device the alert is about and its device group
   * @param pendingExpiry how long actions may stay pending approval; positive
   * @param actor who opens it
   * @param now the current time
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if {@code pendingExpiry} is zero or negative
   */
  public static Decision.Accepted open(
      InvestigationId id,
      AlertId alertId,
      AutomationLevel level,
      Origin origin,
      Duration pendingExpiry,
      Actor actor,
      Instant now) {
    Opened opened =
        new Opened(id, Checks.notNull(now, "now"), actor, alertId, level, origin, pendingExpiry);
    return new Decision.Accepted(List.of(opened), from(opened));
  }

  private static Investigation from(Opened opened) {
    return new Investigation(
        opened.investigationId(),
        opened.alertId(),
        opened.level(),
        opened.origin(),
        opened.at(),
        opened.pendingExpiry(),
        1,
        CheckedList.empty(false),
        CheckedList.empty(true),
        List.of(),
        null,
        null,
        null);
  }

  /**
   * {@return the investigation these events describe}
   *
   * @param events an investigation's events, from its {@link Opened} event on
   * @throws InvalidInputException if the list is empty, does not start with {@link Opened}, or
   *     holds an event that cannot follow the ones before it
   */
  public static Investigation replay(List<InvestigationEvent> events) {
    events = Checks.listOf(events, "events");
    if (events.isEmpty() || !(events.get(0) instanceof Opened)) {
      throw new InvalidInputException(
          "events",
          null,
          "an investigation's events must start with Opened, were: "
              + (events.isEmpty() ? "empty" : events.get(0).getClass().getSimpleName()));
    }
    Investigation state = from((Opened) events.get(0));
    for (int i = 1; i < events.size(); i++) {
      try {
        state = state.evolve(events.get(i));
      } catch (ConflictException e) {
        throw new InvalidInputException(
            "events", null, "event " + (i + 1) + " cannot be applied: " + e.getMessage(), e);
      }
    }
    return state;
  }

  /**
   * {@return whether the analysis is over: reported finished, or the investigation was terminated}
   */
  public boolean isAnalysisFinished() {
    return analysis != null || terminatedBy != null;
  }

  /** {@return whether the investigation is complete: analysis finished and every action settled} */
  public boolean isComplete() {
    if (!isAnalysisFinished()) {
      return false;
    }
    return ((Actions) actions).unsettled == 0;
  }

  /** {@return whether the investigation was terminated} */
  public boolean isTerminated() {
    return terminatedBy != null;
  }

  /**
   * {@return the action with this id, if it belongs to this investigation}
   *
   * @param actionId the action's id
   * @throws InvalidInputException if {@code actionId} is null
   */
  public Optional<ActionRecord> action(ActionId actionId) {
    if (!Checks.notNull(actionId, "actionId").investigation().equals(id)
        || actionId.sequence() > actions.size()) {
      return Optional.empty();
    }
    return Optional.of(actions.get(actionId.sequence() - 1));
  }

  /** {@return the actions pending approval, in the order they were proposed} */
  public List<ActionRecord> pendingActions() {
    List<ActionRecord> pending = new ArrayList<>();
    for (int i = 0, size = actions.size(); i < size; i++) {
      ActionRecord action = actions.get(i);
      if (action.status() == ActionStatus.PENDING_APPROVAL) {
        pending.add(action);
      }
    }
    return List.copyOf(pending);
  }

  /**
   * {@return the investigation's status, derived from its state}
   *
   * <p>An action counts as <em>taken</em> once its executor carried it out (succeeded; an undo
   * afterwards does not take that back). A rejected, expired or cancelled action was declined, and
   * a failed or timed-out one was not carried out: neither is ever counted as remediated, even when
   * an analyst approved it. Rows S1 to S14 are those of the domain reference (core/DOMAIN.md, D33).
   *
   * <table>
   *   <caption>How the status is derived (first matching row wins)</caption>
   *   <tr><th>Row</th><th>Condition</th><th>Status</th></tr>
   *   <tr><td>S1</td><td>terminated by a principal / by the system</td><td>TERMINATED_BY_USER / TERMINATED_BY_SYSTEM</td></tr>
   *   <tr><td>S2</td><td>not complete, an action pending approval</td><td>PENDING_APPROVAL</td></tr>
   *   <tr><td>S3</td><td>not complete, an action approved or in progress, analysis finished</td><td>PENDING_RESOURCE</td></tr>
   *   <tr><td>S4</td><td>not complete, no evidence and no action yet</td><td>QUEUED</td></tr>
   *   <tr><td>S5</td><td>not complete, otherwise</td><td>RUNNING</td></tr>
   *   <tr><td>S6</td><td>complete, analysis FAILED</td><td>FAILED</td></tr>
   *   <tr><td>S7</td><td>complete, analysis UNSUPPORTED_ALERT_TYPE</td><td>UNSUPPORTED_ALERT_TYPE</td></tr>
   *   <tr><td>S8</td><td>complete, analysis PARTIAL</td><td>PARTIALLY_INVESTIGATED</td></tr>
   *   <tr><td>S9</td><td>complete, no action and no threat left without one</td><td>NO_THREATS_FOUND</td></tr>
   *   <tr><td>S10</td><td>complete, no action, a threat the policy planned nothing for ({@link #threatsWithoutAction()})</td><td>PARTIALLY_INVESTIGATED</td></tr>
   *   <tr><td>S11</td><td>complete, every action taken, no threat left without one (an action that failed
   *       and was proposed again and taken counts once, as taken)</td><td>REMEDIATED</td></tr>
   *   <tr><td>S12</td><td>complete, some actions taken, not all (or a threat left without one)</td><td>PARTIALLY_REMEDIATED</td></tr>
   *   <tr><td>S13</td><td>complete, none taken, one failed or timed out</td><td>FAILED</td></tr>
   *   <tr><td>S14</td><td>complete, none taken: every action rejected, expired or cancelled</td><td>NOT_REMEDIATED</td></tr>
   * </table>
   */
  public InvestigationStatus status() {
    if (terminatedBy != null) {
      return terminatedBy instanceof Actor.Principal
          ? InvestigationStatus.TERMINATED_BY_USER
          : InvestigationStatus.TERMINATED_BY_SYSTEM;
    }
    if (!isComplete()) {
      boolean running = false;
      for (int i = 0, size = actions.size(); i < size; i++) {
        ActionRecord action = actions.get(i);
        if (action.status() == ActionStatus.PENDING_APPROVAL) {
          return InvestigationStatus.PENDING_APPROVAL;
        }
        running |= action.status().isActive();
      }
      if (running && analysis != null) {
        return InvestigationStatus.PENDING_RESOURCE;
      }
      return evidence.isEmpty() && actions.isEmpty()
          ? InvestigationStatus.QUEUED
          : InvestigationStatus.RUNNING;
    }
    AnalysisOutcome outcome = Objects.requireNonNull(analysis);
    switch (outcome) {
      case FAILED -> {
        return InvestigationStatus.FAILED;
      }
      case UNSUPPORTED_ALERT_TYPE -> {
        return InvestigationStatus.UNSUPPORTED_ALERT_TYPE;
      }
      case PARTIAL -> {
        return InvestigationStatus.PARTIALLY_INVESTIGATED;
      }
      case COMPLETED -> {
        // derived from the actions below
      }
    }
    if (actions.isEmpty()) {
      return threatsWithoutAction.isEmpty()
          ? InvestigationStatus.NO_THREATS_FOUND
          : InvestigationStatus.PARTIALLY_INVESTIGATED;
    }
    int taken = 0;
    int counted = 0;
    boolean failed = false;
    for (int i = 0; i < actions.size(); i++) {
      ActionStatus status = actions.get(i).status();
      boolean notCarriedOut = status == ActionStatus.FAILED || status == ActionStatus.TIMED_OUT;
      if (notCarriedOut && takenLater(i)) {
        continue; // the same remediation, proposed again after this failure, was carried out (D44)
      }
      counted++;
      if (status.wasTaken()) {
        taken++;
      }
      failed |= notCarriedOut; // rejected, expired or cancelled: declined, neither taken nor failed
    }
    if (taken == counted && threatsWithoutAction.isEmpty()) {
      return InvestigationStatus.REMEDIATED;
    }
    if (taken > 0) {
      return InvestigationStatus.PARTIALLY_REMEDIATED;
    }
    return failed ? InvestigationStatus.FAILED : InvestigationStatus.NOT_REMEDIATED;
  }

  /**
   * {@return whether an action after the one at {@code index}, of the same key, was carried out}
   */
  private boolean takenLater(int index) {
    RemediationAction failedAction = actions.get(index).action();
    for (int j = index + 1; j < actions.size(); j++) {
      ActionRecord later = actions.get(j);
      if (later.status().wasTaken() && sameTarget(later.action(), failedAction)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return the events a command produces with the state they lead to, or why it is refused} A
   * refused command changes nothing; neither does an accepted one, until its events are applied
   * (the returned {@link Decision.Accepted#after()} has them applied).
   *
   * @param command the command
   * @param now the current time, recorded on every event
   * @throws InvalidInputException if an argument is null
   */
  public Decision decide(Command command, Instant now) {
    Checks.notNull(command, "command");
    Checks.notNull(now, "now");
    DecidedEvents events = new DecidedEvents();
    Rejection rejection = decideInto(command, now, events);
    if (rejection != null) {
      return new Decision.Rejected(rejection);
    }
    Investigation after = this;
    for (int i = 0, size = events.size(); i < size; i++) {
      after = after.evolve(events.get(i));
    }
    if (!isComplete() && after.isComplete()) {
      Completed completed = new Completed(id, now, Actor.system(), after.status());
      events.append(completed);
      after = after.evolve(completed);
    }
    return new Decision.Accepted(events, after);
  }

  private @Nullable Rejection decideInto(Command command, Instant now, DecidedEvents out) {
    if (command instanceof Command.Approve approve) {
      return approve(approve.actionId(), approve.approver(), approve.comment(), now, out);
    }
    if (command instanceof Command.Start start) {
      ActionId actionId = start.actionId();
      Rejection refused =
          refuseUnless(
              actionId,
              "start",
              a -> a.status() == ActionStatus.APPROVED || a.status() == ActionStatus.IN_PROGRESS);
      if (refused == null) {
        ActionRecord a = actionAt(actionId);
        out.append(
            new ActionStarted(
                id,
                now,
                Actor.system(),
                actionId,
                a.attempts() + 1,
                a.deadline() != null ? a.deadline() : start.deadline()));
      }
      return refused;
    }
    if (command instanceof Command.Succeed succeed) {
      Rejection refused =
          refuseUnless(succeed.actionId(), "succeed", a -> a.status() == ActionStatus.IN_PROGRESS);
      if (refused == null) {
        out.append(
            new ActionSucceeded(id, now, Actor.system(), succeed.actionId(), succeed.detail()));
        // an undo asked for while it ran is requested in the same write as the success
        actionAt(succeed.actionId())
            .undoOnSuccess()
            .ifPresent(
                asked ->
                    out.append(
                        new UndoRequested(
                            id, now, asked.actor(), succeed.actionId(), asked.comment())));
      }
      return refused;
    }
    if (command instanceof Command.RecordEvidence record) {
      return recordEvidence(record, now, out);
    }
    if (command instanceof Command.Reject reject) {
      Rejection refused =
          refuseUnless(
              reject.actionId(), "reject", a -> a.status() == ActionStatus.PENDING_APPROVAL);
      if (refused == null) {
        out.append(
            new ActionRejected(id, now, reject.actor(), reject.actionId(), reject.comment()));
      }
      return refused;
    }
    if (command instanceof Command.Fail fail) {
      Rejection refused =
          refuseUnless(fail.actionId(), "fail", a -> a.status() == ActionStatus.IN_PROGRESS);
      if (refused == null) {
        out.append(new ActionFailed(id, now, Actor.system(), fail.actionId(), fail.reason()));
      }
      return refused;
    }
    if (command instanceof Command.TimeOut timeOut) {
      ActionId actionId = timeOut.actionId();
      Rejection refused =
          refuseUnless(actionId, "time out", a -> a.status() == ActionStatus.IN_PROGRESS);
      if (refused == null) {
        out.append(new ActionTimedOut(id, now, Actor.system(), actionId));
      }
      return refused;
    }
    if (command instanceof Command.Cancel cancel) {
      Rejection refused =
          refuseUnless(
              cancel.actionId(),
              cancel.workStopped() ? "cancel" : "cancel (its executor may be carrying it out)",
              a ->
                  a.status() == ActionStatus.APPROVED
                      || (a.status() == ActionStatus.IN_PROGRESS && cancel.workStopped()));
      if (refused == null) {
        out.append(
            new ActionCancelled(id, now, cancel.actor(), cancel.actionId(), cancel.comment()));
      }
      return refused;
    }
    if (command instanceof Command.RequestUndo undo) {
      return requestUndo(undo, now, out);
    }
    if (command instanceof Command.UndoOnSuccess undo) {
      return undoOnSuccess(undo, now, out);
    }
    if (command instanceof Command.CompleteUndo done) {
      Rejection refused =
          refuseUnless(
              done.actionId(),
              "complete the undo",
              a -> a.status() == ActionStatus.UNDO_IN_PROGRESS);
      if (refused == null) {
        out.append(new ActionUndone(id, now, Actor.system(), done.actionId(), done.detail()));
      }
      return refused;
    }
    if (command instanceof Command.FailUndo failed) {
      Rejection refused =
          refuseUnless(
              failed.actionId(), "fail the undo", a -> a.status() == ActionStatus.UNDO_IN_PROGRESS);
      if (refused == null) {
        out.append(new UndoFailed(id, now, Actor.system(), failed.actionId(), failed.reason()));
      }
      return refused;
    }
    if (command instanceof Command.ExtendTimeBox extend) {
      return extendTimeBox(extend, now, out);
    }
    if (command instanceof Command.Expire expire) {
      Rejection early =
          refuseBefore(expire.actionId(), ActionStatus.PENDING_APPROVAL, "expire", now);
      Rejection refused =
          early != null
              ? early
              : refuseUnless(
                  expire.actionId(), "expire", a -> a.status() == ActionStatus.PENDING_APPROVAL);
      if (refused == null) {
        out.append(new ActionExpired(id, now, Actor.system(), expire.actionId()));
      }
      return refused;
    }
    if (command instanceof Command.ExpirePending) {
      for (int i = 0, size = actions.size(); i < size; i++) {
        ActionRecord action = actions.get(i);
        if (action.status() == ActionStatus.PENDING_APPROVAL && !now.isBefore(expiryOf(action))) {
          out.append(new ActionExpired(id, now, Actor.system(), action.id()));
        }
      }
      return null;
    }
    if (command instanceof Command.Hold hold) {
      Instant expires = now.plus(hold.expiry() != null ? hold.expiry() : pendingExpiry);
      Rejection refused =
          refuseUnless(
              hold.actionId(),
              "hold",
              a ->
                  (a.status() == ActionStatus.APPROVED || a.status() == ActionStatus.IN_PROGRESS)
                      && a.mode() == ApprovalMode.AUTOMATIC
                      && a.approvalCount() == 0);
      if (refused == null) {
        out.append(
            new InvestigationEvent.ActionHeld(
                id, now, Actor.system(), hold.actionId(), hold.reason(), expires));
      }
      return refused;
    }
    if (command instanceof Command.EndTimeBox end) {
      Rejection early =
          refuseBefore(end.actionId(), ActionStatus.SUCCEEDED, "end the time box", now);
      Rejection refused =
          early != null
              ? early
              : refuseUnless(
                  end.actionId(),
                  "end the time box",
                  a -> a.status() == ActionStatus.SUCCEEDED && a.timeBox() != null);
      if (refused == null) {
        out.append(
            new UndoRequested(
                id,
                now,
                Actor.system(),
                end.actionId(),
                "time box of " + actionAt(end.actionId()).timeBox() + " ended"));
      }
      return refused;
    }
    if (command instanceof Command.ProposeAction propose) {
      return proposeAction(propose, now, out);
    }
    if (command instanceof Command.FinishAnalysis finish) {
      if (terminatedBy != null) {
        return reject(
            RejectionReason.INVESTIGATION_TERMINATED,
            "investigation " + id + " was terminated",
            null);
      }
      if (analysis != null) {
        return reject(
            RejectionReason.ANALYSIS_ALREADY_FINISHED,
            "investigation " + id + " already finished its analysis as " + analysis,
            null);
      }
      out.append(new AnalysisFinished(id, now, finish.actor(), finish.outcome()));
      return null;
    }
    return terminate((Command.Terminate) command, now, out);
  }

  /**
   * {@return when a pending action expires: its own expiry, or the investigation's for one stored
   * without}
   */
  private Instant expiryOf(ActionRecord action) {
    Instant expires = action.expiresAt();
    return expires != null ? expires : action.proposedAt().plus(pendingExpiry);
  }

  /**
   * {@return a refusal if the action is in {@code status} and its obligation is not due at {@code
   * now}}: an expiry or a time box end asked for early. Other statuses are left to the transition's
   * own check.
   */
  private @Nullable Rejection refuseBefore(
      ActionId actionId, ActionStatus status, String what, Instant now) {
    Optional<ActionRecord> found = action(actionId);
    if (found.isEmpty() || found.get().status() != status) {
      return null;
    }
    Optional<Obligation> due = found.get().obligation();
    Instant at =
        status == ActionStatus.PENDING_APPROVAL
            ? expiryOf(found.get())
            : due.map(Obligation::due).orElse(null);
    if (at != null && now.isBefore(at)) {
      return reject(
          RejectionReason.NOT_DUE,
          "cannot " + what + " action " + actionId + " before " + at + ", it is " + now,
          actionId);
    }
    return null;
  }

  private @Nullable Rejection extendTimeBox(
      Command.ExtendTimeBox extend, Instant now, DecidedEvents out) {
    Optional<ActionRecord> found = action(extend.actionId());
    Duration box = // only a running box is measured; any other is refused for its status below
        found
            .filter(a -> a.status() == ActionStatus.SUCCEEDED)
            .map(ActionRecord::timeBox)
            .orElse(null);
    if (box != null && box.plus(extend.extra()).compareTo(Durations.MAX) > 0) {
      return new Rejection(
          RejectionReason.INVALID_ARGUMENT,
          "the time box of action "
              + extend.actionId()
              + " would be "
              + box.plus(extend.extra())
              + ", longer than the most allowed, "
              + Durations.MAX,
          extend.actionId(),
          "extra");
    }
    Rejection refused =
        refuseUnless(
            extend.actionId(),
            "extend the time box",
            a -> a.status() == ActionStatus.SUCCEEDED && a.timeBox() != null);
    if (refused == null) {
      out.append(
          new InvestigationEvent.TimeBoxExtended(
              id,
              now,
              Actor.principal(extend.approver()),
              extend.actionId(),
              extend.extra(),
              extend.comment()));
    }
    return refused;
  }

  private @Nullable Rejection recordEvidence(
      Command.RecordEvidence command, Instant now, DecidedEvents out) {
    Rejection closed = refuseIfClosed();
    if (closed != null) {
      return closed;
    }
    out.append(new EvidenceRecorded(id, now, command.actor(), command.evidence()));
    if (command.proposals().isEmpty() && command.evidence().isThreat()) {
      out.append(new NoActionPlanned(id, now, command.actor(), command.evidence()));
    }
    List<RemediationAction> proposedNow = new ArrayList<>(command.proposals().size());
    Set<ActionId> superseded = new HashSet<>();
    int next = actions.size() + 1;
    for (Command.Proposal proposal : command.proposals()) {
      RemediationAction action = proposal.planned().action();
      if (sameTargetIn(proposedNow, action) || findBlocking(action, true) != null) {
        continue;
      }
      proposedNow.add(action);
      ActionId proposedId = new ActionId(id, next++);
      out.append(
          proposed(
              proposedId,
              proposal,
              command.actor(),
              "",
              ActionSource.of(command.actor(), action.family()),
              now));
      supersedeUnsendable(action, proposedId, now, out, superseded);
    }
    return null;
  }

  /**
   * When {@code action} can be sent, rejects (as the system) each pending action on the same target
   * that never could, for lack of what {@code action} carries: it is superseded, and the
   * investigation does not wait for it to expire.
   */
  private void supersedeUnsendable(
      RemediationAction action,
      ActionId by,
      Instant now,
      DecidedEvents out,
      Set<ActionId> superseded) {
    if (action.missingForExecution().isPresent()) {
      return;
    }
    for (int i = 0, size = actions.size(); i < size; i++) {
      ActionRecord existing = actions.get(i);
      // once per batch: two sendable reports may both stand for one that could not be sent
      if (existing.status() == ActionStatus.PENDING_APPROVAL
          && existing.action().missingForExecution().isPresent()
          && sameTarget(existing.action(), action)
          && superseded.add(existing.id())) {
        out.append(
            new ActionRejected(
                id,
                now,
                Actor.system(),
                existing.id(),
                "superseded by action " + by + ", which carries what this one lacked"));
      }
    }
  }

  private static boolean sameTargetIn(List<RemediationAction> proposed, RemediationAction action) {
    for (RemediationAction other : proposed) {
      if (sameTarget(other, action)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether two actions do one kind of thing to the same entity ({@link
   * dev.parry.core.entity.Entity#sameAs}: a file reported by its SHA-1 alone and again with its
   * SHA-256 too is one file); the kinds are compared first, so most targets are never compared.
   */
  private static boolean sameTarget(RemediationAction a, RemediationAction b) {
    return a.kind() == b.kind() && a.target().sameAs(b.target());
  }

  private @Nullable Rejection proposeAction(
      Command.ProposeAction command, Instant now, DecidedEvents out) {
    Rejection closed = refuseIfClosed();
    if (closed != null) {
      return closed;
    }
    RemediationAction action = command.proposal().planned().action();
    ActionRecord existing = findBlocking(action, false);
    if (existing != null) {
      return reject(
          RejectionReason.DUPLICATE_ACTION,
          "action " + existing.id() + " (" + action.key() + ") is already " + existing.status(),
          existing.id());
    }
    ActionId proposedId = new ActionId(id, actions.size() + 1);
    out.append(
        proposed(
            proposedId,
            command.proposal(),
            command.requester(),
            command.comment(),
            command.source(),
            now));
    supersedeUnsendable(action, proposedId, now, out, new HashSet<>());
    return null;
  }

  private ActionProposed proposed(
      ActionId actionId,
      Command.Proposal proposal,
      Actor requester,
      String comment,
      ActionSource source,
      Instant now) {
    Instant expires =
        proposal.planned().mode() == ApprovalMode.AUTOMATIC
            ? null
            : now.plus(proposal.expiry() != null ? proposal.expiry() : pendingExpiry);
    return new ActionProposed(
        id,
        now,
        requester,
        actionId,
        proposal.planned().action(),
        proposal.planned().mode(),
        proposal.planned().reason(),
        proposal.rule(),
        proposal.timeBox(),
        expires,
        comment,
        source);
  }

  /**
   * The existing action on the same target as {@code proposed} that stops it from being proposed:
   * an active one, or (for evidence) one that was taken, rejected or expired, since new evidence
   * must not re-ask a question analysts already answered. A pending action that can never be sent
   * (its file lacks the hash its kind needs, its process the creation time) does not stop one that
   * can: the new report carries what the first lacked.
   */
  private @Nullable ActionRecord findBlocking(RemediationAction proposed, boolean includeDecided) {
    for (int i = 0, size = actions.size(); i < size; i++) {
      ActionRecord action = actions.get(i);
      ActionStatus status = action.status();
      boolean blocks =
          status.isActive()
              || (includeDecided
                  && status != ActionStatus.FAILED
                  && status != ActionStatus.TIMED_OUT
                  && status != ActionStatus.CANCELLED
                  && status != ActionStatus.UNDONE);
      if (blocks
          && (status == ActionStatus.PENDING_APPROVAL
              || status == ActionStatus.REJECTED
              || status == ActionStatus.EXPIRED)
          && action.action().missingForExecution().isPresent()
          && proposed.missingForExecution().isEmpty()) {
        blocks =
            false; // one that could never be sent, still pending or declined for that, gives way
      }
      if (blocks && sameTarget(action.action(), proposed)) {
        return action;
      }
    }
    return null;
  }

  private @Nullable Rejection refuseIfClosed() {
    if (terminatedBy != null) {
      return reject(
          RejectionReason.INVESTIGATION_TERMINATED,
          "investigation " + id + " was terminated",
          null);
    }
    if (isComplete()) {
      return reject(
          RejectionReason.INVESTIGATION_COMPLETE,
          "investigation "
              + id
              + " is complete ("
              + status()
              + ") and takes no new evidence or actions",
          null);
    }
    return null;
  }

  private @Nullable Rejection approve(
      ActionId actionId, PrincipalName approver, String comment, Instant now, DecidedEvents out) {
    Rejection missing = refuseUnknown(actionId);
    if (missing != null) {
      return missing;
    }
    ActionRecord action = actions.get(actionId.sequence() - 1);
    if (action.status() != ActionStatus.PENDING_APPROVAL) {
      return illegal(action, "approve");
    }
    if (action.approvedBy(approver)) {
      return reject(
          RejectionReason.ALREADY_APPROVED_BY_PRINCIPAL,
          "principal '"
              + approver
              + "' already approved action "
              + actionId
              + "; a quorum counts distinct principals",
          actionId);
    }
    if (!action.rule().requesterMayApprove()
        && action.requestedBy().principalName().filter(approver::equals).isPresent()) {
      return reject(
          RejectionReason.REQUESTER_CANNOT_APPROVE,
          "principal '"
              + approver
              + "' requested action "
              + actionId
              + " and may not approve it (two-step approval)",
          actionId);
    }
    boolean quorum = action.approvalCount() + 1 >= action.rule().approvals();
    out.append(new ApprovalGranted(id, now, Actor.principal(approver), actionId, comment, quorum));
    return null;
  }

  private @Nullable Rejection requestUndo(
      Command.RequestUndo command, Instant now, DecidedEvents out) {
    ActionId actionId = command.actionId();
    Rejection missing = refuseUnknown(actionId);
    if (missing != null) {
      return missing;
    }
    ActionRecord action = actions.get(actionId.sequence() - 1);
    if (!action.action().kind().isReversible()) {
      return irreversible(action);
    }
    if (action.status() != ActionStatus.SUCCEEDED && action.status() != ActionStatus.UNDO_FAILED) {
      return illegal(action, "undo");
    }
    out.append(new UndoRequested(id, now, command.actor(), actionId, command.comment()));
    return null;
  }

  private @Nullable Rejection undoOnSuccess(
      Command.UndoOnSuccess command, Instant now, DecidedEvents out) {
    ActionId actionId = command.actionId();
    Rejection missing = refuseUnknown(actionId);
    if (missing != null) {
      return missing;
    }
    ActionRecord action = actions.get(actionId.sequence() - 1);
    if (action.status() == ActionStatus.SUCCEEDED) {
      return requestUndo(
          new Command.RequestUndo(actionId, command.actor(), command.comment()), now, out);
    }
    if (!action.action().kind().isReversible()) {
      return irreversible(action);
    }
    if ((action.status() != ActionStatus.APPROVED && action.status() != ActionStatus.IN_PROGRESS)
        || action.undoOnSuccess().isPresent()) {
      return illegal(action, "undo once it succeeds");
    }
    out.append(new UndoOnSuccessRequested(id, now, command.actor(), actionId, command.comment()));
    return null;
  }

  private @Nullable Rejection terminate(Command.Terminate command, Instant now, DecidedEvents out) {
    Rejection closed = refuseIfClosed();
    if (closed != null) {
      return closed;
    }
    String why = command.comment().isEmpty() ? "investigation terminated" : command.comment();
    for (int i = 0, size = actions.size(); i < size; i++) {
      ActionRecord action = actions.get(i);
      if (action.status() == ActionStatus.PENDING_APPROVAL) {
        out.append(new ActionRejected(id, now, command.actor(), action.id(), why));
      } else if (action.status() == ActionStatus.APPROVED) {
        out.append(new ActionCancelled(id, now, command.actor(), action.id(), why));
      }
    }
    out.append(new Terminated(id, now, command.actor(), command.comment()));
    return null;
  }

  /**
   * {@return why the action cannot take the transition {@code what}, or null if it can}: it is
   * unknown, or its state does not satisfy {@code allowed}. The caller then emits the event; the
   * predicates capture nothing on the hot paths, so that a decision allocates no function.
   */
  private @Nullable Rejection refuseUnless(
      ActionId actionId, String what, Predicate<ActionRecord> allowed) {
    Rejection missing = refuseUnknown(actionId);
    if (missing != null) {
      return missing;
    }
    ActionRecord action = actionAt(actionId);
    return allowed.test(action) ? null : illegal(action, what);
  }

  /** {@return the action with this id, known to be in this investigation} */
  private ActionRecord actionAt(ActionId actionId) {
    return actions.get(actionId.sequence() - 1);
  }

  private @Nullable Rejection refuseUnknown(ActionId actionId) {
    if (!actionId.investigation().equals(id)) {
      return reject(
          RejectionReason.WRONG_INVESTIGATION,
          "action "
              + actionId
              + " belongs to investigation "
              + actionId.investigation()
              + ", not "
              + id,
          actionId);
    }
    if (actionId.sequence() > actions.size()) {
      return reject(
          RejectionReason.UNKNOWN_ACTION,
          "investigation " + id + " has no action " + actionId + " (it has " + actions.size() + ")",
          actionId);
    }
    return null;
  }

  private static Rejection irreversible(ActionRecord action) {
    return reject(
        RejectionReason.NOT_REVERSIBLE,
        "action " + action.id() + " is " + action.action().kind() + ", which cannot be undone",
        action.id());
  }

  private static Rejection illegal(ActionRecord action, String what) {
    return reject(
        RejectionReason.ILLEGAL_TRANSITION,
        "action " + action.id() + " is " + action.status() + ": " + what + " is not allowed",
        action.id());
  }

  private static Rejection reject(
      RejectionReason reason, String message, @Nullable ActionId action) {
    return new Rejection(reason, message, action);
  }

  /**
   * {@return the investigation after applying one event}
   *
   * @param event an event of this investigation
   * @throws InvalidInputException if the event belongs to another investigation
   * @throws ConflictException if the event cannot follow this state (an action event for a missing
   *     action, a transition its status does not allow, a second opening)
   */
  public Investigation evolve(InvestigationEvent event) {
    if (!Checks.notNull(event, "event").investigationId().equals(id)) {
      throw new InvalidInputException(
          "event", null, "event of investigation " + event.investigationId() + " applied to " + id);
    }
    long v = version + 1;
    if (event instanceof ActionEvent actionEvent) {
      return withAction(evolveAction(actionEvent), v);
    }
    return evolveInvestigation(event, v);
  }

  /** {@return the investigation after an event about itself rather than one of its actions} */
  private Investigation evolveInvestigation(InvestigationEvent event, long v) {
    if (event instanceof EvidenceRecorded evidenceRecorded) {
      List<Evidence> more = ((CheckedList<Evidence>) evidence).plus(evidenceRecorded.evidence());
      return new Investigation(
          id,
          alertId,
          level,
          origin,
          openedAt,
          pendingExpiry,
          v,
          more,
          threatsWithoutAction,
          actions,
          analysis,
          terminatedBy,
          completedAt);
    }
    if (event instanceof NoActionPlanned noActionPlanned) {
      List<Evidence> more =
          ((CheckedList<Evidence>) threatsWithoutAction).plus(noActionPlanned.evidence());
      return new Investigation(
          id,
          alertId,
          level,
          origin,
          openedAt,
          pendingExpiry,
          v,
          evidence,
          more,
          actions,
          analysis,
          terminatedBy,
          completedAt);
    }
    if (event instanceof AnalysisFinished analysisFinished) {
      if (isAnalysisFinished()) {
        throw new ConflictException("analysis of " + id + " already finished");
      }
      return new Investigation(
          id,
          alertId,
          level,
          origin,
          openedAt,
          pendingExpiry,
          v,
          evidence,
          threatsWithoutAction,
          actions,
          analysisFinished.outcome(),
          terminatedBy,
          completedAt);
    }
    if (event instanceof Terminated) {
      if (terminatedBy != null) {
        throw new ConflictException("investigation " + id + " already terminated");
      }
      return new Investigation(
          id,
          alertId,
          level,
          origin,
          openedAt,
          pendingExpiry,
          v,
          evidence,
          threatsWithoutAction,
          actions,
          analysis,
          event.actor(),
          completedAt);
    }
    if (event instanceof Completed) {
      if (completedAt != null || !isComplete()) {
        throw new ConflictException("investigation " + id + " cannot complete now");
      }
      return new Investigation(
          id,
          alertId,
          level,
          origin,
          openedAt,
          pendingExpiry,
          v,
          evidence,
          threatsWithoutAction,
          actions,
          analysis,
          terminatedBy,
          event.at());
    }
    throw new ConflictException("investigation " + id + " is already open");
  }

  private ActionRecord evolveAction(ActionEvent event) {
    if (event instanceof ActionProposed proposed) {
      return proposedAction(proposed);
    }
    ActionId actionId = event.actionId();
    ActionRecord current = existing(actionId);
    if (event instanceof ApprovalGranted granted) {
      require(
          current,
          ActionStatus.PENDING_APPROVAL,
          granted.quorumReached() ? ActionStatus.APPROVED : ActionStatus.PENDING_APPROVAL);
      return current.approvedBy(
          granted.actor(), granted.quorumReached(), event.at(), granted.comment());
    }
    if (event instanceof ActionStarted actionStarted) {
      require(current, current.status(), ActionStatus.IN_PROGRESS);
      return current.started(
          actionStarted.attempt(), event.at(), event.actor(), actionStarted.deadline());
    }
    return evolveOtherAction(current, event);
  }

  /** {@return the action with this id}, for an event about it */
  private ActionRecord existing(ActionId actionId) {
    if (!actionId.investigation().equals(id) || actionId.sequence() > actions.size()) {
      throw new ConflictException("investigation " + id + " has no action " + actionId);
    }
    return actionAt(actionId);
  }

  private ActionRecord proposedAction(ActionProposed proposed) {
    ActionId actionId = proposed.actionId();
    if (actionId.sequence() != actions.size() + 1) {
      throw new ConflictException(
          "action " + actionId + " proposed out of sequence, expected " + (actions.size() + 1));
    }
    ActionStatus initial =
        proposed.mode() == ApprovalMode.AUTOMATIC
            ? ActionStatus.APPROVED
            : ActionStatus.PENDING_APPROVAL;
    Instant expires =
        initial != ActionStatus.PENDING_APPROVAL
            ? null
            : proposed.expiresAt() != null
                ? proposed.expiresAt()
                : proposed.at().plus(pendingExpiry);
    return new ActionRecord(
        actionId,
        proposed.action(),
        proposed.mode(),
        proposed.reason(),
        proposed.rule(),
        proposed.actor(),
        proposed.comment(),
        proposed.source(),
        proposed.at(),
        initial,
        CheckedList.empty(false),
        0,
        proposed.at(),
        proposed.actor(),
        "",
        proposed.timeBox(),
        expires,
        null,
        0);
  }

  private ActionRecord evolveOtherAction(ActionRecord current, ActionEvent event) {
    ActionId actionId = current.id();
    if (event instanceof InvestigationEvent.TimeBoxExtended extended) {
      if (current.status() != ActionStatus.SUCCEEDED || current.timeBox() == null) {
        throw new ConflictException("action " + actionId + " has no running time box to extend");
      }
      return current.extended(extended.extra(), event.at(), event.actor(), extended.comment());
    }
    if (event instanceof UndoOnSuccessRequested asked) {
      if ((current.status() != ActionStatus.APPROVED
              && current.status() != ActionStatus.IN_PROGRESS)
          || !current.action().kind().isReversible()) {
        throw new ConflictException(
            "action "
                + actionId
                + " is "
                + current.status()
                + ": no undo can wait for its success");
      }
      return current.stepped(
          new ActionStep(
              ActionStep.Kind.UNDO_ON_SUCCESS, event.actor(), event.at(), asked.comment()));
    }
    if (event instanceof InvestigationEvent.ActionHeld held) {
      require(
          current,
          current.status() == ActionStatus.IN_PROGRESS
              ? ActionStatus.IN_PROGRESS
              : ActionStatus.APPROVED,
          ActionStatus.PENDING_APPROVAL);
      return current.held(held.reason(), held.expiresAt(), event.at(), event.actor());
    }
    ActionStatus next;
    String note = "";
    ActionStep.Kind step = null;
    if (event instanceof ActionSucceeded actionSucceeded) {
      next = ActionStatus.SUCCEEDED;
      note = actionSucceeded.detail();
    } else if (event instanceof ActionRejected actionRejected) {
      next = ActionStatus.REJECTED;
      note = actionRejected.comment();
      step = ActionStep.Kind.REJECTED;
    } else if (event instanceof ActionExpired) {
      next = ActionStatus.EXPIRED;
    } else if (event instanceof ActionFailed actionFailed) {
      next = ActionStatus.FAILED;
      note = actionFailed.reason();
    } else if (event instanceof ActionTimedOut) {
      next = ActionStatus.TIMED_OUT;
    } else if (event instanceof ActionCancelled actionCancelled) {
      next = ActionStatus.CANCELLED;
      note = actionCancelled.comment();
      step = ActionStep.Kind.CANCELLED;
    } else if (event instanceof UndoRequested undoRequested) {
      next = ActionStatus.UNDO_IN_PROGRESS;
      note = undoRequested.comment();
      step = ActionStep.Kind.UNDO_REQUESTED;
    } else if (event instanceof ActionUndone actionUndone) {
      next = ActionStatus.UNDONE;
      note = actionUndone.detail();
    } else {
      next = ActionStatus.UNDO_FAILED;
      note = ((UndoFailed) event).reason();
    }
    require(current, current.status(), next);
    return current.moved(next, event.at(), event.actor(), note, step);
  }

  private static void require(ActionRecord current, ActionStatus from, ActionStatus to) {
    if (current.status() != from
        || !(from.canMoveTo(to) || (from == to && from == ActionStatus.PENDING_APPROVAL))) {
      throw new ConflictException(
          "action " + current.id() + " cannot go from " + current.status() + " to " + to);
    }
  }

  private Investigation withAction(ActionRecord updated, long v) {
    return new Investigation(
        id,
        alertId,
        level,
        origin,
        openedAt,
        pendingExpiry,
        v,
        evidence,
        threatsWithoutAction,
        ((Actions) actions).with(updated),
        analysis,
        terminatedBy,
        completedAt);
  }

  @Override
  public String toString() {
    return "Investigation{id="
        + id
        + ", alertId="
        + alertId
        + ", status="
        + status()
        + ", version="
        + version
        + ", evidence="
        + evidence.size()
        + ", actions="
        + actions.size()
        + "}";
  }
}
