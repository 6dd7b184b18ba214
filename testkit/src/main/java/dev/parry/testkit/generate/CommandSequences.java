package dev.parry.testkit.generate;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Generates command sequences for an investigation: evidence, hand-made proposals, approvals,
 * rejections, dispatch outcomes, undo, clock moves (which expire pending actions), the end of
 * analysis and termination, weighted so that most sequences reach deep into the action life cycle
 * while some try illegal commands.
 *
 * <pre>{@code
 * Randomized.cases(10_000).forAllSequences(CommandSequences.steps(1, 40), steps -> {
 *   // run the steps against Investigation and check invariants
 * });
 * }</pre>
 */
public final class CommandSequences {

  private CommandSequences() {}

  /**
   * {@return sequences of {@code min}..{@code max} steps}, which shrink by losing steps
   *
   * @param min the fewest steps, 0 or more
   * @param max the most steps, at least {@code min}
   * @throws IllegalArgumentException if the bounds are negative or reversed
   */
  public static Gen<List<InvestigationStep>> steps(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "step bounds must satisfy 0 <= min <= max, were: " + min + ", " + max);
    }
    return step().list(min, max);
  }

  /** {@return one step, weighted toward action commands} */
  public static Gen<InvestigationStep> step() {
    return random -> {
      int roll = random.nextInt(100);
      if (roll < 14) {
        return new InvestigationStep.ReportEvidence(
            DomainGenerators.evidence().next(random),
            DomainGenerators.automationContexts().next(random),
            rule(random));
      }
      if (roll < 22) {
        return new InvestigationStep.Propose(
            DomainGenerators.actions().next(random),
            random.nextBoolean() ? ApprovalMode.AUTOMATIC : ApprovalMode.REQUIRES_APPROVAL,
            rule(random),
            random.nextInt(4) - 1);
      }
      if (roll < 88) {
        return new InvestigationStep.OnAction(
            Gen.anyOf(InvestigationStep.Verb.class).next(random),
            random.nextInt(1000),
            random.nextInt(5) != 0,
            random.nextInt(4) - 1);
      }
      if (roll < 93) {
        return new InvestigationStep.Advance(
            random.nextBoolean() ? Duration.ofHours(1 + random.nextInt(48)) : Duration.ofDays(7));
      }
      if (roll < 98) {
        return new InvestigationStep.Finish(
            random.nextInt(4) != 0
                ? AnalysisOutcome.COMPLETED
                : Gen.anyOf(AnalysisOutcome.class).next(random));
      }
      return new InvestigationStep.Terminate(random.nextInt(4) - 1);
    };
  }

  /**
   * {@return whole investigations: a fresh one driven by a generated sequence of {@code
   * min}..{@code max} steps, refused commands skipped}, in every status an investigation can reach
   *
   * @param min the fewest steps, 0 or more
   * @param max the most steps, at least {@code min}
   * @throws IllegalArgumentException if the bounds are negative or reversed
   */
  public static Gen<Investigation> investigations(int min, int max) {
    Gen<List<InvestigationStep>> sequences = steps(min, max);
    return random -> {
      Instant now = DomainGenerators.EPOCH;
      Investigation state =
          Investigation.open(
                  InvestigationId.of("inv-" + Long.toHexString(random.nextLong() >>> 1)),
                  AlertId.of("alert"),
                  Gen.anyOf(AutomationLevel.class).next(random),
                  DomainGenerators.origins().next(random),
                  Investigation.DEFAULT_PENDING_EXPIRY,
                  Actor.system(),
                  now)
              .after();
      for (InvestigationStep step : sequences.next(random)) {
        now = now.plus(step.advance());
        Command command = step.resolve(state);
        if (command != null && state.decide(command, now) instanceof Decision.Accepted accepted) {
          state = accepted.after();
        }
      }
      return state;
    };
  }

  private static ApprovalRule rule(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> ApprovalRule.TWO_STEP;
      case 1 -> new ApprovalRule(2, random.nextBoolean());
      default -> ApprovalRule.SINGLE;
    };
  }
}
