package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Sha256;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.executor.DeviceActionExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A fake fleet: isolation, containment, code restriction, scans, packages, offboarding, file
 * quarantine, processes, services, drivers, registry keys and scheduled tasks, each with its undo.
 *
 * <p>Its executor {@linkplain DeviceActionExecutor#honoursExclusions() honours exclusions}: an
 * action whose target is not one device (a file known by its hash alone) reaches every {@linkplain
 * #enroll enrolled} device its request does not exclude. {@link #honourExclusions(boolean)
 * honourExclusions(false)} makes it an executor that does not, and reaches every enrolled device.
 *
 * <pre>{@code
 * FakeDevices fake = FakeDevices.create(clock, scheduler).enroll(domainController).enroll(workstation);
 * ParryRuntime parry = ParryRuntime.builder().executor("edr", fake.executor()).build();
 * }</pre>
 */
public final class FakeDevices extends FakeBackend {

  private static final class Executor extends FakeExecutor implements DeviceActionExecutor {
    Executor(FakeEngine engine) {
      super(engine, "FakeDevices");
    }

    @Override
    public boolean honoursExclusions() {
      return engine.honoursExclusions();
    }
  }

  private final Executor executor = new Executor(engine);

  private FakeDevices(Clock clock, @Nullable TaskScheduler scheduler) {
    super(new FakeEngine(EntityFamily.DEVICE, clock, scheduler));
  }

  /**
   * {@return an empty backend on {@code clock}; latency faults complete at once}
   *
   * @param clock the clock calls are recorded with
   */
  public static FakeDevices create(Clock clock) {
    return new FakeDevices(Objects.requireNonNull(clock, "clock"), null);
  }

  /**
   * {@return an empty backend whose latency faults complete on {@code scheduler}}
   *
   * @param clock the clock calls are recorded with
   * @param scheduler where delayed answers are scheduled
   */
  public static FakeDevices create(Clock clock, TaskScheduler scheduler) {
    return new FakeDevices(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public DeviceActionExecutor executor() {
    return executor;
  }

  @Override
  public EntityFamily family() {
    return EntityFamily.DEVICE;
  }

  /**
   * Makes every call about a device fail as offline (retryable) until the clock reaches {@code
   * until}.
   *
   * @param device the device
   * @param until when it comes back
   * @return this backend
   */
  public FakeDevices offlineUntil(DeviceId device, Instant until) {
    Objects.requireNonNull(device, "device");
    engine.inject(
        request ->
            request.action().target() instanceof DeviceEntity entity
                && entity.deviceId().filter(device::equals).isPresent(),
        Fault.offlineUntil(until),
        1);
    return this;
  }

  /**
   * Adds a device to the fleet: an action on a file known by its hash alone reaches it unless the
   * request excludes it. Enrolling a device again replaces it (its tags, for example).
   *
   * @param device the device, with the tags exclusions are matched against
   * @return this backend
   */
  public FakeDevices enroll(Device device) {
    engine.enroll(Objects.requireNonNull(device, "device"));
    return this;
  }

  /**
   * Runs {@code process} on its device: a kill that names the same id with another creation time
   * then finds no such process and fails (the id was reused, SPEC EXE-13). A process never run here
   * is assumed to be running, so a kill of it succeeds.
   *
   * @param process the process, with its creation time
   * @return this backend
   * @throws IllegalArgumentException if the process has no creation time
   */
  public FakeDevices run(DeviceProcess process) {
    engine.run(Objects.requireNonNull(process, "process"));
    return this;
  }

  /** {@return the enrolled devices} */
  public Set<Device> fleet() {
    return engine.fleet();
  }

  /**
   * Sets whether the executor honours exclusions (it does from the start). Not honouring, it
   * answers false to {@link DeviceActionExecutor#honoursExclusions()} and a fleet-wide action
   * reaches every enrolled device, excluded or not, as an executor written before exclusions
   * existed would.
   *
   * @param honours whether to honour exclusions
   * @return this backend
   */
  public FakeDevices honourExclusions(boolean honours) {
    engine.honourExclusions(honours);
    return this;
  }

  /**
   * {@return whether {@code action}'s effect is in place on {@code device}}: for an action on a
   * file known by its hash alone, whether it reached that device; otherwise whether it is in effect
   * and about that device
   *
   * @param action the action
   * @param device the device
   */
  public boolean isInEffectOn(RemediationAction action, DeviceId device) {
    return engine.inEffectOn(
        Objects.requireNonNull(action, "action"), Objects.requireNonNull(device, "device"));
  }

  /**
   * {@return whether the device is isolated}
   *
   * @param device the device id
   */
  public boolean isIsolated(DeviceId device) {
    return engine.hasEffect(ActionKind.ISOLATE_DEVICE, "device:" + device.value());
  }

  /**
   * {@return whether the device is contained}
   *
   * @param device the device id
   */
  public boolean isContained(DeviceId device) {
    return engine.hasEffect(ActionKind.CONTAIN_DEVICE, "device:" + device.value());
  }

  /**
   * {@return whether code execution is restricted on the device}
   *
   * @param device the device id
   */
  public boolean isRestricted(DeviceId device) {
    return engine.hasEffect(ActionKind.RESTRICT_CODE_EXECUTION, "device:" + device.value());
  }

  /**
   * {@return whether some copy of a file with this hash is quarantined}
   *
   * @param sha256 the hash
   */
  public boolean isQuarantined(Sha256 sha256) {
    return engine.effects().stream()
        .anyMatch(
            e ->
                (e.startsWith("QUARANTINE_FILE@file:" + sha256.hex())
                    || e.startsWith("STOP_AND_QUARANTINE_FILE@file:" + sha256.hex())));
  }

  /**
   * {@return whether a file with this hash is quarantined on the device}: a copy on it, or a
   * quarantine of the hash anywhere that reached it
   *
   * @param sha256 the hash
   * @param device the device
   */
  public boolean isQuarantinedOn(Sha256 sha256, DeviceId device) {
    String copy = "file:" + sha256.hex() + "@" + device.value();
    for (String kind : new String[] {"QUARANTINE_FILE", "STOP_AND_QUARANTINE_FILE"}) {
      if (engine.reachedOn(kind + "@file:" + sha256.hex(), device)
          || engine.effects().stream()
              .anyMatch(
                  e -> e.equals(kind + "@" + copy) || e.startsWith(kind + "@" + copy + ":"))) {
        return true;
      }
    }
    return false;
  }
}
