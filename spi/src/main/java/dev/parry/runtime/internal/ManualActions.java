// Past 400 lines because a false-positive report's rules (who may, what it stops, what it stores
// for what it cannot stop) read best next to the other manual actions they share helpers with.
package dev.parry.runtime.internal;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.spi.auth.ApprovalRules;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.store.InvestigationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What analysts do outside an investigation's own flow: manual actions (each in a manual
 * investigation of its own), false positives (reject, undo, allow) and false negatives (manual
 * remediation awaiting approval). Callers are authorized before these run.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class ManualActions {

  private static final Logger LOG = LoggerFactory.getLogger(ManualActions.class);

  private final CommandEngine engine;
  private final InvestigationStore store;
  private final Clock clock;
  private final EvidencePlanner planner;
  private final SafetyControls safety;
  private final ApprovalRules approvalRules;
  private final Supplier<InvestigationId> manualIds;
  private final Duration defaultExpiry;

  /**
   * Creates the part.
   *
   * @param engine how commands are decided and stored
   * @param store the store, queried for actions on an entity
   * @param clock the clock
   * @param planner the planner, for approval rules and expiries
   * @param safety where the allow indicator a false positive adds is recorded
   * @param approvalRules approval rules per kind
   * @param manualIds how manual investigations are named
   * @param defaultExpiry how long manual actions may wait for approval unless their kind says
   *     otherwise
   */
  public ManualActions(
      CommandEngine engine,
      InvestigationStore store,
      Clock clock,
      EvidencePlanner planner,
      SafetyControls safety,
      ApprovalRules approvalRules,
      Supplier<InvestigationId> manualIds,
      Duration defaultExpiry) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.planner = planner;
    this.safety = safety;
    this.approvalRules = approvalRules;
    this.manualIds = manualIds;
    this.defaultExpiry = defaultExpiry;
  }

  /**
   * {@return the action taken, or the active action of the same kind on the same target}
   *
   * @param action the action
   * @param caller who asks, already authorized
   * @param comment why
   * @param twoStep whether another principal must approve it
   * @param timeBox how long it stays in effect, or null
   * @param source where it comes from, already checked against the action's family
   */
  public ActionRecord take(
      RemediationAction action,
      Caller caller,
      String comment,
      boolean twoStep,
      @Nullable Duration timeBox,
      ActionSource source) {
    Optional<ActionRecord> active = activeOn(action);
    if (active.isPresent()) {
      return active.get();
    }
    ApprovalRule configured = approvalRules.ruleFor(action.kind());
    boolean waits = twoStep || !configured.equals(ApprovalRule.SINGLE);
    ApprovalRule rule =
        twoStep && configured.requesterMayApprove()
            ? new ApprovalRule(configured.approvals(), false)
            : configured;
    PlannedAction planned =
        new PlannedAction(
            action,
            waits ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC,
            waits
                ? "manual action awaiting approval (" + rule + ")"
                : "manual action by " + caller.name());
    return open(
            caller,
            List.of(
                new Command.Proposal(planned, rule, timeBox, planner.pendingExpiry(action.kind()))),
            comment,
            source)
        .actions()
        .get(0);
  }

  /**
   * {@return an open action of the same kind on the same target, under any of its names, if there
   * is one}
   */
  private Optional<ActionRecord> activeOn(RemediationAction action) {
    boolean sendable = action.missingForExecution().isEmpty();
    return StorePages.onSameEntity(
            store,
            action.target(),
            EnumSet.of(action.kind()),
            EnumSet.of(
                ActionStatus.PENDING_APPROVAL, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS))
        .stream()
        .filter(
            open ->
                !sendable
                    || open.action()
                        .missingForExecution()
                        .isEmpty()) // one never sent does not answer
        .findFirst();
  }

  /**
   * Reports a false positive: records an allow indicator for each value of the entity, rejects the
   * entity's pending actions, undoes every reversible action taken on it, and stops those approved
   * or in progress; the undo of a reversible one is stored with it first ({@link
   * Command.UndoOnSuccess}), so that it is requested with its success if it could not be stopped.
   * An automatic action (planned by the system, approved by nobody) decided while the indicators
   * were being recorded gets that stored undo from the system.
   *
   * @param entity the entity
   * @param caller who reports it, already authorized to report false positives
   * @param comment why
   * @param gate authorizes each rejection and undo the report makes, all before any is made
   * @param announce tells listeners and the log about the allow indicator the report adds
   * @param stop stops an approved or in-progress action: {@return whether it was cancelled}
   * @return what was done
   * @throws dev.parry.spi.auth.AccessDeniedException if the caller may not reject or undo one of
   *     the actions; nothing is changed then
   */
  public FalsePositiveReport falsePositive(
      Entity entity,
      Caller caller,
      String comment,
      Gatekeeper gate,
      Consumer<ControlChange> announce,
      Predicate<ActionRecord> stop) {
    List<ActionRecord> listed = actionsOn(entity);
    List<ActionRecord> toReject = new ArrayList<>();
    List<ActionRecord> toUndo = new ArrayList<>();
    List<ActionRecord> toStop = new ArrayList<>();
    for (ActionRecord action : listed) {
      if (action.status() == ActionStatus.PENDING_APPROVAL) {
        toReject.add(action);
      } else if (action.status() == ActionStatus.SUCCEEDED
          && action.action().kind().isReversible()) {
        toUndo.add(action);
      } else if (action.status() == ActionStatus.APPROVED
          || action.status() == ActionStatus.IN_PROGRESS) {
        toStop.add(action);
      }
    }
    // authorized by what it does: every rejection, undo and cancel it would make, before it makes
    // any (an action in flight may succeed before it is stopped: then it is undone)
    for (ActionRecord action : toReject) {
      gate.authorize(caller, Operation.REJECT, action.action().kind());
    }
    for (ActionRecord action : toUndo) {
      gate.authorize(caller, Operation.UNDO, action.action().kind());
    }
    for (ActionRecord action : toStop) {
      gate.authorize(caller, Operation.CANCEL, action.action().kind());
      if (action.action().kind().isReversible()) {
        gate.authorize(caller, Operation.UNDO, action.action().kind());
      }
    }
    List<AllowIndicator> indicators = AllowIndicator.forValuesOf(entity);
    for (AllowIndicator indicator : indicators) {
      announce.accept(
          safety.record(
              ControlChange.allow(indicator, true, caller.name(), clock.instant(), comment)));
    }
    Set<ActionId> seen = new HashSet<>();
    listed.forEach(action -> seen.add(action.id()));
    List<ActionId> rejected = new ArrayList<>();
    List<ActionId> undone = new ArrayList<>();
    List<ActionId> cancelled = new ArrayList<>();
    List<ActionId> stillRunning = new ArrayList<>();
    // an action decided between the listing and the indicators met no indicator on its way to its
    // call: the system undoes it once it succeeds, as the indicator rule says
    for (ActionRecord late : actionsOn(entity)) {
      if (seen.contains(late.id()) || !plannedAndSentByTheSystem(late)) {
        continue; // a person's action, or a decision of theirs, is theirs to undo
      }
      sortAfterUndo(
          late, undoOnSuccess(late, Actor.system(), lateNote(indicators)), undone, stillRunning);
    }
    for (ActionRecord action : toReject) {
      engine
          .applyQuietly(
              action.id().investigation(),
              s -> new Command.Reject(action.id(), caller.actor(), comment))
          .ifPresent(s -> rejected.add(action.id()));
    }
    for (ActionRecord action : toUndo) {
      requestUndo(action.id(), caller, comment).ifPresent(undone::add);
    }
    for (ActionRecord action : toStop) {
      // its undo is stored with it first, requested in the same write as its success (at once if
      // it succeeded meanwhile), so that it holds whichever runtime records the success and
      // whatever fails after this point; on an action then cancelled, it does nothing
      undoOnSuccess(action, caller.actor(), comment);
      if (stop.test(action)) {
        cancelled.add(action.id());
        continue;
      }
      sortAfterUndo(action, null, undone, stillRunning);
    }
    LOG.atInfo()
        .addKeyValue("principal", LogSafe.of(caller.name()))
        .addKeyValue("rejected", rejected.size())
        .addKeyValue("undone", undone.size())
        .addKeyValue("cancelled", cancelled.size())
        .addKeyValue("stillRunning", stillRunning.size())
        .log("false positive reported");
    return new FalsePositiveReport(rejected, undone, cancelled, stillRunning, indicators);
  }

  /**
   * Stores the undo of a reversible action, to be requested when it succeeds (at once if it has):
   * {@return the investigation after it, or after the refusal (the undo was asked already, or the
   * action settled otherwise), or null for an action that cannot be undone}
   */
  private @Nullable Investigation undoOnSuccess(ActionRecord action, Actor actor, String comment) {
    if (!action.action().kind().isReversible()) {
      return null;
    }
    ActionId id = action.id();
    return engine
        .applyQuietly(id.investigation(), s -> new Command.UndoOnSuccess(id, actor, comment))
        .orElseGet(() -> engine.read(id.investigation()));
  }

  /**
   * Files {@code action} by where it stands in {@code after} (read again if null): undone or being
   * undone, still running (undone once it succeeds, if it can be), or neither (it took no effect).
   */
  private void sortAfterUndo(
      ActionRecord action,
      @Nullable Investigation after,
      List<ActionId> undone,
      List<ActionId> stillRunning) {
    ActionId id = action.id();
    Investigation state = after != null ? after : engine.read(id.investigation());
    switch (state.action(id).orElseThrow().status()) {
      case UNDO_IN_PROGRESS, UNDONE, UNDO_FAILED -> undone.add(id);
      case APPROVED, IN_PROGRESS -> stillRunning.add(id);
      default -> {} // failed, timed out or cancelled meanwhile: it took no effect
    }
  }

  /**
   * {@return whether {@code action} is automation: proposed by the system to run automatically, and
   * approved by nobody}
   */
  private static boolean plannedAndSentByTheSystem(ActionRecord action) {
    return action.status() != ActionStatus.PENDING_APPROVAL
        && action.mode() == ApprovalMode.AUTOMATIC
        && action.requestedBy().principalName().isEmpty()
        && action.approvalCount() == 0;
  }

  /**
   * {@return the note of an undo the system stores for an action the indicators came too late for}
   */
  private static String lateNote(List<AllowIndicator> indicators) {
    String note =
        indicators.isEmpty()
            ? "allowed while the action was decided"
            : "allowed by indicator " + indicators.get(0) + " while the action was decided";
    return Text.withoutControls(
        note.length() > Command.MAX_TEXT ? note.substring(0, Command.MAX_TEXT) : note);
  }

  private Optional<ActionId> requestUndo(ActionId id, Caller caller, String comment) {
    return engine
        .applyQuietly(id.investigation(), s -> new Command.RequestUndo(id, caller.actor(), comment))
        .map(s -> id);
  }

  /** {@return the open and succeeded actions on {@code entity} under any of its names} */
  private List<ActionRecord> actionsOn(Entity entity) {
    return StorePages.onSameEntity(
        store,
        entity,
        Set.of(),
        EnumSet.of(
            ActionStatus.PENDING_APPROVAL,
            ActionStatus.APPROVED,
            ActionStatus.IN_PROGRESS,
            ActionStatus.SUCCEEDED));
  }

  /**
   * {@return the planned remediation of an entity an investigation missed, as proposals awaiting
   * approval}
   *
   * @param entity the entity
   */
  public List<Command.Proposal> falseNegativeProposals(Entity entity) {
    Evidence evidence =
        Evidence.of(
            entity, Verdict.MALICIOUS, "false negative reported by an analyst", clock.instant());
    if (entity instanceof UserAccount) {
      evidence = evidence.withRoles(EvidenceRole.COMPROMISED); // a missed user is a compromised one
    }
    RemediationPlan plan = planner.planUnfiltered(evidence, AutomationLevel.SEMI_ALL_FOLDERS);
    List<Command.Proposal> proposals = new ArrayList<>();
    for (PlannedAction planned : plan.actions()) {
      proposals.add(
          planner.proposal(
              planned.requiringApproval("false negative: manual remediation awaiting approval")));
    }
    return proposals;
  }

  /**
   * Opens a manual investigation holding {@code proposals}, all requested by {@code caller}.
   *
   * @param caller who asks
   * @param proposals the actions
   * @param comment why, kept on every action as its request comment
   * @param source where the actions come from, or null for each its manual source by family
   * @return the investigation
   * @throws dev.parry.core.error.ParryException a {@link dev.parry.runtime.RefusedCommand} if a
   *     proposal is refused, in the category {@link Refusals} gives it
   */
  public Investigation open(
      Caller caller,
      List<Command.Proposal> proposals,
      String comment,
      @Nullable ActionSource source) {
    InvestigationId id = manualIds.get();
    Instant now = clock.instant();
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("manual"),
            AutomationLevel.SEMI_ALL_FOLDERS,
            defaultExpiry,
            caller.actor(),
            now);
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    Investigation state = opened.after();
    List<Command> commands = new ArrayList<>();
    for (Command.Proposal proposal : proposals) {
      commands.add(
          new Command.ProposeAction(
              proposal,
              caller.actor(),
              comment,
              source != null ? source : ActionSource.manual(proposal.planned().action().family())));
    }
    commands.add(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, caller.actor()));
    for (Command command : commands) {
      Decision decision = state.decide(command, now);
      if (decision instanceof Decision.Rejected rejected) {
        throw Refusals.of(rejected.rejection());
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      events.addAll(accepted.events());
      state = accepted.after();
    }
    engine.create(id, events, state);
    LOG.atInfo()
        .addKeyValue("investigationId", LogSafe.of(id))
        .addKeyValue("principal", LogSafe.of(caller.name()))
        .addKeyValue("actions", proposals.size())
        .log("manual actions requested");
    return state;
  }
}
