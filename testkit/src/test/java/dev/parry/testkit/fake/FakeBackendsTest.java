package dev.parry.testkit.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ImpactClass;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.ReversibleAction;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionId;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.time.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Fake backends model every action kind and its undo")
class FakeBackendsTest {

  final TestClock clock = TestClock.create();
  final Map<dev.parry.core.entity.EntityFamily, FakeBackend> backends =
      Map.of(
          dev.parry.core.entity.EntityFamily.DEVICE, FakeDevices.create(clock),
          dev.parry.core.entity.EntityFamily.EMAIL, FakeMail.create(clock),
          dev.parry.core.entity.EntityFamily.IDENTITY, FakeDirectory.create(clock));

  ExecutionRequest request(RemediationAction action, String key) {
    return ExecutionRequest.builder()
        .action(action)
        .idempotencyKey(IdempotencyKey.of(key))
        .deadline(clock.instant().plus(Duration.ofMinutes(1)))
        .actionId(ActionId.of("inv-fake/1"))
        .build();
  }

  ExecutionOutcome run(FakeBackend backend, RemediationAction action, String key) {
    return backend.executor().execute(request(action, key)).toCompletableFuture().join();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ActionKind.class)
  @DisplayName("each kind takes effect once per idempotency key; its undo removes the effect")
  void effects(ActionKind kind) {
    RemediationAction action = DomainGenerators.actionOf(kind).next(new Random(kind.ordinal()));
    FakeBackend backend = backends.get(kind.family());
    assertTrue(backend.executor().supportedKinds().contains(kind));
    assertInstanceOf(ExecutionOutcome.Succeeded.class, run(backend, action, "k1"));
    assertInstanceOf(ExecutionOutcome.Succeeded.class, run(backend, action, "k1"));
    if (kind.impact() == ImpactClass.RESTORATIVE) {
      assertFalse(backend.isInEffect(action), "a counterpart leaves no effect of its own");
      return;
    }
    assertTrue(backend.isInEffect(action) || kind == ActionKind.MOVE_EMAIL, kind::name);
    assertEquals(
        kind == ActionKind.MOVE_EMAIL ? 0 : 1,
        backend.timesApplied(action),
        "a repeated key has its effect once");
    if (action instanceof ReversibleAction reversible) {
      run(backend, reversible.inverse(), "k2");
      assertFalse(backend.isInEffect(action), "undo restores what the action changed");
    }
  }

  @Test
  @DisplayName("a target near the length limit still gets a valid, bounded success detail")
  void longTargets() {
    String deep = "C:\\" + "a".repeat(200) + ("\\" + "b".repeat(200)).repeat(150) + "\\x.sys";
    RemediationAction disable =
        new dev.parry.core.action.DisableDriver(
            new dev.parry.core.entity.Driver(
                dev.parry.core.entity.DeviceId.of("d"),
                dev.parry.core.entity.WindowsPath.of(deep)));
    ExecutionOutcome.Succeeded done =
        assertInstanceOf(
            ExecutionOutcome.Succeeded.class,
            run(backends.get(dev.parry.core.entity.EntityFamily.DEVICE), disable, "k"));
    assertTrue(done.detail().length() <= 2000, () -> "detail length " + done.detail().length());
  }

  @Test
  @DisplayName("an unsupported kind yields a non-retryable failure, never an exception")
  void unsupported() {
    RemediationAction email =
        DomainGenerators.actionOf(ActionKind.SOFT_DELETE_EMAIL).next(new Random(1));
    ExecutionOutcome outcome =
        run(backends.get(dev.parry.core.entity.EntityFamily.DEVICE), email, "k");
    ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
    assertFalse(failed.retryable());
  }

