package dev.parry.core.policy;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.List;

/**
 * What a policy decided for one piece of evidence: the planned actions (possibly none) and a
 * summary that says why, which matters most when nothing was planned (allowed, excluded, no threat,
 * no automated response).
 *
 * @param actions the planned actions, in the order they should be proposed (copied)
 * @param summary why, 1-512 characters, no control characters
 */
public record RemediationPlan(List<PlannedAction> actions, String summary) {

  /**
   * Validates and copies the plan.
   *
   * @param actions the planned actions, in the order they should be proposed (copied)
   * @param summary why, 1-512 characters, no control characters
   * @throws InvalidInputException if a component or an action is null
   * @throws InvalidInputException if the summary is empty, too long or holds a control character
   */
  public RemediationPlan {
    actions = Checks.listOf(actions, "actions");
    Text.require("summary", summary, 1, 512);
  }

  /**
   * {@return a plan with no action}
   *
   * @param why why nothing is planned
   */
  public static RemediationPlan nothing(String why) {
    return new RemediationPlan(List.of(), why);
  }

  /** {@return whether no action was planned} */
  public boolean isEmpty() {
    return actions.isEmpty();
  }
}
