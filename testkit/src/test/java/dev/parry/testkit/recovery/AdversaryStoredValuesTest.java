package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile values already in the store when a runtime starts: they must not break the reconciler nor
 * stay unsettled.
 */
class AdversaryStoredValuesTest {

  /** Stores an investigation holding one automatic action followed by {@code then}'s events. */
  static ActionId store(
      Rig rig,
      String name,
      RemediationAction action,
      Function<ActionId, List<InvestigationEvent>> then) {
    InvestigationId id = InvestigationId.of(name);
    Instant now = rig.clock.instant();
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            now);
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    Investigation state = opened.after();
    ActionId actionId = new ActionId(id, 1);
    List<InvestigationEvent> all = new ArrayList<>();
    all.add(
        new InvestigationEvent.ActionProposed(
            id,
            now,
            Actor.system(),
            actionId,
            action,
            ApprovalMode.AUTOMATIC,
            "stored",
            ApprovalRule.SINGLE,
            null,
            null));
    all.addAll(then.apply(actionId));
    for (InvestigationEvent event : all) {
      events.add(event);
      state = state.evolve(event);
    }
    rig.store.delegateStore().append(id, 0, events, state);
    return actionId;
  }

  @Test
  @DisplayName("a stored undo of an action that cannot be undone fails, and breaks nothing")
  void storedUndoOfIrreversibleAction() {
    try (Rig rig = new Rig(301, b -> {})) {
      Instant now = rig.clock.instant();
      ActionId action =
          store(
              rig,
              "inv-old",
              new RunAntivirusScan(WORKSTATION, ScanType.QUICK),
              id ->
                  List.of(
                      new InvestigationEvent.ActionStarted(
                          id.investigation(),
                          now,
                          Actor.system(),
                          id,
                          1,
                          now.plus(Duration.ofHours(1))),
                      new InvestigationEvent.ActionSucceeded(
                          id.investigation(), now, Actor.system(), id, "done"),
                      new InvestigationEvent.UndoRequested(
                          id.investigation(),
                          now,
                          Actor.system(),
                          id,
                          "stored by an older version")));
      rig.runtime.start();
      rig.advance(Duration.ofDays(1));
      assertEquals(
          List.of(), rig.virtual.failures().stream().map(Throwable::toString).distinct().toList());
      assertTrue(
          rig.action(action).status().isSettled() && !rig.action(action).status().isDispatched(),
          () -> "still " + rig.action(action).status());
    }
  }

  @Test
  @DisplayName(
      "a stored in-progress action at the largest attempt count with no reachable deadline times out")
  void storedAttemptOverflow() {
    try (Rig rig = new Rig(302, b -> {})) {
      Instant now = rig.clock.instant();
      ActionId action =
          store(
              rig,
              "inv-old",
              isolation(WORKSTATION),
              id ->
                  List.of(
                      new InvestigationEvent.ActionStarted(
                          id.investigation(),
                          now,
                          Actor.system(),
                          id,
                          Integer.MAX_VALUE,
                          Instant.MAX)));
      rig.runtime.start();
      rig.advance(Duration.ofDays(1));
      assertTrue(rig.runtime.health().isHealthy(), () -> rig.runtime.health().toString());
      assertFalse(
          rig.action(action).status().isDispatched(),
          () ->
              "still " + rig.action(action).status() + " after a day; executes=" + rig.executes());
    }
  }

  @Test
  @DisplayName(
      "a stored in-progress action with a deadline at the end of time still times out by its attempts")
  void storedEndlessDeadline() {
    try (Rig rig = new Rig(303, b -> {})) {
      Instant now = rig.clock.instant();
      rig.devices.inject(Fault.neverAnswer(), 100);
      ActionId action =
          store(
              rig,
              "inv-old",
              isolation(WORKSTATION),
              id ->
                  List.of(
                      new InvestigationEvent.ActionStarted(
                          id.investigation(), now, Actor.system(), id, 1, Instant.MAX)));
      rig.runtime.start();
      rig.advance(Duration.ofDays(1));
      assertTrue(
          rig.action(action).status().isSettled() && !rig.action(action).status().isDispatched(),
          () -> "still " + rig.action(action).status() + "; executes=" + rig.executes());
      assertEquals(List.of(), rig.virtual.failures());
      assertTrue(rig.runtime.health().isHealthy(), () -> rig.runtime.health().toString());
    }
  }
}
