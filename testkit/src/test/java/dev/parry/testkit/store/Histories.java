package dev.parry.testkit.store;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.testkit.generate.CommandSequences;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.generate.InvestigationStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Generated investigation histories: the accepted decisions, in order, that a store appends. */
final class Histories {

  private Histories() {}

  /**
   * {@return histories of up to {@code maxSteps} steps for investigations named {@code prefix-<n>}}
   */
  static Gen<List<Decision.Accepted>> of(String prefix, int maxSteps) {
    Gen<List<InvestigationStep>> steps = CommandSequences.steps(0, maxSteps);
    return random -> {
      Instant now = DomainGenerators.EPOCH.plusSeconds(random.nextInt(100_000));
      InvestigationId id =
          InvestigationId.of(prefix + "-" + Long.toHexString(random.nextLong() >>> 1));
      Decision.Accepted opened =
          Investigation.open(
              id,
              AlertId.of("alert"),
              Gen.anyOf(AutomationLevel.class).next(random),
              DomainGenerators.origins().next(random),
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              now);
      List<Decision.Accepted> history = new ArrayList<>();
      history.add(opened);
      Investigation state = opened.after();
      for (InvestigationStep step : steps.next(random)) {
        now = now.plus(step.advance());
        Command command = step.resolve(state);
        if (command != null
            && state.decide(command, now) instanceof Decision.Accepted accepted
            && !accepted.events().isEmpty()) {
          history.add(accepted);
          state = accepted.after();
        }
      }
      return history;
    };
  }
}
