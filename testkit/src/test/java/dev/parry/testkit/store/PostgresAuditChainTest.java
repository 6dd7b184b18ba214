package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.ParryHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit chain against someone who can write the database: rows of {@code parry_events} edited,
 * removed, inserted or moved with plain SQL, the append-only trigger switched off first as the
 * table's owner can.
 */
@DisplayName("The audit chain on PostgreSQL names what was done to its rows behind the store's back")
class PostgresAuditChainTest {

  static final Device DEVICE = Device.of(DeviceId.of("d-chain-1"), DeviceName.of("ws-chain-1"));
  static final DeviceFile FILE = DeviceFile.onDevice(
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), DEVICE.id(),
      WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe"));

  ParryHarness parry;

  @BeforeEach
  void harness() {
    parry = ParryHarness.onStore(JdbcInvestigationStore.create(Postgres.dataSource()), builder -> { });
  }

  @AfterEach
  void close() {
    parry.close();
  }

  /** {@return an investigation with evidence, an automatic quarantine carried out, and its analysis finished} */
  InvestigationId investigation() {
    InvestigationId id = InvestigationId.of("chain-" + UUID.randomUUID());
    parry.runtime().open(id, AlertId.of("alert-chain"), DEVICE);
    parry.runtime().reportEvidence(id, Evidence.of(FILE, Verdict.MALICIOUS, "Trojan:Win32/Wacatac",
        parry.clock().instant()));
    parry.settle();
    parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    return id;
  }

  /** {@return the version of the first event of {@code type}} */
  long versionOf(InvestigationId id, Class<? extends InvestigationEvent> type) {
    List<InvestigationEvent> events = parry.store().events(id);
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i + 1L;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + id);
  }

  /** Runs {@code statements} in one transaction with the events table's append-only trigger off. */
  static void behindTheStoresBack(String... statements) {
    try (Connection connection = Postgres.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE parry_events DISABLE TRIGGER parry_events_append_only");
        for (String sql : statements) {
          statement.execute(sql);
        }
        statement.execute("ALTER TABLE parry_events ENABLE TRIGGER parry_events_append_only");
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String where(InvestigationId id, long version) {
    return " WHERE investigation_id = '" + id.value() + "' AND version = " + version;
  }

  @Test
  @DisplayName("an event whose payload was edited in the database does not verify")
  void editedEventIsFound() {
    InvestigationId id = investigation();
    long evidence = versionOf(id, InvestigationEvent.EvidenceRecorded.class);
    behindTheStoresBack("UPDATE parry_events SET event = replace(event, 'Trojan:Win32/Wacatac', 'PUA:Win32/Harmless')"
        + where(id, evidence));
    List<AuditRecord> trail = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    assertEquals(parry.store().events(id).size(), trail.size());
    assertFalse(AuditTrail.verify(trail).isIntact(), "an edited event verified as intact");
  }

  @Test
  @DisplayName("a tail removed in the database does not verify against the head kept when it was written")
  void truncatedTailIsFound() {
    InvestigationId id = investigation();
    List<AuditRecord> written = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    long last = written.size();
    behindTheStoresBack("DELETE FROM parry_events" + where(id, last), "DELETE FROM parry_events" + where(id, last - 1));
    List<AuditRecord> trail = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    assertEquals(written.size() - 2, trail.size());
    assertFalse(AuditTrail.verify(trail).isIntact(), "a truncated chain verified as intact; the head written was "
        + AuditTrail.head(written) + ", Parry kept it nowhere");
  }
}
