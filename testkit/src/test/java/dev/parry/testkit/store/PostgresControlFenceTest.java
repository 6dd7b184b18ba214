package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.ForwardingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A runtime on PostgreSQL decides on the control state it last read and fences its appends at it:
 * these attack that fence with changes recorded through another runtime at the worst moments, with
 * the reads and writes around it failing.
 */
@DisplayName(
    "Decisions on the control state last read, fenced in the append: changes through another"
        + " runtime, failures and lost acknowledgements around the fence")
class PostgresControlFenceTest extends FenceScenarios {

  /**
   * {@return what {@code trips} did, in order: each append of a plan ("plan"), of a dispatch
   * ("dispatch") and each read of the control state ("read")}
   */
  private static List<String> appendsAndReads(List<String> trips) {
    List<String> out = new ArrayList<>();
    for (String sql : trips) {
      if (sql.startsWith(PostgresRoundTripsTest.CONTROL_READ)) {
        out.add("read");
      } else if (sql.startsWith(PLAN_APPEND)) {
        out.add("plan");
      } else if (sql.startsWith(DISPATCH_APPEND)) {
        out.add("dispatch");
      }
    }
    return out;
  }

  /** A plan appended, refused by the fence, the changes read, and the plan appended again. */
  private static final List<String> REFUSED_THEN_READ = List.of("plan", "read", "plan");

  @Test
  @DisplayName(
      "a pause recorded through the other runtime after this one last read the control state"
          + " holds for this one's next plan, read once when its fenced append is refused")
  void pauseThroughTheOtherHoldsForTheNextPlan() {
    CountingDataSource data = counted();
    ParryRuntime a = waiting("a", data, holding());
    ParryRuntime b = bystander(builder -> {});
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    InvestigationId id = opened(a, "paused");
    data.reset();
    Investigation state = a.reportEvidence(id, malicious(workstation("paused")));
    ActionRecord held = state.actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    assertTrue(held.reason().contains("kill switch"), held.reason());
    assertEquals(REFUSED_THEN_READ, appendsAndReads(data.trips()), "round trips: " + data.trips());
    assertEquals(0, callsFor(state.id()).size(), "nothing sent");
  }

