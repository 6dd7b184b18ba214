package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
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
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded random chaos: a store failing a share of all calls (half of the failing writes land), a
 * scheduler refusing a share of work and timers, executors failing, hanging and answering late,
 * while isolations, cancels, undos and kill-switch toggles come in. Then the faults stop and,
 * without a restart, every action must settle in bounded virtual time, each effect applied at most
 * once.
 */
class AdversaryChaosTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  @Test
  @DisplayName("after store and scheduler chaos stops, every action settles without a restart")
  void chaosThenCalm() {
    List<String> violations = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      violations.addAll(run(seed, seed % 2 == 0));
      if (violations.size() > 20) {
        break;
      }
    }
    assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
  }

  private static List<String> run(long seed, boolean timeBoxed) {
    List<String> violations = new ArrayList<>();
    Random random = new Random(seed);
    try (Rig rig =
        new Rig(
            seed,
            b -> {
              if (timeBoxed) {
                b.timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofMinutes(30));
              }
            })) {
      rig.runtime.start();
      rig.store.failing(0.2).losingAcks(0.5);
      rig.scheduler.refusing(0.1);
      List<ActionId> actions = new ArrayList<>();
      List<Device> devices = new ArrayList<>();
      for (int step = 0; step < 60; step++) {
        int op = random.nextInt(10);
        try {
          if (op <= 3) {
            Device device =
                new Device(
                    DeviceId.of("d-c-" + devices.size()),
                    DeviceName.of("c-" + devices.size()),
                    null,
                    Set.of(),
                    OsPlatform.WINDOWS);
            devices.add(device);
            switch (random.nextInt(5)) {
              case 0 ->
                  rig.devices.inject(Fault.failRetryable("busy", null), 1 + random.nextInt(3));
              case 1 -> rig.devices.inject(Fault.neverAnswer(), 1);
              case 2 ->
                  rig.devices.inject(Fault.latency(Duration.ofSeconds(random.nextInt(300))), 1);
              case 3 -> rig.devices.inject(Fault.inProgress(1 + random.nextInt(3)), 1);
              default -> {}
            }
            InvestigationId id = InvestigationId.of("inv-" + seed + "-" + devices.size());
            actions.add(new ActionId(id, 1));
            rig.runtime.open(id, AlertId.of("a-" + devices.size()), device);
            rig.runtime.reportEvidence(
                id, Evidence.of(device, Verdict.MALICIOUS, "t", rig.clock.instant()));
          } else if (op == 4 && !actions.isEmpty()) {
            rig.runtime.cancel(actions.get(random.nextInt(actions.size())), ANALYST, "stop");
          } else if (op == 5 && !actions.isEmpty()) {
            rig.runtime.undo(actions.get(random.nextInt(actions.size())), ANALYST, "undo");
          } else if (op == 6) {
            if (random.nextInt(3) == 0) {
              rig.runtime.pauseAutomation(ANALYST, null, "pause");
            } else {
              rig.runtime.resumeAutomation(ANALYST, null, "resume");
            }
          } else {
            rig.advance(Duration.ofSeconds(random.nextInt(120)));
          }
        } catch (StoreUnavailableException
            | dev.parry.runtime.CommandRejectedException
            | dev.parry.runtime.UnknownInvestigationException
            | dev.parry.runtime.UnknownActionException // its evidence was lost to a store fault
            | dev.parry.runtime.InvestigationRefusedException e) {
          // expected under chaos
        }
      }
      rig.store.heal();
      rig.scheduler.heal();
      rig.runtime.resumeAutomation(ANALYST, null, "calm");
      rig.advance(Duration.ofHours(3)); // action timeout is 1 h: everything must be settled by now
      Instant now = rig.clock.instant();
      for (ActionId id : actions) {
        Optional<ActionRecord> found =
            rig.store.delegateStore().load(id.investigation()).flatMap(i -> i.action(id));
        if (found.isEmpty()) {
          continue; // the evidence was never stored
        }
        ActionRecord action = found.get();
        String where =
            "seed "
                + seed
                + (timeBoxed ? " (time-boxed)" : "")
                + ": "
                + action
                + " note='"
                + action.note()
                + "'";
        if (action.status().isDispatched()) {
          violations.add(where + " is still " + action.status() + " 3 h after the faults stopped");
        }
        Optional<Instant> boxEnd = action.timeBoxEnds();
        if (boxEnd.isPresent() && boxEnd.get().isBefore(now.minus(Duration.ofMinutes(10)))) {
          violations.add(where + " is SUCCEEDED past its time box end " + boxEnd.get());
        }
        int applied = rig.devices.timesApplied(Rig.isolation((Device) action.action().target()));
        if (applied > 1) {
          violations.add(where + " was applied " + applied + " times");
        }
        boolean inEffect = rig.devices.isInEffect(action.action());
        if (action.status() == ActionStatus.UNDONE && inEffect) {
          violations.add(where + " is UNDONE but its effect is in place");
        }
        if (action.status() == ActionStatus.SUCCEEDED && !inEffect) {
          violations.add(where + " is SUCCEEDED but its effect is not in place");
        }
        if ((action.status() == ActionStatus.CANCELLED
                || action.status() == ActionStatus.PENDING_APPROVAL
                || action.status() == ActionStatus.EXPIRED)
            && applied > 0) {
          violations.add(where + " is " + action.status() + " but the executor applied it");
        }
      }
      if (!rig.runtime.health().isHealthy()) {
        violations.add(
            "seed " + seed + ": unhealthy 3 h after the faults stopped: " + rig.runtime.health());
      }
      rig.virtual.failures().stream()
          .filter(f -> !(f instanceof StoreUnavailableException))
          .forEach(f -> violations.add("seed " + seed + ": escaped " + f));
    }
    return violations;
  }
}
