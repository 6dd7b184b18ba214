package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.AdversaryCancelWindowTest.ANALYST;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.store.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The undo a false positive stores with an action still running, on the PostgreSQL store: the mark
 * is read back by a store that did not write it, replays to the same state, and the success another
 * runtime records on that store requests the undo.
 */
@DisplayName("Attack: the undo stored with an action still running, on PostgreSQL")
class AdversaryFalsePositiveMarkPostgresTest {

  @Test
  @DisplayName("marked through one store, succeeded and undone through another")
  void markedOnOneStoreUndoneThroughAnother() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    // the control store is in the database too: an allow indicator of an earlier run stays
    Device device =
        new Device(
            DeviceId.of("d-pg-" + suffix),
            DeviceName.of("pg-" + suffix),
            null,
            Set.of(),
            OsPlatform.WINDOWS);
    try (Rig first =
        new Rig(321, JdbcInvestigationStore.create(Postgres.dataSource()), "pg-1", b -> {})) {
      first.runtime.start();
      first.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = first.isolate("inv-fp-pg-" + suffix, device);
      first.settle();
      assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
      JdbcInvestigationStore other = JdbcInvestigationStore.create(Postgres.dataSource());
      FalsePositiveReport report =
          first.runtime.reportFalsePositive(device, ANALYST, "lab \"machine\" ü");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      Investigation read = other.load(action.investigation()).orElseThrow();
      assertEquals(read, Investigation.replay(other.events(action.investigation())));
      ActionRecord marked = read.action(action).orElseThrow();
      assertEquals("lab \"machine\" ü", marked.undoOnSuccess().orElseThrow().comment());
      first.advance(Duration.ofMinutes(10));
      ActionRecord after =
          other.load(action.investigation()).orElseThrow().action(action).orElseThrow();
      assertEquals(ActionStatus.UNDONE, after.status(), after::toString);
      assertFalse(first.devices.isInEffect(isolation(device)));
      assertEquals(
          other.load(action.investigation()).orElseThrow(),
          Investigation.replay(other.events(action.investigation())));
    }
  }
}
