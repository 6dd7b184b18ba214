package dev.parry.runtime.micrometer;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.runtime.observe.RuntimeGauges;
import dev.parry.spi.executor.ExecutionPurpose;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Parry's metrics and traces through Micrometer: each executor call is an {@link Observation} (a
 * span with a tracing bridge, a timer with Micrometer's {@code DefaultMeterObservationHandler}),
 * and the dispatch latency, retries, rate-limited answers and the runtime's levels are meters.
 * Every name starts with {@code parry.}; the README's "Metrics and traces" lists them all with
 * their tags.
 *
 * <p>The gauges read one runtime: give each runtime sharing a {@link MeterRegistry} its own
 * registry (or a common tag per runtime with {@code MeterFilter.commonTags}), as gauges of the same
 * name and tags are registered once. They are removed when the runtime closes.
 *
 * <pre>{@code
 * ObservationRegistry observations = ObservationRegistry.create();
 * observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
 * ParryRuntime parry = ParryRuntime.builder()
 *     .executor("edr", myDeviceExecutor)
 *     .instrumentation(MicrometerInstrumentation.of(observations, meterRegistry))
 *     .build();
 * }</pre>
 */
public final class MicrometerInstrumentation implements Instrumentation {

  /** The observation around each executor call: {@value}. */
  public static final String EXECUTOR_CALL = "parry.executor.call";

  /** Timer from an action's decision to its first executor call: {@value}. */
  public static final String DISPATCH_LATENCY = "parry.dispatch.latency";

  /** Counter of the times an action is sent again: {@value}. */
  public static final String RETRIES = "parry.executor.retries";

  /** Counter of the rate-limited answers (HTTP 429) of the backends: {@value}. */
  public static final String RATE_LIMITED = "parry.executor.rate.limited";

  /** Gauge of the actions waiting for a permit of their family or for its rate limit: {@value}. */
  public static final String WAITING = "parry.dispatch.waiting";

  /** Gauge of the actions this runtime is dispatching: {@value}. */
  public static final String IN_FLIGHT = "parry.dispatch.in.flight";

  /** Gauge of the actions pending approval, as the last reconciler pass counted them: {@value}. */
  public static final String PENDING_APPROVAL = "parry.actions.pending.approval";

  /** Time gauge of how long since the reconciler last completed a pass: {@value}. */
  public static final String RECONCILER_LAG = "parry.reconciler.lag";

  /** Gauge of the reconciler passes that failed in a row: {@value}. */
  public static final String RECONCILER_CONSECUTIVE_FAILURES =
      "parry.reconciler.failures.consecutive";

  /** Counter of the reconciler passes that failed: {@value}. */
  public static final String RECONCILER_FAILURES = "parry.reconciler.failures";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;

  private MicrometerInstrumentation(ObservationRegistry observations, MeterRegistry meters) {
    this.observations = observations;
    this.meters = meters;
  }

  /**
   * {@return instrumentation that records observations in {@code observations} and meters in {@code
   * meters}}
   *
   * @param observations where executor calls are observed; register a tracing handler for spans and
   *     {@code DefaultMeterObservationHandler} for their timers
   * @param meters where the other timers, counters and gauges are registered
   * @throws InvalidInputException if either is null
   */
  @SuppressWarnings(
      "exports") // Micrometer is optional: a service calling this has it on its own path
  public static MicrometerInstrumentation of(
      ObservationRegistry observations, MeterRegistry meters) {
    return new MicrometerInstrumentation(
        Checks.notNull(observations, "observations"), Checks.notNull(meters, "meters"));
  }

  @Override
  public Call executorCall(ExecutorCall call) {
    Observation observation =
        Observation.createNotStarted(EXECUTOR_CALL, observations)
            .contextualName("parry " + call.type().tag() + " " + tag(call.kind()))
            .lowCardinalityKeyValue("parry.call", call.type().tag())
            .lowCardinalityKeyValue("parry.action.kind", tag(call.kind()))
            .lowCardinalityKeyValue("parry.entity.family", tag(call.family()))
            .highCardinalityKeyValue("parry.action.id", call.actionId().toString())
            .highCardinalityKeyValue(
                "parry.investigation.id", call.actionId().investigation().toString())
            .highCardinalityKeyValue("parry.attempt", Integer.toString(call.attempt()));
    try {
      observation.start();
    } catch (RuntimeException e) {
      // a handler threw after others started: stop it, so theirs (an active timer, a span) end too
      try {
        observation.stop();
      } catch (RuntimeException stopping) {
        e.addSuppressed(stopping);
      }
      throw e;
    }
    return new ObservedCall(observations, observation);
  }

