package dev.parry.testkit.attack;

import static dev.parry.testkit.attack.Fixtures.WS;
import static dev.parry.testkit.attack.Fixtures.action;
import static dev.parry.testkit.attack.Fixtures.evidence;
import static dev.parry.testkit.attack.Fixtures.executeCalls;
import static dev.parry.testkit.attack.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kill switch against an automatic action whose first call never went out. */
@DisplayName("Attack: the kill switch holds every automatic action not yet sent")
class KillSwitchAttackTest {

  /**
   * A store whose write of the first dispatch record lands but answers an error (the
   * acknowledgement is lost), while another replica throws the kill switch at that moment.
   */
  static final class LostStartAck extends ForwardingStore {
    final AtomicBoolean armed = new AtomicBoolean(true);
    volatile boolean fired;

    LostStartAck(InvestigationStore delegate) {
      super(delegate);
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      boolean start = events.stream().anyMatch(e -> e instanceof InvestigationEvent.ActionStarted);
      ChainHead head = super.append(id, expectedVersion, events, after);
      if (start && armed.getAndSet(false)) {
        delegate()
            .controls()
            .orElseThrow()
            .record(
                ControlChange.pause(
                    null,
                    PrincipalName.of("other@contoso.com"),
                    java.time.Instant.EPOCH,
                    "bad signature update, from another replica"));
        fired = true;
        throw new StoreUnavailableException(
            "connection reset after commit", new IOException("reset"));
      }
      return head;
    }
  }

  @Test
  @DisplayName(
      "a dispatch recorded before the pause (its acknowledgement lost) may have a call out: it is carried on once, same key, never held into a lie")
  void resumedAfterLostStartAck() {
    LostStartAck store = new LostStartAck(InMemoryInvestigationStore.create());
    try (ParryHarness parry = ParryHarness.onStore(store, b -> b.planTable(Fixtures.ISOLATE))) {
      InvestigationId id = open(parry, "inv-lost-start", WS);
      parry.runtime().reportEvidence(id, evidence(parry, WS, Verdict.MALICIOUS));
      parry.settle();
      assertTrue(store.fired, "the dispatch record was written");
      assertEquals(
          0,
          executeCalls(parry, ActionKind.ISOLATE_DEVICE),
          "no call went out with the lost acknowledgement");
      parry.advance(Duration.ofHours(2));
      ActionRecord isolation = action(parry, id, ActionKind.ISOLATE_DEVICE);
      // in progress when the pause came: whether a call was out cannot be known from the store, so
      // holding
      // it could leave a device isolated under a status that says it waits; the pause stops what is
      // not started
      assertEquals(ActionStatus.SUCCEEDED, isolation.status(), isolation::toString);
      assertEquals(1, executeCalls(parry, ActionKind.ISOLATE_DEVICE), "carried on exactly once");
      assertEquals(
          1,
          parry.devices().calls().stream()
              .map(c -> c.request().idempotencyKey())
              .distinct()
              .count());
    }
  }

  @Test
  @DisplayName(
      "held: a pause recorded on the store by another replica holds every automatic action still queued")
  void pauseFromAnotherReplicaHoldsQueue() {
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    try (ParryHarness a =
            ParryHarness.onStore(
                shared,
                b ->
                    b.planTable(Fixtures.ISOLATE)
                        .limits(
                            dev.parry.runtime.Limits.defaults().withMaxConcurrentPerFamily(1)));
        ParryHarness b = ParryHarness.onStore(shared, x -> x.planTable(Fixtures.ISOLATE))) {
      a.devices().inject(dev.parry.testkit.fake.Fault.latency(Duration.ofMinutes(5)), 1);
      List<InvestigationId> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Device device = Device.of(DeviceId.of("d-k-" + i), DeviceName.of("k-" + i));
        InvestigationId id = open(a, "inv-k-" + i, device);
        a.runtime().reportEvidence(id, evidence(a, device, Verdict.MALICIOUS));
        ids.add(id);
      }
      a.settle();
      b.runtime().pauseAutomation(ParryHarness.ANALYST, null, "stop everything");
      a.advance(Duration.ofHours(1));
      long isolated =
          a.devices().calls().stream()
              .filter(c -> c.operation().equals("execute"))
              .map(c -> c.request().actionId())
              .distinct()
              .count();
      assertEquals(1, isolated, "only the action out before the pause was sent");
      for (int i = 1; i < 6; i++) {
        assertEquals(
            ActionStatus.PENDING_APPROVAL,
            action(a, ids.get(i), ActionKind.ISOLATE_DEVICE).status());
      }
    }
  }
}
