package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.time.TestClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Testing your integration": a test runs its own executor for one family through the whole
 * runtime.
 */
@DisplayName("The harness runs a test's own executor for one family, and the fakes for the others")
class OwnExecutorInHarnessTest {

  @Test
  void ownDeviceExecutorServesTheDeviceFamily() {
    FakeDevices backend = FakeDevices.create(TestClock.create());
    List<ExecutionRequest> seen = new CopyOnWriteArrayList<>();
    DeviceActionExecutor mine =
        new DeviceActionExecutor() {
          @Override
          public Set<ActionKind> supportedKinds() {
            return backend.executor().supportedKinds();
          }

          @Override
          public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
            seen.add(request);
            return backend.executor().execute(request);
          }

          @Override
          public CompletionStage<ExecutionOutcome> status(
              ExecutionRequest request, ExternalReference reference) {
            return backend.executor().status(request, reference);
          }

          @Override
          public CompletionStage<Boolean> cancel(
              ExecutionRequest request, @Nullable ExternalReference reference) {
            return backend.executor().cancel(request, reference);
          }
        };
    try (ParryHarness parry = ParryHarness.withExecutor(EntityFamily.DEVICE, mine, b -> {})) {
      IsolateDevice isolate =
          new IsolateDevice(
              Device.of(DeviceId.of("d-own"), DeviceName.of("ws-own")), IsolationType.FULL);
      var taken =
          parry.runtime().takeAction(isolate, ParryHarness.ANALYST, "through my executor", false);
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, parry.action(taken.id()).status());
      assertEquals(1, seen.size(), "the test's executor was called");
      assertEquals(List.of(), parry.devices().calls(), "the device fake stood aside");
    }
  }
}
