package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The in-memory store's due index: an expiry that went is passed over, then removed in its time")
class InMemoryDueIndexTest {

  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");

  final InMemoryInvestigationStore store = InMemoryInvestigationStore.create();

  /** {@return investigation {@code name}, opened at {@link #NOW} and stored} */
  static Investigation opened(InMemoryInvestigationStore store, String name, Duration expiry) {
    InvestigationId id = InvestigationId.of(name);
    Decision.Accepted opened =
        Investigation.open(id, AlertId.of("a"), AutomationLevel.FULL, expiry, Actor.system(), NOW);
    store.append(id, 0, opened.events(), opened.after());
    return opened.after();
  }

  /** {@return the proposal of an isolation of device {@code device}, to approve or automatic} */
  static Command.ProposeAction isolation(String device, ApprovalMode mode) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(
                    Device.of(DeviceId.of(device), DeviceName.of("ws")), IsolationType.FULL),
                mode,
                "test"),
            ApprovalRule.SINGLE),
        Actor.system());
  }

  /** {@return {@code state} after {@code command}, decided at {@link #NOW} and stored} */
  static Investigation apply(
      InMemoryInvestigationStore store, Investigation state, Command command) {
    Decision.Accepted next = (Decision.Accepted) state.decide(command, NOW);
    store.append(state.id(), state.version(), next.events(), next.after());
    return next.after();
  }

  /** {@return investigation {@code name}, stored, with {@code count} actions pending approval} */
  Investigation pending(String name, int count) {
    Investigation state = opened(store, name, Investigation.DEFAULT_PENDING_EXPIRY);
    for (int i = 0; i < count; i++) {
      state = apply(state, isolation(name + "-d" + i, ApprovalMode.REQUIRES_APPROVAL));
    }
    return state;
  }

  Investigation apply(Investigation state, Command command) {
    return apply(store, state, command);
  }

  static Instant expiry(Investigation state) {
    return state.actions().get(0).obligation().orElseThrow().due();
  }

  static List<ActionId> ids(List<ActionRecord> actions) {
    return actions.stream().map(ActionRecord::id).toList();
  }

  @Test
  @DisplayName(
      "an approved action is due once, for its dispatch, before and after its old expiry; the entry goes then")
  void approved() {
    Investigation state = pending("inv-approved", 1);
    ActionId action = state.actions().get(0).id();
    Instant expiry = expiry(state);
    state = apply(state, new Command.Approve(action, ALICE, ""));
    assertEquals(1, store.dueEntries(), "the expiry's entry is left for reading due work");
    assertEquals(List.of(action), ids(store.due(NOW, "owner", null, 10)));
    assertEquals(1, store.dueEntries(), "not yet its time");
    assertEquals(List.of(action), ids(store.due(expiry, "owner", null, 10)), "once, not twice");
    assertEquals(0, store.dueEntries(), "removed when its time came");
  }

  @Test
  @DisplayName(
      "rejected actions' entries are passed over page by page, and the pending one among them is due")
  void rejectedAmongPending() {
    Investigation state = pending("inv-mixed", 3);
    Instant expiry = expiry(state);
    ActionId kept = state.actions().get(1).id();
    state =
        apply(state, new Command.Reject(state.actions().get(0).id(), Actor.principal(ALICE), "no"));
    state =
        apply(state, new Command.Reject(state.actions().get(2).id(), Actor.principal(ALICE), "no"));
    assertEquals(List.of(), store.due(expiry.minusNanos(1), "owner", null, 10), "none yet");
    List<ActionRecord> first = store.due(expiry, "owner", null, 1);
    assertEquals(List.of(kept), ids(first), "the pending one, past the rejected one before it");
    assertEquals(List.of(), store.due(expiry, "owner", first.get(0), 1), "nothing after it");
    assertEquals(1, store.dueEntries(), "only the pending action's entry is left");
  }
}
