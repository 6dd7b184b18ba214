package dev.parry.runtime;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Origin;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.ActionCenterCsv;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.ApprovalRules;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutorProvider;
import dev.parry.spi.executor.ProviderConfig;
import dev.parry.runtime.internal.Dispatcher;
import dev.parry.runtime.internal.ExecutorRegistry;
import dev.parry.runtime.internal.Guardrails;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.safety.SafetyOverride;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parry runtime: opens investigations, plans actions from evidence with the policy, holds the
 * pending ones for approval, dispatches the approved ones to vendor executors, and answers the action
 * center's queries.
 *
 * <p>Every change is decided by the investigation state machine and stored before anything is sent
 * to an executor. Operations are safe to call from many threads: each is load, decide and append
 * with the version loaded, repeated on a conflict, so an action is never decided twice. Operations by
 * a person take a {@link Caller} and are authorized first; a denial changes nothing, is reported to
 * listeners and thrown as an {@link AccessDeniedException}.
 *
 * <pre>{@code
 * ParryRuntime parry = ParryRuntime.builder()
 *     .executor("edr", myDeviceExecutor)
 *     .executor("mail", myEmailExecutor)
 *     .executor("directory", myIdentityExecutor)
 *     .build();
 * parry.start();
 * parry.open(InvestigationId.of("inv-1"), AlertId.of("alert-1"), device);
 * parry.reportEvidence(InvestigationId.of("inv-1"), Evidence.of(file, Verdict.MALICIOUS, "Trojan", now));
 * parry.finishAnalysis(InvestigationId.of("inv-1"), AnalysisOutcome.COMPLETED);
 * parry.approve(pendingActionId, Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR), "confirmed");
 * }</pre>
 */