  @Override
  public void dispatched(
      ActionKind kind, EntityFamily family, ExecutionPurpose purpose, Duration sinceDecided) {
    Timer.builder(DISPATCH_LATENCY)
        .description(
            "From an action's decision (approval, or proposal if automatic; an undo's request) to its first executor call")
        .tags(tags(kind, family).and("parry.purpose", purpose.name().toLowerCase(Locale.ROOT)))
        .register(meters)
        .record(sinceDecided);
  }

  @Override
  public void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {
    Counter.builder(RETRIES)
        .description(
            "Times an action is sent again after a retryable failure, a rate-limited answer or no answer")
        .tags(tags(kind, family).and("parry.reason", reason.tag()))
        .register(meters)
        .increment();
  }

  @Override
  public void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {
    Counter.builder(RATE_LIMITED)
        .description("Rate-limited answers (HTTP 429 with Retry-After) of the backends")
        .tags(tags(kind, family))
        .register(meters)
        .increment();
  }

  /**
   * {@inheritDoc}
   *
   * <p>If the registry refuses one of the meters, those already registered are removed again before
   * the exception propagates: a runtime's gauges are all registered, or none.
   */
  @Override
  public Binding bind(RuntimeGauges gauges) {
    List<Meter> bound = new ArrayList<>();
    try {
      register(gauges, bound);
    } catch (RuntimeException e) {
      bound.forEach(meters::remove);
      throw e;
    }
    return () -> bound.forEach(meters::remove);
  }

  private void register(RuntimeGauges gauges, List<Meter> bound) {
    for (EntityFamily family : EntityFamily.values()) {
      bound.add(
          Gauge.builder(WAITING, gauges, g -> g.waiting(family))
              .description(
                  "Actions waiting for a permit of their family's concurrency cap or for its rate limit")
              .tag("parry.entity.family", tag(family))
              .strongReference(true)
              .register(meters));
    }
    bound.add(
        Gauge.builder(IN_FLIGHT, gauges, RuntimeGauges::inFlight)
            .description("Actions and undos this runtime is dispatching")
            .strongReference(true)
            .register(meters));
    bound.add(
        Gauge.builder(
                PENDING_APPROVAL,
                gauges,
                g ->
                    g.pendingApprovals().isPresent() ? g.pendingApprovals().getAsInt() : Double.NaN)
            .description("Actions pending approval in the store, counted by each reconciler pass")
            .strongReference(true)
            .register(meters));
    bound.add(
        TimeGauge.builder(
                RECONCILER_LAG, gauges, TimeUnit.MILLISECONDS, g -> g.health().lag().toMillis())
            .description("Time since the reconciler last completed a pass")
            .strongReference(true)
            .register(meters));
    bound.add(
        Gauge.builder(
                RECONCILER_CONSECUTIVE_FAILURES, gauges, g -> g.health().consecutiveFailures())
            .description("Reconciler passes failed in a row")
            .strongReference(true)
            .register(meters));
    bound.add(
        FunctionCounter.builder(RECONCILER_FAILURES, gauges, g -> g.health().failedPasses())
            .description("Reconciler passes that failed")
            .register(meters));
  }

  private static Tags tags(ActionKind kind, EntityFamily family) {
    return Tags.of("parry.action.kind", tag(kind), "parry.entity.family", tag(family));
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "MicrometerInstrumentation{observations=" + observations + ", meters=" + meters + "}";
  }

  /** One executor call as an observation. */
  private static final class ObservedCall implements Call {
    private final ObservationRegistry observations;
    private final Observation observation;

    ObservedCall(ObservationRegistry observations, Observation observation) {
      this.observations = observations;
      this.observation = observation;
    }

    /**
     * Opens the observation's scope. Micrometer makes the observation current before it tells the
     * handlers, and restores the previous one after: a handler that throws in between would leave
     * the call current on the runtime's thread, so the previous scope is put back whatever they do.
     */
    @Override
    public Scope open() {
      Observation.@Nullable Scope previous = observations.getCurrentObservationScope();
      Observation.Scope scope;
      try {
        scope = observation.openScope();
      } catch (RuntimeException e) {
        observations.setCurrentObservationScope(previous);
        throw e;
      }
      return () -> {
        try {
          scope.close();
        } finally {
          observations.setCurrentObservationScope(previous);
        }
      };
    }

    @Override
    public void end(CallOutcome outcome, @Nullable Throwable error) {
      observation.lowCardinalityKeyValue("parry.outcome", outcome.tag());
      try {
        if (error != null) {
          observation.error(error);
        }
      } finally {
        observation
            .stop(); // even if a handler threw on the error: the call is ended once, whatever
        // happens
      }
    }
  }
}
