package dev.parry.core.policy;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;

/**
 * An action a policy planned, whether it runs automatically, and why.
 *
 * @param action the action to propose
 * @param mode automatic or requiring approval
 * @param reason why this mode was chosen, 1-512 characters, no control characters
 */
public record PlannedAction(RemediationAction action, ApprovalMode mode, String reason) {

  /**
   * Validates the planned action.
   *
   * @param action the action to propose
   * @param mode automatic or requiring approval
   * @param reason why this mode was chosen, 1-512 characters, no control characters
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if the reason is empty, too long or holds a control character
   */
  public PlannedAction {
    Checks.notNull(action, "action");
    Checks.notNull(mode, "mode");
    Text.require("reason", reason, 1, 512);
  }

  /**
   * {@return this action, now requiring approval for {@code why}}; unchanged if it already requires
   * approval.
   *
   * @param why the reason approval is needed
   */
  public PlannedAction requiringApproval(String why) {
    return mode == ApprovalMode.REQUIRES_APPROVAL
        ? this
        : new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, why);
  }
}
