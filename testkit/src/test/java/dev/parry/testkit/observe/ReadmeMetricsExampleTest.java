package dev.parry.testkit.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.runtime.micrometer.MicrometerInstrumentation;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The README's metrics sample runs as written, on real threads: the call is timed with its outcome")
class ReadmeMetricsExampleTest {

  @Test
  @DisplayName(
      "an automatic isolation through a runtime wired as the README says records parry.executor.call")
  void sample() throws Exception {
    ActionExecutor myDeviceExecutor = FakeDevices.create(Clock.systemUTC()).executor();

    MeterRegistry meters = new SimpleMeterRegistry(); // or your Prometheus/OTLP registry
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    // with a tracing bridge (micrometer-tracing), also register its tracing handler: each call is a
    // span

    ParryRuntime parry =
        ParryRuntime.builder()
            .executor("edr", myDeviceExecutor)
            .instrumentation(MicrometerInstrumentation.of(observations, meters))
            .requiredKinds(Set.of())
            .planTable(ObserveSamples.ISOLATE_AUTOMATICALLY)
            .deviceGroups(ObserveSamples.GROUPS)
            .scheduler(TaskScheduler.threadPool(2))
            .build();
    try (parry) {
      parry.start();
      InvestigationId id = InvestigationId.of("inv-readme-metrics");
      Device device = Device.of(DeviceId.of("d-1"), DeviceName.of("ws-1"));
      parry.open(id, AlertId.of("alert-1"), device);
      parry.reportEvidence(id, Evidence.of(device, Verdict.MALICIOUS, "C2 beacon", Instant.now()));
      parry.finishAnalysis(id, AnalysisOutcome.COMPLETED);
      Investigation done = parry.whenComplete(id, ParryHarness.ANALYST).get(30, TimeUnit.SECONDS);
      assertEquals(InvestigationStatus.REMEDIATED, done.status());
      Timer call =
          meters
              .find("parry.executor.call")
              .tags("parry.call", "apply", "parry.outcome", "succeeded")
              .timer();
      assertNotNull(call, () -> meters.getMeters().toString());
      assertEquals(1, call.count());
    }
  }
}
