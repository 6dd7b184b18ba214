package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.Limits;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.random.Randomized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random operations against the whole runtime on the fakes, with faults injected, checking after
 * each sequence that nothing was decided twice, nothing was lost and every status agrees with its
 * actions. A failure prints the seed and the shrunk sequence of operations.
 */
@DisplayName("Runtime invariants hold over random operations with injected faults")
class RuntimePropertiesTest {

  static final List<Device> DEVICES =
      List.of(
          new Device(
              DeviceId.of("d-ws-1"), DeviceName.of("ws-1"), null, Set.of(), OsPlatform.WINDOWS),
          new Device(
              DeviceId.of("d-ws-2"), DeviceName.of("ws-2"), null, Set.of(), OsPlatform.WINDOWS),
          new Device(
              DeviceId.of("d-srv-1"),
              DeviceName.of("srv-1"),
              null,
              Set.of(),
              OsPlatform.WINDOWS_SERVER));

  /** One operation; the numbers pick investigations and actions modulo what exists when it runs. */
  sealed interface Step {}

  record OpenWithEvidence(int device, long entitySeed) implements Step {}

  record Approve(int pick) implements Step {}

  record Reject(int pick) implements Step {}

  record Undo(int pick) implements Step {}

  record Cancel(int pick) implements Step {}

  record Finish(int pick) implements Step {}

  record Advance(Duration by) implements Step {}

  record Inject(int fault) implements Step {}

  record Restart() implements Step {}

  static final Gen<Step> STEP =
      random ->
          switch (random.nextInt(20)) {
            case 0, 1, 2, 3 ->
                new OpenWithEvidence(random.nextInt(DEVICES.size()), random.nextLong());
            case 4, 5, 6 -> new Approve(random.nextInt(100));
            case 7, 8 -> new Reject(random.nextInt(100));
            case 9, 10 -> new Undo(random.nextInt(100));
            case 11 -> new Cancel(random.nextInt(100));
            case 12, 13 -> new Finish(random.nextInt(100));
            case 14, 15, 16 ->
                new Advance(
                    random.nextBoolean()
                        ? Duration.ofSeconds(1 + random.nextInt(600))
                        : Duration.ofDays(1 + random.nextInt(7)));
            case 17, 18 -> new Inject(random.nextInt(7));
            default -> new Restart();
          };

  static DeviceGroups groups() {
    return DeviceGroups.of(
        AutomationLevel.FULL,
        List.of(
            new DeviceGroup(
                DeviceGroupName.of("Servers"),
                1,
                new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                AutomationLevel.SEMI_ALL_FOLDERS)));
  }

  static Fault fault(int index) {
    return switch (index) {
      case 0 -> Fault.failRetryable("HTTP 503", null);
      case 1 -> Fault.fail("backend refused");
      case 2 -> Fault.inProgress(3);
      case 3 -> Fault.neverAnswer();
      case 4 -> Fault.throwing("client bug");
      case 5 -> Fault.completeTwice();
      default -> Fault.latency(Duration.ofSeconds(40));
    };
  }

