package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RequestSample;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.WindowsPath;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.testkit.generate.DomainGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract for device executors. Extend it, implement {@link #createSubject()}, and run it with
 * JUnit. An executor that {@linkplain DeviceActionExecutor#honoursExclusions() honours exclusions}
 * is also checked against EXE-12: the backend under test must know the devices of {@link #fleet()},
 * and the probe must tell effects per device ({@link ExecutorProbe#isInEffectOn}).
 *
 * <pre>{@code
 * class AcmeContractTest extends DeviceExecutorContract {
 *   @Override
 *   protected Subject createSubject() {
 *     AcmeBackend backend = AcmeBackend.testTenant(fleet());
 *     return new Subject(new AcmeDeviceExecutor(backend), backend.probe());
 *   }
 * }
 * }</pre>
 */
public abstract non-sealed class DeviceExecutorContract extends ExecutorContract {

  /** The tag the default {@link #fleet()} protects: {@code tck-tier-0}. */
  public static final DeviceTag PROTECTED_TAG = DeviceTag.of("tck-tier-0");

  /**
   * The kinds whose target can be a file known by its hash alone, which EXE-12 sends fleet-wide.
   */
  private static final List<ActionKind> FLEET_WIDE_KINDS =
      List.of(
          ActionKind.STOP_AND_QUARANTINE_FILE,
          ActionKind.QUARANTINE_FILE,
          ActionKind.REQUEST_SAMPLE);

  /** Creates the contract. */
  protected DeviceExecutorContract() {}

  @Override
  protected final EntityFamily family() {
    return EntityFamily.DEVICE;
  }

  /**
   * {@return four devices the backend under test knows, for EXE-12}: the contract excludes the
   * first by its id and the second by its first tag, opens the third (which should carry that tag
   * too) as a break-glass override would, and leaves the fourth alone. The default answers {@code
   * tck-dc-01}, {@code tck-dc-02} and {@code tck-dc-03} (the last two tagged {@link
   * #PROTECTED_TAG}) and {@code tck-ws-04}; override it with devices of a test tenant.
   */
  protected List<Device> fleet() {
    return List.of(
        new Device(
            DeviceId.of("tck-dc-01"),
            DeviceName.of("tck-dc-01"),
            null,
            Set.of(),
            OsPlatform.WINDOWS_SERVER),
        new Device(
            DeviceId.of("tck-dc-02"),
            DeviceName.of("tck-dc-02"),
            null,
            Set.of(PROTECTED_TAG),
            OsPlatform.WINDOWS_SERVER),
        new Device(
            DeviceId.of("tck-dc-03"),
            DeviceName.of("tck-dc-03"),
            null,
            Set.of(PROTECTED_TAG),
            OsPlatform.WINDOWS_SERVER),
        new Device(
            DeviceId.of("tck-ws-04"),
            DeviceName.of("tck-ws-04"),
            null,
            Set.of(),
            OsPlatform.WINDOWS));
  }

  /**
   * {@return the fleet-wide actions EXE-12 sends: one per supported kind that can target a file
   * known by its hash alone} (stop and quarantine, quarantine, collect a sample), each on a new
   * hash. Override it to use a hash the test tenant's devices hold.
   *
   * @param random a seeded source, so a run is repeatable
   */
  protected List<RemediationAction> fleetWideActions(Random random) {
    List<RemediationAction> actions = new ArrayList<>();
    for (ActionKind kind : FLEET_WIDE_KINDS) {
      if (!executor().supportedKinds().contains(kind)) {
        continue;
      }
      DeviceFile anywhere =
          new DeviceFile(
              DomainGenerators.sha256s().next(random),
              DomainGenerators.sha1s().next(random),
              null,
              null);
      actions.add(
          switch (kind) {
            case STOP_AND_QUARANTINE_FILE -> new StopAndQuarantineFile(anywhere);
            case QUARANTINE_FILE -> new QuarantineFile(anywhere);
            default -> new RequestSample(anywhere);
          });
    }
    return actions;
  }

  /**
   * {@return true once the backend under test runs {@code process}, for EXE-13; false if the test
   * tenant cannot start a process on demand, and EXE-13 then skips, saying so} The default answers
   * false; override it to start the process, or to register it with a fake backend.
   *
   * @param process a process with its id and creation time, on a device of {@link #fleet()}
   */
  protected boolean runProcess(DeviceProcess process) {
    return false;
  }

  // ---- Processes
  // ---------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "EXE-13: killing a process by id and creation time leaves a process that reused the id running")
  void exe13_killLeavesAProcessThatReusedTheId() {
    rule("EXE-13", false);
    if (!executor().supportedKinds().contains(ActionKind.KILL_PROCESS)) {
      Assumptions.abort("EXE-13 does not apply: the executor does not support KILL_PROCESS");
    }
    Instant started = clock().instant().minus(Duration.ofHours(2));
    FilePath image = WindowsPath.of("C:\\ProgramData\\tck\\worker.exe");
    DeviceProcess running =
        DeviceProcess.of(fleet().get(fleet().size() - 1).id(), 4242, started, image);
    DeviceProcess ended =
        DeviceProcess.of(running.device(), 4242, started.minus(Duration.ofHours(1)), image);
    if (!runProcess(running)) {
      Assumptions.abort(
          "EXE-13 skipped: runProcess(...) cannot start a process in the backend under test;"
              + " override it to check that a reused process id is never killed");
    }
    ExecutionOutcome stale = executeToEnd(request(new KillProcess(ended), key()));
    assertFalse(
        subject().probe().isInEffect(new KillProcess(running)),
        () ->
            "EXE-13: killing process 4242 created at "
                + ended.creationTime()
                + " killed the process created at "
                + started
                + " that reused its id");
    assertTrue(
        stale instanceof ExecutionOutcome.Failed failed && !failed.retryable(),
        () ->
            "EXE-13: a kill of a process that is gone must fail (not retryable), answered "
                + stale);
    // the control: the probe sees a kill of the process that is running, so the check above could
    // fail
    ExecutionOutcome killed = executeToEnd(request(new KillProcess(running), key()));
    assertTrue(
        killed instanceof ExecutionOutcome.Succeeded
            && subject().probe().isInEffect(new KillProcess(running)),
        () ->
            "EXE-13: killing the running process (id and creation time as named) answered "
                + killed
                + " and the probe does not see it killed: the check of the reused id proves nothing");
  }

  // ---- Exclusions
  // --------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "EXE-12: an executor that honours exclusions leaves excluded devices untouched and reaches the rest")
  void exe12_excludedDevicesAreLeftUntouched() {
    rule("EXE-12", false);
    if (!(executor() instanceof DeviceActionExecutor devices) || !devices.honoursExclusions()) {
      Assumptions.abort(
          "EXE-12 does not apply: the executor does not honour exclusions (the runtime holds "
              + "fleet-wide automatic actions for approval instead)");
    }
    List<Device> fleet = fleet();
    if (fleet.size() < 4 || fleet.get(1).tags().isEmpty()) {
      fail(
          "EXE-12: fleet() must answer four devices the backend knows, the second with a tag; was "
              + fleet);
    }
    DeviceTag tag = fleet.get(1).tags().iterator().next();
    DeviceExclusions exclusions =
        DeviceExclusions.of(Set.of(fleet.get(0).id()), Set.of(tag), Set.of(fleet.get(2).id()));
    List<RemediationAction> actions = fleetWideActions(new Random(12));
    if (actions.isEmpty()) {
      Assumptions.abort(
          "EXE-12 does not apply: no supported kind acts on a file known by its hash alone");
    }
    for (RemediationAction action : actions) {
      ExecutionOutcome outcome = executeToEnd(request(action, key()).withExclusions(exclusions));
      assertTrue(
          outcome instanceof ExecutionOutcome.Succeeded,
          () -> "EXE-12: " + action.kind() + " with exclusions answered " + outcome);
      assertUntouched(action, fleet.get(0), "excluded by its id");
      assertUntouched(action, fleet.get(1), "excluded by its tag " + tag);
      assertReached(action, fleet.get(2), "opened by a break-glass override");
      assertReached(action, fleet.get(3), "not excluded");
    }
  }

  private void assertUntouched(RemediationAction action, Device device, String why) {
    if (reached(action, device)) {
      fail("EXE-12: " + action.kind() + " reached device " + device.id() + ", " + why);
    }
  }

  private void assertReached(RemediationAction action, Device device, String why) {
    if (!reached(action, device)) {
      fail("EXE-12: " + action.kind() + " left out device " + device.id() + ", " + why);
    }
  }

  private boolean reached(RemediationAction action, Device device) {
    Optional<Boolean> seen = subject().probe().isInEffectOn(action, device.id());
    if (seen.isEmpty()) {
      fail("EXE-12: the probe cannot tell effects per device; override ExecutorProbe.isInEffectOn");
    }
    return seen.orElseThrow();
  }
}
