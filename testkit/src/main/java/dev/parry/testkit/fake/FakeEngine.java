// Past 400 lines because it models every action kind's effect, undo and injected fault of one fake
// backend.
package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ImpactClass;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.MailFolder;
import dev.parry.core.action.MoveEmail;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The machinery the three fakes share: idempotent effects, call recording, scripted faults. Effects
 * are kept as {@code KIND@entityKey} strings: an action adds its effect, its undo counterpart
 * removes the effect it undoes. An action whose target is not one device (a file known by its hash
 * alone) also takes effect on every enrolled device its request does not exclude, or on every one
 * when the engine is told to ignore exclusions.
 *
 * <p>Past 400 lines because it models every action kind's effect, undo and injected fault of one
 * fake backend.
 */
final class FakeEngine {

  private record Scripted(
      Predicate<ExecutionRequest> selector, Fault fault, AtomicInteger remaining) {}

  private record Polling(
      ExecutionRequest request, AtomicInteger remaining, @Nullable String failure) {}

  private final EntityFamily family;
  private final Clock clock;
  private final @Nullable TaskScheduler scheduler;
  private final Set<ActionKind> supported;
  private final Set<String> effects = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> applications = new ConcurrentHashMap<>();
  private final Map<IdempotencyKey, ExecutionOutcome> outcomes = new ConcurrentHashMap<>();
  private final Map<ExternalReference, Polling> polling = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Scripted> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger references = new AtomicInteger();
  private final Map<DeviceId, Device> fleet = new ConcurrentHashMap<>();

  /**
   * The processes run here, by device and id: the creation time of the one running under that id.
   */
  private final Map<String, Instant> processes = new ConcurrentHashMap<>();

  /** Per fleet-wide effect ({@code KIND@entityKey}), the devices it reached. */
  private final Map<String, Set<DeviceId>> reached = new ConcurrentHashMap<>();

  private volatile boolean honoursExclusions = true;
  private volatile boolean shutdown;