  @Test
  @DisplayName("calls are recorded; reset forgets; shutdown makes later calls fail")
  void bookkeeping() {
    FakeDevices devices = FakeDevices.create(clock);
    RemediationAction isolate =
        DomainGenerators.actionOf(ActionKind.ISOLATE_DEVICE).next(new Random(2));
    run(devices, isolate, "k");
    assertEquals(1, devices.calls().size());
    assertEquals("k", devices.calls().get(0).request().idempotencyKey().value());
    devices.reset();
    assertTrue(devices.calls().isEmpty());
    assertFalse(devices.isInEffect(isolate));
    devices.shutdown();
    assertThrows(IllegalStateException.class, () -> run(devices, isolate, "k"));
  }

  @Test
  @DisplayName("scripted faults play in order, then normal answers resume")
  void faults() {
    FakeDevices devices = FakeDevices.create(clock);
    RemediationAction isolate =
        DomainGenerators.actionOf(ActionKind.ISOLATE_DEVICE).next(new Random(3));
    devices
        .inject(Fault.failRetryable("503", null), 1)
        .inject(ActionKind.ISOLATE_DEVICE, Fault.fail("gone"), 1);
    assertTrue(((ExecutionOutcome.Failed) run(devices, isolate, "a")).retryable());
    assertFalse(((ExecutionOutcome.Failed) run(devices, isolate, "b")).retryable());
    assertInstanceOf(ExecutionOutcome.Succeeded.class, run(devices, isolate, "c"));
    assertThrows(IllegalArgumentException.class, () -> devices.inject(Fault.fail("x"), 0));
  }

  @Test
  @DisplayName(
      "a quarantine of a hash anywhere reaches every enrolled device its request does not exclude")
  void fleetWideQuarantine() {
    Device dc =
        new Device(
            DeviceId.of("d-dc"), DeviceName.of("dc"), null, Set.of(), OsPlatform.WINDOWS_SERVER);
    Device tier0 =
        new Device(
            DeviceId.of("d-t0"),
            DeviceName.of("t0"),
            null,
            Set.of(DeviceTag.of("Tier-0")),
            OsPlatform.WINDOWS_SERVER);
    Device ws = Device.of(DeviceId.of("d-ws"), DeviceName.of("ws"));
    FakeDevices devices = FakeDevices.create(clock).enroll(dc).enroll(tier0).enroll(ws);
    assertTrue(devices.executor().honoursExclusions());
    Sha256 hash = DomainGenerators.sha256s().next(new Random(4));
    StopAndQuarantineFile anywhere = new StopAndQuarantineFile(DeviceFile.anywhere(hash));
    DeviceExclusions exclusions =
        DeviceExclusions.of(Set.of(dc.id()), Set.of(DeviceTag.of("tier-0")), Set.of());
    devices
        .executor()
        .execute(request(anywhere, "k").withExclusions(exclusions))
        .toCompletableFuture()
        .join();
    assertFalse(devices.isQuarantinedOn(hash, dc.id()), "excluded by id");
    assertFalse(
        devices.isQuarantinedOn(hash, tier0.id()), "excluded by tag, compared case-insensitively");
    assertTrue(devices.isQuarantinedOn(hash, ws.id()));
    assertTrue(devices.isInEffectOn(anywhere, ws.id()));
    devices.executor().execute(request(anywhere.inverse(), "undo")).toCompletableFuture().join();
    assertFalse(devices.isQuarantinedOn(hash, ws.id()), "the restore reaches it too");

    devices.honourExclusions(false);
    assertFalse(devices.executor().honoursExclusions());
    devices
        .executor()
        .execute(request(anywhere, "k2").withExclusions(exclusions))
        .toCompletableFuture()
        .join();
    assertTrue(
        devices.isQuarantinedOn(hash, dc.id()),
        "an executor that does not honour exclusions reaches every device");
    QuarantineFile copy =
        new QuarantineFile(DeviceFile.onDevice(hash, ws.id(), WindowsPath.of("C:\\Temp\\x.exe")));
    run(devices, copy, "k3");
    assertTrue(devices.isQuarantinedOn(hash, ws.id()), "a copy on the device");
    assertFalse(devices.isInEffectOn(copy, dc.id()), "a copy is on its own device only");
  }
}
