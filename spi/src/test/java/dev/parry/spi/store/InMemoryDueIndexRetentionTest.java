package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory store's due index under bounded retention")
class InMemoryDueIndexRetentionTest {

  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  /** Opens {@code name} with one action pending approval for {@code expiry}, then terminates it. */
  static void settledAfterWaiting(InMemoryInvestigationStore store, String name, Duration expiry) {
    Investigation state = InMemoryDueIndexTest.opened(store, name, expiry);
    state =
        apply(
            store,
            state,
            InMemoryDueIndexTest.isolation(name + "-d", ApprovalMode.REQUIRES_APPROVAL));
    state = apply(store, state, new Command.Terminate(Actor.system(), ""));
    assertTrue(state.completedAt() != null, "terminated and complete");
  }

  static Investigation apply(InMemoryInvestigationStore store, Investigation state, Command c) {
    return InMemoryDueIndexTest.apply(store, state, c);
  }

  @Test
  @DisplayName(
      "an evicted investigation leaves no entry in the due index: memory stays bounded by retention")
  void evictedLeavesNoEntry() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.builder().retainAtMost(1).build();
    for (int i = 0; i < 200; i++) {
      settledAfterWaiting(store, "inv-" + i, Duration.ofDays(3_650));
    }
    store.due(NOW.plus(Duration.ofDays(1)), "owner", null, 10);
    assertTrue(store.size() <= 2, "retention holds: " + store.size());
    assertTrue(store.evicted() >= 198, "evicted: " + store.evicted());
    assertTrue(
        store.dueEntries() <= 2,
        "entries of evicted investigations' expiries stay for ten years: " + store.dueEntries());
  }

  @Test
  @DisplayName("a retention sink may read due work while the store evicts to it")
  void sinkReadsDueWork() {
    List<Integer> seen = new ArrayList<>();
    InMemoryInvestigationStore[] holder = {null};
    InMemoryInvestigationStore store =
        InMemoryInvestigationStore.builder()
            .retainAtMost(1)
            .sink(
                evicted ->
                    seen.add(
                        holder[0].due(NOW.plus(Duration.ofDays(30)), "owner", null, 100).size()))
            .build();
    holder[0] = store;
    for (int i = 0; i < 20; i++) {
      settledAfterWaiting(store, "inv-" + i, Duration.ofDays(1));
    }
    assertTrue(store.evicted() >= 18, "evicted: " + store.evicted());
    assertEquals(store.evicted(), seen.size());
    assertTrue(seen.stream().allMatch(n -> n == 0), "nothing is due: " + seen);
  }

  @Test
  @DisplayName(
      "an evicted investigation whose time-boxed action was undone early leaves no box end entry")
  void undoneEarlyLeavesNoEntry() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.builder().retainAtMost(1).build();
    for (int n = 0; n < 50; n++) {
      Investigation opened =
          InMemoryDueIndexTest.opened(store, "boxed-" + n, Investigation.DEFAULT_PENDING_EXPIRY);
      Investigation state =
          apply(
              store,
              opened,
              new Command.ProposeAction(
                  new Command.Proposal(
                      new PlannedAction(
                          new IsolateDevice(
                              Device.of(DeviceId.of(n + "-d"), DeviceName.of("ws")),
                              IsolationType.FULL),
                          ApprovalMode.AUTOMATIC,
                          "test"),
                      ApprovalRule.SINGLE,
                      Duration.ofDays(3_000),
                      null),
                  Actor.system()));
      var action = state.actions().get(0).id();
      state = apply(store, state, new Command.Start(action, null));
      state = apply(store, state, new Command.Succeed(action, "ok"));
      state =
          apply(
              store,
              state,
              new Command.RequestUndo(
                  action, Actor.principal(dev.parry.core.actor.PrincipalName.of("a@b.com")), ""));
      state = apply(store, state, new Command.CompleteUndo(action, "ok"));
      state = apply(store, state, new Command.Terminate(Actor.system(), ""));
      assertTrue(state.completedAt() != null, "complete");
    }
    store.due(NOW.plus(Duration.ofDays(1)), "owner", null, 10);
    assertTrue(store.evicted() >= 48, "evicted: " + store.evicted());
    assertTrue(
        store.dueEntries() <= 2,
        "box end entries of evicted investigations stay for 3,000 days: " + store.dueEntries());
  }
}
