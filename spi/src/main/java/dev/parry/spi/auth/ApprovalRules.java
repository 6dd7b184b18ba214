package dev.parry.spi.auth;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ApprovalRule;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Approval rules as code: for each action kind, how many distinct principals must approve and
 * whether the requester may be one of them.
 *
 * <pre>{@code
 * ApprovalRules rules = ApprovalRules.defaults()
 *     .with(ActionKind.OFFBOARD_DEVICE, new ApprovalRule(2, false))   // four eyes for offboarding
 *     .with(ActionKind.ISOLATE_DEVICE, ApprovalRule.TWO_STEP);
 * }</pre>
 */
public final class ApprovalRules {

  private final Map<ActionKind, ApprovalRule> rules;

  private ApprovalRules(Map<ActionKind, ApprovalRule> rules) {
    this.rules = rules;
  }

  /**
   * {@return the defaults}: email actions use two-step approval (one analyst requests, another
   * approves), every other kind one approval from anyone allowed, the requester included.
   */
  public static ApprovalRules defaults() {
    Map<ActionKind, ApprovalRule> rules = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      rules.put(
          kind, kind.family() == EntityFamily.EMAIL ? ApprovalRule.TWO_STEP : ApprovalRule.SINGLE);
    }
    return new ApprovalRules(rules);
  }

  /**
   * {@return these rules with {@code kind} approved by {@code rule}}
   *
   * @param kind the kind
   * @param rule its rule
   * @throws InvalidInputException if {@code kind} is null
   * @throws InvalidInputException if {@code rule} is null
   */
  public ApprovalRules with(ActionKind kind, ApprovalRule rule) {
    Map<ActionKind, ApprovalRule> copy = new EnumMap<>(rules);
    copy.put(Checks.notNull(kind, "kind"), Checks.notNull(rule, "rule"));
    return new ApprovalRules(copy);
  }

  /**
   * {@return the rule for {@code kind}}
   *
   * @param kind the kind
   * @throws dev.parry.core.error.InvalidInputException if {@code kind} is null
   */
  public ApprovalRule ruleFor(ActionKind kind) {
    return Objects.requireNonNull(rules.get(Checks.notNull(kind, "kind")));
  }

  @Override
  public String toString() {
    return "ApprovalRules" + rules;
  }
}
