package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ExecutorConfigurationException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.time.TestClock;
import dev.parry.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (core/DOMAIN.md D28, D45; README "A kind without an executor waits"): a time box undoes a
 * containment by itself; an action of a kind no executor runs is never automatic and never left
 * standing; a vendor that runs some kinds only narrows {@code requiredKinds}.
 *
 * <p>The break it guards against: only the action's own kind is checked for an executor. A vendor
 * that can isolate but not release (a narrowed {@code requiredKinds}) gets automatic, time-boxed
 * isolations; the runtime is built without complaint, the isolation runs at once, and when the
 * 4-hour box ends its undo fails with "no executor": the device stays isolated with no end, the
 * time box silently void.
 */
@DisplayName("Attack: a time-boxed isolation whose release no executor runs")
class TimeBoxWithoutUndoExecutorAttackTest {

  /** The fake device backend, minus release from isolation. */
  private static DeviceActionExecutor withoutRelease(DeviceActionExecutor all) {
    return new DeviceActionExecutor() {
      @Override
      public Set<ActionKind> supportedKinds() {
        Set<ActionKind> kinds = EnumSet.copyOf(all.supportedKinds());
        kinds.remove(ActionKind.RELEASE_FROM_ISOLATION);
        return kinds;
      }

      @Override
      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return all.execute(request);
      }

      @Override
      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return all.status(request, reference);
      }

      @Override
      public CompletionStage<Boolean> cancel(
          ExecutionRequest request, @Nullable ExternalReference reference) {
        return all.cancel(request, reference);
      }
    };
  }

  @Test
  @DisplayName("the runtime refuses a time box no executor can end, naming the kind that undoes it")
  void timeBoxWithoutRelease() {
    TestClock clock = TestClock.create();
    VirtualScheduler scheduler = VirtualScheduler.on(clock);
    FakeDevices vendor = FakeDevices.create(clock, scheduler);
    ParryRuntime.Builder builder =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(scheduler)
            .store(InMemoryInvestigationStore.create())
            .executor("vendor-devices", withoutRelease(vendor.executor()))
            .requiredKinds(EnumSet.of(ActionKind.ISOLATE_DEVICE))
            .planTable(Fixtures.ISOLATE)
            .timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofHours(4));
    ExecutorConfigurationException refused =
        assertThrows(ExecutorConfigurationException.class, builder::build);
    assertTrue(refused.getMessage().contains("RELEASE_FROM_ISOLATION"), refused.getMessage());

    try (ParryRuntime runtime = builder.noTimeBox(ActionKind.ISOLATE_DEVICE).build()) {
      runtime.start();
      InvestigationId id = InvestigationId.of("inv-tb-norelease");
      runtime.open(id, AlertId.of("alert-tb"), Fixtures.WS);
      runtime.reportEvidence(
          id, Evidence.of(Fixtures.WS, Verdict.MALICIOUS, "attack test", clock.instant()));
      scheduler.runDue();
      ActionRecord isolation =
          runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0);
      org.junit.jupiter.api.Assertions.assertNull(
          isolation.timeBox(), "without a time box, nothing promises to end it");
    }
  }
}
