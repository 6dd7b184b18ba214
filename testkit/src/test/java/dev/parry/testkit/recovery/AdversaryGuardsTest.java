package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kill switch and protected assets asked again at dispatch time, with work queued behind a busy
 * family.
 */
class AdversaryGuardsTest {

  static final Caller ANALYST = Caller.of("analyst@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  static Device device(int i) {
    return new Device(
        DeviceId.of("d-q-" + i), DeviceName.of("q-" + i), null, Set.of(), OsPlatform.WINDOWS);
  }

  @Test
  @DisplayName(
      "the kill switch pulled while actions wait for the family's only permit holds every one of them")
  void killSwitchMidQueue() {
    try (Rig rig = new Rig(201, b -> b.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1)))) {
      rig.runtime.start();
      rig.devices.inject(Fault.latency(Duration.ofMinutes(1)), 1);
      List<ActionId> queued = new ArrayList<>();
      ActionId first = rig.isolate("inv-0", device(0));
      rig.settle();
      for (int i = 1; i <= 5; i++) {
        queued.add(rig.isolate("inv-" + i, device(i)));
      }
      rig.settle();
      rig.runtime.pauseAutomation(ANALYST, null, "bad rule");
      rig.advance(Duration.ofHours(2));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
      for (int i = 1; i <= 5; i++) {
        ActionRecord held = rig.action(queued.get(i - 1));
        assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), held::toString);
        assertFalse(rig.devices.isInEffect(isolation(device(i))));
      }
      assertEquals(List.of(), rig.virtual.failures());
    }
  }

  @Test
  @DisplayName("a break-glass override that ends while the action waits holds it at dispatch")
  void breakGlassEndsMidQueue() {
    Device protectedOne = device(9);
    try (Rig rig =
        new Rig(
            202,
            b ->
                b.limits(Rig.LIMITS.withMaxConcurrentPerFamily(1))
                    .safetyGuards(
                        SafetyGuards.builder().protectDevice(protectedOne.id()).build()))) {
      rig.runtime.start();
      rig.devices.inject(Fault.latency(Duration.ofMinutes(5)), 1);
      rig.isolate("inv-0", device(0));
      rig.settle();
      rig.runtime.breakGlass(ANALYST, protectedOne.id(), Duration.ofMinutes(1), "maintenance");
      ActionId action = rig.isolate("inv-9", protectedOne); // planned automatic: the glass is open
      rig.settle();
      assertEquals(ActionStatus.APPROVED, rig.action(action).status());
      rig.advance(Duration.ofHours(1));
      assertEquals(ActionStatus.PENDING_APPROVAL, rig.action(action).status());
      assertFalse(rig.devices.isInEffect(isolation(protectedOne)));
    }
  }

  @Test
  @DisplayName(
      "an analyst's manual action is not held by the kill switch at dispatch: it is not automation")
  void manualActionHeldByKillSwitch() {
    try (Rig rig = new Rig(203, b -> {})) {
      rig.runtime.start();
      rig.runtime.pauseAutomation(ANALYST, null, "bad rule");
      ActionRecord taken =
          rig.runtime.takeAction(isolation(WORKSTATION), ANALYST, "contain now", false);
      assertEquals(ActionStatus.APPROVED, taken.status());
      rig.advance(Duration.ofMinutes(10));
      ActionRecord after = rig.action(taken.id());
      assertEquals(
          ActionStatus.SUCCEEDED,
          after.status(),
          "the analyst's manual action was held: " + after.reason());
      assertTrue(rig.devices.isInEffect(isolation(WORKSTATION)));
    }
  }

  @Test
  @DisplayName(
      "while the shared control state cannot be read, nothing automatic is sent; once it can, the action runs once")
  void unreadableControlStateSendsNothing() {
    try (Rig rig = new Rig(204, b -> {})) {
      rig.runtime.start();
      // the plan reads the control state once; every read after it (the dispatch and the
      // reconciler's retries) fails
      rig.store.failAfter(FaultyStore.Call.CONTROL_CHANGES, 1, Integer.MAX_VALUE, false);
      ActionId action = rig.isolate("inv-cs", WORKSTATION);
      rig.advance(Duration.ofMinutes(30));
      assertEquals(
          ActionStatus.APPROVED, rig.action(action).status(), "stays due, neither held nor failed");
      assertEquals(0, rig.executes(), "sent without asking the guards");
      rig.store.heal();
      rig.advance(Duration.ofMinutes(5));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      assertEquals(1, rig.executes());
      assertEquals(List.of(), rig.virtual.failures());
    }
  }

  @Test
  @DisplayName(
      "a kill switch whose write landed but whose acknowledgement was lost still holds, and the retry records it again")
  void killSwitchWithLostAcknowledgement() {
    try (Rig rig = new Rig(205, b -> {})) {
      rig.runtime.start();
      rig.store.failNext(FaultyStore.Call.CONTROL_RECORD, 1, true);
      assertThrows(
          StoreUnavailableException.class,
          () -> rig.runtime.pauseAutomation(ANALYST, null, "bad rule"));
      ActionId held = rig.isolate("inv-ack", WORKSTATION);
      assertEquals(
          ActionStatus.PENDING_APPROVAL, rig.action(held).status(), "the landed pause holds");
      rig.runtime.pauseAutomation(
          ANALYST, null, "bad rule"); // the caller retries: pausing twice is pausing
      assertEquals(2, rig.runtime.controlChanges(ANALYST, 0, 10).size());
      rig.advance(Duration.ofMinutes(10));
      assertEquals(0, rig.executes());
    }
  }

  @Test
  @DisplayName(
      "a runtime on a store that keeps no control state is refused at build, naming the remedy")
  void storeWithoutControlsIsRefused() {
    InvestigationStore bare =
        new ForwardingStore(InMemoryInvestigationStore.create()) {
          @Override
          public Optional<ControlStore> controls() {
            return Optional.empty();
          }
        };
    InvalidInputException refused =
        assertThrows(
            InvalidInputException.class,
            () -> ParryRuntime.builder().store(bare).requiredKinds(Set.of()).build());
    assertTrue(refused.getMessage().contains("controls("), refused.getMessage());
    try (ParryRuntime given =
        ParryRuntime.builder()
            .store(bare)
            .controls(InMemoryControlStore.create())
            .requiredKinds(Set.of())
            .build()) {
      assertTrue(given.allowIndicators(ANALYST).isEmpty());
    }
  }
}
