package dev.parry.testkit.recovery;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.time.FaultyScheduler;
import dev.parry.testkit.time.TestClock;
import dev.parry.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A runtime built by hand on a faulty store and a faulty scheduler in front of virtual time and a
 * fake fleet, so a test can break exactly the call it means to.
 */
final class Rig implements AutoCloseable {

  static final Device WORKSTATION =
      new Device(DeviceId.of("d-ws-1"), DeviceName.of("ws-1"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device WORKSTATION_2 =
      new Device(DeviceId.of("d-ws-2"), DeviceName.of("ws-2"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device SERVER =
      new Device(
          DeviceId.of("d-srv-1"),
          DeviceName.of("srv-1"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);
  static final Limits LIMITS =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofHours(1));

  final TestClock clock;
  final VirtualScheduler virtual;
  final FaultyScheduler scheduler;
  final FaultyStore store;
  final FakeDevices devices;
  private final Consumer<ParryRuntime.Builder> customizer;
  final String instanceName;
  ParryRuntime runtime;

  Rig(long seed, Consumer<ParryRuntime.Builder> customizer) {
    this(seed, InMemoryInvestigationStore.create(), "rig", customizer);
  }

  Rig(
      long seed,
      InvestigationStore backing,
      String instanceName,
      Consumer<ParryRuntime.Builder> customizer) {
    this.clock = TestClock.create();
    this.virtual = VirtualScheduler.on(clock);
    this.scheduler = FaultyScheduler.wrapping(virtual, seed);
    this.store = FaultyStore.wrapping(backing, seed);
    this.devices = FakeDevices.create(clock, virtual);
    this.customizer = customizer;
    this.instanceName = instanceName;
    this.runtime = build();
  }

  /** A second runtime on the same store, clock and fleet, with its own faulty scheduler. */
  Rig(Rig first, long seed, String instanceName) {
    this.clock = first.clock;
    this.virtual = first.virtual;
    this.scheduler = FaultyScheduler.wrapping(first.virtual, seed);
    this.store = FaultyStore.wrapping(first.store.delegateStore(), seed);
    this.devices = first.devices;
    this.customizer = first.customizer;
    this.instanceName = instanceName;
    this.runtime = build();
  }

  ParryRuntime build() {
    return build(b -> {});
  }

  /** {@return a runtime built as {@link #build()} builds it, then changed by {@code more}} */
  ParryRuntime build(Consumer<ParryRuntime.Builder> more) {
    ParryRuntime.Builder builder =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(scheduler)
            .store(store)
            .instanceName(instanceName)
            .limits(LIMITS)
            .requiredKinds(Set.of())
            .deviceGroups(groups())
            .planTable(ISOLATE_AUTOMATICALLY)
            .executor("fake-devices", devices.executor());
    customizer.accept(builder);
    more.accept(builder);
    return builder.build();
  }

  /**
   * The default plan table, except that a malicious device is isolated automatically where its
   * group allows it: recovery is tested on an automatic device action that can be undone. By
   * default isolating a whole device waits for approval.
   */
  static final PlanTable ISOLATE_AUTOMATICALLY =
      PlanTable.defaults()
          .with(
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));

  /** Servers need approval for everything; the rest is Full. */
  static DeviceGroups groups() {
    return DeviceGroups.of(
        AutomationLevel.FULL,
        List.of(
            new DeviceGroup(
                DeviceGroupName.of("Servers"),
                1,
                new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                AutomationLevel.SEMI_ALL_FOLDERS)));
  }

  ActionId isolate(String investigation, Device device) {
    InvestigationId id = InvestigationId.of(investigation);
    runtime.open(id, AlertId.of("alert-" + investigation), device);
    runtime.reportEvidence(id, Evidence.of(device, Verdict.MALICIOUS, "test", clock.instant()));
    return new ActionId(id, 1);
  }

  /**
   * Isolates {@code device} automatically in {@code investigation} with an answer that comes a
   * minute later: {@return the action}, in progress with its call out (the fake cannot stop a call
   * it has not answered)
   */
  ActionId isolateWithCallOut(String investigation, Device device) {
    devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 1);
    ActionId action = isolate(investigation, device);
    settle();
    return action;
  }

  /**
   * Isolates {@code WORKSTATION} automatically in {@code investigation}: the call is answered busy
   * with a Retry-After of {@code backingOff}, and while the flight backs off this runtime's lease
   * renewals fail until its lease has run out in the store (the failures go on until {@code
   * store.heal()}). {@return the action}
   */
  ActionId backingOffWithItsLeaseRunOut(String investigation, Duration backingOff) {
    devices.inject(Fault.failRetryable("busy", backingOff), 1);
    ActionId action = isolate(investigation, WORKSTATION);
    settle(); // sent, answered busy: it backs off
    if (executes() != 1) {
      throw new AssertionError("the scenario needs one call: " + devices.calls());
    }
    store.failNext(FaultyStore.Call.CLAIM, 1_000, false); // this runtime's renewals fail
    advance(Duration.ofSeconds(40)); // its lease runs out in the store
    return action;
  }

  static IsolateDevice isolation(Device device) {
    return new IsolateDevice(device, IsolationType.FULL);
  }

  ActionRecord action(ActionId id) {
    return store
        .delegateStore()
        .load(id.investigation())
        .flatMap(i -> i.action(id))
        .orElseThrow(() -> new AssertionError("no action " + id));
  }

  long executes() {
    return devices.calls().stream().filter(c -> c.operation().equals("execute")).count();
  }

  void settle() {
    virtual.runDue();
  }

  void advance(Duration duration) {
    virtual.advance(duration);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
