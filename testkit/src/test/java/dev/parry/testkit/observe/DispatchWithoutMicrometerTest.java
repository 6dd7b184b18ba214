package dev.parry.testkit.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs in a Surefire execution of its own with every {@code io.micrometer} artifact taken off the
 * class path (see this module's pom): Micrometer is an optional dependency of the runtime.
 */
@DisplayName(
    "Without Micrometer on the class path, the runtime builds, dispatches, retries and reports to Parry's own interface")
class DispatchWithoutMicrometerTest {

  @BeforeAll
  static void micrometerIsAbsent() {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("io.micrometer.observation.Observation"),
        "this test must run without Micrometer: see the without-micrometer execution in the pom");
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"));
  }

  @Test
  @DisplayName("Micrometer is absent here, so the test cannot pass by finding it")
  void absent() {
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("io.micrometer.common.KeyValue"));
  }

  @Test
  @DisplayName("with no instrumentation, an action is dispatched, retried after a 429 and succeeds")
  void uninstrumented() {
    try (ParryHarness parry = ParryHarness.create(ObserveSamples::configure)) {
      parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
      ActionRecord action = ObserveSamples.isolate(parry, "inv-1", ObserveSamples.WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, ObserveSamples.reload(parry, action).status());
      assertEquals(2, parry.devices().calls().size());
    }
  }

  @Test
  @DisplayName(
      "Parry's own instrumentation interface needs no Micrometer: it hears every call, the 429 and the retry")
  void ownInstrumentation() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Instrumentation own =
        new Instrumentation() {
          @Override
          public Call executorCall(ExecutorCall call) {
            return new Call() {
              @Override
              public Scope open() {
                return Scope.NONE;
              }

              @Override
              public void end(CallOutcome outcome, @Nullable Throwable error) {
                heard.add(call.type().tag() + ":" + outcome.tag());
              }
            };
          }

          @Override
          public void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {
            heard.add("retry:" + reason.tag());
          }

          @Override
          public void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {
            heard.add("429:" + retryAfter.toSeconds());
          }
        };
    try (ParryHarness parry =
        ParryHarness.create(b -> ObserveSamples.configure(b.instrumentation(own)))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
      ActionRecord action = ObserveSamples.isolate(parry, "inv-2", ObserveSamples.WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, ObserveSamples.reload(parry, action).status());
      assertEquals(
          List.of("apply:rate_limited", "429:45", "retry:rate_limited", "apply:succeeded"), heard);
    }
  }

  @Test
  @DisplayName(
      "an instrumentation that throws from every method breaks nothing: the action is retried and succeeds, the runtime closes")
  void throwingInstrumentation() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Instrumentation broken =
        new Instrumentation() {
          @Override
          public Call executorCall(ExecutorCall call) {
            asked.add("call");
            if (call.attempt() == 1) {
              throw new IllegalStateException("broken on start");
            }
            return new Call() {
              @Override
              public Scope open() {
                return () -> {
                  throw new IllegalStateException("broken on close");
                };
              }

              @Override
              public void end(CallOutcome outcome, @Nullable Throwable error) {
                asked.add("end");
                throw new IllegalStateException("broken on end");
              }
            };
          }

          @Override
          public void dispatched(
              ActionKind kind,
              EntityFamily family,
              dev.parry.spi.executor.ExecutionPurpose purpose,
              Duration sinceDecided) {
            throw new IllegalStateException("broken on dispatched");
          }

          @Override
          public void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {
            asked.add("retrying");
            throw new IllegalStateException("broken on retrying");
          }

          @Override
          public void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {
            throw new IllegalStateException("broken on rateLimited");
          }

          @Override
          public Binding bind(dev.parry.runtime.observe.RuntimeGauges gauges) {
            return () -> {
              throw new IllegalStateException("broken on unbind");
            };
          }
        };
    try (ParryHarness parry =
        ParryHarness.create(b -> ObserveSamples.configure(b.instrumentation(broken)))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
      ActionRecord action = ObserveSamples.isolate(parry, "inv-3", ObserveSamples.WORKSTATION);
      parry.scheduler().runUntilIdle(Duration.ofHours(1));
      assertEquals(ActionStatus.SUCCEEDED, ObserveSamples.reload(parry, action).status());
      assertEquals(2, parry.devices().calls().size());
      assertEquals(
          List.of("call", "retrying", "call", "end"),
          asked,
          "the runtime kept asking after each failure");
      assertEquals(List.of(), parry.scheduler().failures());
    }
  }
}
