package dev.parry.testkit.observe;

import static dev.parry.testkit.observe.ObserveSamples.WORKSTATION;
import static dev.parry.testkit.observe.ObserveSamples.isolate;
import static dev.parry.testkit.observe.ObserveSamples.reload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.micrometer.MicrometerInstrumentation;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.runtime.observe.RuntimeGauges;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.time.TestClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "Observations never break a dispatch, and an executor's own work runs inside the call's observation")
class ObservationFailuresTest {

  /** A handler that throws on every observation it is given. */
  static final class ThrowingHandler implements ObservationHandler<Observation.Context> {
    final List<String> called = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
      called.add("start");
      throw new IllegalStateException("handler broke on start");
    }

    @Override
    public void onScopeOpened(Observation.Context context) {
      throw new IllegalStateException("handler broke on scope");
    }

    @Override
    public void onStop(Observation.Context context) {
      called.add("stop");
      throw new IllegalStateException("handler broke on stop");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }

  @Test
  @DisplayName(
      "an observation handler that throws on start, scope and stop: the action is still retried and succeeds")
  void throwingHandler() {
    ObservationRegistry observations = ObservationRegistry.create();
    ThrowingHandler handler = new ThrowingHandler();
    observations.observationConfig().observationHandler(handler);
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(observations, new SimpleMeterRegistry()))))) {
      parry.devices().inject(Fault.failRetryable("HTTP 503", null), 1);
      ActionRecord action = isolate(parry, "inv-1", WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(2, parry.devices().calls().size(), "the failure was retried once");
      assertTrue(handler.called.contains("start"), "the handler was called: " + handler.called);
      assertTrue(
          parry.scheduler().failures().isEmpty(), () -> parry.scheduler().failures().toString());
    }
  }

  @ParameterizedTest(name = "throwing when the scope is {0}")
  @ValueSource(strings = {"opened", "closed"})
  @DisplayName(
      "a handler that throws as the call's scope opens or closes: the call is not left current on the thread")
  void throwingScopeLeavesNothingCurrent(String when) {
    ObservationRegistry observations = ObservationRegistry.create();
    List<String> stopped = new CopyOnWriteArrayList<>();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public void onScopeOpened(Observation.Context context) {
                if (when.equals("opened")) {
                  throw new IllegalStateException("handler broke on scope opened");
                }
              }

              @Override
              public void onScopeClosed(Observation.Context context) {
                if (when.equals("closed")) {
                  throw new IllegalStateException("handler broke on scope closed");
                }
              }

              @Override
              public void onStop(Observation.Context context) {
                stopped.add(context.getName());
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(observations, new SimpleMeterRegistry()))))) {
      ActionRecord action = isolate(parry, "inv-6", WORKSTATION);
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(List.of(MicrometerInstrumentation.EXECUTOR_CALL), stopped);
      assertEquals(
          null,
          observations.getCurrentObservation(),
          "the call stayed current on the thread that made it");
    }
  }

  @Test
  @DisplayName(
      "a meter registry that throws on every new meter: counters, timers and gauges fail quietly, dispatch goes on")
  void throwingMeterRegistry() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    meters
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("registry broke on " + id.getName());
              }
            });
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(TestObservationRegistry.create(), meters))))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(30)), 1);
      ActionRecord action = isolate(parry, "inv-2", WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(2, parry.devices().calls().size());
      assertTrue(
          parry.scheduler().failures().isEmpty(), () -> parry.scheduler().failures().toString());
    }
  }

  @Test
  @DisplayName(
      "a meter registry that refuses one gauge: the gauges registered before it do not outlive the runtime")
  void refusedGaugeLeavesNoneBehind() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    meters
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(MicrometerInstrumentation.IN_FLIGHT)) {
                  throw new IllegalStateException("registry broke on " + id.getName());
                }
                return id;
              }
            });
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(TestObservationRegistry.create(), meters))))) {
      ActionRecord action = isolate(parry, "inv-5", WORKSTATION);
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
    }
    assertEquals(
        List.of(),
        meters.getMeters().stream()
            .map(m -> m.getId().getName())
            .filter(
                name ->
                    !name.equals(MicrometerInstrumentation.EXECUTOR_CALL)
                        && !name.equals(MicrometerInstrumentation.DISPATCH_LATENCY))
            .toList(),
        "no gauge of the closed runtime is left registered");
  }

  @Test
  @DisplayName(
      "while the executor runs, the call's observation is current: a tracing bridge makes the executor's spans its children")
  void executorRunsInsideTheObservation() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    FakeDevices backend = FakeDevices.create(TestClock.create());
    List<String> current = new CopyOnWriteArrayList<>();
    DeviceActionExecutor mine =
        new DeviceActionExecutor() {
          @Override
          public Set<ActionKind> supportedKinds() {
            return backend.executor().supportedKinds();
          }

          @Override
          public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
            Observation now = observations.getCurrentObservation();
            current.add(
                now == null
                    ? "none"
                    : now.getContext().getName()
                        + " "
                        + now.getContext()
                            .getHighCardinalityKeyValue("parry.action.id")
                            .getValue());
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
    try (ParryHarness parry =
        ParryHarness.withExecutor(
            EntityFamily.DEVICE,
            mine,
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(observations, new SimpleMeterRegistry()))))) {
      ActionRecord action = isolate(parry, "inv-3", WORKSTATION);
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(List.of(MicrometerInstrumentation.EXECUTOR_CALL + " " + action.id()), current);
      assertEquals(
          null, observations.getCurrentObservation(), "the scope was closed after the call");
    }
  }

  @Test
  @DisplayName(
      "an instrumentation that throws Errors (not exceptions) from every method breaks nothing: the action succeeds")
  void instrumentationThrowingErrors() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Instrumentation broken =
        new Instrumentation() {
          @Override
          public Call executorCall(ExecutorCall call) {
            asked.add("call");
            if (call.attempt() == 1) {
              throw new AssertionError("broken on start");
            }
            return new Call() {
              @Override
              public Scope open() {
                throw new NoClassDefFoundError("io/example/Tracer");
              }

              @Override
              public void end(CallOutcome outcome, @Nullable Throwable error) {
                asked.add("end:" + outcome.tag());
                throw new AssertionError("broken on end");
              }
            };
          }

          @Override
          public void dispatched(
              ActionKind kind,
              EntityFamily family,
              ExecutionPurpose purpose,
              Duration sinceDecided) {
            throw new AssertionError("broken on dispatched");
          }

          @Override
          public void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {
            asked.add("retrying");
            throw new AssertionError("broken on retrying");
          }

          @Override
          public void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {
            throw new AssertionError("broken on rateLimited");
          }

          @Override
          public Binding bind(RuntimeGauges gauges) {
            throw new LinkageError("broken on bind");
          }
        };
    try (ParryHarness parry =
        ParryHarness.create(b -> ObserveSamples.configure(b.instrumentation(broken)))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
      ActionRecord action = isolate(parry, "inv-4", WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(2, parry.devices().calls().size());
      assertEquals(List.of("call", "retrying", "call", "end:succeeded"), asked);
      assertEquals(List.of(), parry.scheduler().failures());
    }
  }

  @Test
  @DisplayName(
      "a handler that throws when told of an executor's error: the observation is still stopped, no active timer is left")
  void handlerThrowingOnError() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public void onError(Observation.Context context) {
                throw new IllegalStateException("handler broke on error");
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(MicrometerInstrumentation.of(observations, meters))))) {
      parry.devices().inject(Fault.throwing("executor bug"), 1);
      isolate(parry, "inv-5", WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(1, parry.devices().calls().size());
      assertEquals(
          0,
          meters
              .get(MicrometerInstrumentation.EXECUTOR_CALL + ".active")
              .longTaskTimer()
              .activeTasks(),
          "the call's observation was stopped");
      assertEquals(1, meters.get(MicrometerInstrumentation.EXECUTOR_CALL).timer().count());
    }
  }

  @Test
  @DisplayName(
      "a handler that throws on start after another handler started: the started one is stopped, no active timer is left")
  void handlerThrowingOnStartAfterAnother() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public void onStart(Observation.Context context) {
                throw new IllegalStateException("handler broke on start");
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(MicrometerInstrumentation.of(observations, meters))))) {
      ActionRecord action = isolate(parry, "inv-6", WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, reload(parry, action).status());
      assertEquals(
          0,
          meters
              .get(MicrometerInstrumentation.EXECUTOR_CALL + ".active")
              .longTaskTimer()
              .activeTasks(),
          "the observation the first handler started was stopped");
    }
  }

  @Test
  @DisplayName(
      "a registry that refuses one gauge: the gauges registered before it are removed at close, none reads the closed runtime")
  void registryRefusingOneGauge() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    meters
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(MicrometerInstrumentation.RECONCILER_LAG)) {
                  throw new IllegalArgumentException("a meter of this name has other tag keys");
                }
                return id;
              }
            });
    ParryHarness parry =
        ParryHarness.create(
            b ->
                ObserveSamples.configure(
                    b.instrumentation(
                        MicrometerInstrumentation.of(ObservationRegistry.create(), meters))));
    parry.close();
    assertEquals(
        List.of(),
        meters.getMeters().stream()
            .map(meter -> meter.getId().getName())
            .filter(name -> name.startsWith("parry."))
            .toList(),
        "no gauge of the closed runtime is left");
  }

  @Test
  @DisplayName(
      "an executor whose cancel throws an Error: the cancel's observation ends, the action is not stuck and still succeeds")
  void cancelThrowingError() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    TestClock clock = TestClock.create();
    FakeDevices backend = FakeDevices.create(clock);
    DeviceActionExecutor mine =
        new DeviceActionExecutor() {
          @Override
          public Set<ActionKind> supportedKinds() {
            return backend.executor().supportedKinds();
          }

          @Override
          public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
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
            throw new AssertionError("vendor's cancel broke");
          }
        };
    try (ParryHarness parry =
        ParryHarness.withExecutor(
            EntityFamily.DEVICE,
            mine,
            b ->
                ObserveSamples.configure(
                    b.instrumentation(MicrometerInstrumentation.of(observations, meters))))) {
      backend.inject(Fault.inProgress(2), 1);
      ActionRecord action = isolate(parry, "inv-7", WORKSTATION);
      parry.settle();
      try {
        parry.runtime().cancel(action.id(), ParryHarness.ANALYST, "wrong device");
      } catch (RuntimeException refused) {
        // the executor did not stop it: refusing the cancel is fine, leaving it stuck is not
      }
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(
          0,
          meters
              .get(MicrometerInstrumentation.EXECUTOR_CALL + ".active")
              .longTaskTimer()
              .activeTasks(),
          "the cancel's observation was stopped");
      assertEquals(
          ActionStatus.SUCCEEDED,
          reload(parry, action).status(),
          "the action was resumed after the failed cancel");
    }
  }
}
