package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.spi.auth.ApprovalRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns evidence into the command that records it: the policy's plan at the investigation's level,
 * actions of a kind no executor runs and fleet-wide actions that would reach protected devices held
 * first (so that they use no blast-radius capacity), then the safety guards applied for its origin,
 * each planned action with its approval rule, time box and pending expiry.
 *
 * <p>A kind without an executor is never automatic: its action waits for approval with the reason
 * {@code "no executor for KIND"}, so that an analyst takes it outside Parry instead of the
 * investigation failing. It is held before the safety guards see the plan, so the blast-radius
 * breaker never counts it.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class EvidencePlanner {

  private final RemediationPolicy policy;
  private final FolderClassifier folders;
  private final AutomationExclusions exclusions;
  private final ApprovalRules approvalRules;
  private final SafetyControls safety;
  private final FleetExclusions fleet;
  private final Map<ActionKind, Duration> timeBoxes;
  private final Map<ActionKind, Duration> pendingExpiry;
  private final PlanTable planTable;
  private final AutomationLevel emailAutomation;
  private final AutomationLevel identityAutomation;
  private final ExecutorRegistry executors;

  /**
   * Creates the planner.
   *
   * @param policy the policy
   * @param folders folder classification
   * @param exclusions automation exclusions
   * @param approvalRules approval rules per kind
   * @param safety the safety guards
   * @param fleet what holds fleet-wide automatic actions that would reach protected devices
   * @param timeBoxes time boxes per reversible kind
   * @param pendingExpiry pending expiry per kind, where it differs from the default
   * @param planTable which actions each entity type and verdict plans
   * @param emailAutomation the automation level for email entities
   * @param identityAutomation the automation level for user accounts
   * @param executors the executors, to hold the kinds none of them runs
   */
  public EvidencePlanner(
      RemediationPolicy policy,
      FolderClassifier folders,
      AutomationExclusions exclusions,
      ApprovalRules approvalRules,
      SafetyControls safety,
      FleetExclusions fleet,
      Map<ActionKind, Duration> timeBoxes,
      Map<ActionKind, Duration> pendingExpiry,
      PlanTable planTable,
      AutomationLevel emailAutomation,
      AutomationLevel identityAutomation,
      ExecutorRegistry executors) {
    this.policy = policy;
    this.folders = folders;
    this.exclusions = exclusions;
    this.approvalRules = approvalRules;
    this.safety = safety;
    this.fleet = fleet;
    this.timeBoxes = Map.copyOf(timeBoxes);
    this.pendingExpiry = Map.copyOf(pendingExpiry);
    this.planTable = planTable;
    this.emailAutomation = emailAutomation;
    this.identityAutomation = identityAutomation;
    this.executors = executors;
  }

  /**
   * {@return the command recording {@code evidence} in {@code investigation}}, planned on the
   * control state {@code at}: planned once, so the blast-radius breaker counts each action once
   * however often the append is retried after a version conflict; planned again on a fresher
   * control state only after the fence refused its append, when {@code counted} answers for the
   * actions the breaker counted already.
   *
   * @param investigation the investigation, for its level and origin
   * @param evidence the evidence
   * @param devicesInScope how many devices the entity was seen on
   * @param at the control state to plan on ({@link SafetyControls#toDecideOn})
   * @param counted what the breaker answered when this evidence was planned before, kept for a plan
   *     the fence may refuse; null when nothing can refuse it
   */
  public Command.RecordEvidence record(
      Investigation investigation,
      Evidence evidence,
      int devicesInScope,
      ControlState at,
      @Nullable BreakerAnswers counted) {
    RemediationPlan held =
        fleet.apply(
            runnable(policy.plan(evidence, context(at, investigation, evidence, devicesInScope))));
    RemediationPlan plan =
        safety.apply(
            held,
            at,
            investigation.origin().group(),
            investigation.origin().device(),
            true,
            counted);
    List<Command.Proposal> proposals = new ArrayList<>(plan.actions().size());
    for (PlannedAction planned : plan.actions()) {
      proposals.add(proposal(planned));
    }
    return new Command.RecordEvidence(evidence, proposals, Actor.system());
  }

  /**
   * {@return what recording {@code evidence} would plan now, guards included, without using any
   * blast-radius capacity}
   *
   * @param investigation the investigation
   * @param evidence the evidence
   */
  public RemediationPlan dryRun(Investigation investigation, Evidence evidence) {
    ControlState at = safety.current();
    return safety.apply(
        fleet.apply(runnable(policy.plan(evidence, context(at, investigation, evidence, 1)))),
        at,
        investigation.origin().group(),
        investigation.origin().device(),
        false);
  }

  /**
   * {@return a proposal of {@code planned} with its kind's approval rule, time box and pending
   * expiry}
   *
   * @param planned the planned action
   */
  public Command.Proposal proposal(PlannedAction planned) {
    ActionKind kind = planned.action().kind();
    return new Command.Proposal(
        planned, approvalRules.ruleFor(kind), timeBoxFor(kind), pendingExpiry.get(kind));
  }

  /**
   * {@return how long an action of {@code kind} may wait for approval, or null for the
   * investigation's default}
   *
   * @param kind the kind
   */
  public @Nullable Duration pendingExpiry(ActionKind kind) {
    return pendingExpiry.get(kind);
  }

  private @Nullable Duration timeBoxFor(ActionKind kind) {
    return kind.isReversible() ? timeBoxes.get(kind) : null;
  }

  /**
   * {@return the plan of {@code evidence} at {@code level} for every family, with the plan table
   * but without exclusions or allow indicators}: what a false negative reported by an analyst calls
   * for.
   *
   * @param evidence the evidence
   * @param level the level to plan at, {@code FULL}, {@code SEMI_ALL_FOLDERS} or {@code
   *     NO_AUTOMATED_RESPONSE}
   */
  public RemediationPlan planUnfiltered(Evidence evidence, AutomationLevel level) {
    return runnable(
        RemediationPolicy.standard()
            .plan(
                evidence,
                new AutomationContext(
                    level,
                    folders,
                    AutomationExclusions.none(),
                    Set.of(),
                    1,
                    level,
                    level,
                    planTable)));
  }

  /**
   * {@return {@code plan} with every action of a kind no executor runs waiting for approval, with
   * the reason "no executor for KIND", and every action that lacks what its executor needs ({@code
   * RemediationAction.missingForExecution()}) waiting with that reason}; the plan itself if none
   */
  private RemediationPlan runnable(RemediationPlan plan) {
    List<PlannedAction> out = null;
    for (int i = 0; i < plan.actions().size(); i++) {
      PlannedAction planned = plan.actions().get(i);
      ActionKind kind = planned.action().kind();
      if (executors.forKind(kind) == null) {
        if (out == null) {
          out = new ArrayList<>(plan.actions());
        }
        out.set(
            i,
            new PlannedAction(planned.action(), ApprovalMode.REQUIRES_APPROVAL, noExecutor(kind)));
      } else if (planned.action().missingForExecution().isPresent()) {
        // whatever policy planned it: an action that lacks what its executor needs is never sent
        if (out == null) {
          out = new ArrayList<>(plan.actions());
        }
        out.set(
            i,
            new PlannedAction(
                planned.action(),
                ApprovalMode.REQUIRES_APPROVAL,
                planned.action().missingForExecution().orElseThrow()));
      } else if (planned.mode() == ApprovalMode.AUTOMATIC && !kind.mayRunAutomatically()) {
        // whatever policy planned it: some kinds (offboarding, hard delete, the counterparts) never
        // run alone
        if (out == null) {
          out = new ArrayList<>(plan.actions());
        }
        out.set(
            i, planned.requiringApproval(kind + " never runs automatically: approval required"));
      }
    }
    return out == null ? plan : new RemediationPlan(out, plan.summary());
  }

  /**
   * {@return the reason an action of {@code kind} waits when no executor runs it}: {@code "no
   * executor for KIND"}
   *
   * @param kind the kind
   */
  public static String noExecutor(ActionKind kind) {
    return "no executor for " + kind;
  }

  /**
   * The context {@code evidence} is planned in, with the allow indicators that may cover its
   * entity.
   */
  private AutomationContext context(
      ControlState at, Investigation investigation, Evidence evidence, int devicesInScope) {
    Set<AllowIndicator> indicators =
        safety.allowIndicatorsFor(at, evidence.entity(), investigation.origin());
    return new AutomationContext(
        investigation.level(),
        folders,
        exclusions,
        indicators,
        devicesInScope,
        emailAutomation,
        identityAutomation,
        planTable);
  }
}
