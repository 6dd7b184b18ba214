package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;

/**
 * How a pending action gets approved: how many distinct principals must approve, and whether the
 * principal who requested the action may be one of them.
 *
 * <pre>{@code
 * ApprovalRule twoStep = ApprovalRule.TWO_STEP;            // someone other than the requester approves
 * ApprovalRule fourEyes = new ApprovalRule(2, false);      // two others approve
 * }</pre>
 *
 * @param approvals distinct approvers required, 1-{@value #MAX_APPROVALS}
 * @param requesterMayApprove whether the requester's own approval counts
 */
public record ApprovalRule(int approvals, boolean requesterMayApprove) {

  /** The largest quorum accepted: {@value}. */
  public static final int MAX_APPROVALS = 10;

  /** One approval from anyone allowed to approve, the requester included. */
  public static final ApprovalRule SINGLE = new ApprovalRule(1, true);

  /** Two-step approval: one principal requests, a different one approves. */
  public static final ApprovalRule TWO_STEP = new ApprovalRule(1, false);

  /**
   * Validates the rule.
   *
   * @param approvals distinct approvers required, 1-{@value #MAX_APPROVALS}
   * @param requesterMayApprove whether the requester's own approval counts
   * @throws InvalidInputException if {@code approvals} is not 1-{@value #MAX_APPROVALS}
   */
  public ApprovalRule {
    if (approvals < 1 || approvals > MAX_APPROVALS) {
      throw new InvalidInputException(
          "approvals", approvals, "approvals must be 1-" + MAX_APPROVALS + ", was: " + approvals);
    }
  }
}
