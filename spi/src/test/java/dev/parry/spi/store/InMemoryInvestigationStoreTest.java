package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory store appends atomically with optimistic concurrency")
class InMemoryInvestigationStoreTest {

  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  static final InvestigationId ID = InvestigationId.of("inv-s");

  final InMemoryInvestigationStore store = InMemoryInvestigationStore.create();

  Investigation create() {
    Decision.Accepted opened =
        Investigation.open(
            ID,
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            NOW);
    store.append(ID, 0, opened.events(), opened.after());
    return opened.after();
  }

  Decision.Accepted propose(Investigation state) {
    return (Decision.Accepted)
        state.decide(
            new Command.ProposeAction(
                new Command.Proposal(
                    new PlannedAction(
                        new IsolateDevice(
                            Device.of(DeviceId.of("d"), DeviceName.of("ws")), IsolationType.FULL),
                        ApprovalMode.REQUIRES_APPROVAL,
                        "test"),
                    ApprovalRule.SINGLE),
                Actor.system()),
            NOW);
  }

  @Test
  @DisplayName("a stale expected version is refused and nothing is written")
  void staleVersion() {
    Investigation opened = create();
    Decision.Accepted first = propose(opened);
    store.append(ID, opened.version(), first.events(), first.after());
    ConcurrencyConflictException e =
        assertThrows(
            ConcurrencyConflictException.class,
            () -> store.append(ID, opened.version(), first.events(), first.after()));
    assertEquals(1, e.expectedVersion());
    assertEquals(2, e.actualVersion());
    assertEquals(2, store.events(ID).size());
    assertEquals(1, store.queryActions(ActionQuery.pending().build()).items().size());
  }

  @Test
  @DisplayName(
      "creating twice conflicts; events of another investigation or a mismatched state are refused")
  void validation() {
    Investigation opened = create();
    Decision.Accepted again =
        Investigation.open(
            ID,
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            NOW);
    assertThrows(
        ConcurrencyConflictException.class,
        () -> store.append(ID, 0, again.events(), again.after()));
    Decision.Accepted next = propose(opened);
    assertThrows(
        InvalidInputException.class,
        () -> store.append(InvestigationId.of("other"), 1, next.events(), next.after()));
    assertThrows(InvalidInputException.class, () -> store.append(ID, 1, next.events(), opened));
    assertThrows(
        InvalidInputException.class, () -> store.append(ID, 1, java.util.List.of(), opened));
    assertEquals(1, store.events(ID).size());
    assertTrue(store.load(InvestigationId.of("missing")).isEmpty());
  }

  @Test
  @DisplayName(
      "a store sized up front holds investigations like any other; a size out of range is refused by value")
  void sized() {
    InMemoryInvestigationStore sized = InMemoryInvestigationStore.create(1_000);
    Decision.Accepted opened =
        Investigation.open(
            ID,
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            NOW);
    sized.append(ID, 0, opened.events(), opened.after());
    assertEquals(opened.after(), sized.load(ID).orElseThrow());
    assertEquals(0, InMemoryInvestigationStore.create(0).size());
    InvalidInputException negative =
        assertThrows(InvalidInputException.class, () -> InMemoryInvestigationStore.create(-1));
    assertTrue(negative.getMessage().contains("was: -1"), negative.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> InMemoryInvestigationStore.create(InMemoryInvestigationStore.MAX_EXPECTED + 1));
  }

  @Test
  @DisplayName(
      "an entity acted on in many investigations is found in every one, in order, page after page")
  void entityInManyInvestigations() {
    Device device = Device.of(DeviceId.of("d"), DeviceName.of("ws"));
    java.util.List<dev.parry.core.investigation.ActionId> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      InvestigationId id =
          InvestigationId.of("inv-" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
      Decision.Accepted opened =
          Investigation.open(
              id,
              AlertId.of("a"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              NOW.plusSeconds(i));
      store.append(id, 0, opened.events(), opened.after());
      Decision.Accepted proposed =
          (Decision.Accepted)
              opened
                  .after()
                  .decide(
                      new Command.ProposeAction(
                          new Command.Proposal(
                              new PlannedAction(
                                  new IsolateDevice(device, IsolationType.FULL),
                                  ApprovalMode.REQUIRES_APPROVAL,
                                  "test"),
                              ApprovalRule.SINGLE),
                          Actor.system()),
                      NOW.plusSeconds(i));
      store.append(id, 1, proposed.events(), proposed.after());
      expected.add(proposed.after().actions().get(0).id());
    }
    java.util.List<dev.parry.core.investigation.ActionId> found = new java.util.ArrayList<>();
    ActionQuery query = ActionQuery.all().entity(device.key()).limit(20).build();
    while (true) {
      Page<dev.parry.core.investigation.ActionRecord> page = store.queryActions(query);
      page.items().forEach(a -> found.add(a.id()));
      if (page.nextCursor() == null) {
        break;
      }
      query = query.after(page.nextCursor());
    }
    assertEquals(expected, found);
  }
}