  static void run(List<Step> steps) {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(groups())
                    .limits(
                        Limits.defaults()
                            .withMaxAttempts(3)
                            .withAttemptTimeout(Duration.ofMinutes(1))
                            .withActionTimeout(Duration.ofHours(2))))) {
      List<InvestigationId> investigations = new ArrayList<>();
      int opened = 0;
      for (Step step : steps) {
        List<ActionRecord> actions =
            parry.store().queryActions(ActionQuery.all().limit(1000).build()).items();
        try {
          if (step instanceof OpenWithEvidence open) {
            InvestigationId id = InvestigationId.of("inv-" + opened++);
            Device device = DEVICES.get(open.device());
            parry.runtime().open(id, AlertId.of("a"), device);
            investigations.add(id);
            Random random = new Random(open.entitySeed());
            Entity entity =
                random.nextBoolean() ? device : DomainGenerators.entities().next(random);
            parry
                .runtime()
                .reportEvidence(
                    id,
                    Evidence.of(
                        entity,
                        DomainGenerators.verdictsFor(entity).next(random),
                        "",
                        parry.clock().instant()));
          } else if (step instanceof Approve approve && !actions.isEmpty()) {
            ActionId id = actions.get(approve.pick() % actions.size()).id();
            parry
                .runtime()
                .approve(
                    id,
                    approve.pick() % 2 == 0 ? ParryHarness.ANALYST : ParryHarness.SECOND_ANALYST,
                    "");
          } else if (step instanceof Reject reject && !actions.isEmpty()) {
            parry
                .runtime()
                .reject(actions.get(reject.pick() % actions.size()).id(), ParryHarness.ANALYST, "");
          } else if (step instanceof Undo undo && !actions.isEmpty()) {
            parry
                .runtime()
                .undo(actions.get(undo.pick() % actions.size()).id(), ParryHarness.ANALYST, "");
          } else if (step instanceof Cancel cancel && !actions.isEmpty()) {
            parry
                .runtime()
                .cancel(actions.get(cancel.pick() % actions.size()).id(), ParryHarness.ANALYST, "");
          } else if (step instanceof Finish finish && !investigations.isEmpty()) {
            parry
                .runtime()
                .finishAnalysis(
                    investigations.get(finish.pick() % investigations.size()),
                    AnalysisOutcome.COMPLETED);
          } else if (step instanceof Advance advance) {
            parry.advance(advance.by());
          } else if (step instanceof Inject inject) {
            parry.devices().inject(fault(inject.fault()), 1);
            parry.mail().inject(fault(inject.fault()), 1);
            parry.directory().inject(fault(inject.fault()), 1);
          } else if (step instanceof Restart) {
            parry.restart();
          }
        } catch (CommandRejectedException | AccessDeniedException expected) {
          // refused operations are part of the game; they must change nothing (checked below)
        }
        parry.settle();
      }
      parry.scheduler().runUntilIdle(Duration.ofDays(8));
      check(parry, investigations);
    }
  }

  static final Set<ActionStatus> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static void check(ParryHarness parry, List<InvestigationId> investigations) {
    assertTrue(
        parry.scheduler().failures().isEmpty(),
        () -> "scheduled tasks failed: " + parry.scheduler().failures());
    for (InvestigationId id : investigations) {
      Investigation state = parry.store().load(id).orElseThrow();
      List<InvestigationEvent> events = parry.store().events(id);
      assertEquals(
          state, Investigation.replay(events), "the stored events rebuild the stored state");
      assertEquals(events.size(), state.version(), "no event lost");
      Map<ActionId, Integer> decisions = new HashMap<>();
      for (InvestigationEvent event : events) {
        if (event instanceof InvestigationEvent.ApprovalGranted granted && granted.quorumReached()
            || event instanceof InvestigationEvent.ActionRejected
            || event instanceof InvestigationEvent.ActionExpired) {
          decisions.merge(((InvestigationEvent.ActionEvent) event).actionId(), 1, Integer::sum);
        }
        if (event instanceof InvestigationEvent.ActionProposed proposed
            && proposed.mode() == dev.parry.core.policy.ApprovalMode.AUTOMATIC) {
          decisions.merge(proposed.actionId(), 1, Integer::sum);
        }
      }
      decisions.forEach(
          (action, count) ->
              assertEquals(1, count, () -> "action " + action + " decided " + count + " times"));
      boolean settled = state.actions().stream().allMatch(a -> a.status().isSettled());
      assertEquals(state.isAnalysisFinished() && settled, state.isComplete());
      for (ActionRecord action : state.actions()) {
        SEEN.add(action.status());
        assertTrue(
            action.status() != ActionStatus.IN_PROGRESS
                && action.status() != ActionStatus.APPROVED
                && action.status() != ActionStatus.UNDO_IN_PROGRESS,
            () -> "after eight idle days nothing is in flight: " + action);
      }
    }
  }

  @Test
  @DisplayName(
      "300 random operation sequences: nothing decided twice, nothing lost, nothing left in flight")
  void invariants() {
    Randomized.cases(300).forAllSequences(STEP.list(5, 40), RuntimePropertiesTest::run);
  }

  @Test
  @DisplayName("the operations reach every kind of outcome (fixed seed)")
  void coverage() {
    SEEN.clear();
    Randomized.cases(300, 42L).forAllSequences(STEP.list(5, 40), RuntimePropertiesTest::run);
    assertTrue(
        SEEN.containsAll(
            Set.of(
                ActionStatus.SUCCEEDED,
                ActionStatus.FAILED,
                ActionStatus.CANCELLED,
                ActionStatus.REJECTED,
                ActionStatus.EXPIRED,
                ActionStatus.UNDONE)),
        () -> "outcomes reached: " + SEEN);
  }
}
