// Past 400 lines because it is the public entry point: each operation's javadoc, its authorization
// and its hand-off to the internal parts (commands, dispatch, reconciler, controls), and the
// builder with every documented setting. Splitting the builder out is the next step.
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
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.ParryException;
import dev.parry.core.error.UnavailableException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Origin;
import dev.parry.core.investigation.Rejection;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.runtime.internal.Anchoring;
import dev.parry.runtime.internal.BreakerAnswers;
import dev.parry.runtime.internal.CommandEngine;
import dev.parry.runtime.internal.Completions;
import dev.parry.runtime.internal.ControlState;
import dev.parry.runtime.internal.Dispatcher;
import dev.parry.runtime.internal.EventRouter;
import dev.parry.runtime.internal.EvidencePlanner;
import dev.parry.runtime.internal.ExecutorRegistry;
import dev.parry.runtime.internal.FleetExclusions;
import dev.parry.runtime.internal.Gatekeeper;
import dev.parry.runtime.internal.GuardedInstrumentation;
import dev.parry.runtime.internal.Levels;
import dev.parry.runtime.internal.ManualActions;
import dev.parry.runtime.internal.Quota;
import dev.parry.runtime.internal.Reconciler;
import dev.parry.runtime.internal.Refusals;
import dev.parry.runtime.internal.SafetyControls;
import dev.parry.runtime.internal.StorePages;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.spi.audit.ActionCenterCsv;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.ApprovalRules;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.ExecutorProvider;
import dev.parry.spi.executor.ProviderConfig;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.safety.SafetyOverride;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.ControlsChangedException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parry runtime: opens investigations, plans actions from evidence with the policy, holds the
 * pending ones for approval, dispatches the approved ones to vendor executors, and answers the
 * action center's queries.
 *
 * <p>Every change is decided by the investigation state machine and stored before anything is sent
 * to an executor. Operations are safe to call from many threads: each is load, decide and append
 * with the version loaded, repeated on a conflict, so an action is never decided twice. Operations
 * by a person take a {@link Caller} and are authorized first; a denial changes nothing, is reported
 * to listeners and thrown as an {@link AccessDeniedException}.
 *
 * <p>Recovery is level-triggered: every obligation (an expiry, a dispatch, an undo, the end of a
 * time box) is stored with the action that has it, and a reconciler asks the store on every pass
 * what is due. A lost timer, a refused task or a write whose acknowledgement was lost only delays
 * work until the next pass. {@link #health()} reports how the reconciler is doing.
 *
 * <p>This class is a facade: each job is done by a part in {@code dev.parry.runtime.internal}
 * (deciding and storing commands, dispatching, reconciling, planning, manual actions, safety
 * controls, authorization, event routing). It is longer than 400 lines only because it carries the
 * Javadoc of the public API and its builder.
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

  /** The most pieces of evidence one report may hold: {@value}. */
  public static final int MAX_EVIDENCE_PER_REPORT = 1000;

  /**
   * The longest duration the runtime accepts anywhere (time box, extension, expiry, lease, timeout,
   * break-glass, reconcile interval): 3,650 days.
   */
  public static final Duration MAX_DURATION = Durations.MAX;

  private final Clock clock;
  private final TaskScheduler scheduler;
  private final boolean ownsScheduler;
  private final InvestigationStore store;
  private final ControlStore controls;
  private final DeviceGroups deviceGroups;
  private final Limits limits;
  private final ExecutorRegistry registry;
  private final EventRouter router;
  private final Completions completions;
  private final CommandEngine engine;
  private final SafetyControls safety;
  private final EvidencePlanner planner;
  private final Gatekeeper gate;
  private final Dispatcher dispatcher;
  private final Reconciler reconciler;
  private final ManualActions manual;
  private final Anchoring anchoring;
  private final Instrumentation.Binding gauges;
  private boolean started;
  private volatile boolean closed;

  private ParryRuntime(Builder b, ExecutorRegistry registry, ControlStore controls) {
    this.clock = b.clock;
    this.scheduler = b.scheduler != null ? b.scheduler : TaskScheduler.threadPool(2);
    this.ownsScheduler = b.scheduler == null;
    this.store = b.store;
    this.controls = controls;
    this.deviceGroups = b.deviceGroups;
    this.limits = b.limits;
    this.registry = registry;
    // the reactions read the parts assigned below: events are routed only once the runtime is built
    this.completions = new Completions(b.store);
    this.router =
        EventRouter.of(
            b.listeners,
            List.of(
                (event, after) -> dispatcher().on(event, after),
                (event, after) -> reconciler().on(event, after)));
    router.afterEachBatch(completions::stored); // a wait ends once the whole batch was heard
    this.anchoring = Anchoring.of(b.auditAnchor);
    this.engine = new CommandEngine(store, clock, router, anchoring);
    this.safety =
        new SafetyControls(
            b.safetyGuards, controls, b.allowIndicators, clock, fencesItsControls(store, controls));
    FleetExclusions fleet = new FleetExclusions(b.safetyGuards, registry, safety::openOverrides);
    this.planner =
        new EvidencePlanner(
            b.policy,
            b.folders,
            b.exclusions,
            b.approvalRules,
            safety,
            fleet,
            b.timeBoxes,
            b.pendingExpiryByKind,
            b.planTable,
            b.emailAutomation,
            b.identityAutomation,
            registry);
    this.gate = new Gatekeeper(b.authorizer, router);
    Instrumentation instrumentation = GuardedInstrumentation.of(b.instrumentation);
    this.dispatcher =
        new Dispatcher(
            clock,
            scheduler,
            store,
            registry,
            limits,
            engine,
            safety,
            fleet,
            new Quota(limits.rateLimits(), controls, clock),
            planner::pendingExpiry,
            b.instanceName,
            b.dispatchLease,
            instrumentation);
    Duration third = b.dispatchLease.dividedBy(3);
    Duration every =
        b.reconcileEvery != null ? b.reconcileEvery : min(limits.attemptTimeout(), third);
    this.reconciler =
        new Reconciler(
            store,
            clock,
            scheduler,
            engine,
            dispatcher,
            anchoring,
            completions,
            min(every, third),
            limits.backoffBase(),
            GuardedInstrumentation.records(instrumentation));
    this.gauges = instrumentation.bind(Levels.of(dispatcher, reconciler));
    this.manual =
        new ManualActions(
            engine,
            store,
            clock,
            planner,
            safety,
            b.approvalRules,
            b.manualIds,
            limits.pendingExpiry());
  }

  private Dispatcher dispatcher() {
    return dispatcher;
  }

  private Reconciler reconciler() {
    return reconciler;
  }

  /** {@return a builder with the defaults documented on each setter} */
  public static Builder builder() {
    return new Builder();
  }

  // ---- life cycle ------------------------------------------------------------------------------

  /**
   * Starts the runtime: reads the control state recorded so far (the kill switch, pauses, allow
   * indicators, overrides), which its first decisions are taken on, then runs the reconciler's
   * first pass over the store's due work (approved and in-progress actions nobody carries are
   * dispatched again with the same idempotency key, undos in progress are sent again, expired
   * pending actions expire, ended time boxes are undone), then reconciles on a fixed cadence.
   * Idempotent: calling it again does nothing. Retryable: if the first pass cannot read the store,
   * the exception is thrown and the runtime stays not started; call it again later.
   *
   * @throws RuntimeClosedException if the runtime was closed
   * @throws dev.parry.spi.store.StoreUnavailableException if the store cannot be read; the runtime
   *     is not started
   */
  public synchronized void start() {
    requireOpen();
    if (started) {
      return;
    }
    safety.current(); // on a store that fences appends, decisions are taken on the state last read
    reconciler.start();
    started = true;
    LOG.atInfo().log("Parry runtime started");
  }

  /**
   * {@return how the reconciler is doing}: wire {@link RuntimeHealth#isHealthy()} to the service's
   * health check. A store outage shows as consecutive failures and a growing lag; the runtime
   * recovers by itself when the store answers again.
   */
  public RuntimeHealth health() {
    return reconciler.health();
  }

  /**
   * Stops dispatching new work and, if the runtime created its own thread pool, shuts it down after
   * letting running tasks finish. Approved actions not yet sent stay approved in the store and
   * resume on the next {@link #start()} of any runtime on the store. From then on every call but
   * {@link #health()} and {@code close()} itself, reads included, throws a {@link
   * RuntimeClosedException}, and the waits {@link #whenComplete} handed out fail with one.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    reconciler.close();
    dispatcher.close();
    completions.close();
    gauges.close();
    if (ownsScheduler) {
      scheduler.close();
    }
    LOG.atInfo().log("Parry runtime closed");
  }

  private void requireOpen() {
    if (closed) {
      throw new RuntimeClosedException();
    }
    reconciler.ensureArmed();
  }

  // ---- investigations --------------------------------------------------------------------------

  /**
   * Opens an automated investigation for an alert. Device groups govern devices only: an alert
   * about a device opens at the level of the device's group, and is refused if that group has no
   * automated response; an alert about no device (email, identity) always opens. Whatever the
   * investigation, email evidence is planned at {@linkplain Builder#emailAutomation email
   * automation} and users at {@linkplain Builder#identityAutomation identity automation}; device
   * evidence in an investigation with no device is planned at the ungrouped devices' level, as a
   * device in no group would be.
   *
   * <pre>{@code
   * parry.open(InvestigationId.of("inv-7"), AlertId.of("phish-42"), null); // an email alert
   * }</pre>
   *
   * @param id the investigation's id, unique in the store
   * @param alertId the alert
   * @param device the device the alert is about, or null for an alert with no device (email,
   *     identity)
   * @return the new investigation
   * @throws InvestigationRefusedException if the device's group has no automated response, or the
   *     id is taken
   * @throws RuntimeClosedException if the runtime was closed
   */
  public Investigation open(InvestigationId id, AlertId alertId, @Nullable Device device) {
    requireOpen();
    Checks.notNull(id, "id");
    Checks.notNull(alertId, "alertId");
    DeviceGroup group = device == null ? deviceGroups.ungrouped() : deviceGroups.resolve(device);
    AutomationLevel level = group.level();
    if (device != null && level == AutomationLevel.NO_AUTOMATED_RESPONSE) {
      throw new InvestigationRefusedException(
          id, "the device group's automation level is NO_AUTOMATED_RESPONSE");
    }
    Decision.Accepted opened =
        Investigation.open(
            id,
            alertId,
            level,
            new Origin(group.name(), device),
            limits.pendingExpiry(),
            Actor.system(),
            clock.instant());
    try {
      engine.create(id, opened.events(), opened.after());
    } catch (ConcurrencyConflictException e) {
      throw new InvestigationRefusedException(id, "an investigation with this id already exists");
    }
    return opened.after();
  }

  /**
   * Reports evidence: the policy plans actions for it; automatic ones are dispatched, the others
   * wait for approval.
   *
   * @param id the investigation
   * @param evidence the evidence
   * @return the investigation after the evidence joined
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the investigation is complete or terminated
   * @throws RuntimeClosedException if the runtime was closed
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
   * @throws InvalidInputException if {@code devicesInScope} is less than 1
   * @throws RuntimeClosedException if the runtime was closed
   */
  public Investigation reportEvidence(InvestigationId id, Evidence evidence, int devicesInScope) {
    requireOpen();
    Checks.notNull(evidence, "evidence");
    if (devicesInScope < 1) {
      throw new InvalidInputException(
          "devicesInScope",
          devicesInScope,
          "devicesInScope must be 1 or more, was: " + devicesInScope);
    }
    return recordEvidence(id, List.of(evidence), devicesInScope);
  }

  /**
   * Plans each piece of evidence on the control state to decide on and records them all in one
   * write, fenced at that state where the store fences appends; if a control change recorded since
   * refuses the write, plans them again on the changes read then, each action counted once against
   * the blast-radius limits, and records them without a fence. {@return the state after them}
   */
  private Investigation recordEvidence(
      InvestigationId id, List<Evidence> pieces, int devicesInScope) {
    CommandEngine.Known known =
        engine.known(id); // its level and origin never change: read once for every piece
    ControlState at = safety.toDecideOn();
    long fence = safety.fenceFor(at);
    // what the breaker answered is kept only for a plan the fence may refuse, to be made again
    List<BreakerAnswers> counted = new ArrayList<>();
    if (fence != SafetyControls.NO_FENCE) {
      pieces.forEach(piece -> counted.add(BreakerAnswers.create()));
    }
    try {
      return engine
          .applyAll(id, planned(known, pieces, devicesInScope, at, counted), known, fence)
          .after();
    } catch (ControlsChangedException e) {
      counted.forEach(BreakerAnswers::planAgain);
      ControlState read = safety.current();
      // the state first decided on may have been read again since: a refusal is confirmed anew
      CommandEngine.Known again = new CommandEngine.Known(known.state(), false);
      return engine
          .applyAll(
              id,
              planned(again, pieces, devicesInScope, read, counted),
              again,
              SafetyControls.NO_FENCE)
          .after();
    }
  }

  /**
   * {@return the commands recording {@code pieces}, each planned on {@code at}}, with the breaker's
   * answers for each kept in {@code counted}, unless it is empty (no fence can refuse the plan)
   */
  private List<Function<Investigation, Command>> planned(
      CommandEngine.Known known,
      List<Evidence> pieces,
      int devicesInScope,
      ControlState at,
      List<BreakerAnswers> counted) {
    if (pieces.size() == 1) { // the usual report: no list to grow
      return List.of(planned(known, pieces, devicesInScope, at, counted, 0));
    }
    List<Function<Investigation, Command>> commands = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      commands.add(planned(known, pieces, devicesInScope, at, counted, i));
    }
    return commands;
  }

  /** {@return the command recording piece {@code i} of {@code pieces}, planned on {@code at}} */
  private Function<Investigation, Command> planned(
      CommandEngine.Known known,
      List<Evidence> pieces,
      int devicesInScope,
      ControlState at,
      List<BreakerAnswers> counted,
      int i) {
    Command.RecordEvidence command =
        planner.record(
            known.state(),
            pieces.get(i),
            devicesInScope,
            at,
            counted.isEmpty() ? null : counted.get(i));
    return state -> command;
  }

  /**
   * Reports several pieces of evidence at once, as an alert that names several entities does: each
   * is planned as {@link #reportEvidence(InvestigationId, Evidence)} plans it, and all of them are
   * recorded in one write, or none is. Their automatic actions are then dispatched.
   *
   * @param id the investigation
   * @param evidence the evidence, 1 to {@value #MAX_EVIDENCE_PER_REPORT} pieces, in the order to
   *     record them
   * @return the investigation after the evidence joined
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the investigation is complete or terminated; nothing is
   *     recorded
   * @throws InvalidInputException if the list is empty or longer than {@value
   *     #MAX_EVIDENCE_PER_REPORT}
   * @throws RuntimeClosedException if the runtime was closed
   */
  public Investigation reportEvidence(InvestigationId id, List<Evidence> evidence) {
    requireOpen();
    Checks.notNull(evidence, "evidence");
    if (evidence.isEmpty() || evidence.size() > MAX_EVIDENCE_PER_REPORT) {
      throw new InvalidInputException(
          "evidence",
          evidence.size(),
          "a report holds 1-"
              + MAX_EVIDENCE_PER_REPORT
              + " pieces of evidence, was: "
              + evidence.size());
    }
    List<Evidence> pieces = new ArrayList<>(evidence);
    for (int i = 0; i < pieces.size(); i++) {
      Checks.notNull(pieces.get(i), "evidence[" + i + "]");
    }
    return recordEvidence(id, pieces, 1);
  }

  /**
   * {@return what reporting {@code evidence} to investigation {@code id} would plan now, safety
   * guards included, without changing anything}: a dry run. Nothing is stored and no blast-radius
   * capacity is used.
   *
   * @param id the investigation
   * @param evidence the evidence
   * @throws UnknownInvestigationException if there is no such investigation
   */
  public RemediationPlan dryRun(InvestigationId id, Evidence evidence) {
    requireOpen();
    Checks.notNull(evidence, "evidence");
    return planner.dryRun(engine.read(Checks.notNull(id, "id")), evidence);
  }

  /**
   * Pauses automation (the kill switch) on every runtime sharing the store: while paused, actions
   * that would run automatically wait for approval instead, with the reason recorded, and automatic
   * actions already queued are held before they are sent. Recorded in the control store with who
   * and why ({@link #controlChanges}), reported to listeners and logged.
   *
   * @param caller who pauses it; needs {@link Operation#MANAGE_SAFETY}
   * @param group the device group to pause, or null for every group
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void pauseAutomation(Caller caller, @Nullable DeviceGroupName group, String reason) {
    switchAutomation(caller, group, reason, true);
  }

  /**
   * Resumes automation paused by {@link #pauseAutomation}.
   *
   * @param caller who resumes it; needs {@link Operation#MANAGE_SAFETY}
   * @param group the device group, or null for the global switch
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void resumeAutomation(Caller caller, @Nullable DeviceGroupName group, String reason) {
    switchAutomation(caller, group, reason, false);
  }

  private void switchAutomation(
      Caller caller, @Nullable DeviceGroupName group, String reason, boolean paused) {
    requireOpen();
    Checks.notNull(caller, "caller");
    requireReason(reason);
    Instant now = clock.instant();
    ControlChange change =
        paused
            ? ControlChange.pause(group, caller.name(), now, reason)
            : ControlChange.resume(group, caller.name(), now, reason);
    gate.authorize(caller, Operation.MANAGE_SAFETY, null);
    announce(safety.record(change));
  }

  /**
   * Opens a protected device to automatic actions for {@code duration} (break glass), on every
   * runtime sharing the store. Audited: recorded with who and why, reported to listeners and logged
   * at WARN.
   *
   * @param caller who breaks the glass; needs {@link Operation#MANAGE_SAFETY}
   * @param device the protected device
   * @param duration how long, positive, at most 3,650 days
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws InvalidInputException if the duration is out of range or the reason invalid
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void breakGlass(Caller caller, DeviceId device, Duration duration, String reason) {
    requireOpen();
    Checks.notNull(caller, "caller");
    Checks.notNull(device, "device");
    Durations.requirePositive("duration", "break-glass duration", duration);
    requireReason(reason);
    Instant now = clock.instant();
    ControlChange change =
        ControlChange.breakGlass(device, now.plus(duration), caller.name(), now, reason);
    gate.authorize(caller, Operation.MANAGE_SAFETY, null);
    announce(safety.record(change));
  }

  /**
   * Adds an allow indicator on every runtime sharing the store: evidence it covers plans no action
   * from now on. Audited like {@link #breakGlass}.
   *
   * @param caller who adds it; needs {@link Operation#MANAGE_SAFETY}
   * @param indicator the indicator
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws InvalidInputException if the reason is invalid
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void allow(Caller caller, AllowIndicator indicator, String reason) {
    changeIndicator(caller, indicator, reason, true);
  }

  /**
   * Adds an allow indicator for investigations of some device groups, for a while, on every runtime
   * sharing the store; adding it again replaces its scope and end. Audited like {@link
   * #breakGlass}.
   *
   * @param caller who adds it; needs {@link Operation#MANAGE_SAFETY}
   * @param indicator the indicator
   * @param scope the device groups it applies to, empty for every investigation (tenant-wide)
   * @param duration how long it stays in force, positive, at most 3,650 days
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws InvalidInputException if the duration is out of range or the reason invalid
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void allow(
      Caller caller,
      AllowIndicator indicator,
      Set<DeviceGroupName> scope,
      Duration duration,
      String reason) {
    requireOpen();
    Checks.notNull(caller, "caller");
    Durations.requirePositive("duration", "allow indicator duration", duration);
    requireReason(reason);
    Instant now = clock.instant();
    ControlChange change =
        ControlChange.allow(indicator, scope, now.plus(duration), caller.name(), now, reason);
    gate.authorize(caller, Operation.MANAGE_SAFETY, null);
    announce(safety.record(change));
  }

  /**
   * Revokes an allow indicator added at run time (by {@link #allow} or a false-positive report), on
   * every runtime sharing the store. Indicators configured on the builder stay in force. Audited
   * like {@link #breakGlass}.
   *
   * @param caller who revokes it; needs {@link Operation#MANAGE_SAFETY}
   * @param indicator the indicator
   * @param reason why: text a reader can see, not only spaces or invisible characters
   * @throws AccessDeniedException if the caller may not manage the safety guards
   * @throws InvalidInputException if the reason is invalid
   * @throws RuntimeClosedException if the runtime was closed
   */
  public void revokeAllow(Caller caller, AllowIndicator indicator, String reason) {
    changeIndicator(caller, indicator, reason, false);
  }

  private void changeIndicator(
      Caller caller, AllowIndicator indicator, String reason, boolean allowed) {
    requireOpen();
    Checks.notNull(caller, "caller");
    requireReason(reason);
    ControlChange change =
        ControlChange.allow(indicator, allowed, caller.name(), clock.instant(), reason);
    gate.authorize(caller, Operation.MANAGE_SAFETY, null);
    announce(safety.record(change));
  }

  /**
   * {@return up to {@code limit} changes to the shared control state numbered above {@code after},
   * in order}: the audit record of who paused or resumed automation, broke glass, or added or
   * revoked an allow indicator, when and why, whichever runtime they used.
   *
   * @param caller who asks; needs {@link Operation#VIEW}
   * @param after the last number already read, 0 for the start
   * @param limit how many at most, 1 to {@value ControlStore#MAX_CHANGES}
   * @throws AccessDeniedException if the caller may not view the action center
   * @throws InvalidInputException if {@code after} is negative or the limit out of range
   */
  public List<ControlChange> controlChanges(Caller caller, long after, int limit) {
    requireOpen();
    ControlStore.validPage(after, limit);
    gate.authorize(caller, Operation.VIEW, null);
    return controls.changes(after, limit);
  }

  private void announce(ControlChange change) {
    LOG.atWarn()
        .addKeyValue("principal", LogSafe.of(change.principal()))
        .addKeyValue("change", change.kind())
        .addKeyValue("sequence", change.sequence())
        .addKeyValue("subject", LogSafe.of(subject(change)))
        .addKeyValue("until", change.until())
        .log("safety control changed");
    SafetyOverride.Kind kind =
        switch (change.kind()) {
          case PAUSE -> SafetyOverride.Kind.AUTOMATION_PAUSED;
          case RESUME -> SafetyOverride.Kind.AUTOMATION_RESUMED;
          case BREAK_GLASS -> SafetyOverride.Kind.BREAK_GLASS;
          case ALLOW -> SafetyOverride.Kind.ALLOW_INDICATOR_ADDED;
          case REVOKE_ALLOW -> SafetyOverride.Kind.ALLOW_INDICATOR_REVOKED;
        };
    router.override(
        new SafetyOverride(
            kind,
            change.principal(),
            subject(change),
            change.at(),
            change.until(),
            change.reason()));
  }

  private static String subject(ControlChange change) {
    DeviceGroupName group = change.group();
    DeviceId device = change.device();
    AllowIndicator indicator = change.indicator();
    return device != null
        ? device.value()
        : indicator != null ? indicator.text() : group != null ? group.value() : "all";
  }

  /**
   * Reports the end of the analysis; the investigation completes once every action is settled.
   *
   * @param id the investigation
   * @param outcome how the analysis ended
   * @return the investigation after it
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if the analysis was already finished or the investigation
   *     terminated
   * @throws RuntimeClosedException if the runtime was closed
   */
  public Investigation finishAnalysis(InvestigationId id, AnalysisOutcome outcome) {
    requireOpen();
    Checks.notNull(outcome, "outcome");
    return engine.apply(id, state -> new Command.FinishAnalysis(outcome, Actor.system())).after();
  }

  /**
   * Terminates an investigation: pending actions are rejected, approved ones cancelled.
   *
   * @param id the investigation
   * @param caller who terminates it
   * @param comment why, possibly empty
   * @return the investigation after it
   * @throws AccessDeniedException if the caller may not terminate investigations, or may not reject
   *     or cancel one of the actions terminating would reject or cancel (the permission each needs
   *     directly); nothing is changed then
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws CommandRejectedException if it is already complete or terminated
   * @throws RuntimeClosedException if the runtime was closed
   */
  public Investigation terminate(InvestigationId id, Caller caller, String comment) {
    requireOpen();
    Checks.notNull(id, "id");
    gate.authorize(caller, Operation.TERMINATE, null);
    // authorized by what it does: every rejection and cancel it makes, before it makes any
    for (ActionRecord action : engine.read(id).actions()) {
      if (action.status() == ActionStatus.PENDING_APPROVAL) {
        gate.authorize(caller, Operation.REJECT, action.action().kind());
      } else if (action.status() == ActionStatus.APPROVED
          || action.status() == ActionStatus.IN_PROGRESS) {
        gate.authorize(caller, Operation.CANCEL, action.action().kind());
      }
    }
    return engine.apply(id, state -> new Command.Terminate(caller.actor(), comment)).after();
  }

  /**
   * {@return a stage that completes with the investigation's state once it is complete} (its
   * analysis finished and every action settled), at once if it already is. It completes when this
   * runtime stores the completing event, or when its reconciler next reads the investigation
   * complete (completed by another runtime sharing the store), so no caller has to poll. Actions
   * chained on it run on the thread that completed it (the runtime's, or the caller's when it was
   * already complete): keep them short, or chain with the {@code ...Async} variants and your own
   * executor. Cancelling the future, or letting {@code orTimeout} end it, stops the wait; closing
   * the runtime fails every wait still open with a {@link RuntimeClosedException}.
   *
   * <pre>{@code
   * parry.whenComplete(id, analyst).thenAccept(done -> report(done.status()));
   * }</pre>
   *
   * @param id the investigation
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view investigations
   * @throws UnknownInvestigationException if there is no such investigation
   * @throws RuntimeClosedException if the runtime was closed
   */
  public CompletableFuture<Investigation> whenComplete(InvestigationId id, Caller caller) {
    requireOpen();
    if (investigation(id, caller).isEmpty()) {
      throw new UnknownInvestigationException(id);
    }
    return completions.await(id);
  }

  /**
   * {@return the investigation, if the store holds it}
   *
   * <pre>{@code Optional<Investigation> found = parry.investigation(id, alice);}</pre>
   *
   * @param id the investigation
   * @param caller who asks; needs {@link Operation#VIEW}
   * @throws AccessDeniedException if the caller may not view investigations
   */
  public Optional<Investigation> investigation(InvestigationId id, Caller caller) {
    requireOpen();
    Checks.notNull(id, "id");
    gate.authorize(caller, Operation.VIEW, null);
    return store.load(id);
  }

  /**
   * {@return the investigation's events: its history}
   *
   * @param id the investigation
   * @param caller who asks; needs {@link Operation#VIEW}
   * @throws AccessDeniedException if the caller may not view investigations
   */
  public List<InvestigationEvent> history(InvestigationId id, Caller caller) {
    requireOpen();
    Checks.notNull(id, "id");
    gate.authorize(caller, Operation.VIEW, null);
    return store.events(id);
  }

  // ---- the action center -----------------------------------------------------------------------

  /**
   * Approves one pending action. An action of a kind no executor of this runtime runs cannot be
   * approved: it waits with the reason "no executor for KIND" for an analyst to take it outside
   * Parry and reject it here (or for it to expire).
   *
   * @param id the action
   * @param caller who approves
   * @param comment why, possibly empty
   * @return the action after the approval (approved, or still pending if more approvals are needed)
   * @throws AccessDeniedException if the caller may not approve actions of its kind, or (for an
   *     action that is not stored) of any kind
   * @throws CommandRejectedException if it is not pending, was already approved by the caller, the
   *     caller requested it under two-step approval, or cannot be carried out ({@link
   *     RejectionReason#NOT_EXECUTABLE}: no executor runs its kind, or it lacks what its executor
   *     needs)
   * @throws UnknownActionException if its investigation has no such action (told only to a caller
   *     who may do this on some kind of action; others get an {@link AccessDeniedException})
   * @throws UnknownInvestigationException if its investigation does not exist (the same)
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord approve(ActionId id, Caller caller, String comment) {
    return one(
        Checks.notNull(id, "id"),
        caller,
        Operation.APPROVE,
        a -> new Command.Approve(a, caller.name(), comment));
  }

  /**
   * Approves several pending actions of the same kind at once. All are checked first; if one cannot
   * be approved, none is.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who approves
   * @param comment why, possibly empty
   * @return the actions after the approval, in order
   * @throws InvalidInputException if the list is empty, mixes kinds or names an action twice
   * @throws AccessDeniedException if the caller may not approve that kind, or (for an action that
   *     is not stored) any kind
   * @throws CommandRejectedException if one of them cannot be approved, or one of them cannot be
   *     carried out ({@link RejectionReason#NOT_EXECUTABLE}); none was approved
   * @throws UnknownActionException if an investigation has no such action; none was approved (told
   *     only to a caller who may approve some kind of action)
   * @throws RuntimeClosedException if the runtime was closed
   */
  public List<ActionRecord> approveAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(
        ids, caller, Operation.APPROVE, id -> new Command.Approve(id, caller.name(), comment));
  }

  /**
   * Rejects one pending action.
   *
   * @param id the action
   * @param caller who rejects
   * @param comment why, possibly empty
   * @return the action after it
   * @throws AccessDeniedException if the caller may not reject actions of its kind, or (for an
   *     action that is not stored) of any kind
   * @throws CommandRejectedException if it is not pending
   * @throws UnknownActionException if its investigation has no such action (told only to a caller
   *     who may do this on some kind of action; others get an {@link AccessDeniedException})
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord reject(ActionId id, Caller caller, String comment) {
    return one(
        Checks.notNull(id, "id"),
        caller,
        Operation.REJECT,
        a -> new Command.Reject(a, caller.actor(), comment));
  }

  /**
   * Rejects several pending actions of the same kind; all or none.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who rejects
   * @param comment why, possibly empty
   * @return the actions after it
   * @throws InvalidInputException if the list is empty, mixes kinds or names an action twice
   * @throws AccessDeniedException if the caller may not reject that kind, or (for an action that is
   *     not stored) any kind
   * @throws CommandRejectedException if one of them is not pending; none was rejected
   * @throws UnknownActionException if an investigation has no such action; none was rejected (told
   *     only to a caller who may reject some kind of action)
   * @throws RuntimeClosedException if the runtime was closed
   */
  public List<ActionRecord> rejectAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(
        ids, caller, Operation.REJECT, id -> new Command.Reject(id, caller.actor(), comment));
  }

  /**
   * Undoes one completed reversible action.
   *
   * @param id the action
   * @param caller who asks
   * @param comment why, possibly empty
   * @return the action after the request (undo in progress)
   * @throws AccessDeniedException if the caller may not undo actions of its kind, or (for an action
   *     that is not stored) of any kind
   * @throws CommandRejectedException if its kind cannot be undone or it did not succeed
   * @throws UnknownActionException if its investigation has no such action (told only to a caller
   *     who may do this on some kind of action; others get an {@link AccessDeniedException})
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord undo(ActionId id, Caller caller, String comment) {
    return one(
        Checks.notNull(id, "id"),
        caller,
        Operation.UNDO,
        a -> new Command.RequestUndo(a, caller.actor(), comment));
  }

  /**
   * Undoes several completed actions of one kind; all or none.
   *
   * @param ids the actions, at least one, all of one kind
   * @param caller who asks
   * @param comment why, possibly empty
   * @return the actions after the request
   * @throws InvalidInputException if the list is empty, mixes kinds or names an action twice
   * @throws AccessDeniedException if the caller may not undo that kind, or (for an action that is
   *     not stored) any kind
   * @throws CommandRejectedException if one of them cannot be undone; none was
   * @throws UnknownActionException if an investigation has no such action; none was undone (told
   *     only to a caller who may undo some kind of action)
   * @throws RuntimeClosedException if the runtime was closed
   */
  public List<ActionRecord> undoAll(List<ActionId> ids, Caller caller, String comment) {
    return onEach(
        ids, caller, Operation.UNDO, id -> new Command.RequestUndo(id, caller.actor(), comment));
  }

  /**
   * Keeps a time-boxed action in effect longer; the extension is approved by the caller.
   *
   * @param id the action
   * @param extra how much longer, positive; the whole time box stays within {@link #MAX_DURATION}
   * @param caller who approves the extension
   * @param comment why, possibly empty
   * @return the action after it
   * @throws AccessDeniedException if the caller may not approve actions of its kind, or (for an
   *     action that is not stored) of any kind
   * @throws CommandRejectedException if the action has no running time box
   * @throws InvalidCommandException if the box would grow past {@link #MAX_DURATION}, naming {@code
   *     extra}
   * @throws UnknownActionException if its investigation has no such action (told only to a caller
   *     who may do this on some kind of action; others get an {@link AccessDeniedException})
   * @throws InvalidInputException if {@code extra} is not positive or longer than {@link
   *     #MAX_DURATION}
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord extendTimeBox(ActionId id, Duration extra, Caller caller, String comment) {
    Durations.requirePositive("extra", Checks.notNull(extra, "extra"));
    return onEach(
            List.of(Checks.notNull(id, "id")),
            caller,
            Operation.APPROVE,
            a -> new Command.ExtendTimeBox(a, extra, caller.name(), comment))
        .get(0);
  }

  /**
   * Cancels an approved or in-progress action. An approved action is cancelled at once, and its
   * executor is never called: the dispatch records its start in the store before calling, and a
   * cancelled action cannot start. For an action in progress, the runtime that carries it stops it
   * if no call is out (waiting, or between retries); if a call is out, the executor is asked to
   * cancel ({@link ActionExecutor#cancel}) and the action is cancelled only if the executor
   * confirms it stopped the work, with that recorded in its note. Otherwise the action stays in
   * progress and settles on the executor's outcome: the answer then says IN_PROGRESS, so an answer
   * of CANCELLED always means no call for the action will follow.
   *
   * @param id the action
   * @param caller who cancels
   * @param comment why, possibly empty
   * @return the action after it: CANCELLED, or still IN_PROGRESS if its executor could not stop
   *     work already sent
   * @throws AccessDeniedException if the caller may not cancel actions of its kind, or (for an
   *     action that is not stored) of any kind
   * @throws CommandRejectedException if it is not approved or in progress
   * @throws UnknownActionException if its investigation has no such action (told only to a caller
   *     who may do this on some kind of action; others get an {@link AccessDeniedException})
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord cancel(ActionId id, Caller caller, String comment) {
    requireOpen();
    Checks.notNull(id, "id");
    Text.require("comment", comment, 0, Command.MAX_TEXT);
    ActionRecord action =
        kindsOf(List.of(id), caller, Operation.CANCEL).get(0).action(id).orElseThrow();
    return stop(action, caller, comment);
  }

  /**
   * Cancels {@code action} for {@code caller}, who was authorized to: {@return the action after it}
   * (see {@link #cancel})
   */
  private ActionRecord stop(ActionRecord action, Caller caller, String comment) {
    ActionId id = action.id();
    if (action.status() != ActionStatus.IN_PROGRESS) {
      try {
        return engine
            .apply(id.investigation(), s -> new Command.Cancel(id, caller.actor(), comment))
            .after()
            .action(id)
            .orElseThrow();
      } catch (CommandRejectedException e) {
        action = engine.read(id.investigation()).action(id).orElseThrow();
        if (action.status() != ActionStatus.IN_PROGRESS) {
          throw e;
        }
      }
    }
    Dispatcher.Stop stop = dispatcher.stop(action, limits.attemptTimeout());
    if (stop == Dispatcher.Stop.NOT_CARRIED || stop == Dispatcher.Stop.EXECUTOR_DID_NOT_STOP) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(id))
          .addKeyValue("principal", LogSafe.of(caller.name()))
          .log(
              "cancel not confirmed: the action is in progress at its executor and settles on its outcome");
      return engine.read(id.investigation()).action(id).orElseThrow();
    }
    String note =
        stop == Dispatcher.Stop.EXECUTOR_CONFIRMED
            ? "the executor confirmed it stopped the work"
            : "stopped before any call";
    String recorded =
        comment.isEmpty()
            ? note
            : Text.withoutControls(
                (comment + " (" + note + ")")
                    .substring(
                        0, Math.min(Command.MAX_TEXT, comment.length() + note.length() + 3)));
    boolean done = false;
    try {
      ActionRecord after =
          engine
              .apply(
                  id.investigation(), s -> new Command.Cancel(id, caller.actor(), recorded, true))
              .after()
              .action(id)
              .orElseThrow();
      done = true;
      return after;
    } finally {
      dispatcher.settled(id, done);
    }
  }

  /**
   * Reads the actions, checks they exist and are of one kind, and authorizes the caller for that
   * kind: {@return the states read, in order}
   */
  private List<Investigation> kindsOf(List<ActionId> ids, Caller caller, Operation operation) {
    Checks.notNull(ids, "ids");
    Checks.notNull(caller, "caller");
    if (ids.isEmpty()) {
      throw new InvalidInputException("ids", null, "at least one action is needed");
    }
    ActionKind kind = null;
    List<Investigation> states = new ArrayList<>(ids.size());
    // a single id cannot repeat: no set is built for it
    Set<ActionId> seen = ids.size() > 1 ? new HashSet<>() : Set.of();
    for (ActionId id : ids) {
      if (id == null) {
        throw InvalidInputException.nullValue("ids[" + states.size() + "]");
      }
      // decided once each, all or nothing: twice would store half of it
      if (ids.size() > 1 && !seen.add(id)) {
        throw new InvalidInputException(
            "ids[" + states.size() + "]",
            id,
            "ids[" + states.size() + "] names action " + id + " again");
      }
      Investigation state = readFor(id, caller, operation);
      states.add(state);
      ActionKind actual = actionIn(state, id, caller, operation).action().kind();
      if (kind == null) {
        // the first action's kind, before anything else is read: what the others are is told only
        // to a caller who may act on this one
        gate.authorizeNamed(caller, operation, actual);
      } else if (kind != actual) {
        throw new InvalidInputException(
            "actions",
            null,
            "actions acted on together must be of one kind, found "
                + kind
                + " and "
                + actual
                + " ("
                + id
                + ")");
      }
      kind = actual;
    }
    return states;
  }

  /**
   * Refuses the approval of {@code action} if it could only fail: no executor runs its kind, or it
   * lacks what its executor needs. An action no longer pending is left to the investigation, which
   * refuses it for what it is.
   */
  private void refuseIfNotExecutable(ActionId id, ActionRecord action, ActionKind kind) {
    if (action.status() != ActionStatus.PENDING_APPROVAL) {
      return;
    }
    Optional<String> missing =
        registry.forKind(kind) == null
            ? Optional.of(
                EvidencePlanner.noExecutor(kind)
                    + ": take the action outside Parry and reject"
                    + " it here, or register an executor for it")
            : action
                .action()
                .missingForExecution()
                .map(
                    what ->
                        what
                            + ": take the action outside Parry and reject it here, or report"
                            + " the evidence again with it");
    if (missing.isPresent()) {
      throw new CommandRejectedException(
          new Rejection(RejectionReason.NOT_EXECUTABLE, missing.get(), id));
    }
  }

  /**
   * {@return the investigation of action {@code id}, read to authorize {@code operation} on the
   * action's kind}: if there is none, only a caller who may do the operation on some kind learns so
   */
  private Investigation readFor(ActionId id, Caller caller, Operation operation) {
    try {
      return engine.read(id.investigation());
    } catch (UnknownInvestigationException e) {
      gate.authorizeSomeKind(caller, operation);
      throw e;
    }
  }

  /**
   * {@return action {@code id} in {@code state}}, read to authorize {@code operation} on its kind:
   * if there is none, only a caller who may do the operation on some kind learns so
   */
  private ActionRecord actionIn(
      Investigation state, ActionId id, Caller caller, Operation operation) {
    Optional<ActionRecord> action = state.action(id);
    if (action.isEmpty()) {
      gate.authorizeSomeKind(caller, operation);
      throw new UnknownActionException(id);
    }
    return action.get();
  }

  /**
   * Does {@code operation} on one action, as {@link #onEach} does for a list of one, without the
   * lists: {@return the action after it}
   */
  private ActionRecord one(
      ActionId id, Caller caller, Operation operation, Function<ActionId, Command> command) {
    requireOpen();
    Checks.notNull(caller, "caller");
    Investigation state = readFor(id, caller, operation);
    ActionRecord action = actionIn(state, id, caller, operation);
    ActionKind kind = action.action().kind();
    gate.authorizeNamed(caller, operation, kind);
    Command decided = command.apply(id);
    if (decided instanceof Command.Approve) { // approved, it could only fail
      refuseIfNotExecutable(id, action, kind);
    }
    return engine.applyOn(id.investigation(), decided, state).after().action(id).orElseThrow();
  }

  private List<ActionRecord> onEach(
      List<ActionId> ids, Caller caller, Operation operation, Function<ActionId, Command> command) {
    requireOpen();
    List<Investigation> states = kindsOf(ids, caller, operation);
    ActionKind kind = states.get(0).action(ids.get(0)).orElseThrow().action().kind();
    if (command.apply(ids.get(0)) instanceof Command.Approve) { // approved, it could only fail
      for (int i = 0; i < ids.size(); i++) {
        ActionId id = ids.get(i);
        refuseIfNotExecutable(id, states.get(i).action(id).orElseThrow(), kind);
      }
    }
    if (ids.size() == 1) { // decided on the state just read: no second read
      ActionId id = ids.get(0);
      Investigation after =
          engine
              .applyAll(
                  id.investigation(),
                  List.of(state -> command.apply(id)),
                  new CommandEngine.Known(states.get(0), true),
                  SafetyControls.NO_FENCE)
              .after();
      return List.of(after.action(id).orElseThrow());
    }
    for (int i = 0; i < ids.size(); i++) { // all or nothing: check every action before changing any
      Decision dry = engine.decide(states.get(i), command.apply(ids.get(i)));
      if (dry instanceof Decision.Rejected rejected) {
        throw Refusals.of(rejected.rejection());
      }
    }
    List<ActionRecord> out = new ArrayList<>(ids.size());
    for (ActionId id : ids) {
      Investigation after = engine.apply(id.investigation(), state -> command.apply(id)).after();
      out.add(after.action(id).orElseThrow());
    }
    return out;
  }

  /**
   * Takes an action outside any investigation, as an analyst would from a device or mailbox page.
   * With two-step approval (or when the kind's approval rule asks for more than one approver, as
   * email does by default) the action waits for another principal; otherwise it runs at once. If
   * the same kind of action is already active on the same target, that action is returned instead.
   * The comment is required, as Defender's machine action API requires one, and is kept on the
   * action ({@link ActionRecord#requestComment()}).
   *
   * <pre>{@code
   * ActionRecord isolation = runtime.takeAction(new IsolateDevice(device, IsolationType.FULL), analyst,
   *     "ransomware spreading from this host", false);
   * }</pre>
   *
   * @param action the action
   * @param caller who asks for it
   * @param comment why: not blank
   * @param twoStep whether another principal must approve it
   * @return the action
   * @throws InvalidInputException if the comment is empty, blank, too long or holds a control
   *     character; nothing is changed then
   * @throws AccessDeniedException if the caller may not request that kind
   * @throws InvalidCommandException if no executor runs its kind, or it lacks what its executor
   *     needs; names {@code action}
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord takeAction(
      RemediationAction action, Caller caller, String comment, boolean twoStep) {
    return takeAction(action, caller, comment, twoStep, null);
  }

  /**
   * Takes an action outside any investigation, time-boxed: once it succeeded, the runtime undoes it
   * after {@code timeBox} unless an extension is approved ({@link #extendTimeBox}).
   *
   * @param action the action, of a reversible kind if {@code timeBox} is given
   * @param caller who asks for it
   * @param comment why: not blank
   * @param twoStep whether another principal must approve it
   * @param timeBox how long it stays in effect, or null for as long as nobody undoes it
   * @return the action
   * @throws AccessDeniedException if the caller may not request that kind
   * @throws InvalidInputException if the comment is empty, blank, too long or holds a control
   *     character, or the time box is not positive, longer than {@link #MAX_DURATION}, or given for
   *     a kind that cannot be undone; nothing is changed then
   * @throws InvalidCommandException if no executor runs its kind, or it lacks what its executor
   *     needs; names {@code action}
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord takeAction(
      RemediationAction action,
      Caller caller,
      String comment,
      boolean twoStep,
      @Nullable Duration timeBox) {
    return takeAction(
        action,
        caller,
        comment,
        twoStep,
        timeBox,
        ActionSource.manual(Checks.notNull(action, "action").family()));
  }

  /**
   * Takes an action outside any investigation, saying where it comes from: a live response session,
   * advanced hunting, Explorer, or a device or email page (the Action center's "Action source").
   * The other overloads take the manual device or email source, by the action's family.
   *
   * <pre>{@code
   * runtime.takeAction(new StopAndQuarantineFile(file), analyst, "found in the live response session", false, null,
   *     ActionSource.LIVE_RESPONSE);
   * }</pre>
   *
   * @param action the action, of a reversible kind if {@code timeBox} is given
   * @param caller who asks for it
   * @param comment why: not blank
   * @param twoStep whether another principal must approve it
   * @param timeBox how long it stays in effect, or null for as long as nobody undoes it
   * @param source where it comes from: not an automated investigation, and one that takes the
   *     action's family ({@link ActionSource#accepts})
   * @return the action, or the active action of the same kind on the same target, whatever its
   *     source
   * @throws AccessDeniedException if the caller may not request that kind
   * @throws InvalidInputException if the comment is empty, blank, too long or holds a control
   *     character, the source is automated or does not take the action's family, or the time box is
   *     not positive, longer than {@link #MAX_DURATION}, or given for a kind that cannot be undone;
   *     nothing is changed then
   * @throws InvalidCommandException if no executor runs its kind, or it lacks what its executor
   *     needs; names {@code action}
   * @throws RuntimeClosedException if the runtime was closed
   */
  public ActionRecord takeAction(
      RemediationAction action,
      Caller caller,
      String comment,
      boolean twoStep,
      @Nullable Duration timeBox,
      ActionSource source) {
    requireOpen();
    Checks.notNull(action, "action");
    requireManualComment(comment);
    Checks.notNull(caller, "caller");
    Checks.notNull(source, "source").requireFor(caller.actor(), action.family());
    if (timeBox != null) {
      Durations.requirePositive("timeBox", timeBox);
    }
    gate.authorize(caller, Operation.REQUEST_ACTION, action.kind());
    if (registry.forKind(action.kind()) == null) {
      throw new InvalidCommandException(
          new Rejection(
              RejectionReason.INVALID_ARGUMENT,
              "no executor runs " + action.kind(),
              null,
              "action"),
          action.kind());
    }
    Optional<String> missing = action.missingForExecution();
    if (missing.isPresent()) { // it could never be sent
      throw new InvalidCommandException(
          new Rejection(RejectionReason.INVALID_ARGUMENT, missing.get(), null, "action"), null);
    }
    return manual.take(action, caller, comment, twoStep, timeBox, source);
  }

  /**
   * Reports a false positive: records an allow indicator for each value the entity carries, so
   * later evidence naming it by any of them plans no action; then, on every action on the entity
   * under any of its names, rejects the pending ones, undoes every reversible one taken, and
   * cancels those approved or in progress. The undo of one that cannot be stopped is stored with it
   * before the cancel is tried, and requested in the write that records its success, whichever
   * runtime records it. Cancelling an action in progress waits for its executor's answer, up to
   * {@link Limits#attemptTimeout()} each.
   *
   * @param entity the entity wrongly judged
   * @param caller who reports it
   * @param comment why: text a reader can see (a false positive adds tenant-wide allow indicators)
   * @return what was done
   * @throws AccessDeniedException if the caller may not report false positives, may not add allow
   *     indicators ({@link Operation#MANAGE_SAFETY}: the report adds them), or may not reject, undo
   *     or cancel one of the actions the report would reject, undo or cancel (the permission each
   *     of those needs directly); nothing is changed then, not even an allow indicator
   * @throws InvalidInputException if the comment shows nothing, is too long or holds a control
   *     character
   * @throws RuntimeClosedException if the runtime was closed
   * @throws dev.parry.spi.store.StoreUnavailableException if the store fails part way: what was
   *     done stays done, and reporting again finishes the rest
   */
  public FalsePositiveReport reportFalsePositive(Entity entity, Caller caller, String comment) {
    requireOpen();
    Checks.notNull(entity, "entity");
    requireManualComment(comment);
    gate.authorize(caller, Operation.REPORT_FALSE_POSITIVE, null);
    gate.authorize(
        caller, Operation.MANAGE_SAFETY, null); // it adds an allow indicator, as allow() does
    return manual.falsePositive(
        entity,
        caller,
        comment,
        gate,
        this::announce,
        action -> {
          try {
            return stop(action, caller, comment).status() == ActionStatus.CANCELLED;
          } catch (CommandRejectedException moved) {
            return false; // it settled meanwhile: a success is undone, its undo already stored
          }
        });
  }

  /**
   * Reports a false negative: opens manual actions, pending approval, that remediate the entity as
   * if it had been found malicious (compromised, for a user).
   *
   * @param entity the entity the investigation missed
   * @param caller who reports it
   * @param comment why: not blank; kept on every action opened
   * @return the actions opened, pending approval (empty if none applies to the entity)
   * @throws InvalidInputException if the comment is empty, blank, too long or holds a control
   *     character; nothing is changed then
   * @throws AccessDeniedException if the caller may not request actions
   * @throws RuntimeClosedException if the runtime was closed
   */
  public List<ActionRecord> reportFalseNegative(Entity entity, Caller caller, String comment) {
    requireOpen();
    Checks.notNull(entity, "entity");
    requireManualComment(comment);
    gate.authorize(caller, Operation.REQUEST_ACTION, null);
    List<Command.Proposal> proposals = manual.falseNegativeProposals(entity);
    for (Command.Proposal proposal : proposals) {
      gate.authorize(caller, Operation.REQUEST_ACTION, proposal.planned().action().kind());
    }
    return proposals.isEmpty()
        ? List.of()
        : manual.open(caller, proposals, comment, null).actions();
  }

  /** Checks the comment a manual action requires: present, not blank, and valid free text. */
  private static void requireManualComment(String comment) {
    Checks.notNull(comment, "comment");
    if (comment.isEmpty()) {
      throw new InvalidInputException(
          "comment", null, "comment must not be empty: a manual action needs one");
    }
    Text.requireVisible("comment", comment, Command.MAX_TEXT);
  }

  /** Checks the reason a change of the safety controls requires: text a reader can see. */
  private static void requireReason(String reason) {
    Text.requireVisible("reason", Checks.notNull(reason, "reason"), 2000);
  }

  /**
   * {@return one page of actions matching {@code query}}: the Pending and History tabs.
   *
   * @param query the query
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view the action center
   * @throws InvalidInputException if the query's cursor is not valid
   */
  public Page<ActionRecord> actions(ActionQuery query, Caller caller) {
    requireOpen();
    Checks.notNull(query, "query");
    gate.authorize(caller, Operation.VIEW, null);
    return store.queryActions(query);
  }

  /**
   * {@return the investigation's audit chain as the store keeps it: every event, in version order,
   * with the chain hash the store computed and stored when it appended the event}; empty for an
   * unknown investigation. Check it with {@link AuditTrail#verify}.
   *
   * <pre>{@code
   * List<AuditRecord> trail = runtime.auditTrail(id, auditor);
   * }</pre>
   *
   * @param id the investigation
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view investigations
   */
  public List<AuditRecord> auditTrail(InvestigationId id, Caller caller) {
    requireOpen();
    gate.authorize(caller, Operation.VIEW, null);
    return store.chain(Checks.notNull(id, "id"));
  }

  /**
   * {@return whether the investigation's stored audit chain is intact, or where and how it was
   * broken}: the anchored head is read first (when an {@linkplain Builder#auditAnchor audit anchor}
   * is set), then the stored chain, which every record is checked against, and then the record at
   * the anchored version is checked against the anchored head, so that a truncated tail or a chain
   * rewritten hashes and all is named too. Records appended after the anchored head was read are
   * vouched for by the chain alone.
   *
   * <pre>{@code
   * if (runtime.verifyAuditTrail(id, auditor) instanceof Verification.Broken broken) {
   *   alert("audit chain of " + id + " broken at version " + broken.version() + ": " + broken.problem());
   * }
   * }</pre>
   *
   * @param id the investigation
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view investigations
   * @throws UnavailableException if the audit anchor could not be read; the cause is what it threw
   */
  public Verification verifyAuditTrail(InvestigationId id, Caller caller) {
    requireOpen();
    gate.authorize(caller, Operation.VIEW, null);
    Checks.notNull(id, "id");
    ChainHead anchored; // first: a head anchored later may pass the chain read
    try {
      anchored = anchoring.head(id).orElse(null);
    } catch (ParryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnavailableException("the audit anchor cannot be read: " + e, e);
    }
    return AuditTrail.verify(store.chain(id), anchored);
  }

  /**
   * {@return the actions matching {@code query}, every page, as the History tab's CSV export}
   *
   * @param query the query; its limit is the page size used to read
   * @param caller who asks
   * @throws AccessDeniedException if the caller may not view the action center
   */
  public String exportCsv(ActionQuery query, Caller caller) {
    requireOpen();
    gate.authorize(caller, Operation.VIEW, null);
    List<ActionRecord> rows = new ArrayList<>();
    StorePages.forEach(store, Checks.notNull(query, "query"), rows::add);
    return ActionCenterCsv.of(rows);
  }

  /**
   * {@return the allow indicators in force: those configured plus those recorded at run time, by
   * any runtime sharing the store, not revoked and not ended, whatever their scope}
   *
   * @param caller who asks; needs {@link Operation#VIEW}
   * @throws AccessDeniedException if the caller may not view the action center
   * @throws dev.parry.spi.store.StoreUnavailableException if the control store fails
   */
  public Set<AllowIndicator> allowIndicators(Caller caller) {
    requireOpen();
    gate.authorize(caller, Operation.VIEW, null);
    return safety.allowIndicators(safety.current(), null);
  }

  /**
   * {@return the allow indicators recorded at run time and in force now, each as the change that
   * added it: its scope, its end, who added it, when and why}, oldest first
   *
   * @param caller who asks; needs {@link Operation#VIEW}
   * @throws AccessDeniedException if the caller may not view the action center
   */
  public List<ControlChange> allowGrants(Caller caller) {
    requireOpen();
    gate.authorize(caller, Operation.VIEW, null);
    return safety.allowGrants();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "ParryRuntime{store="
        + store
        + ", executors="
        + registry.kinds().size()
        + " kinds, inFlight="
        + dispatcher.inFlight()
        + "}";
  }

  /** Builds a runtime. Setters fail fast on null; {@link #build()} checks the executors. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private @Nullable TaskScheduler scheduler;
    private InvestigationStore store = InMemoryInvestigationStore.create();
    private @Nullable ControlStore controls;
    private RemediationPolicy policy = RemediationPolicy.standard();
    private PlanTable planTable = PlanTable.defaults();
    private AutomationLevel emailAutomation = AutomationContext.DEFAULT_EMAIL_AUTOMATION;
    private AutomationLevel identityAutomation = AutomationContext.DEFAULT_IDENTITY_AUTOMATION;
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
    private Supplier<Iterable<ExecutorProvider>> providers =
        () -> ServiceLoader.load(ExecutorProvider.class);
    private @Nullable Set<ActionKind> requiredKinds;
    private Supplier<InvestigationId> manualIds =
        () -> InvestigationId.of("manual-" + UUID.randomUUID());
    private String instanceName = "parry-" + UUID.randomUUID();
    private Duration dispatchLease = Duration.ofSeconds(30);
    private @Nullable Duration reconcileEvery;
    private SafetyGuards safetyGuards = SafetyGuards.none();
    private @Nullable AuditAnchor auditAnchor;
    private final Map<ActionKind, Duration> pendingExpiryByKind = new EnumMap<>(ActionKind.class);
    private final Map<ActionKind, Duration> timeBoxes =
        new EnumMap<>(Map.of(ActionKind.CONTAIN_USER, Duration.ofDays(5)));
    private Instrumentation instrumentation = Instrumentation.none();

    private Builder() {}

    /**
     * The kinds the plan table plans, and the kinds that undo them: what a runtime must be able to
     * run unless told otherwise.
     */
    static Set<ActionKind> requiredBy(PlanTable table) {
      Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
      for (ActionKind kind : table.kinds()) {
        kinds.add(kind);
        kind.inverse().ifPresent(kinds::add);
      }
      return kinds;
    }

    /**
     * Sets the clock every time the runtime records or waits for is read from: deadlines, expiries,
     * time boxes, backoff and the time of every event (default {@link Clock#systemUTC()}).
     *
     * @param value the clock
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder clock(Clock value) {
      this.clock = Checks.notNull(value, "clock");
      return this;
    }

    /**
     * Sets where the runtime's work and timers run: dispatches, outcomes, retries, expiries and
     * reconciler passes (default: a pool of 2 threads the runtime owns and stops on {@link
     * ParryRuntime#close()}; a scheduler given here is not closed by the runtime).
     *
     * @param value the scheduler
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder scheduler(TaskScheduler value) {
      this.scheduler = Checks.notNull(value, "scheduler");
      return this;
    }

    /**
     * Sets where investigations, actions and their audit trail are kept (default: a new {@link
     * InMemoryInvestigationStore}, which lives and dies with the process). Runtimes that share a
     * store share its work: each action is dispatched by one of them at a time.
     *
     * @param value the store
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder store(InvestigationStore value) {
      this.store = Checks.notNull(value, "store");
      return this;
    }

    /**
     * Sets where the kill switch, break-glass overrides, allow indicators added at run time and
     * blast-radius counts are kept. Every runtime on one investigation store must share one control
     * store. Needed only when the investigation store keeps none ({@link
     * InvestigationStore#controls()}): the in-memory and PostgreSQL stores do, and are used by
     * default.
     *
     * @param value the control store
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder controls(ControlStore value) {
      this.controls = Checks.notNull(value, "controls");
      return this;
    }

    /**
     * Sets the policy that turns evidence and verdicts into planned actions (default {@link
     * RemediationPolicy#standard()}, which reads the {@linkplain #planTable plan table}).
     *
     * @param value the policy
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder policy(RemediationPolicy value) {
      this.policy = Checks.notNull(value, "policy");
      return this;
    }

    /**
     * Sets which actions each entity type and verdict plans, and whether each may run automatically
     * or always waits for approval (default: {@link PlanTable#defaults()}). The standard policy and
     * the presets built on it read it; unless {@link #requiredKinds} is set, the kinds it plans and
     * their undo kinds are the ones that must have an executor.
     *
     * <pre>{@code
     * builder.planTable(PlanTable.defaults().with(
     *     PlanTable.Row.of(Device.class, Verdict.MALICIOUS, PlanTable.Step.pending(ActionKind.CONTAIN_DEVICE))));
     * }</pre>
     *
     * @param value the table
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder planTable(PlanTable value) {
      this.planTable = Checks.notNull(value, "planTable");
      return this;
    }

    /**
     * Sets how far email remediation runs on its own, apart from device groups (default {@code
     * SEMI_ALL_FOLDERS}: every email action waits for approval, as Defender for Office 365 takes
     * none automatically). {@code FULL} runs the plan table's automatic email steps automatically;
     * {@code NO_AUTOMATED_RESPONSE} plans nothing for email.
     *
     * <pre>{@code builder.emailAutomation(AutomationLevel.FULL);}</pre>
     *
     * @param value {@code FULL}, {@code SEMI_ALL_FOLDERS} or {@code NO_AUTOMATED_RESPONSE}
     * @return this builder
     * @throws InvalidInputException if it is a folder level, which only judges file paths on
     *     devices
     */
    public Builder emailAutomation(AutomationLevel value) {
      this.emailAutomation = AutomationContext.requireFamilyLevel("emailAutomation", value);
      return this;
    }

    /**
     * Sets how far identity remediation runs on its own, apart from device groups (default {@code
     * FULL}: a compromised user is remediated automatically, as the seed table says). {@code
     * SEMI_ALL_FOLDERS} holds every identity action for approval; {@code NO_AUTOMATED_RESPONSE}
     * plans nothing for users.
     *
     * <pre>{@code builder.identityAutomation(AutomationLevel.SEMI_ALL_FOLDERS);}</pre>
     *
     * @param value {@code FULL}, {@code SEMI_ALL_FOLDERS} or {@code NO_AUTOMATED_RESPONSE}
     * @return this builder
     * @throws InvalidInputException if it is a folder level, which only judges file paths on
     *     devices
     */
    public Builder identityAutomation(AutomationLevel value) {
      this.identityAutomation = AutomationContext.requireFamilyLevel("identityAutomation", value);
      return this;
    }

    /**
     * Sets the device groups and each group's automation level, which decide whether a planned
     * device action runs on its own or waits for approval (default {@link
     * DeviceGroups#ungroupedOnly()}: one group at {@code FULL}). They govern device entities only:
     * email and identity automation are set apart.
     *
     * @param value the device groups
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder deviceGroups(DeviceGroups value) {
      this.deviceGroups = Checks.notNull(value, "deviceGroups");
      return this;
    }

    /**
     * Sets which folders count as core (system) folders and which as temporary, for the {@code
     * SEMI_CORE_FOLDERS} and {@code SEMI_NON_TEMP_FOLDERS} levels (default {@link
     * FolderClassifier#defaults()}).
     *
     * @param value the folder lists
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder folders(FolderClassifier value) {
      this.folders = Checks.notNull(value, "folders");
      return this;
    }

    /**
     * Sets the automation folder exclusions: files beneath an excluded folder are ignored and no
     * action is planned for them (default {@link AutomationExclusions#none()}); where it is unclear
     * whether an exclusion covers a file, its action is planned and waits for approval.
     *
     * @param value the exclusions
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder exclusions(AutomationExclusions value) {
      this.exclusions = Checks.notNull(value, "exclusions");
      return this;
    }

    /**
     * Adds an allow indicator in force from the start: evidence about an entity it matches plans no
     * action (default: none). Indicators added at run time are kept in the control store instead.
     * Adding one twice keeps one.
     *
     * @param value the indicator
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder allow(AllowIndicator value) {
      this.allowIndicators.add(Checks.notNull(value, "allowIndicator"));
      return this;
    }

    /**
     * Time-boxes every policy-planned action of a reversible kind: once it succeeded, the runtime
     * undoes it after {@code duration} unless an extension is approved. Contain user is boxed to 5
     * days by default, as attack disruption lifts it.
     *
     * @param kind a reversible kind
     * @param duration how long it stays in effect, positive and at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if the kind cannot be undone or the duration is not positive or
     *     too long ({@link #build} refuses a time box on a kind whose undo no executor runs)
     */
    public Builder timeBox(ActionKind kind, Duration duration) {
      Checks.notNull(kind, "kind");
      if (!kind.isReversible()) {
        throw new InvalidInputException(
            "kind", kind, kind + " cannot be undone, so it cannot be time-boxed");
      }
      timeBoxes.put(kind, Durations.requirePositive("duration", "time box of " + kind, duration));
      return this;
    }

    /**
     * Leaves actions of {@code kind} without a time box (Contain user has one of 5 days by
     * default). A kind without a time box stays in effect until it is undone by hand.
     *
     * @param kind the kind
     * @return this builder
     * @throws InvalidInputException if {@code kind} is null
     */
    public Builder noTimeBox(ActionKind kind) {
      timeBoxes.remove(Checks.notNull(kind, "kind"));
      return this;
    }

    /**
     * Sets how long actions of one kind may wait for approval before they expire (counting as
     * rejected), instead of {@link Limits#pendingExpiry()}.
     *
     * @param kind the kind
     * @param expiry the expiry, positive and at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if the expiry is not positive or too long
     */
    public Builder pendingExpiry(ActionKind kind, Duration expiry) {
      Checks.notNull(kind, "kind");
      pendingExpiryByKind.put(
          kind, Durations.requirePositive("expiry", "pending expiry of " + kind, expiry));
      return this;
    }

    /**
     * Sets the safety guards: blast-radius limits, which hold automatic actions for approval past a
     * count in a window, and protected devices and tags, whose actions always wait for approval
     * (default {@link SafetyGuards#none()}).
     *
     * @param value the guards
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder safetyGuards(SafetyGuards value) {
      this.safetyGuards = Checks.notNull(value, "safetyGuards");
      return this;
    }

    /**
     * Sets where each investigation's audit chain head is kept, out of the store's reach: after
     * every append, the runtime hands the anchor the head the store answered, and {@link
     * ParryRuntime#verifyAuditTrail} checks the stored chain against the anchored head, which names
     * a truncated tail. A failing anchor fails no operation: its heads are offered again on every
     * reconciler pass ({@link RuntimeHealth#unanchored()} counts them). Default: none, and
     * verification checks the stored chain alone.
     *
     * <pre>{@code builder.auditAnchor(ledgerAnchor);}</pre>
     *
     * @param value the anchor
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder auditAnchor(AuditAnchor value) {
      this.auditAnchor = Checks.notNull(value, "auditAnchor");
      return this;
    }

    /**
     * Sets who may do what: every command a caller gives is checked by it, and a denial is thrown
     * as an {@link AccessDeniedException} and reported to listeners (default {@link
     * Authorizer#defaults()}, Defender's role rules).
     *
     * @param value the authorizer
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder authorizer(Authorizer value) {
      this.authorizer = Checks.notNull(value, "authorizer");
      return this;
    }

    /**
     * Sets how many people approve each kind of action (default {@link ApprovalRules#defaults()}:
     * two-step approval for email actions, a single approval for every other kind).
     *
     * @param value the rules
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder approvalRules(ApprovalRules value) {
      this.approvalRules = Checks.notNull(value, "approvalRules");
      return this;
    }

    /**
     * Adds a listener that hears every event once it is stored and every access denial (default:
     * none). A listener that throws is logged, and the others still hear the event.
     *
     * @param value the listener
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder listener(RuntimeListener value) {
      this.listeners.add(Checks.notNull(value, "listener"));
      return this;
    }

    /**
     * Sets how hard the runtime tries and how much it runs at once: attempts, backoff, timeouts,
     * concurrency, rate limits and pending expiry (default {@link Limits#defaults()}).
     *
     * <pre>{@code builder.limits(Limits.builder().maxAttempts(3).build());}</pre>
     *
     * @param value the limits
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder limits(Limits value) {
      this.limits = Checks.notNull(value, "limits");
      return this;
    }

    /**
     * Registers an executor for the kinds it {@linkplain ActionExecutor#supportedKinds() supports}
     * (default: none). {@link #build()} refuses two executors that claim one kind.
     *
     * @param name a name for error messages, unique in this builder, 1-128 characters without
     *     spoofing characters (the identifier rule of {@link dev.parry.core.entity})
     * @param executor the executor
     * @return this builder
     * @throws InvalidInputException if the name is already used, empty, too long or holds a
     *     spoofing character
     */
    public Builder executor(String name, ActionExecutor executor) {
      Text.requireIdentifier("executor name", name, 1, 128);
      Checks.notNull(executor, "executor");
      if (executors.putIfAbsent(name, executor) != null) {
        throw new InvalidInputException(
            "name", null, "executor name '" + name + "' is already registered");
      }
      return this;
    }

    /**
     * Also uses every {@link ExecutorProvider} found with {@link ServiceLoader} (or the {@linkplain
     * #providers seam}), each given the configuration registered under its name with {@link
     * #providerConfig} or an empty one (default: off, only the executors registered with {@link
     * #executor} are used). Calling it twice is the same as once.
     *
     * @return this builder
     */
    public Builder discoverExecutors() {
      this.discover = true;
      return this;
    }

    /**
     * Gives the {@link ExecutorProvider} named {@code name} its configuration, handed to its {@code
     * create} when executors are {@linkplain #discoverExecutors() discovered} (default: an empty
     * configuration for every provider). Setting a name again replaces its configuration. {@link
     * #build()} refuses a configuration for a name no provider has (a misspelled name) and
     * configurations given without {@code discoverExecutors()}.
     *
     * <pre>
     * {@code builder.discoverExecutors().providerConfig("acme-edr", ProviderConfig.of(Map.of("endpoint", url)));}
     * </pre>
     *
     * @param name the provider's {@link ExecutorProvider#name()}, as it spells it
     * @param config its configuration
     * @return this builder
     * @throws InvalidInputException if {@code name} is null
     * @throws InvalidInputException if {@code config} is null
     */
    public Builder providerConfig(String name, ProviderConfig config) {
      providerConfigs.put(Checks.notNull(name, "name"), Checks.notNull(config, "config"));
      return this;
    }

    /**
     * Sets where discovered providers come from (default: {@link ServiceLoader} on {@link
     * ExecutorProvider}); a seam for tests that list providers by hand.
     *
     * @param value gives the providers each time executors are discovered
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder providers(Supplier<Iterable<ExecutorProvider>> value) {
      this.providers = Checks.notNull(value, "providers");
      return this;
    }

    /**
     * Sets the kinds that must have an executor when the runtime is built (default: the kinds the
     * {@linkplain #planTable plan table} plans and their undo kinds). Narrow it to what your
     * executors run when a vendor supports some kinds only.
     *
     * @param value the kinds; empty to require none
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder requiredKinds(Set<ActionKind> value) {
      Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
      kinds.addAll(Checks.notNull(value, "requiredKinds"));
      this.requiredKinds = kinds;
      return this;
    }

    /**
     * Sets how the investigations that hold manual actions (actions an analyst takes outside an
     * investigation) are named (default: {@code manual-} and a random UUID). The supplier must give
     * a new id on every call.
     *
     * @param value gives a new id on every call
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder manualInvestigationIds(Supplier<InvestigationId> value) {
      this.manualIds = Checks.notNull(value, "manualInvestigationIds");
      return this;
    }

    /**
     * Sets this runtime's name in the store's dispatch leases; runtimes that share a store must
     * each have their own (default: {@code parry-} and a random UUID, new for every runtime). A
     * runtime restarted under the same name resumes its own leases at once.
     *
     * @param value 1-200 characters without spoofing characters (the identifier rule of {@link
     *     dev.parry.core.entity})
     * @return this builder
     * @throws InvalidInputException if the name is empty, too long or holds a spoofing character
     */
    public Builder instanceName(String value) {
      this.instanceName =
          InvestigationStore.validOwner(Text.requireIdentifier("instanceName", value, 1, 200));
      return this;
    }

    /**
     * Sets how long a dispatch lease lasts unless renewed (default 30 seconds; renewed every third
     * of it): how long actions of a runtime that died wait before another runtime sharing the store
     * resumes them. Keep it well above the clock skew between the runtimes' hosts.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if it is zero, negative or too long
     */
    public Builder dispatchLease(Duration value) {
      this.dispatchLease = InvestigationStore.validLease(Checks.notNull(value, "dispatchLease"));
      return this;
    }

    /**
     * Sets how often the reconciler asks the store for due work when all is well (default: the
     * attempt timeout or a third of the dispatch lease, whichever is shorter). Each pass also
     * renews this runtime's leases, so a pass runs at least every third of the lease whatever is
     * set here.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if it is not positive or longer than 3,650 days
     */
    public Builder reconcileEvery(Duration value) {
      this.reconcileEvery =
          Durations.requirePositive("reconcile interval", Checks.notNull(value, "reconcileEvery"));
      return this;
    }

    /**
     * Reports executor calls, dispatch latency, retries, rate-limited answers and the runtime's
     * levels for metrics and traces (README, "Metrics and traces"). An exception the
     * instrumentation throws is caught and logged once; it never reaches a dispatch.
     *
     * <pre>{@code
     * builder.instrumentation(MicrometerInstrumentation.of(observationRegistry, meterRegistry));
     * }</pre>
     *
     * @param value the instrumentation (default: {@link Instrumentation#none()}, which records
     *     nothing)
     * @return this builder
     */
    public Builder instrumentation(Instrumentation value) {
      this.instrumentation = Checks.notNull(value, "instrumentation");
      return this;
    }

    /**
     * {@return the runtime, not yet started}
     *
     * @throws ExecutorConfigurationException if a required kind has no executor, two executors
     *     claim a kind, an executor claims a kind of another family, two providers share a name, or
     *     a time-boxed kind has an executor but the kind that undoes it has none
     */
    public ParryRuntime build() {
      Map<String, ActionExecutor> all = new LinkedHashMap<>(executors);
      if (discover) {
        Set<String> found = new LinkedHashSet<>();
        for (ExecutorProvider provider : providers.get()) {
          String name = "provider:" + provider.name();
          if (all.containsKey(name)) {
            throw new ExecutorConfigurationException(
                "two executor providers are named '" + provider.name() + "'");
          }
          found.add(provider.name());
          try {
            all.put(
                name,
                provider.create(
                    providerConfigs.getOrDefault(provider.name(), ProviderConfig.EMPTY)));
          } catch (RuntimeException e) {
            // the exception's class only: its message may carry the provider's configuration (the
            // cause keeps it)
            throw new ExecutorConfigurationException(
                "executor provider '"
                    + Text.escape(provider.name(), 200)
                    + "' failed to create its executor ("
                    + e.getClass().getName()
                    + ")",
                e);
          }
        }
        for (String configured : providerConfigs.keySet()) {
          if (!found.contains(configured)) {
            throw new ExecutorConfigurationException(
                "a configuration is given for executor provider '"
                    + Text.escape(configured, 200)
                    + "', which was not found; the providers found are "
                    + found);
          }
        }
      } else if (!providerConfigs.isEmpty()) {
        throw new ExecutorConfigurationException(
            "provider configurations are given for "
                + providerConfigs.keySet()
                + " but executors are not discovered: call discoverExecutors()");
      }
      ExecutorRegistry registry;
      try {
        registry =
            ExecutorRegistry.of(all, requiredKinds != null ? requiredKinds : requiredBy(planTable));
      } catch (IllegalStateException e) {
        throw new ExecutorConfigurationException(String.valueOf(e.getMessage()));
      }
      timeBoxes.forEach(
          (kind, box) -> {
            ActionKind undo = kind.inverse().orElseThrow();
            if (registry.forKind(kind) != null && registry.forKind(undo) == null) {
              throw new ExecutorConfigurationException(
                  "a time box of "
                      + box
                      + " on "
                      + kind
                      + " needs an executor for "
                      + undo
                      + " to end it: add one, or leave "
                      + kind
                      + " without a time box (noTimeBox)");
            }
          });
      ControlStore controlStore =
          controls != null
              ? controls
              : store
                  .controls()
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              "controls",
                              null,
                              "the store "
                                  + store
                                  + " keeps no control state (InvestigationStore.controls()"
                                  + " is empty): give the runtime a ControlStore every replica shares with controls(...)"));
      return new ParryRuntime(this, registry, controlStore);
    }
  }

  /**
   * {@return whether {@code store} fences its appends at a change of {@code controls}}: it keeps
   * them itself and answers a fenced view ({@link InvestigationStore#fencedAt}). A runtime then
   * decides on the control state it last read and needs no read before each decision.
   */
  private static boolean fencesItsControls(InvestigationStore store, ControlStore controls) {
    return store.controls().filter(own -> own == controls).isPresent()
        && store.fencedAt(0).isPresent();
  }
}
