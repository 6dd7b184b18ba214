package dev.parry.core.policy;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.FilePath;
import dev.parry.core.internal.Checks;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The standard remediation policy, {@link RemediationPolicy#standard()}. Its rules, in the order
 * they are applied:
 *
 * <ol>
 *   <li>No threat, no action: {@code NO_THREATS_FOUND} and {@code UNKNOWN} plan nothing, unless the
 *       evidence carries the role {@code COMPROMISED} ({@link Evidence#isThreat()}).
 *   <li>The level that governs the entity's family ({@link AutomationContext#levelFor}): the device
 *       group's level for device entities, email automation for email, identity automation for
 *       users. Device groups govern devices only. At {@link AutomationLevel#NO_AUTOMATED_RESPONSE}
 *       nothing is taken or pending.
 *   <li>An allow indicator covering the entity plans nothing.
 *   <li>A file path covered by an automation exclusion plans nothing (AIR ignores excluded items).
 *       A path an exclusion only might cover (an 8.3 short name, a volume named without its letter,
 *       see {@link dev.parry.core.automation.AutomationExclusions#mightExclude}) is planned, and
 *       every action needs approval.
 *   <li>The plan table ({@link AutomationContext#planTable()}, by default {@link
 *       PlanTable#defaults()}) says which actions the entity type and verdict plan, in order, each
 *       automatic or pending; compromised evidence plans its type's {@link PlanTable.CompromiseRow}
 *       whatever its verdict, or its verdict's row when the type has none.
 *   <li>Approval, per action: a pending step needs approval at every level (suspicious verdicts are
 *       always pending, unless the evidence is a compromise and plans a compromise row); an
 *       automatic step follows the level of its family. Email and identity: {@code FULL} automatic,
 *       {@code SEMI_ALL_FOLDERS} approval (the default for email, as Defender for Office 365 takes
 *       no action automatically). Devices: {@code FULL} automatic, {@code SEMI_ALL_FOLDERS}
 *       approval, {@code SEMI_CORE_FOLDERS} approval for a file in a core folder, {@code
 *       SEMI_NON_TEMP_FOLDERS} automatic only for a file in a temp folder, each level asking its
 *       own list ({@link dev.parry.core.automation.FolderClassifier}: a file can be in both). Under
 *       the two folder levels an entity with no file path (a registry key, a scheduled task) needs
 *       approval: with no folder to judge, Parry takes the cautious side.
 *   <li>Scope: an entity seen on {@value AutomationContext#SCOPE_APPROVAL_THRESHOLD} or more
 *       devices needs approval for every action.
 * </ol>
 */
public final class StandardRemediationPolicy implements RemediationPolicy {

  static final StandardRemediationPolicy INSTANCE = new StandardRemediationPolicy();

  private static final String EMAIL_APPROVAL =
      "email automation requires approval (the default: Defender for Office 365 takes no action automatically)";
  private static final String EMAIL_FULL = "email automation FULL: remediated automatically";
  private static final String IDENTITY_APPROVAL = "identity automation requires approval";
  private static final String IDENTITY_FULL = "identity automation FULL: remediated automatically";
  private static final String SUSPICIOUS = "suspicious verdicts always need approval";
  private static final String COMPROMISED = "compromised users are remediated automatically";
  private static final String FULL =
      "malicious entity in a Full automation group: remediated automatically";
  private static final String SEMI_ALL =
      "Semi (all folders) automation requires approval for any remediation";
  private static final String SEMI_CORE_IN_CORE =
      "file is in a core folder and Semi (core folders) requires approval";
  private static final String SEMI_CORE_OUTSIDE =
      "file is outside core folders: Semi (core folders) remediates it automatically";
  private static final String SEMI_NON_TEMP_IN_TEMP =
      "file is in a temp folder: Semi (non-temp folders) remediates it automatically";
  private static final String SEMI_NON_TEMP_OUTSIDE =
      "file is outside temp folders and Semi (non-temp folders) requires approval";
  private static final String MAY_BE_EXCLUDED =
      "file path may lie in an automation folder exclusion (unknown, a short name or"
          + " a volume Parry cannot resolve): approval decides";
  private static final String NO_PATH =
      "no file path to judge under a folder-based Semi level: approval required";

  private StandardRemediationPolicy() {}

  @Override
  public RemediationPlan plan(Evidence evidence, AutomationContext context) {
    Checks.notNull(evidence, "evidence");
    Checks.notNull(context, "context");
    Verdict verdict = evidence.verdict();
    if (!evidence.isThreat()) {
      return RemediationPlan.nothing("verdict " + verdict + " calls for no action");
    }
    Entity entity = evidence.entity();
    EntityFamily family = entity.family();
    if (context.levelFor(family) == AutomationLevel.NO_AUTOMATED_RESPONSE) {
      return RemediationPlan.nothing(
          switch (family) {
            case DEVICE ->
                "automation level NO_AUTOMATED_RESPONSE: no investigation, nothing taken or pending";
            case EMAIL -> "email automation NO_AUTOMATED_RESPONSE: nothing taken or pending";
            case IDENTITY -> "identity automation NO_AUTOMATED_RESPONSE: nothing taken or pending";
          });
    }
    AllowIndicator allowing = context.allowing(entity);
    if (allowing != null) {
      return RemediationPlan.nothing("allowed by indicator " + allowing);
    }
    Optional<FilePath> path =
        entity instanceof DeviceEntity onDevice ? onDevice.filePath() : Optional.empty();
    if (path.isPresent() && context.exclusions().excludes(path.get())) {
      return RemediationPlan.nothing("file path is covered by an automation folder exclusion");
    }
    // a file or a process whose path is unknown (not reported, refused, or a file on every device)
    // may lie in an
    // excluded folder
    boolean pathUnknown =
        path.isEmpty()
            && !context.exclusions().isEmpty()
            && (entity instanceof DeviceFile || entity instanceof DeviceProcess);
    boolean mayBeExcluded =
        pathUnknown || (path.isPresent() && context.exclusions().mightExclude(path.get()));
    Optional<PlanTable.CompromiseRow> compromiseRow =
        evidence.isCompromise()
            ? context.planTable().compromiseRow(entity.getClass())
            : Optional.empty();
    boolean compromise = compromiseRow.isPresent();
    List<PlanTable.Step> steps;
    if (compromise) {
      steps = compromiseRow.get().steps();
    } else {
      Optional<PlanTable.Row> row = context.planTable().row(entity.getClass(), verdict);
      if (row.isEmpty()) {
        return RemediationPlan.nothing(
            "the plan table has no row for "
                + (evidence.isCompromise() ? "COMPROMISED " : "")
                + verdict
                + " "
                + entity.getClass().getSimpleName());
      }
      steps = row.get().steps();
    }
    List<PlannedAction> planned = new ArrayList<>(steps.size());
    for (PlanTable.Step step : steps) {
      RemediationAction action = StandardActions.build(step.kind(), entity);
      if (action == null) {
        continue;
      }
      PlannedAction decided =
          decide(action, step.mode(), entity, compromise ? null : verdict, path, context);
      Optional<String> missing = action.missingForExecution();
      if (missing.isPresent()) { // never sent: it waits, saying what the evidence lacks
        decided = new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, missing.get());
      }
      if (mayBeExcluded) {
        decided = decided.requiringApproval(MAY_BE_EXCLUDED);
      }
      if (context.devicesInScope() >= AutomationContext.SCOPE_APPROVAL_THRESHOLD) {
        decided =
            decided.requiringApproval(
                "entity seen on "
                    + context.devicesInScope()
                    + " devices (scope of "
                    + AutomationContext.SCOPE_APPROVAL_THRESHOLD
                    + " or more needs approval)");
      }
      planned.add(decided);
    }
    if (planned.isEmpty()) {
      return RemediationPlan.nothing(
          "no remediation applies to this " + entity.getClass().getSimpleName());
    }
    return new RemediationPlan(
        planned,
        compromise
            ? "COMPROMISED " + family + " entity: " + planned.size() + " action(s) planned"
            : summary(verdict, family, planned.size()));
  }

  /** Summaries are few; they are built once, not on every plan. */
  private static final Map<Verdict, Map<EntityFamily, List<String>>> SUMMARIES =
      new EnumMap<>(Verdict.class);

  static {
    for (Verdict verdict : Verdict.values()) {
      Map<EntityFamily, List<String>> byFamily = new EnumMap<>(EntityFamily.class);
      for (EntityFamily family : EntityFamily.values()) {
        List<String> byCount = new ArrayList<>();
        for (int count = 0; count < 4; count++) {
          byCount.add(verdict + " " + family + " entity: " + count + " action(s) planned");
        }
        byFamily.put(family, List.copyOf(byCount));
      }
      SUMMARIES.put(verdict, byFamily);
    }
  }

  private static String summary(Verdict verdict, EntityFamily family, int count) {
    return count < 4
        ? Objects.requireNonNull(Objects.requireNonNull(SUMMARIES.get(verdict)).get(family))
            .get(count)
        : verdict + " " + family + " entity: " + count + " action(s) planned";
  }

  /**
   * Decides one step; {@code verdict} is null for a step of a compromise row, which the verdict
   * does not hold.
   */
  private static PlannedAction decide(
      RemediationAction action,
      ApprovalMode mode,
      Entity entity,
      @Nullable Verdict verdict,
      Optional<FilePath> path,
      AutomationContext context) {
    if (verdict == Verdict.SUSPICIOUS) {
      return new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SUSPICIOUS);
    }
    if (mode == ApprovalMode.REQUIRES_APPROVAL) {
      return new PlannedAction(
          action,
          ApprovalMode.REQUIRES_APPROVAL,
          "the plan table holds "
              + action.kind()
              + " for approval on a "
              + (verdict == null ? "COMPROMISED" : verdict)
              + " "
              + entity.getClass().getSimpleName());
    }
    if (action.family() == EntityFamily.EMAIL) {
      return context.emailAutomation() == AutomationLevel.FULL
          ? new PlannedAction(action, ApprovalMode.AUTOMATIC, EMAIL_FULL)
          : new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, EMAIL_APPROVAL);
    }
    if (action.family() == EntityFamily.IDENTITY) {
      return context.identityAutomation() == AutomationLevel.FULL
          ? new PlannedAction(
              action, ApprovalMode.AUTOMATIC, verdict == null ? COMPROMISED : IDENTITY_FULL)
          : new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, IDENTITY_APPROVAL);
    }
    return switch (context.level()) {
      case FULL -> new PlannedAction(action, ApprovalMode.AUTOMATIC, FULL);
      case SEMI_CORE_FOLDERS ->
          path.isEmpty()
              ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, NO_PATH)
              : context.folders().isInCoreFolder(path.get())
                  ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SEMI_CORE_IN_CORE)
                  : new PlannedAction(action, ApprovalMode.AUTOMATIC, SEMI_CORE_OUTSIDE);
      case SEMI_NON_TEMP_FOLDERS ->
          path.isEmpty()
              ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, NO_PATH)
              : context.folders().isInTempFolder(path.get())
                  ? new PlannedAction(action, ApprovalMode.AUTOMATIC, SEMI_NON_TEMP_IN_TEMP)
                  : new PlannedAction(
                      action, ApprovalMode.REQUIRES_APPROVAL, SEMI_NON_TEMP_OUTSIDE);
      case SEMI_ALL_FOLDERS, NO_AUTOMATED_RESPONSE ->
          new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SEMI_ALL);
    };
  }

  @Override
  public String toString() {
    return "RemediationPolicy.standard()";
  }
}
