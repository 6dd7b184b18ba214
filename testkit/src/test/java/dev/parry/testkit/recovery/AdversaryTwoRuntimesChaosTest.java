package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.UnknownActionException;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded random chaos with two runtimes on one store: each call (an isolation, a cancel, the kill
 * switch, a restart) goes through either runtime while both stores fail a share of calls (half of
 * the failing writes land), both schedulers refuse a share of work, and executors fail, hang,
 * answer late or in progress. Then the faults stop: every action must settle, no effect applied
 * twice, and no action cancelled, held for approval or expired with its effect applied.
 */
class AdversaryTwoRuntimesChaosTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Test
  @DisplayName(
      "two runtimes on one store, each taking calls through chaos and restarts: every action"
          + " settles, applied at most once, and never cancelled or held with its effect applied")
  void chaosThroughEitherRuntime() {
    List<String> violations = new ArrayList<>();
    for (long seed = 1; seed <= 1000 && violations.size() <= 20; seed++) {
      violations.addAll(run(seed));
    }
    assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
  }

  private static List<String> run(long seed) {
    Random random = new Random(seed);
    int permits = 1 + random.nextInt(2);
    try (Rig a = new Rig(seed, r -> r.limits(Rig.LIMITS.withMaxConcurrentPerFamily(permits)));
        Rig b = new Rig(a, seed * 7 + 1, "rig-b")) {
      a.runtime.start();
      b.runtime.start();
      double storeFaults = random.nextInt(3) * 0.05;
      a.store.failing(storeFaults).losingAcks(0.5);
      b.store.failing(storeFaults).losingAcks(0.5);
      a.scheduler.refusing(random.nextInt(2) * 0.05);
      b.scheduler.refusing(random.nextInt(2) * 0.05);
      List<ActionId> actions = new ArrayList<>();
      for (int step = 0; step < 80; step++) {
        step(random, random.nextBoolean() ? a : b, a, actions, seed);
      }
      a.store.heal();
      b.store.heal();
      a.scheduler.heal();
      b.scheduler.heal();
      a.runtime.start(); // a start a store fault refused is called again, as an application would
      b.runtime.start();
      a.runtime.resumeAutomation(ANALYST, null, "calm");
      a.advance(Duration.ofHours(3)); // action timeout is 1 h: everything must be settled by now
      return violations(seed, a, actions);
    }
  }

  /** One call through {@code on}; {@code a} owns the shared fleet and clock. */
  private static void step(Random random, Rig on, Rig a, List<ActionId> actions, long seed) {
    int op = random.nextInt(12);
    try {
      if (op <= 3) {
        int n = actions.size();
        Device device =
            new Device(
                DeviceId.of("d-c-" + n),
                DeviceName.of("c-" + n),
                null,
                Set.of(),
                OsPlatform.WINDOWS);
        switch (random.nextInt(6)) {
          case 0 -> a.devices.inject(Fault.failRetryable("busy", null), 1 + random.nextInt(3));
          case 1 -> a.devices.inject(Fault.neverAnswer(), 1);
          case 2 -> a.devices.inject(Fault.latency(Duration.ofSeconds(random.nextInt(400))), 1);
          case 3 -> a.devices.inject(Fault.inProgress(1 + random.nextInt(3)), 1);
          default -> {}
        }
        InvestigationId id = InvestigationId.of("inv-" + seed + "-" + n);
        actions.add(new ActionId(id, 1));
        on.runtime.open(id, AlertId.of("a-" + n), device);
        on.runtime.reportEvidence(
            id, Evidence.of(device, Verdict.MALICIOUS, "t", on.clock.instant()));
      } else if (op == 4 && !actions.isEmpty()) {
        on.runtime.cancel(actions.get(random.nextInt(actions.size())), ANALYST, "stop");
      } else if (op == 5) {
        if (random.nextInt(3) == 0) {
          on.runtime.pauseAutomation(ANALYST, null, "pause");
        } else {
          on.runtime.resumeAutomation(ANALYST, null, "resume");
        }
      } else if (op == 6 && random.nextInt(3) == 0) {
        on.runtime.close(); // a restart: flights end here, leases are given back
        on.runtime = on.build();
        on.runtime.start();
      } else {
        a.advance(Duration.ofSeconds(random.nextInt(90)));
      }
    } catch (StoreUnavailableException
        | CommandRejectedException
        | UnknownInvestigationException
        | UnknownActionException // its evidence was lost to a store fault
        | InvestigationRefusedException e) {
      // expected under chaos
    }
  }

  private static List<String> violations(long seed, Rig a, List<ActionId> actions) {
    List<String> violations = new ArrayList<>();
    for (ActionId id : actions) {
      Optional<ActionRecord> found =
          a.store.delegateStore().load(id.investigation()).flatMap(i -> i.action(id));
      if (found.isEmpty()) {
        continue; // the evidence was never stored
      }
      ActionRecord action = found.get();
      String where = "seed " + seed + ": " + action + " note='" + action.note() + "'";
      if (action.status().isDispatched()) {
        violations.add(where + " is still " + action.status() + " 3 h after the faults stopped");
      }
      int applied = a.devices.timesApplied(Rig.isolation((Device) action.action().target()));
      if (applied > 1) {
        violations.add(where + " was applied " + applied + " times");
      }
      if ((action.status() == ActionStatus.CANCELLED
              || action.status() == ActionStatus.PENDING_APPROVAL
              || action.status() == ActionStatus.EXPIRED)
          && applied > 0) {
        violations.add(
            where
                + " is "
                + action.status()
                + " but the executor applied it: "
                + a.devices.calls().stream()
                    .filter(c -> c.request().actionId().equals(id))
                    .toList());
      }
      if (action.status() == ActionStatus.SUCCEEDED && !a.devices.isInEffect(action.action())) {
        violations.add(where + " is SUCCEEDED but its effect is not in place");
      }
    }
    a.virtual.failures().stream()
        .filter(f -> !(f instanceof StoreUnavailableException))
        .forEach(f -> violations.add("seed " + seed + ": escaped " + f));
    return violations;
  }
}