  @Test
  @DisplayName(
      "a runtime started on a store holding control changes decides its first plan on them: its"
          + " append is not refused, and a pause among them holds")
  void aStartReadsTheChangesAlreadyRecorded() {
    ParryRuntime b = bystander(builder -> {});
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "rule fixed");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    CountingDataSource data = counted();
    ParryRuntime a = waiting("a", data, holding());
    InvestigationId id = opened(a, "started");
    data.reset();
    Investigation state = a.reportEvidence(id, malicious(workstation("started")));
    assertEquals(ActionStatus.APPROVED, state.actions().get(0).status(), "planned automatic");
    assertEquals(List.of("plan"), appendsAndReads(data.trips()), "round trips: " + data.trips());
  }

  @Test
  @DisplayName(
      "a runtime on a store that wraps the PostgreSQL store reads the control state before its"
          + " plan: the wrapper answers no fenced view, whose appends would write around it")
  void wrappedStoreReadsBeforeEachDecision() {
    CountingDataSource data = counted();
    ParryRuntime a =
        waiting(
            "a",
            data,
            holding(),
            builder -> builder.store(new ForwardingStore(JdbcInvestigationStore.create(data))));
    ParryRuntime b = bystander(builder -> {});
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    InvestigationId id = opened(a, "wrapped");
    data.reset();
    ActionRecord held = a.reportEvidence(id, malicious(workstation("wrapped"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    assertEquals(
        List.of("read", "plan"), appendsAndReads(data.trips()), "round trips: " + data.trips());
  }

  @Test
  @DisplayName(
      "a resume recorded through the other runtime lifts this runtime's own pause for its next"
          + " plan: a stale pause holds nothing")
  void resumeThroughTheOtherLiftsTheStalePause() {
    Holding scheduler = holding();
    ParryRuntime a = waiting("a", counted(), scheduler);
    ParryRuntime b = bystander(builder -> {});
    a.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "rule fixed");
    InvestigationId id = reported(a, "resumed").id();
    assertEquals(ActionStatus.APPROVED, only(a, id).status(), "planned automatic");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation a planned after b's resume succeeded",
        () -> only(a, id).status() == ActionStatus.SUCCEEDED);
  }

  @Test
  @DisplayName(
      "an append refused by the fence is planned again without counting its action twice against"
          + " a blast-radius limit of one")
  void refusedPlanCountsItsActionOnce() {
    Consumer<ParryRuntime.Builder> one = isolationsPerHour(1);
    CountingDataSource data = counted();
    Holding scheduler = holding();
    ParryRuntime a = waiting("a", data, scheduler, one);
    ParryRuntime b = bystander(one);
    InvestigationId id = opened(a, "limited");
    // a change a's plan does not depend on, recorded after a last read: its append is refused
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    data.reset();
    a.reportEvidence(id, malicious(workstation("limited")));
    List<String> trips = data.trips();
    assertEquals(REFUSED_THEN_READ, appendsAndReads(trips), "round trips: " + trips);
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the one isolation the limit allows succeeded",
        () -> only(a, id).status() == ActionStatus.SUCCEEDED);
    InvestigationId next = reported(b, "over").id();
    ActionRecord over = only(b, next);
    assertEquals(ActionStatus.PENDING_APPROVAL, over.status(), "the limit of one is used");
    assertTrue(over.reason().contains("blast radius"), over.reason());
  }

  @Test
  @DisplayName(
      "an action a stale pause kept from the blast-radius breaker in the refused plan is counted"
          + " when it is planned again: a limit of one admits it, and nothing after it")
  void replannedActionIsCountedOnce() {
    Consumer<ParryRuntime.Builder> one = isolationsPerHour(1);
    ParryRuntime a = waiting("a", counted(), holding(), one);
    ParryRuntime b = bystander(one);
    a.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "rule fixed");
    ActionRecord admitted = reported(a, "admitted").actions().get(0);
    assertEquals(ActionStatus.APPROVED, admitted.status(), "automatic: " + admitted.reason());
    ActionRecord over = reported(b, "over").actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, over.status(), "the limit of one is used");
    assertTrue(over.reason().contains("blast radius"), over.reason());
  }

  @Test
  @DisplayName(
      "a pause recorded through the other runtime while an automatic action waits to be sent"
          + " holds it at its dispatch")
  void pauseWhileQueuedHoldsAtDispatch() {
    Holding scheduler = holding();
    ParryRuntime a = runtime("a", counted(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    Investigation state = reported(a, "queued");
    assertEquals(ActionStatus.APPROVED, state.actions().get(0).status(), "planned automatic");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the queued isolation was held",
        () -> only(a, state.id()).status() == ActionStatus.PENDING_APPROVAL);
    assertTrue(only(a, state.id()).reason().contains("kill switch"), only(a, state.id()).reason());
    assertEquals(0, callsFor(state.id()).size(), "nothing sent");
  }

  @Test
  @DisplayName(
      "a pause this runtime recorded and the other lifted while an automatic action waited to be"
          + " sent holds nothing: the hold decided on the stale pause is refused by the fence")
  void staleOwnPauseHoldsNothingAtDispatch() {
    Holding scheduler = holding();
    ParryRuntime a = waiting("a", counted(), scheduler);
    ParryRuntime b = bystander(builder -> {});
    Investigation state = reported(a, "lifted");
    assertEquals(ActionStatus.APPROVED, state.actions().get(0).status(), "planned automatic");
    a.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    b.resumeAutomation(SharedStoreScenarios.ANALYST, null, "rule fixed");
    scheduler.letGo();
    // held for approval, it could not succeed: nobody approves it here
    SharedStoreScenarios.await(
        "the isolation succeeded once the pause was lifted",
        () -> only(a, state.id()).status() == ActionStatus.SUCCEEDED);
  }

  @Test
  @DisplayName(
      "the read after a refused append fails: the evidence is not stored, the report fails with"
          + " the store's error, and reported again it is planned under the change")
  void readAfterTheRefusalFails() {
    CountingDataSource data = counted();
    ParryRuntime a = waiting("a", data, holding());
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "unreadable");
    long version = a.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow().version();
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    data.failNext(PostgresRoundTripsTest.CONTROL_READ, false);
    assertThrows(
        StoreUnavailableException.class,
        () -> a.reportEvidence(id, malicious(workstation("unreadable"))));
    assertTrue(data.struck(), "the read failed");
    Investigation unchanged = a.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow();
    assertEquals(version, unchanged.version(), "nothing stored");
    assertEquals(List.of(), unchanged.actions(), "no action");
    ActionRecord held = a.reportEvidence(id, malicious(workstation("unreadable"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    assertTrue(held.reason().contains("kill switch"), held.reason());
  }

  @Test
  @DisplayName(
      "the read after a refused dispatch fails: nothing is sent, the action stays due, and it is"
          + " held once the store answers")
  void readAfterARefusedDispatchFails() {
    Holding scheduler = holding();
    CountingDataSource data = counted();
    ParryRuntime a = runtime("a", data, builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    Investigation state = reported(a, "dispatch-unreadable");
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    data.failNext(PostgresRoundTripsTest.CONTROL_READ, false);
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation was held once the control state could be read",
        () -> only(a, state.id()).status() == ActionStatus.PENDING_APPROVAL);
    assertTrue(data.struck(), "the read failed");
    assertEquals(0, callsFor(state.id()).size(), "nothing sent");
  }

  @Test
  @DisplayName(
      "the acknowledgement of a plan's append refused by the fence is lost: the report fails,"
          + " nothing is stored, and reported again it is planned under the change")
  void refusedPlanWhoseAcknowledgementIsLost() {
    CountingDataSource data = counted();
    ParryRuntime a = waiting("a", data, holding());
    ParryRuntime b = bystander(builder -> {});
    b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "bad detection rule");
    InvestigationId id = opened(a, "lost-refusal");
    data.failNext(PLAN_APPEND, true);
    assertThrows(
        StoreUnavailableException.class,
        () -> a.reportEvidence(id, malicious(workstation("lost-refusal"))));
    assertTrue(data.struck(), "the refused append's acknowledgement was lost");
    Investigation unchanged = a.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow();
    assertEquals(List.of(), unchanged.evidence(), "nothing stored");
    ActionRecord held =
        a.reportEvidence(id, malicious(workstation("lost-refusal"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "planned under b's kill switch");
    assertTrue(held.reason().contains("kill switch"), held.reason());
  }

  @Test
  @DisplayName(
      "the acknowledgement of a plan's append made again after the fence refused it is lost: the"
          + " evidence is stored once, and its automatic action is carried through from what is"
          + " stored")
  void replannedAppendWhoseAcknowledgementIsLost() {
    CountingDataSource data = counted();
    Holding scheduler = holding();
    ParryRuntime a = waiting("a", data, scheduler);
    ParryRuntime b = bystander(builder -> {});
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    InvestigationId id = opened(a, "lost-plan");
    data.failAfter(PLAN_APPEND, true, 1); // the first is refused by the fence
    assertThrows(
        StoreUnavailableException.class,
        () -> a.reportEvidence(id, malicious(workstation("lost-plan"))));
    assertTrue(data.struck(), "the second append's acknowledgement was lost");
    Investigation stored = a.investigation(id, SharedStoreScenarios.ANALYST).orElseThrow();
    assertEquals(1, stored.evidence().size(), "the evidence stored once: " + stored.evidence());
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation stored by the landed append was carried through",
        () -> only(a, id).status() == ActionStatus.SUCCEEDED);
    assertEquals(
        1,
        callsFor(id).stream().map(c -> c.request().idempotencyKey()).distinct().count(),
        "one idempotency key: " + callsFor(id));
  }

  @Test
  @DisplayName(
      "the acknowledgement of a dispatch's append made again after the fence refused it is lost:"
          + " the action is carried through with one idempotency key")
  void fencedDispatchWhoseAcknowledgementIsLost() {
    CountingDataSource data = counted();
    Holding scheduler = holding();
    ParryRuntime a = waiting("a", data, scheduler);
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "lost-dispatch");
    a.reportEvidence(id, malicious(workstation("lost-dispatch"))); // fenced at the state read
    b.pauseAutomation(SharedStoreScenarios.ANALYST, DeviceGroupName.of("Servers"), "patching");
    data.failAfter(DISPATCH_APPEND, true, 1); // the first is refused by the fence
    scheduler.letGo();
    SharedStoreScenarios.await(
        "the isolation succeeded", () -> only(a, id).status() == ActionStatus.SUCCEEDED);
    assertTrue(data.struck(), "the dispatch's acknowledgement was lost");
    assertEquals(
        1,
        callsFor(id).stream().map(c -> c.request().idempotencyKey()).distinct().count(),
        "one idempotency key: " + callsFor(id));
  }
}
