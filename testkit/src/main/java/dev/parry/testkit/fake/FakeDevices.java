package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Sha256;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.runtime.TaskScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fake fleet: isolation, containment, code restriction, scans, packages, offboarding, file quarantine, processes, services, drivers, registry keys and scheduled tasks, each with its undo.
 *
 * <pre>{@code
 * FakeDevices fake = FakeDevices.create(clock, scheduler);
 * ParryRuntime parry = ParryRuntime.builder().executor("edr", fake.executor()).build();
 * }</pre>
 */
public final class FakeDevices extends FakeBackend {

  private static final class Executor extends FakeExecutor implements DeviceActionExecutor {
    Executor(FakeEngine engine) {
      super(engine, "FakeDevices");
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
    return new FakeDevices(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public ActionExecutor executor() {
    return executor;
  }

  @Override
  public EntityFamily family() {
    return EntityFamily.DEVICE;
  }

  /**
   * Makes every call about a device fail as offline (retryable) until the clock reaches {@code until}.
   *
   * @param device the device
   * @param until when it comes back
   * @return this backend
   */
  public FakeDevices offlineUntil(DeviceId device, Instant until) {
    Objects.requireNonNull(device, "device");
    engine.inject(request -> request.action().target() instanceof DeviceEntity entity
        && entity.deviceId().filter(device::equals).isPresent(), Fault.offlineUntil(until), 1);
    return this;
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
    return engine.effects().stream().anyMatch(e -> (e.startsWith("QUARANTINE_FILE@file:" + sha256.hex())
        || e.startsWith("STOP_AND_QUARANTINE_FILE@file:" + sha256.hex())));
  }
}