public final class ParryRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParryRuntime.class);
  private static final int MAX_CONFLICT_RETRIES = 64;
  /** The most pieces of evidence one report may hold: {@value}. */
  public static final int MAX_EVIDENCE_PER_REPORT = 1000;

  /** How many investigations' last written states are kept to decide on without a read; then it starts over. */
  private static final int MAX_RECENT = 4096;

  private final Clock clock;
  private final TaskScheduler scheduler;
  private final boolean ownsScheduler;
  private final InvestigationStore store;
  private final RemediationPolicy policy;
  private final DeviceGroups deviceGroups;
  private final FolderClassifier folders;
  private final AutomationExclusions exclusions;
  /** Replaced whole when one is added, so that every plan reads one immutable set without copying it. */
  private volatile Set<AllowIndicator> allowIndicators;
  private final Authorizer authorizer;
  private final ApprovalRules approvalRules;
  private final List<RuntimeListener> listeners;
  private final Limits limits;
  private final ExecutorRegistry registry;
  private final Supplier<InvestigationId> manualIds;
  private final Dispatcher dispatcher;
  private final Guardrails guardrails;
  /**
   * The state this runtime last wrote per open investigation: commands are decided on it without a
   * read, and the store's version check catches a state another runtime has moved on since (the
   * command is then decided again on a fresh read). Refusals are always confirmed on a fresh read.
   */
  private final Map<InvestigationId, Investigation> recent = new ConcurrentHashMap<>();
  private final Map<ActionKind, Duration> pendingExpiryByKind;
  private final Map<ActionKind, Duration> timeBoxes;
  private volatile boolean started;
  private volatile boolean closed;

  private ParryRuntime(Builder b, ExecutorRegistry registry) {
    this.clock = b.clock;
    this.scheduler = b.scheduler != null ? b.scheduler : TaskScheduler.threadPool(2);
    this.ownsScheduler = b.scheduler == null;
    this.store = b.store;
    this.policy = b.policy;
    this.deviceGroups = b.deviceGroups;
    this.folders = b.folders;
    this.exclusions = b.exclusions;
    this.allowIndicators = Set.copyOf(b.allowIndicators);
    this.authorizer = b.authorizer;
    this.approvalRules = b.approvalRules;
    this.listeners = List.copyOf(b.listeners);
    this.limits = b.limits;
    this.registry = registry;
    this.manualIds = b.manualIds;
    this.dispatcher = new Dispatcher(clock, scheduler, store, registry, limits, this::applyQuietly, b.instanceName,
        b.dispatchLease, recent::get);
    this.guardrails = new Guardrails(b.safetyGuards, clock);
    this.pendingExpiryByKind = Map.copyOf(b.pendingExpiryByKind);
    this.timeBoxes = Map.copyOf(b.timeBoxes);
  }

  /** {@return a builder with the defaults documented on each setter} */
  public static Builder builder() {
    return new Builder();
  }

  // ---- life cycle ------------------------------------------------------------------------------

  /**
   * Starts the runtime: resumes work left by a previous run on the same store (approved and
   * in-progress actions are dispatched again with the same idempotency key, undos in progress are
   * sent again, pending actions get their expiry timers). Calling it twice does nothing.
   *
   * @throws IllegalStateException if the runtime was closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the runtime was closed");
    }
    if (started) {
      return;
    }
    started = true;
    int[] resumed = {0};
    Set<ActionStatus> resumable = ActionStatus.dispatched();
    resumable.add(ActionStatus.PENDING_APPROVAL);
    forEachAction(ActionQuery.all().statuses(resumable), action -> {
          resumed[0]++;
          switch (action.status()) {
            case PENDING_APPROVAL -> scheduleExpiry(action);
            case UNDO_IN_PROGRESS -> dispatcher.submit(action.id(), ExecutionPurpose.UNDO);
            default -> dispatcher.submit(action.id(), ExecutionPurpose.EXECUTE);
          }
        });
    forEachAction(ActionQuery.all().statuses(EnumSet.of(ActionStatus.SUCCEEDED)), this::scheduleTimeBox);
    Duration interval = min(limits.actionTimeout().dividedBy(4), limits.attemptTimeout());
    scheduler.schedule(interval, () -> watchdog(interval));
    dispatcher.keepLeases();
    LOG.atInfo().addKeyValue("resumed", resumed[0]).log("Parry runtime started");
  }

  /**
   * Stops dispatching new work and, if the runtime created its own thread pool, shuts it down
   * after letting running tasks finish. Approved actions not yet sent stay approved in the store and
   * resume on the next {@link #start()}.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    dispatcher.close();
    if (ownsScheduler) {
      scheduler.close();
    }
    LOG.atInfo().log("Parry runtime closed");
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the runtime was closed");
    }
  }

  // ---- investigations --------------------------------------------------------------------------

  /**
   * Opens an automated investigation for an alert, at the automation level of the device's group.
   *
   * @param id the investigation's id, unique in the store
   * @param alertId the alert
   * @param device the device the alert is about, or null for an alert with no device (email,
   *     identity), which runs at the ungrouped devices' level
   * @return the new investigation
   * @throws InvestigationRefusedException if the level is "no automated response" or the id is taken
   */
  public Investigation open(InvestigationId id, AlertId alertId, @Nullable Device device) {
    requireOpen();
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(alertId, "alertId");
    DeviceGroup group = device == null ? deviceGroups.ungrouped() : deviceGroups.resolve(device);
    AutomationLevel level = group.level();
    if (level == AutomationLevel.NO_AUTOMATED_RESPONSE) {
      throw new InvestigationRefusedException(id, "the device group's automation level is NO_AUTOMATED_RESPONSE");
    }
    Decision.Accepted opened = Investigation.open(id, alertId, level, new Origin(group.name(), device),
        limits.pendingExpiry(), Actor.system(), clock.instant());
    try {
      store.append(id, 0, opened.events(), opened.after());
    } catch (ConcurrencyConflictException e) {
      throw new InvestigationRefusedException(id, "an investigation with this id already exists");
    }
    remember(opened.after());
    published(opened.events(), opened.after());
    return opened.after();
  }

  /**
   * Reports evidence: the policy plans actions for it; automatic ones are dispatched, the others wait
   * for approval.
   *
   * @param id the investigation
   * @param evidence the evidence
   * @return the investigation after the evidence joined
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the investigation is complete or terminated
   */
  public Investigation reportEvidence(InvestigationId id, Evidence evidence) {
    return reportEvidence(id, evidence, 1);
  }

  /**
   * Reports evidence seen on {@code devicesInScope} devices; 10 or more needs approval.
   *
   * @param id the investigation
   * @param evidence the evidence
   * @param devicesInScope how many devices the entity was seen on, 1 or more
   * @return the investigation after the evidence joined
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the investigation is complete or terminated
   * @throws IllegalArgumentException if {@code devicesInScope} is less than 1
   */
  public Investigation reportEvidence(InvestigationId id, Evidence evidence, int devicesInScope) {
    requireOpen();
    Objects.requireNonNull(evidence, "evidence");
    if (devicesInScope < 1) {
      throw new IllegalArgumentException("devicesInScope must be 1 or more, was: " + devicesInScope);
    }
    Known known = known(id);
    return applyAll(id, List.of(recordEvidence(known.state(), evidence, devicesInScope)), known).after();
  }

  /**
   * Reports several pieces of evidence at once, as an alert that names several entities does: each is
   * planned as {@link #reportEvidence(InvestigationId, Evidence)} plans it, and all of them are
   * recorded in one write, or none is. Their automatic actions are then dispatched.
   *
   * @param id the investigation
   * @param evidence the evidence, 1 to {@value #MAX_EVIDENCE_PER_REPORT} pieces, in the order to record them
   * @return the investigation after the evidence joined
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the investigation is complete or terminated; nothing is recorded
   * @throws IllegalArgumentException if the list is empty or longer than {@value #MAX_EVIDENCE_PER_REPORT}
   */
  public Investigation reportEvidence(InvestigationId id, List<Evidence> evidence) {
    requireOpen();
    Objects.requireNonNull(evidence, "evidence");
    if (evidence.isEmpty() || evidence.size() > MAX_EVIDENCE_PER_REPORT) {
      throw new IllegalArgumentException("a report holds 1-" + MAX_EVIDENCE_PER_REPORT + " pieces of evidence, was: "
          + evidence.size());
    }
    List<Evidence> pieces = new ArrayList<>(evidence);
    for (int i = 0; i < pieces.size(); i++) {
      Objects.requireNonNull(pieces.get(i), "evidence[" + i + "]");
    }
    Known known = known(id); // its level and origin never change: read once for every piece
    List<Function<Investigation, Command>> commands = new ArrayList<>(pieces.size());
    for (Evidence piece : pieces) {
      commands.add(recordEvidence(known.state(), piece, 1));
    }
    return applyAll(id, commands, known).after();
  }

  /**
   * Plans {@code evidence} at the investigation's level, guarded for its origin, once, outside the retry loop: the
   * blast-radius breaker counts each action once.
   */
  private Function<Investigation, Command> recordEvidence(Investigation investigation, Evidence evidence,
      int devicesInScope) {
    RemediationPlan plan = guarded(investigation.origin(),
        policy.plan(evidence, context(investigation.level(), devicesInScope)), true);
    List<Command.Proposal> proposals = new ArrayList<>();
    for (PlannedAction planned : plan.actions()) {
      proposals.add(new Command.Proposal(planned, approvalRules.ruleFor(planned.action().kind()),
          timeBoxFor(planned.action().kind()), pendingExpiryByKind.get(planned.action().kind())));
    }
    Command.RecordEvidence command = new Command.RecordEvidence(evidence, proposals, Actor.system());
    return state -> command;
  }

  /**
   * {@return what reporting {@code evidence} to investigation {@code id} would plan now, safety guards
   * included, without changing anything}: a dry run. Nothing is stored and no blast-radius capacity is
   * used.
   *
   * @param id the investigation
   * @param evidence the evidence
   * @throws UnknownInvestigationException if there is no such investigation
   */
  public RemediationPlan dryRun(InvestigationId id, Evidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    Investigation current = read(Objects.requireNonNull(id, "id"));
    return guarded(current.origin(), policy.plan(evidence, context(current.level(), 1)), false);
  }

  private @Nullable Duration timeBoxFor(ActionKind kind) {
    return kind.isReversible() ? timeBoxes.get(kind) : null;
  }

  private RemediationPlan guarded(Origin origin, RemediationPlan plan, boolean consume) {
    return guardrails.apply(plan, origin.group(), origin.device(), consume);
  }

  /**
   * Pauses automation (the kill switch): while paused, actions that would run automatically wait for
   * approval instead, with the reason recorded. Reported to listeners and logged.
   *
   * @param caller who pauses it; needs {@link Operation#MANAGE_SAFETY}
   * @param group the device group to pause, or null for every group
   * @param reason why, not empty
   * @throws AccessDeniedException if the caller may not manage the safety guards
   */
  public void pauseAutomation(Caller caller, @Nullable DeviceGroupName group, String reason) {
    switchAutomation(caller, group, reason, true);
  }

  /**
   * Resumes automation paused by {@link #pauseAutomation}.
   *
   * @param caller who resumes it; needs {@link Operation#MANAGE_SAFETY}
   * @param group the device group, or null for the global switch
   * @param reason why, not empty
   * @throws AccessDeniedException if the caller may not manage the safety guards
   */
  public void resumeAutomation(Caller caller, @Nullable DeviceGroupName group, String reason) {
    switchAutomation(caller, group, reason, false);
  }

  private void switchAutomation(Caller caller, @Nullable DeviceGroupName group, String reason, boolean paused) {
    requireOpen();
    authorize(caller, Operation.MANAGE_SAFETY, null);
    SafetyOverride override = new SafetyOverride(paused ? SafetyOverride.Kind.AUTOMATION_PAUSED
        : SafetyOverride.Kind.AUTOMATION_RESUMED, caller.name(), group == null ? "all" : group.value(),
        clock.instant(), null, reason);
    guardrails.pause(group, paused);
    announce(override);
  }

  /**
   * Opens a protected device to automatic actions for {@code duration} (break glass). Audited:
   * reported to listeners and logged at WARN with who, what and why.
   *
   * @param caller who breaks the glass; needs {@link Operation#MANAGE_SAFETY}
   * @param device the protected device
   * @param duration how long, positive
   * @param reason why, not empty
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws IllegalArgumentException if the duration is not positive or the reason empty
   */
  public void breakGlass(Caller caller, DeviceId device, Duration duration, String reason) {
    requireOpen();
    Objects.requireNonNull(device, "device");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("break-glass duration must be positive, was: " + duration);
    }
    authorize(caller, Operation.MANAGE_SAFETY, null);
    Instant until = clock.instant().plus(duration);
    SafetyOverride override = new SafetyOverride(SafetyOverride.Kind.BREAK_GLASS, caller.name(), device.value(),
        clock.instant(), until, reason);
    guardrails.breakGlass(device, until);
    announce(override);
  }

  private void announce(SafetyOverride override) {
    LOG.atWarn().addKeyValue("principal", LogSafe.of(override.principal())).addKeyValue("override", override.kind())
        .addKeyValue("subject", LogSafe.of(override.subject())).addKeyValue("until", override.until())
        .log("safety guard changed");
    for (RuntimeListener listener : listeners) {
      try {
        listener.onSafetyOverride(override);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("listener", LogSafe.of(listener.getClass().getName()))
            .log("listener failed on a safety override: " + e.getClass().getName());
      }
    }
  }

  private AutomationContext context(AutomationLevel level, int devicesInScope) {
    return new AutomationContext(level, folders, exclusions, allowIndicators, devicesInScope);
  }

  /**
   * Reports the end of the analysis; the investigation completes once every action is settled.
   *
   * @param id the investigation
   * @param outcome how the analysis ended
   * @return the investigation after it
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the analysis was already finished or the investigation terminated
   */
  public Investigation finishAnalysis(InvestigationId id, AnalysisOutcome outcome) {
    requireOpen();
    Objects.requireNonNull(outcome, "outcome");
    return apply(id, state -> new Command.FinishAnalysis(outcome, Actor.system())).after();
  }

  /**
   * Terminates an investigation: pending actions are rejected, approved ones cancelled.
   *
   * @param id the investigation
   * @param caller who terminates it
   * @param comment why, possibly empty
   * @return the investigation after it
   * @throws AccessDeniedException if the caller may not terminate investigations
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if it is already complete or terminated
   */
  public Investigation terminate(InvestigationId id, Caller caller, String comment) {
    requireOpen();
    authorize(caller, Operation.TERMINATE, null);
    return apply(id, state -> new Command.Terminate(caller.actor(), comment)).after();
  }

  /**
   * {@return the investigation, if the store holds it}
   *
   * @param id the investigation
   */
  public Optional<Investigation> investigation(InvestigationId id) {
    return store.load(Objects.requireNonNull(id, "id"));
  }

  /**
   * {@return the investigation's events: its audit trail}
   *
   * @param id the investigation
   */
  public List<InvestigationEvent> history(InvestigationId id) {
    return store.events(Objects.requireNonNull(id, "id"));
  }

  // ---- the action center -----------------------------------------------------------------------

  /**
   * Approves one pending action.
   *
   * @param id the action
   * @param caller who approves
   * @param comment why, possibly empty
   * @return the action after the approval (approved, or still pending if more approvals are needed)
   * @throws AccessDeniedException if the caller may not approve actions of its kind
   * @throws CommandRejectedException if it is not pending, was already approved by the caller, or the
   *     caller requested it under two-step approval
   * @throws UnknownInvestigationException if its investigation does not exist
   */
  public ActionRecord approve(ActionId id, Caller caller, String comment) {
    return approveAll(List.of(id), caller, comment).get(0);
  }

  /**
   * Approves several pending actions of the same kind at once. All are checked first; if one cannot
   * be approved, none is.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who approves
   * @param comment why, possibly empty
   * @return the actions after the approval, in order
   * @throws IllegalArgumentException if the list is empty or mixes kinds
   * @throws AccessDeniedException if the caller may not approve that kind
   * @throws CommandRejectedException if one of them cannot be approved; none was
   */
  public List<ActionRecord> approveAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(ids, caller, Operation.APPROVE, id -> new Command.Approve(id, caller.name(), comment));
  }

  /**
   * Rejects one pending action.
   *
   * @param id the action
   * @param caller who rejects
   * @param comment why, possibly empty
   * @return the action after it
   * @throws AccessDeniedException if the caller may not reject actions of its kind
   * @throws CommandRejectedException if it is not pending
   */
  public ActionRecord reject(ActionId id, Caller caller, String comment) {
    return rejectAll(List.of(id), caller, comment).get(0);
  }

  /**
   * Rejects several pending actions of the same kind; all or none.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who rejects
   * @param comment why, possibly empty
   * @return the actions after it
   * @throws IllegalArgumentException if the list is empty or mixes kinds
   * @throws AccessDeniedException if the caller may not reject that kind
   * @throws CommandRejectedException if one of them is not pending; none was rejected
   */
  public List<ActionRecord> rejectAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(ids, caller, Operation.REJECT, id -> new Command.Reject(id, caller.actor(), comment));
  }

  /**
   * Undoes one completed reversible action.
   *
   * @param id the action
   * @param caller who asks
   * @param comment why, possibly empty
   * @return the action after the request (undo in progress)
   * @throws AccessDeniedException if the caller may not undo actions of its kind
   * @throws CommandRejectedException if its kind cannot be undone or it did not succeed
   */
  public ActionRecord undo(ActionId id, Caller caller, String comment) {
    return undoAll(List.of(id), caller, comment).get(0);
  }

  /**
   * Undoes several completed actions of one kind; all or none.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who asks
   * @param comment why, possibly empty
   * @return the actions after the request
   * @throws IllegalArgumentException if the list is empty or mixes kinds
   * @throws AccessDeniedException if the caller may not undo that kind
   * @throws CommandRejectedException if one of them cannot be undone; none was
   */
  public List<ActionRecord> undoAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(ids, caller, Operation.UNDO, id -> new Command.RequestUndo(id, caller.actor(), comment));
  }

  /**
   * Keeps a time-boxed action in effect longer; the extension is approved by the caller.
   *
   * @param id the action
   * @param extra how much longer, positive
   * @param caller who approves the extension
   * @param comment why, possibly empty
   * @return the action after it
   * @throws AccessDeniedException if the caller may not approve actions of its kind
   * @throws CommandRejectedException if the action has no running time box
   * @throws IllegalArgumentException if {@code extra} is not positive
   */
  public ActionRecord extendTimeBox(ActionId id, Duration extra, Caller caller, String comment) {
    return onEach(List.of(id), caller, Operation.APPROVE,
        a -> new Command.ExtendTimeBox(a, extra, caller.name(), comment)).get(0);
  }

  /**
   * Cancels an approved or in-progress action; its executor is asked to cancel, best effort.
   *
   * @param id the action
   * @param caller who cancels
   * @param comment why, possibly empty
   * @return the action after it
   * @throws AccessDeniedException if the caller may not cancel actions of its kind
   * @throws CommandRejectedException if it is not approved or in progress
   */
  public ActionRecord cancel(ActionId id, Caller caller, String comment) {
    return onEach(List.of(id), caller, Operation.CANCEL, a -> new Command.Cancel(a, caller.actor(), comment)).get(0);
  }

  private List<ActionRecord> onEach(List<ActionId> ids, Caller caller, Operation operation,
      Function<ActionId, Command> command) {
    requireOpen();
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(caller, "caller");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("at least one action is needed");
    }
    ActionKind kind = null;
    List<Investigation> states = new ArrayList<>(ids.size()); // read once: for the kind, the check and a single apply
    for (ActionId id : ids) {
      Investigation state = read(id.investigation());
      states.add(state);
      ActionKind actual = state.action(id).map(a -> a.action().kind()).orElse(null);
      if (actual == null) {
        throw new CommandRejectedException(new Rejection(
            RejectionReason.UNKNOWN_ACTION, "no action " + id, id));
      }
      if (kind != null && kind != actual) {
        throw new IllegalArgumentException("actions acted on together must be of one kind, found " + kind + " and "
            + actual + " (" + id + ")");
      }
      kind = actual;
    }
    authorize(caller, operation, kind);
    if (ids.size() == 1) { // decided on the state just read: no second read
      ActionId id = ids.get(0);
      Investigation after = applyAll(id.investigation(), List.of(state -> command.apply(id)),
          new Known(states.get(0), true)).after();
      return List.of(after.action(id).orElseThrow());
    }
    for (int i = 0; i < ids.size(); i++) { // all or nothing: check every action before changing any
      Decision dry = states.get(i).decide(command.apply(ids.get(i)), clock.instant());
      if (dry instanceof Decision.Rejected rejected) {
        throw new CommandRejectedException(rejected.rejection());
      }
    }
    List<ActionRecord> out = new ArrayList<>(ids.size());
    for (ActionId id : ids) {
      Investigation after = apply(id.investigation(), state -> command.apply(id)).after();
      out.add(after.action(id).orElseThrow());
    }
    return out;
  }

  /**
   * Takes an action outside any investigation, as an analyst would from a device or mailbox page.
   * With two-step approval (or when the kind's approval rule asks for more than one approver, as email
   * does by default) the action waits for another principal; otherwise it runs at once. If the same
   * kind of action is already active on the same target, that action is returned instead.
   *
   * @param action the action
   * @param caller who asks for it
   * @param comment why, possibly empty
   * @param twoStep whether another principal must approve it
   * @return the action
   * @throws AccessDeniedException if the caller may not request that kind
   * @throws CommandRejectedException if no executor runs its kind
   */
  public ActionRecord takeAction(RemediationAction action, Caller caller, String comment, boolean twoStep) {
    return takeAction(action, caller, comment, twoStep, null);
  }

  /**
   * Takes an action outside any investigation, time-boxed: once it succeeded, the runtime undoes it
   * after {@code timeBox} unless an extension is approved ({@link #extendTimeBox}).
   *
   * @param action the action, of a reversible kind if {@code timeBox} is given
   * @param caller who asks for it
   * @param comment why, possibly empty
   * @param twoStep whether another principal must approve it
   * @param timeBox how long it stays in effect, or null for as long as nobody undoes it
   * @return the action
   * @throws AccessDeniedException if the caller may not request that kind
   * @throws IllegalArgumentException if the time box is not positive or the kind cannot be undone
   * @throws CommandRejectedException if no executor runs its kind
   */
  public ActionRecord takeAction(RemediationAction action, Caller caller, String comment, boolean twoStep,
      @Nullable Duration timeBox) {
    requireOpen();
    Objects.requireNonNull(action, "action");
    Text.require("comment", comment, 0, Command.MAX_TEXT);
    authorize(caller, Operation.REQUEST_ACTION, action.kind());
    requireExecutor(action.kind());
    Optional<ActionRecord> active = activeOn(action);
    if (active.isPresent()) {
      return active.get();
    }
    ApprovalRule configured = approvalRules.ruleFor(action.kind());
    boolean waits = twoStep || !configured.equals(ApprovalRule.SINGLE);
    ApprovalRule rule = twoStep && configured.requesterMayApprove() ? new ApprovalRule(configured.approvals(), false)
        : configured;
    PlannedAction planned = new PlannedAction(action, waits ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC,
        waits ? "manual action awaiting approval (" + rule + ")" : "manual action by " + caller.name());
    Investigation manual = openManual(caller, List.of(new Command.Proposal(planned, rule, timeBox,
        pendingExpiryByKind.get(action.kind()))), comment);
    return manual.actions().get(0);
  }

  private Optional<ActionRecord> activeOn(RemediationAction action) {
    Page<ActionRecord> page = store.queryActions(ActionQuery.all().entity(action.target().key())
        .kinds(EnumSet.of(action.kind())).statuses(EnumSet.of(ActionStatus.PENDING_APPROVAL, ActionStatus.APPROVED,
            ActionStatus.IN_PROGRESS)).limit(1).build());
    return page.items().stream().findFirst();
  }

  private void requireExecutor(ActionKind kind) {
    if (registry.forKind(kind) == null) {
      throw new CommandRejectedException(new Rejection(
          RejectionReason.INVALID_ARGUMENT, "no executor runs " + kind, null));
    }
  }

  /** Opens a manual investigation holding {@code proposals}, all requested by {@code caller}. */
  private Investigation openManual(Caller caller, List<Command.Proposal> proposals, String comment) {
    InvestigationId id = manualIds.get();
    Instant now = clock.instant();
    Decision.Accepted opened = Investigation.open(id, AlertId.of("manual"), AutomationLevel.SEMI_ALL_FOLDERS,
        limits.pendingExpiry(), caller.actor(), now);
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    Investigation state = opened.after();
    List<Command> commands = new ArrayList<>();
    for (Command.Proposal proposal : proposals) {
      commands.add(new Command.ProposeAction(proposal, caller.actor()));
    }
    commands.add(new Command.FinishAnalysis(AnalysisOutcome.COMPLETED, caller.actor()));
    for (Command command : commands) {
      Decision decision = state.decide(command, now);
      if (decision instanceof Decision.Rejected rejected) {
        throw new CommandRejectedException(rejected.rejection());
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      events.addAll(accepted.events());
      state = accepted.after();
    }
    store.append(id, 0, events, state);
    LOG.atInfo().addKeyValue("investigationId", LogSafe.of(id)).addKeyValue("principal", LogSafe.of(caller.name()))
        .addKeyValue("actions", proposals.size()).addKeyValue("hasComment", !comment.isEmpty())
        .log("manual actions requested");
    published(events, state);
    return state;
  }

  /**
   * Reports a false positive: rejects the entity's pending actions, undoes every reversible action
   * taken on it, and records an allow indicator so later evidence about it plans no action.
   *
   * @param entity the entity wrongly judged
   * @param caller who reports it
   * @param comment why, possibly empty
   * @return what was done
   * @throws AccessDeniedException if the caller may not report false positives
   */
  public FalsePositiveReport reportFalsePositive(Entity entity, Caller caller, String comment) {
    requireOpen();
    Objects.requireNonNull(entity, "entity");
    Text.require("comment", comment, 0, Command.MAX_TEXT);
    authorize(caller, Operation.REPORT_FALSE_POSITIVE, null);
    AllowIndicator indicator = new AllowIndicator.ExactEntity(entity.key());
    allow(indicator);
    List<ActionId> rejected = new ArrayList<>();
    List<ActionId> undone = new ArrayList<>();
    String why = comment.isEmpty() ? "false positive" : comment;
    forEachAction(ActionQuery.all().entity(entity.key()), action -> {
      if (action.status() == ActionStatus.PENDING_APPROVAL) {
        applyQuietly(action.id().investigation(), s -> new Command.Reject(action.id(), caller.actor(), why))
            .ifPresent(s -> rejected.add(action.id()));
      } else if (action.status() == ActionStatus.SUCCEEDED && action.action().kind().isReversible()) {
        applyQuietly(action.id().investigation(), s -> new Command.RequestUndo(action.id(), caller.actor(), why))
            .ifPresent(s -> undone.add(action.id()));
      }
    });
    LOG.atInfo().addKeyValue("principal", LogSafe.of(caller.name())).addKeyValue("rejected", rejected.size())
        .addKeyValue("undone", undone.size()).log("false positive reported");
    return new FalsePositiveReport(rejected, undone, indicator);
  }
  /** Adds an allow indicator: the set is copied on this rare write, never on a plan. */
  private synchronized void allow(AllowIndicator indicator) {
    Set<AllowIndicator> more = new HashSet<>(allowIndicators);
    more.add(indicator);
    allowIndicators = Set.copyOf(more);
  }


  /**
   * Reports a false negative: opens manual actions, pending approval, that remediate the entity as if
   * it had been found malicious (compromised, for a user).
   *
   * @param entity the entity the investigation missed
   * @param caller who reports it
   * @param comment why, possibly empty
   * @return the actions opened, pending approval (empty if none applies to the entity)
   * @throws AccessDeniedException if the caller may not request actions
   */
  public List<ActionRecord> reportFalseNegative(Entity entity, Caller caller, String comment) {
    requireOpen();
    Objects.requireNonNull(entity, "entity");
    Text.require("comment", comment, 0, Command.MAX_TEXT);
    authorize(caller, Operation.REQUEST_ACTION, null);
    Verdict verdict = entity.family() == EntityFamily.IDENTITY ? Verdict.COMPROMISED : Verdict.MALICIOUS;
    Evidence evidence = Evidence.of(entity, verdict, "false negative reported by an analyst", clock.instant());
    RemediationPlan plan = RemediationPolicy.standard().plan(evidence,
        new AutomationContext(AutomationLevel.SEMI_ALL_FOLDERS, folders, AutomationExclusions.none(), Set.of(), 1));
    List<Command.Proposal> proposals = new ArrayList<>();
    for (PlannedAction planned : plan.actions()) {
      authorize(caller, Operation.REQUEST_ACTION, planned.action().kind());
      proposals.add(new Command.Proposal(planned.requiringApproval("false negative: manual remediation awaiting approval"),
          approvalRules.ruleFor(planned.action().kind()), null, pendingExpiryByKind.get(planned.action().kind())));
    }
    if (proposals.isEmpty()) {
      return List.of();
    }
    return openManual(caller, proposals, comment).actions();
  }

  /**
   * {@return one page of actions matching {@code query}}: the Pending and History tabs.
   *
   * @param query the query
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view the action center
   * @throws IllegalArgumentException if the query's cursor is not valid
   */
  public Page<ActionRecord> actions(ActionQuery query, Caller caller) {
    Objects.requireNonNull(query, "query");
    authorize(caller, Operation.VIEW, null);
    return store.queryActions(query);
  }

  /**
   * {@return the investigation's tamper-evident audit trail: its events chained by SHA-256}
   *
   * @param id the investigation
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view investigations
   */
  public List<AuditRecord> auditTrail(InvestigationId id, Caller caller) {
    authorize(caller, Operation.VIEW, null);
    return AuditTrail.chain(store.events(Objects.requireNonNull(id, "id")));
  }

  /**
   * {@return the actions matching {@code query}, every page, as the History tab's CSV export}
   *
   * @param query the query; its limit is the page size used to read
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view the action center
   */
  public String exportCsv(ActionQuery query, Caller caller) {
    authorize(caller, Operation.VIEW, null);
    List<ActionRecord> rows = new ArrayList<>();
    forEachPage(Objects.requireNonNull(query, "query"), rows::add);
    return ActionCenterCsv.of(rows);
  }

  /** Visits every action matching {@code query}, page by page (pages of {@value ActionQuery#MAX_LIMIT}). */
  private void forEachAction(ActionQuery.Builder query, Consumer<ActionRecord> visitor) {
    forEachPage(query.limit(ActionQuery.MAX_LIMIT).build(), visitor);
  }

  private void forEachPage(ActionQuery first, Consumer<ActionRecord> visitor) {
    ActionQuery query = first;
    while (true) {
      Page<ActionRecord> page = store.queryActions(query);
      page.items().forEach(visitor);
      if (page.nextCursor() == null) {
        return;
      }
      query = query.after(page.nextCursor());
    }
  }

  /** {@return the allow indicators in force: those configured plus those false positives recorded} */
  public Set<AllowIndicator> allowIndicators() {
    return allowIndicators;
  }

  // ---- machinery -------------------------------------------------------------------------------

  private void authorize(Caller caller, Operation operation, @Nullable ActionKind kind) {
    Objects.requireNonNull(caller, "caller");
    Optional<String> denial = authorizer.deny(caller, operation, kind);
    if (denial.isEmpty()) {
      return;
    }
    AccessDeniedException denied = new AccessDeniedException(caller.name(), operation, kind, denial.get());
    LOG.atWarn().addKeyValue("principal", LogSafe.of(caller.name())).addKeyValue("operation", operation)
        .addKeyValue("kind", kind).log("access denied");
    for (RuntimeListener listener : listeners) {
      try {
        listener.onAccessDenied(denied);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("listener", LogSafe.of(listener.getClass().getName()))
            .log("listener failed on access denial: " + e.getClass().getName());
      }
    }
    throw denied;
  }

  /** Loads, decides and appends, retrying on a conflict; throws if the command is refused. */
  private Decision.Accepted apply(InvestigationId id, Function<Investigation, Command> command) {
    return applyAll(id, List.of(command));
  }

  private Decision.Accepted applyAll(InvestigationId id, List<Function<Investigation, Command>> commands) {
    return applyAll(id, commands, known(id));
  }

  /**
   * A state to decide on: this runtime's last write ({@code fresh} false: another runtime may have
   * moved on since), or one just read from the store.
   */
  private record Known(Investigation state, boolean fresh) {}

  /** {@return the investigation as this runtime last wrote it, or as stored} */
  private Known known(InvestigationId id) {
    Investigation written = recent.get(Objects.requireNonNull(id, "id"));
    return written != null ? new Known(written, false) : new Known(read(id), true);
  }

  private Investigation read(InvestigationId id) {
    return store.load(id).orElseThrow(() -> new UnknownInvestigationException(id));
  }

  /**
   * Decides {@code commands} in order, each on the state the previous one left, and appends all their
   * events at once: all or nothing. The first attempt decides on {@code first}; a conflict, or a
   * refusal decided on a state that was not fresh, is decided again on a fresh read. Throws if any
   * command is refused.
   */
  private Decision.Accepted applyAll(InvestigationId id, List<Function<Investigation, Command>> commands,
      Known first) {
    Known known = first;
    for (int attempt = 0; ; attempt++) {
      Investigation state = known != null ? known.state() : read(id);
      boolean fresh = known == null || known.fresh();
      known = null;
      Decision decision = decideAll(state, commands, clock.instant());
      if (decision instanceof Decision.Rejected rejected) {
        if (!fresh) {
          continue; // decided on this runtime's last write: confirm the refusal on the stored state
        }
        throw new CommandRejectedException(rejected.rejection());
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      if (accepted.events().isEmpty()) {
        if (!fresh) {
          continue;
        }
        return accepted;
      }
      try {
        store.append(id, state.version(), accepted.events(), accepted.after());
      } catch (ConcurrencyConflictException e) {
        recent.remove(id);
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
        continue;
      } catch (RuntimeException e) {
        recent.remove(id); // the store failed: whether it wrote is unknown until read again
        throw e;
      }
      remember(accepted.after());
      published(accepted.events(), accepted.after());
      return accepted;
    }
  }

  /**
   * Decides {@code commands} in order, each on the state the previous one left: {@return all their
   * events with the state after them, or the first refusal}
   */
  private static Decision decideAll(Investigation state, List<Function<Investigation, Command>> commands, Instant now) {
    if (commands.size() == 1) {
      return state.decide(commands.get(0).apply(state), now);
    }
    Investigation after = state;
    List<InvestigationEvent> events = new ArrayList<>();
    for (Function<Investigation, Command> command : commands) {
      Decision decision = after.decide(command.apply(after), now);
      if (decision instanceof Decision.Rejected) {
        return decision;
      }
      Decision.Accepted accepted = (Decision.Accepted) decision;
      events.addAll(accepted.events());
      after = accepted.after();
    }
    return new Decision.Accepted(events, after);
  }

  private void remember(Investigation state) {
    if (state.completedAt() != null) {
      recent.remove(state.id());
      return;
    }
    if (recent.size() >= MAX_RECENT) {
      recent.clear();
    }
    recent.put(state.id(), state);
  }

  /** Like {@link #apply} for the runtime's own commands: a refusal is logged and answered empty. */
  private Optional<Investigation> applyQuietly(InvestigationId id, Function<Investigation, Command> command) {
    try {
      return Optional.of(apply(id, command).after());
    } catch (CommandRejectedException | UnknownInvestigationException e) {
      LOG.atDebug().addKeyValue("investigationId", LogSafe.of(id)).log("command not applied: " + LogSafe.of(e.getMessage()));
      return Optional.empty();
    }
  }

  /** Tells the listeners and starts what the events call for: dispatch, undo, cancel, expiry timers. */
  private void published(List<InvestigationEvent> events, Investigation after) {
    for (InvestigationEvent event : events) {
      for (RuntimeListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError) {
            throw e;
          }
          LOG.atError().addKeyValue("listener", LogSafe.of(listener.getClass().getName()))
              .addKeyValue("event", event.getClass().getSimpleName()).log("listener failed: " + e.getClass().getName());
        }
      }
      if (event instanceof InvestigationEvent.ActionProposed proposed) {
        if (proposed.mode() == ApprovalMode.AUTOMATIC) {
          dispatcher.submit(proposed.actionId(), ExecutionPurpose.EXECUTE);
        } else {
          after.action(proposed.actionId()).ifPresent(this::scheduleExpiry);
        }
      } else if (event instanceof InvestigationEvent.ApprovalGranted granted && granted.quorumReached()) {
        dispatcher.submit(granted.actionId(), ExecutionPurpose.EXECUTE);
      } else if (event instanceof InvestigationEvent.UndoRequested undo) {
        dispatcher.submit(undo.actionId(), ExecutionPurpose.UNDO);
      } else if (event instanceof InvestigationEvent.ActionCancelled cancelled) {
        dispatcher.cancelled(cancelled.actionId());
      } else if (event instanceof InvestigationEvent.ActionSucceeded
          || event instanceof InvestigationEvent.TimeBoxExtended) {
        after.action(((InvestigationEvent.ActionEvent) event).actionId()).ifPresent(this::scheduleTimeBox);
      }
    }
  }

  private void scheduleExpiry(ActionRecord action) {
    Instant due = action.obligation().map(o -> o.due()).orElse(clock.instant());
    Duration delay = Duration.between(clock.instant(), due);
    InvestigationId id = action.id().investigation();
    scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay,
        () -> applyQuietly(id, state -> new Command.Expire(action.id())));
  }

  /** Undoes a succeeded, time-boxed action when its box ends, unless it was extended meanwhile. */
  private void scheduleTimeBox(ActionRecord action) {
    Optional<Instant> ends = action.timeBoxEnds();
    if (ends.isEmpty()) {
      return;
    }
    Duration delay = Duration.between(clock.instant(), ends.get());
    scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
      Optional<ActionRecord> now = store.load(action.id().investigation()).flatMap(i -> i.action(action.id()));
      Optional<Instant> end = now.flatMap(ActionRecord::timeBoxEnds);
      if (end.isEmpty()) {
        return; // undone, or no longer succeeded
      }
      if (clock.instant().isBefore(end.get())) {
        scheduleTimeBox(now.get()); // extended meanwhile
        return;
      }
      applyQuietly(action.id().investigation(), state -> new Command.RequestUndo(action.id(), Actor.system(),
          "time box of " + action.timeBox() + " ended"));
    });
  }

  /**
   * Looks after actions nobody carries, in this process or (through the store's dispatch leases) in
   * another one sharing the store: one left in progress past its deadline is timed out; one approved,
   * in progress or being undone whose dispatch was lost (a lost task, a runtime that died) is resumed
   * with the same idempotency key. Then re-arms.
   */
  private void watchdog(Duration interval) {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    forEachAction(ActionQuery.all().statuses(ActionStatus.dispatched()), action -> {
          if (dispatcher.isDispatching(action)) {
            return;
          }
          if (action.status() == ActionStatus.IN_PROGRESS
              && action.updatedAt().plus(limits.actionTimeout()).isBefore(now)) {
            if (dispatcher.claim(action.id())) {
              LOG.atWarn().addKeyValue("actionId", LogSafe.of(action.id())).log("stuck action timed out by the watchdog");
              dispatcher.settled(action.id(),
                  applyQuietly(action.id().investigation(), state -> new Command.TimeOut(action.id())).isPresent());
            }
          } else if (action.updatedAt().plus(limits.attemptTimeout()).isBefore(now)) {
            LOG.atInfo().addKeyValue("actionId", LogSafe.of(action.id())).log("lost dispatch resumed by the watchdog");
            dispatcher.submit(action.id(), action.status() == ActionStatus.UNDO_IN_PROGRESS ? ExecutionPurpose.UNDO
                : ExecutionPurpose.EXECUTE);
          }
        });
    scheduler.schedule(interval, () -> watchdog(interval));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "ParryRuntime{store=" + store + ", executors=" + registry.kinds().size() + " kinds, inFlight="
        + dispatcher.inFlight() + "}";
  }

  /** Builds a runtime. Setters fail fast on null; {@link #build()} checks the executors. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private @Nullable TaskScheduler scheduler;
    private InvestigationStore store = InMemoryInvestigationStore.create();
    private RemediationPolicy policy = RemediationPolicy.standard();
    private DeviceGroups deviceGroups = DeviceGroups.ungroupedOnly();
    private FolderClassifier folders = FolderClassifier.defaults();
    private AutomationExclusions exclusions = AutomationExclusions.none();
    private final Set<AllowIndicator> allowIndicators = new HashSet<>();
    private Authorizer authorizer = Authorizer.defaults();
    private ApprovalRules approvalRules = ApprovalRules.defaults();
    private final List<RuntimeListener> listeners = new CopyOnWriteArrayList<>();
    private Limits limits = Limits.defaults();
    private final Map<String, ActionExecutor> executors = new LinkedHashMap<>();
    private final Map<String, ProviderConfig> providerConfigs = new LinkedHashMap<>();
    private boolean discover;
    private Supplier<Iterable<ExecutorProvider>> providers = () -> ServiceLoader.load(ExecutorProvider.class);
    private Set<ActionKind> requiredKinds = defaultRequiredKinds();
    private Supplier<InvestigationId> manualIds = () -> InvestigationId.of("manual-" + UUID.randomUUID());
    private String instanceName = "parry-" + UUID.randomUUID();
    private Duration dispatchLease = Duration.ofSeconds(30);
    private SafetyGuards safetyGuards = SafetyGuards.none();
    private final Map<ActionKind, Duration> pendingExpiryByKind = new EnumMap<>(ActionKind.class);
    private final Map<ActionKind, Duration> timeBoxes = new EnumMap<>(Map.of(ActionKind.CONTAIN_USER, Duration.ofDays(5)));

    private Builder() {}

    /**
     * The kinds the standard policy plans, and the kinds that undo them: what a runtime must be able to
     * run unless told otherwise.
     */
    static Set<ActionKind> defaultRequiredKinds() {
      Set<ActionKind> kinds = EnumSet.of(ActionKind.ISOLATE_DEVICE, ActionKind.QUARANTINE_FILE,
          ActionKind.STOP_AND_QUARANTINE_FILE, ActionKind.KILL_PROCESS, ActionKind.STOP_SERVICE,
          ActionKind.DISABLE_DRIVER, ActionKind.REMOVE_REGISTRY_KEY, ActionKind.REMOVE_SCHEDULED_TASK,
          ActionKind.SOFT_DELETE_EMAIL, ActionKind.BLOCK_URL, ActionKind.TURN_OFF_EXTERNAL_FORWARDING,
          ActionKind.REMOVE_DELEGATION, ActionKind.DISABLE_USER, ActionKind.REVOKE_SESSIONS);
      for (ActionKind kind : EnumSet.copyOf(kinds)) {
        kind.inverse().ifPresent(kinds::add);
      }
      return kinds;
    }

    /**
     * {@return this builder}
     *
     * @param value the clock (default: system UTC)
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value where work and timers run (default: a 2-thread pool the runtime owns)
     */
    public Builder scheduler(TaskScheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value the store (default: a new in-memory store)
     */
    public Builder store(InvestigationStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value the policy (default: {@link RemediationPolicy#standard()})
     */
    public Builder policy(RemediationPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value device groups (default: only the ungrouped group, at FULL)
     */
    public Builder deviceGroups(DeviceGroups value) {
      this.deviceGroups = Objects.requireNonNull(value, "deviceGroups");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value folder classification (default: {@link FolderClassifier#defaults()})
     */
    public Builder folders(FolderClassifier value) {
      this.folders = Objects.requireNonNull(value, "folders");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value automation folder exclusions (default: none)
     */
    public Builder exclusions(AutomationExclusions value) {
      this.exclusions = Objects.requireNonNull(value, "exclusions");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value an allow indicator in force from the start
     */
    public Builder allow(AllowIndicator value) {
      this.allowIndicators.add(Objects.requireNonNull(value, "allowIndicator"));
      return this;
    }

    /**
     * Time-boxes every policy-planned action of a reversible kind: once it succeeded, the runtime
     * undoes it after {@code duration} unless an extension is approved. Contain user is boxed to 5
     * days by default, as attack disruption lifts it.
     *
     * @param kind a reversible kind
     * @param duration how long it stays in effect, positive
     * @return this builder
     * @throws IllegalArgumentException if the kind cannot be undone or the duration is not positive
     */
    public Builder timeBox(ActionKind kind, Duration duration) {
      Objects.requireNonNull(kind, "kind");
      if (!kind.isReversible()) {
        throw new IllegalArgumentException(kind + " cannot be undone, so it cannot be time-boxed");
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("time box of " + kind + " must be positive, was: " + duration);
      }
      timeBoxes.put(kind, duration);
      return this;
    }

    /**
     * Sets how long actions of one kind may wait for approval before they expire (counting as
     * rejected), instead of {@link Limits#pendingExpiry()}.
     *
     * @param kind the kind
     * @param expiry the expiry, positive
     * @return this builder
     * @throws IllegalArgumentException if the expiry is not positive
     */
    public Builder pendingExpiry(ActionKind kind, Duration expiry) {
      Objects.requireNonNull(kind, "kind");
      if (expiry.isNegative() || expiry.isZero()) {
        throw new IllegalArgumentException("pending expiry of " + kind + " must be positive, was: " + expiry);
      }
      pendingExpiryByKind.put(kind, expiry);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value the safety guards: blast-radius limits and protected assets (default: none)
     */
    public Builder safetyGuards(SafetyGuards value) {
      this.safetyGuards = Objects.requireNonNull(value, "safetyGuards");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value the authorizer (default: {@link Authorizer#defaults()})
     */
    public Builder authorizer(Authorizer value) {
      this.authorizer = Objects.requireNonNull(value, "authorizer");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value approval rules (default: {@link ApprovalRules#defaults()})
     */
    public Builder approvalRules(ApprovalRules value) {
      this.approvalRules = Objects.requireNonNull(value, "approvalRules");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value a listener to add
     */
    public Builder listener(RuntimeListener value) {
      this.listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value the limits (default: {@link Limits#defaults()})
     */
    public Builder limits(Limits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Registers an executor.
     *
     * @param name a name for error messages, unique in this builder
     * @param executor the executor
     * @return this builder
     * @throws IllegalArgumentException if the name is already used
     */
    public Builder executor(String name, ActionExecutor executor) {
      Text.require("executor name", name, 1, 128);
      Objects.requireNonNull(executor, "executor");
      if (executors.putIfAbsent(name, executor) != null) {
        throw new IllegalArgumentException("executor name '" + name + "' is already registered");
      }
      return this;
    }

    /**
     * Also uses every {@link ExecutorProvider} found with {@link ServiceLoader}, each given the
     * configuration registered under its name (or an empty one).
     *
     * @return this builder
     */
    public Builder discoverExecutors() {
      this.discover = true;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param name a provider's name
     * @param config its configuration
     */
    public Builder providerConfig(String name, ProviderConfig config) {
      providerConfigs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"));
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value where providers are found (default: {@link ServiceLoader}); for tests
     */
    public Builder providers(Supplier<Iterable<ExecutorProvider>> value) {
      this.providers = Objects.requireNonNull(value, "providers");
      return this;
    }

    /**
     * Sets the kinds that must have an executor when the runtime is built (default: the kinds the
     * standard policy plans and their undo kinds).
     *
     * @param value the kinds; empty to require none
     * @return this builder
     */
    public Builder requiredKinds(Set<ActionKind> value) {
      this.requiredKinds = EnumSet.noneOf(ActionKind.class);
      this.requiredKinds.addAll(Objects.requireNonNull(value, "requiredKinds"));
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value how manual investigations are named (default: {@code manual-<uuid>})
     */
    public Builder manualInvestigationIds(Supplier<InvestigationId> value) {
      this.manualIds = Objects.requireNonNull(value, "manualInvestigationIds");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value this runtime's name in the store's dispatch leases, unique among the runtimes that
     *     share a store (default: {@code parry-<uuid>}, new for every runtime); 1-200 characters
     * @throws IllegalArgumentException if the name is empty, too long or holds a control character
     */
    public Builder instanceName(String value) {
      this.instanceName = InvestigationStore.validOwner(Objects.requireNonNull(value, "instanceName"));
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param value how long a dispatch lease lasts unless renewed (default 30 seconds; renewed every
     *     third of it): how long actions of a runtime that died wait before another runtime sharing the
     *     store resumes them. Keep it well above the clock skew between the runtimes' hosts.
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder dispatchLease(Duration value) {
      this.dispatchLease = InvestigationStore.validLease(Objects.requireNonNull(value, "dispatchLease"));
      return this;
    }

    /**
     * {@return the runtime, not yet started}
     *
     * @throws ExecutorConfigurationException if a required kind has no executor, two executors claim a
     *     kind, an executor claims a kind of another family, or two providers share a name
     */
    public ParryRuntime build() {
      Map<String, ActionExecutor> all = new LinkedHashMap<>(executors);
      if (discover) {
        for (ExecutorProvider provider : providers.get()) {
          String name = "provider:" + provider.name();
          if (all.containsKey(name)) {
            throw new ExecutorConfigurationException("two executor providers are named '" + provider.name() + "'");
          }
          all.put(name, provider.create(providerConfigs.getOrDefault(provider.name(), ProviderConfig.EMPTY)));
        }
      }
      ExecutorRegistry registry;
      try {
        registry = ExecutorRegistry.of(all, requiredKinds);
      } catch (IllegalStateException e) {
        throw new ExecutorConfigurationException(String.valueOf(e.getMessage()));
      }
      return new ParryRuntime(this, registry);
    }
  }
}
