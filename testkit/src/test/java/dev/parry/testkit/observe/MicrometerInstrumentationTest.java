package dev.parry.testkit.observe;

import static dev.parry.testkit.observe.ObserveSamples.LIMITS;
import static dev.parry.testkit.observe.ObserveSamples.WORKSTATION;
import static dev.parry.testkit.observe.ObserveSamples.isolate;
import static dev.parry.testkit.observe.ObserveSamples.reload;
import static dev.parry.testkit.observe.ObserveSamples.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RateLimit;
import dev.parry.runtime.micrometer.MicrometerInstrumentation;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.runtime.observe.RuntimeGauges;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Metrics and traces through Micrometer: what a dispatched, retried, rate-limited and failed action records")
class MicrometerInstrumentationTest {

  final TestObservationRegistry observations = TestObservationRegistry.create();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /**
   * What the instrumentation threw (an observation handler's lifecycle check, say): must stay
   * empty.
   */
  final List<RuntimeException> thrown = new CopyOnWriteArrayList<>();

  @Nullable ParryHarness parry;

  MicrometerInstrumentationTest() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
  }

  ParryHarness harness(Consumer<ParryRuntime.Builder> more) {
    parry =
        ParryHarness.create(
            b -> {
              ObserveSamples.configure(b);
              b.instrumentation(
                  new Strict(MicrometerInstrumentation.of(observations, meters), thrown));
              more.accept(b);
            });
    return parry;
  }

  @AfterEach
  void close() {
    if (parry != null) {
      parry.close();
    }
    assertEquals(
        List.of(), thrown, "the instrumentation never threw (an observation stopped twice would)");
  }

  /** {@return the executor-call observations handled so far, in order} */
  List<Observation.Context> calls() {
    List<Observation.Context> all = new ArrayList<>();
    TestObservationRegistryAssert.assertThat(observations)
        .hasHandledContextsThatSatisfy(all::addAll);
    return all.stream()
        .filter(c -> c.getName().equals(MicrometerInstrumentation.EXECUTOR_CALL))
        .toList();
  }

  static String low(Observation.Context context, String key) {
    var value = context.getLowCardinalityKeyValue(key);
    assertNotNull(value, () -> "no " + key + " on " + context);
    return value.getValue();
  }

  static String high(Observation.Context context, String key) {
    var value = context.getHighCardinalityKeyValue(key);
    assertNotNull(value, () -> "no " + key + " on " + context);
    return value.getValue();
  }

  List<String> outcomes() {
    return calls().stream().map(c -> low(c, "parry.outcome")).toList();
  }

  double count(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  void allStopped() {
    TestObservationRegistryAssert.assertThat(observations)
        .forAllObservationsWithNameEqualTo(
            MicrometerInstrumentation.EXECUTOR_CALL,
            call -> call.hasLowCardinalityKeyValueWithKey("parry.outcome"));
  }

  @Test
  @DisplayName(
      "a dispatched action: one apply observation with its kind, family, outcome, action and investigation, and a timer")
  void dispatched() {
    ParryHarness on = harness(b -> {});
    ActionRecord action = isolate(on, "inv-1", WORKSTATION);
    on.settle();
    assertEquals(ActionStatus.SUCCEEDED, reload(on, action).status());
    List<Observation.Context> calls = calls();
    assertEquals(1, calls.size(), calls::toString);
    Observation.Context call = calls.get(0);
    assertEquals("apply", low(call, "parry.call"));
    assertEquals("isolate_device", low(call, "parry.action.kind"));
    assertEquals("device", low(call, "parry.entity.family"));
    assertEquals("succeeded", low(call, "parry.outcome"));
    assertEquals(action.id().toString(), high(call, "parry.action.id"));
    assertEquals("inv-1", high(call, "parry.investigation.id"));
    assertEquals("1", high(call, "parry.attempt"));
    assertEquals("parry apply isolate_device", call.getContextualName());
    assertNull(call.getError());
    Timer timer =
        meters
            .find(MicrometerInstrumentation.EXECUTOR_CALL)
            .tags("parry.outcome", "succeeded", "parry.action.kind", "isolate_device")
            .timer();
    assertNotNull(timer, meters::getMetersAsString);
    assertEquals(1, timer.count());
    Timer latency =
        meters
            .find(MicrometerInstrumentation.DISPATCH_LATENCY)
            .tags(
                "parry.action.kind",
                "isolate_device",
                "parry.entity.family",
                "device",
                "parry.purpose",
                "execute")
            .timer();
    assertNotNull(latency, meters::getMetersAsString);
    assertEquals(1, latency.count());
    assertEquals(0, count(MicrometerInstrumentation.RETRIES));
  }

  @Test
  @DisplayName(
      "a retried action: one observation per attempt, each with its outcome, two retries counted, one dispatch latency")
  void retried() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.failRetryable("HTTP 503", null), 2);
    ActionRecord action = isolate(on, "inv-2", WORKSTATION);
    on.scheduler().runUntilIdle(Duration.ofHours(2));
    assertEquals(ActionStatus.SUCCEEDED, reload(on, action).status());
    assertEquals(List.of("retryable", "retryable", "succeeded"), outcomes());
    assertEquals(
        List.of("1", "2", "3"), calls().stream().map(c -> high(c, "parry.attempt")).toList());
    assertEquals(
        2,
        count(
            MicrometerInstrumentation.RETRIES,
            "parry.reason",
            "failed",
            "parry.action.kind",
            "isolate_device"));
    assertEquals(0, count(MicrometerInstrumentation.RATE_LIMITED));
    Timer latency = meters.find(MicrometerInstrumentation.DISPATCH_LATENCY).timer();
    assertNotNull(latency);
    assertEquals(1, latency.count(), "a retry is not a new dispatch");
  }

  @Test
  @DisplayName(
      "a rate-limited action (429 with Retry-After): the answer is counted, its retry says why, its call says rate_limited")
  void rateLimited() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.rateLimited(Duration.ofSeconds(45)), 1);
    ActionRecord action = isolate(on, "inv-3", WORKSTATION);
    on.scheduler().runUntilIdle(Duration.ofHours(1));
    assertEquals(ActionStatus.SUCCEEDED, reload(on, action).status());
    assertEquals(List.of("rate_limited", "succeeded"), outcomes());
    assertEquals(
        1,
        count(
            MicrometerInstrumentation.RATE_LIMITED,
            "parry.action.kind",
            "isolate_device",
            "parry.entity.family",
            "device"));
    assertEquals(1, count(MicrometerInstrumentation.RETRIES, "parry.reason", "rate_limited"));
    assertEquals(0, count(MicrometerInstrumentation.RETRIES, "parry.reason", "failed"));
  }

  @Test
  @DisplayName("a failed action: its call says failed, and nothing is retried")
  void failed() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(ActionKind.ISOLATE_DEVICE, Fault.fail("device offboarded"), 1);
    ActionRecord action = isolate(on, "inv-4", WORKSTATION);
    on.settle();
    assertEquals(ActionStatus.FAILED, reload(on, action).status());
    assertEquals(List.of("failed"), outcomes());
    assertEquals(0, count(MicrometerInstrumentation.RETRIES));
    assertNotNull(
        meters
            .find(MicrometerInstrumentation.EXECUTOR_CALL)
            .tags("parry.outcome", "failed")
            .timer());
  }

  @Test
  @DisplayName("an executor that throws: the call says error and carries the exception")
  void threw() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.throwing("boom"), 1);
    ActionRecord action = isolate(on, "inv-5", WORKSTATION);
    on.settle();
    assertEquals(ActionStatus.FAILED, reload(on, action).status());
    assertEquals(List.of("error"), outcomes());
    assertNotNull(calls().get(0).getError());
  }

  @Test
  @DisplayName(
      "an executor that does not answer: each silent call ends as no_answer when the attempt times out, and is retried")
  void noAnswer() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.neverAnswer(), 1);
    ActionRecord action = isolate(on, "inv-6", WORKSTATION);
    on.advance(Duration.ofMinutes(10));
    assertEquals(ActionStatus.SUCCEEDED, reload(on, action).status());
    assertEquals(List.of("no_answer", "succeeded"), outcomes());
    assertEquals(1, count(MicrometerInstrumentation.RETRIES, "parry.reason", "no_answer"));
  }

  @Test
  @DisplayName(
      "a call still out when the runtime closes ends as abandoned: no observation is left open")
  void abandoned() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.neverAnswer(), 1);
    isolate(on, "inv-6b", WORKSTATION);
    on.settle();
    assertEquals(1, calls().size());
    assertNull(calls().get(0).getLowCardinalityKeyValue("parry.outcome"), "the call is out");
    on.close();
    parry = null;
    assertEquals(List.of("abandoned"), outcomes());
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo(MicrometerInstrumentation.EXECUTOR_CALL)
        .that()
        .hasBeenStarted()
        .hasBeenStopped();
  }

  @Test
  @DisplayName(
      "work in progress: the apply says in_progress, and each status poll is an observation of its own")
  void polled() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.inProgress(2), 1);
    ActionRecord action = isolate(on, "inv-7", WORKSTATION);
    on.advance(Duration.ofMinutes(5));
    assertEquals(ActionStatus.SUCCEEDED, reload(on, action).status());
    assertEquals(
        List.of("apply", "status", "status"),
        calls().stream().map(c -> low(c, "parry.call")).toList());
    assertEquals(List.of("in_progress", "in_progress", "succeeded"), outcomes());
  }

  @Test
  @DisplayName("a cancel of work in progress is an observation that says the executor stopped it")
  void cancel() {
    ParryHarness on = harness(b -> {});
    on.devices().inject(Fault.inProgress(100), 1);
    ActionRecord action = isolate(on, "inv-8", WORKSTATION);
    on.settle();
    ActionRecord after = on.runtime().cancel(action.id(), ParryHarness.ANALYST, "wrong device");
    on.settle();
    assertEquals(ActionStatus.CANCELLED, after.status());
    List<Observation.Context> calls = calls();
    Observation.Context cancel = calls.get(calls.size() - 1);
    assertEquals("cancel", low(cancel, "parry.call"));
    assertEquals("stopped", low(cancel, "parry.outcome"));
    allStopped();
  }

  @Test
  @DisplayName("an undo is an observation of its own, of the kind that undoes the action")
  void undo() {
    ParryHarness on = harness(b -> {});
    ActionRecord action = isolate(on, "inv-9", WORKSTATION);
    on.settle();
    on.runtime().undo(action.id(), ParryHarness.ANALYST, "false positive");
    on.settle();
    assertEquals(ActionStatus.UNDONE, reload(on, action).status());
    Observation.Context undo = calls().get(1);
    assertEquals("undo", low(undo, "parry.call"));
    assertEquals("release_from_isolation", low(undo, "parry.action.kind"));
    assertEquals("succeeded", low(undo, "parry.outcome"));
    assertNotNull(
        meters
            .find(MicrometerInstrumentation.DISPATCH_LATENCY)
            .tags("parry.purpose", "undo")
            .timer());
  }

  @Test
  @DisplayName(
      "dispatch latency runs from the approval, not the proposal, to the call held back by the rate limit")
  void latencyFromApprovalToCall() {
    ParryHarness on =
        harness(b -> b.limits(LIMITS.withRateLimit(new RateLimit(1, Duration.ofMinutes(1)))));
    ActionRecord first = isolate(on, "inv-10", server("d-srv-1"));
    ActionRecord second = isolate(on, "inv-11", server("d-srv-2"));
    assertEquals(ActionStatus.PENDING_APPROVAL, first.status());
    on.advance(Duration.ofHours(1)); // waiting for approval is not dispatch latency
    on.runtime().approve(first.id(), ParryHarness.ANALYST, "confirmed");
    on.runtime().approve(second.id(), ParryHarness.ANALYST, "confirmed");
    on.settle();
    on.advance(Duration.ofMinutes(2));
    Timer latency = meters.find(MicrometerInstrumentation.DISPATCH_LATENCY).timer();
    assertNotNull(latency);
    assertEquals(2, latency.count());
    assertTrue(
        latency.max(java.util.concurrent.TimeUnit.SECONDS) >= 50
            && latency.max(java.util.concurrent.TimeUnit.SECONDS) <= 61,
        () ->
            "the second waited a minute for the rate limit: "
                + latency.max(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  @DisplayName(
      "gauges: actions waiting for the rate limit, pending approvals counted by the reconciler, its lag and failures")
  void gauges() {
    ParryHarness on =
        harness(b -> b.limits(LIMITS.withRateLimit(new RateLimit(1, Duration.ofMinutes(1)))));
    for (int i = 0; i < 3; i++) {
      isolate(on, "inv-g" + i, Device.of(DeviceId.of("d-g" + i), DeviceName.of("ws-g" + i)));
    }
    on.settle();
    assertEquals(
        2,
        gauge(MicrometerInstrumentation.WAITING, "parry.entity.family", "device"),
        "two wait for the rate limit");
    assertEquals(0, gauge(MicrometerInstrumentation.WAITING, "parry.entity.family", "email"));
    assertEquals(2, gauge(MicrometerInstrumentation.IN_FLIGHT));
    on.advance(Duration.ofMinutes(3));
    assertEquals(0, gauge(MicrometerInstrumentation.WAITING, "parry.entity.family", "device"));
    assertEquals(0, gauge(MicrometerInstrumentation.IN_FLIGHT));
    on.close();
    parry = null;
    assertTrue(
        meters.find(MicrometerInstrumentation.WAITING).gauges().isEmpty(),
        "closing the runtime removes its gauges");
  }

  @Test
  @DisplayName(
      "the pending-approval gauge is the count of the last reconciler pass, and follows approvals")
  void pendingApprovals() {
    ParryHarness on = harness(b -> b.reconcileEvery(Duration.ofSeconds(5)));
    ActionRecord held = isolate(on, "inv-p", server("d-srv-1"));
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
    on.advance(Duration.ofSeconds(6));
    assertEquals(1, gauge(MicrometerInstrumentation.PENDING_APPROVAL));
    on.runtime().approve(held.id(), ParryHarness.ANALYST, "confirmed");
    on.advance(Duration.ofSeconds(6));
    assertEquals(0, gauge(MicrometerInstrumentation.PENDING_APPROVAL));
    assertEquals(0, gauge(MicrometerInstrumentation.RECONCILER_CONSECUTIVE_FAILURES));
    assertEquals(
        on.runtime().health().lag().toMillis() / 1000.0,
        gauge(MicrometerInstrumentation.RECONCILER_LAG),
        0.001);
  }

  double gauge(String name, String... tags) {
    var gauge = meters.find(name).tags(tags).gauge();
    if (gauge != null) {
      return gauge.value();
    }
    var time = meters.find(name).tags(tags).timeGauge();
    assertNotNull(time, () -> "no gauge " + name + " in " + meters.getMetersAsString());
    return time.value(java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Forwards to the instrumentation under test and keeps what it throws, so a test can fail on it.
   */
  record Strict(Instrumentation delegate, List<RuntimeException> thrown)
      implements Instrumentation {

    <T> T kept(java.util.function.Supplier<T> work) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        thrown.add(e);
        throw e;
      }
    }

    @Override
    public Call executorCall(ExecutorCall call) {
      Call inner = kept(() -> delegate.executorCall(call));
      return new Call() {
        @Override
        public Scope open() {
          Scope scope = kept(inner::open);
          return () ->
              kept(
                  () -> {
                    scope.close();
                    return null;
                  });
        }

        @Override
        public void end(CallOutcome outcome, @Nullable Throwable error) {
          kept(
              () -> {
                inner.end(outcome, error);
                return null;
              });
        }
      };
    }

    @Override
    public void dispatched(
        ActionKind kind,
        dev.parry.core.entity.EntityFamily family,
        ExecutionPurpose purpose,
        Duration sinceDecided) {
      kept(
          () -> {
            delegate.dispatched(kind, family, purpose, sinceDecided);
            return null;
          });
    }

    @Override
    public void retrying(
        ActionKind kind, dev.parry.core.entity.EntityFamily family, RetryReason reason) {
      kept(
          () -> {
            delegate.retrying(kind, family, reason);
            return null;
          });
    }

    @Override
    public void rateLimited(
        ActionKind kind, dev.parry.core.entity.EntityFamily family, Duration retryAfter) {
      kept(
          () -> {
            delegate.rateLimited(kind, family, retryAfter);
            return null;
          });
    }

    @Override
    public Binding bind(RuntimeGauges gauges) {
      return kept(() -> delegate.bind(gauges));
    }
  }
}