  FakeEngine(EntityFamily family, Clock clock, @Nullable TaskScheduler scheduler) {
    this.family = family;
    this.clock = clock;
    this.scheduler = scheduler;
    Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      if (kind.family() == family) {
        kinds.add(kind);
      }
    }
    this.supported = Set.copyOf(kinds);
  }

  Set<ActionKind> supported() {
    return supported;
  }

  void inject(Predicate<ExecutionRequest> selector, Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be 1 or more, was: " + times);
    }
    faults.add(new Scripted(selector, fault, new AtomicInteger(times)));
  }

  private @Nullable Fault nextFault(ExecutionRequest request) {
    for (Scripted scripted : faults) {
      if (scripted.fault() instanceof Fault.OfflineUntil offline
          && scripted.selector().test(request)) {
        if (clock.instant().isBefore(offline.until())) {
          return scripted.fault();
        }
        continue;
      }
      if (scripted.selector().test(request)) {
        int left = scripted.remaining().getAndDecrement();
        if (left > 0) {
          return scripted.fault();
        }
      }
    }
    return null;
  }

  CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
    requireRunning();
    calls.add(new Call("execute", request, clock.instant()));
    if (!supported.contains(request.action().kind())) {
      return done(
          ExecutionOutcome.failed(
              "unsupported action kind "
                  + request.action().kind()
                  + " for a "
                  + family
                  + " backend"));
    }
    ExecutionOutcome previous = outcomes.get(request.idempotencyKey());
    if (previous != null) {
      return done(previous);
    }
    Fault fault = nextFault(request);
    if (fault instanceof Fault.NullStage) {
      return nullStage();
    }
    String reused =
        request.purpose() == ExecutionPurpose.EXECUTE ? reusedId(request.action()) : null;
    if (reused != null) {
      return done(remember(request, ExecutionOutcome.failed(reused)));
    }
    return fault == null ? done(applyOnce(request)) : play(fault, request);
  }

  @SuppressWarnings("NullAway") // answering null instead of a stage is the fault being simulated
  private static CompletionStage<ExecutionOutcome> nullStage() {
    return null;
  }

  /** Plays a fault other than {@link Fault.NullStage}. */
  private CompletionStage<ExecutionOutcome> play(Fault fault, ExecutionRequest request) {
    if (fault instanceof Fault.FailRetryable retryable) {
      return done(ExecutionOutcome.retryableFailure(retryable.reason(), retryable.retryAfter()));
    }
    if (fault instanceof Fault.FailPermanently permanent) {
      return done(remember(request, ExecutionOutcome.failed(permanent.reason())));
    }
    if (fault instanceof Fault.InProgressFor progress) {
      ExternalReference reference =
          ExternalReference.of(
              family.name().toLowerCase(Locale.ROOT) + "-op-" + references.incrementAndGet());
      polling.put(
          reference, new Polling(request, new AtomicInteger(progress.polls()), progress.failure()));
      return done(ExecutionOutcome.inProgress(reference, Duration.ofSeconds(30)));
    }
    if (fault instanceof Fault.Throw thrown) {
      throw new IllegalStateException(thrown.message());
    }
    if (fault instanceof Fault.OfflineUntil offline) {
      return done(
          ExecutionOutcome.retryableFailure("target offline until " + offline.until(), null));
    }
    if (fault instanceof Fault.CompleteTwice) {
      TwiceCompletingFuture twice = new TwiceCompletingFuture();
      twice.complete(applyOnce(request));
      return twice;
    }
    if (fault instanceof Fault.NeverAnswer) {
      return new CompletableFuture<>();
    }
    Fault.Latency latency = (Fault.Latency) fault;
    CompletableFuture<ExecutionOutcome> later = new CompletableFuture<>();
    if (scheduler == null) {
      later.complete(applyOnce(request));
    } else {
      scheduler.schedule(latency.latency(), () -> later.complete(applyOnce(request)));
    }
    return later;
  }

  CompletionStage<ExecutionOutcome> status(ExecutionRequest request, ExternalReference reference) {
    requireRunning();
    calls.add(new Call("status", request, clock.instant()));
    Polling poll = polling.get(reference);
    if (poll == null) {
      ExecutionOutcome finished = outcomes.get(request.idempotencyKey());
      return done(
          finished != null ? finished : ExecutionOutcome.failed("unknown reference " + reference));
    }
    if (poll.remaining().decrementAndGet() > 0) {
      return done(ExecutionOutcome.inProgress(reference, Duration.ofSeconds(30)));
    }
    polling.remove(reference);
    if (poll.failure() != null) {
      return done(remember(poll.request(), ExecutionOutcome.failed(poll.failure())));
    }
    return done(applyOnce(poll.request()));
  }

  CompletionStage<Boolean> cancel(ExecutionRequest request, @Nullable ExternalReference reference) {
    requireRunning();
    calls.add(new Call("cancel", request, clock.instant()));
    return CompletableFuture.completedFuture(
        reference != null && polling.remove(reference) != null);
  }

  private synchronized ExecutionOutcome applyOnce(ExecutionRequest request) {
    ExecutionOutcome previous = outcomes.get(request.idempotencyKey());
    if (previous != null) {
      return previous;
    }
    RemediationAction action = request.action();
    String entity = action.target().key().value();
    ActionKind kind = action.kind();
    Set<DeviceId> reach = reach(request);
    for (ActionKind undone : ActionKind.values()) {
      if (undone.inverse().filter(kind::equals).isPresent()) {
        effects.remove(undone + "@" + entity);
        Set<DeviceId> on = reached.get(undone + "@" + entity);
        if (on != null) {
          on.removeAll(reach);
        }
      }
    }
    if (!(action instanceof MoveEmail move && move.destination() == MailFolder.INBOX)
        && kind.impact() != ImpactClass.RESTORATIVE) {
      String effect =
          kind == ActionKind.MOVE_EMAIL
              ? kind + ":" + ((MoveEmail) action).destination() + "@" + entity
              : kind + "@" + entity;
      effects.add(effect);
      applications.computeIfAbsent(effect, e -> new AtomicInteger()).incrementAndGet();
      if (isFleetWide(action)) {
        reached.computeIfAbsent(effect, e -> ConcurrentHashMap.newKeySet()).addAll(reach);
      }
    }
    String target = action.target().key().value();
    return remember(
        request,
        ExecutionOutcome.succeeded(
            kind
                + " done on "
                + (target.length() > 200 ? target.substring(0, 200) + "..." : target)));
  }

  private static boolean isFleetWide(RemediationAction action) {
    return action.target() instanceof DeviceEntity onDevice && onDevice.deviceId().isEmpty();
  }

  /**
   * {@return the enrolled devices a fleet-wide request reaches: those it does not exclude, or all
   * if exclusions are ignored}
   */
  private Set<DeviceId> reach(ExecutionRequest request) {
    if (!isFleetWide(request.action())) {
      return Set.of();
    }
    Set<DeviceId> out = new HashSet<>();
    for (Device device : fleet.values()) {
      if (!honoursExclusions || !request.exclusions().excludes(device.id(), device.tags())) {
        out.add(device.id());
      }
    }
    return out;
  }

  void run(DeviceProcess process) {
    Instant created = process.creationTime();
    if (created == null) {
      throw new IllegalArgumentException("a process runs from a creation time, was: " + process);
    }
    processes.put(process.device().value() + ":" + process.processId(), created);
  }

  /**
   * {@return why {@code action} finds no process to kill (the id was reused), or null when it finds
   * one}
   */
  private @Nullable String reusedId(RemediationAction action) {
    if (!(action instanceof KillProcess kill)) {
      return null;
    }
    DeviceProcess target = kill.process();
    Instant running = processes.get(target.device().value() + ":" + target.processId());
    return running == null || running.equals(target.creationTime())
        ? null
        : "no process "
            + target.processId()
            + " created at "
            + target.creationTime()
            + " on "
            + target.device()
            + ": the id now names a process created at "
            + running;
  }

  void enroll(Device device) {
    fleet.put(device.id(), device);
  }

  Set<Device> fleet() {
    return Set.copyOf(fleet.values());
  }

  void honourExclusions(boolean honours) {
    honoursExclusions = honours;
  }

  boolean honoursExclusions() {
    return honoursExclusions;
  }

  /**
   * {@return whether {@code action}'s effect is in place on {@code device}}: reached by a
   * fleet-wide action, or the action's own device
   */
  boolean inEffectOn(RemediationAction action, DeviceId device) {
    if (isFleetWide(action)) {
      return reached
          .getOrDefault(action.kind() + "@" + action.target().key().value(), Set.of())
          .contains(device);
    }
    Optional<DeviceId> own =
        action.target() instanceof DeviceEntity onDevice ? onDevice.deviceId() : Optional.empty();
    return own.filter(device::equals).isPresent() && inEffect(action);
  }

  /** {@return whether the fleet-wide effect {@code KIND@entityKey} reached {@code device}} */
  boolean reachedOn(String effect, DeviceId device) {
    return reached.getOrDefault(effect, Set.of()).contains(device);
  }

  /** A future whose completion callbacks run twice, as a faulty client library might call them. */
  private static final class TwiceCompletingFuture extends CompletableFuture<ExecutionOutcome> {
    @Override
    public CompletableFuture<ExecutionOutcome> whenComplete(
        BiConsumer<? super ExecutionOutcome, ? super Throwable> action) {
      return super.whenComplete(action).whenComplete(action);
    }
  }

  private ExecutionOutcome remember(ExecutionRequest request, ExecutionOutcome outcome) {
    outcomes.put(request.idempotencyKey(), outcome);
    return outcome;
  }

  private static CompletionStage<ExecutionOutcome> done(ExecutionOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  private void requireRunning() {
    if (shutdown) {
      throw new IllegalStateException("this fake backend was shut down");
    }
  }

  boolean inEffect(RemediationAction action) {
    return effects.contains(action.kind() + "@" + action.target().key().value());
  }

  int timesApplied(RemediationAction action) {
    AtomicInteger count = applications.get(action.kind() + "@" + action.target().key().value());
    return count == null ? 0 : count.get();
  }

  boolean hasEffect(ActionKind kind, String entityKey) {
    return effects.contains(kind + "@" + entityKey);
  }

  Set<String> effects() {
    return Set.copyOf(effects);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  void reset() {
    effects.clear();
    reached.clear();
    applications.clear();
    outcomes.clear();
    polling.clear();
    calls.clear();
    faults.clear();
  }

  void shutdown() {
    shutdown = true;
  }
}
