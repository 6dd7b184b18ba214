package dev.parry.core.policy;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.verdict.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns evidence plus context into planned actions. Implementations must be pure: the same evidence
 * and context always give the same plan, with no side effects, so a plan can be shown as a dry run.
 *
 * <p>Two presets are provided: {@link #standard()} reproduces Defender's tables, and {@link
 * #irreversibleRequiresApproval()} additionally holds every irreversible action for approval. A
 * custom policy can wrap one of them.
 *
 * <pre>{@code
 * RemediationPolicy policy = RemediationPolicy.standard();
 * RemediationPlan plan = policy.plan(evidence, AutomationContext.of(AutomationLevel.FULL));
 * for (PlannedAction planned : plan.actions()) {
 *   System.out.println(planned.action().kind() + " " + planned.mode() + ": " + planned.reason());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RemediationPolicy {

  /**
   * {@return the plan for this evidence in this context}
   *
   * @param evidence the evidence
   * @param context the automation context
   * @throws InvalidInputException if an argument is null
   */
  RemediationPlan plan(Evidence evidence, AutomationContext context);

  /**
   * {@return the standard policy}: the plan table of the context (by default Defender's seed table
   * and threat-to-action mapping, {@link PlanTable#defaults()}), the level-by-verdict table, the
   * folder rules, exclusions, allow indicators and the scope rule. See {@link
   * StandardRemediationPolicy} for the full rules.
   */
  static RemediationPolicy standard() {
    return StandardRemediationPolicy.INSTANCE;
  }

  /**
   * {@return the standard policy, except that every action whose kind cannot be undone needs
   * approval} (kill process, confirm user compromised and the like).
   */
  static RemediationPolicy irreversibleRequiresApproval() {
    return (evidence, context) -> {
      RemediationPlan plan = StandardRemediationPolicy.INSTANCE.plan(evidence, context);
      List<PlannedAction> out = new ArrayList<>(plan.actions().size());
      for (PlannedAction planned : plan.actions()) {
        out.add(
            planned.action().kind().isReversible()
                ? planned
                : planned.requiringApproval(
                    "irreversible action: "
                        + planned.action().kind()
                        + " cannot be undone, so it needs approval under this policy"));
      }
      return new RemediationPlan(out, plan.summary());
    };
  }
}
