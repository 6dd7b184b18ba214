package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.internal.RecordJson;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.JdbcSchema;
import dev.parry.testkit.ParryHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit chain against someone who can write the database: rows of {@code parry_events} edited,
 * removed, inserted or moved with plain SQL, the append-only trigger switched off first as the
 * table's owner can.
 */
@DisplayName(
    "The audit chain on PostgreSQL names what was done to its rows behind the store's back")
class PostgresAuditChainTest {

  static final Device DEVICE = Device.of(DeviceId.of("d-chain-1"), DeviceName.of("ws-chain-1"));
  static final DeviceFile FILE =
      DeviceFile.onDevice(
          Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
          DEVICE.id(),
          WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe"));

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);

  ParryHarness parry;

  @BeforeEach
  void harness() {
    parry =
        ParryHarness.onStore(JdbcInvestigationStore.create(Postgres.dataSource()), builder -> {});
  }

  @AfterEach
  void close() {
    if (parry != null) { // null when no server is configured and the test was skipped
      parry.close();
    }
  }

  /**
   * {@return an investigation with evidence, an automatic quarantine carried out, and its analysis
   * finished}
   */
  InvestigationId investigation() {
    InvestigationId id = InvestigationId.of("chain-" + UUID.randomUUID());
    parry.runtime().open(id, AlertId.of("alert-chain"), DEVICE);
    parry
        .runtime()
        .reportEvidence(
            id,
            Evidence.of(FILE, Verdict.MALICIOUS, "Trojan:Win32/Wacatac", parry.clock().instant()));
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
    behindTheStoresBack(Postgres.dataSource(), statements);
  }

  /**
   * Runs {@code statements} on {@code database} in one transaction with the events table's
   * append-only trigger off.
   */
  static void behindTheStoresBack(DataSource database, String... statements) {
    try (Connection connection = database.getConnection()) {
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

  /** {@return what the runtime's verification, against the anchored head, found broken} */
  Verification.Broken broken(InvestigationId id) {
    Verification verification = parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST);
    assertInstanceOf(Verification.Broken.class, verification, "verified as intact");
    return (Verification.Broken) verification;
  }

  static String json(InvestigationEvent event) {
    return "'" + JSON.write(event).replace("'", "''") + "'";
  }

  @Test
  @DisplayName("an untouched investigation verifies intact, every event chained")
  void intact() {
    InvestigationId id = investigation();
    List<AuditRecord> trail = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    assertEquals(new Verification.Intact(trail.size(), 0, 0), AuditTrail.verify(trail));
    assertEquals(
        7,
        trail.size(),
        "opened, evidence, proposed, started, succeeded, analysis finished, completed");
  }

  @Test
  @DisplayName("an event whose payload was edited in the database is named as changed")
  void editedEventIsFound() {
    InvestigationId id = investigation();
    long evidence = versionOf(id, InvestigationEvent.EvidenceRecorded.class);
    ChainHash stored =
        parry.runtime().auditTrail(id, ParryHarness.ANALYST).get((int) evidence - 1).hash();
    behindTheStoresBack(
        "UPDATE parry_events SET event = replace(event, 'Trojan:Win32/Wacatac', 'PUA:Win32/Harmless')"
            + where(id, evidence));
    List<AuditRecord> trail = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    assertEquals(parry.store().events(id).size(), trail.size());
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(evidence, Verification.Problem.CHANGED, stored),
        List.of(broken.version(), broken.problem(), broken.stored()),
        broken.detail());
  }

  @Test
  @DisplayName("a row deleted from the middle is named as removed")
  void deletedRowIsFound() {
    InvestigationId id = investigation();
    behindTheStoresBack("DELETE FROM parry_events" + where(id, 3));
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(3L, Verification.Problem.REMOVED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName(
      "a forged row inserted in the middle, the rest renumbered and its hash well formed, is named as inserted")
  void insertedRowIsFound() {
    InvestigationId id = investigation();
    List<AuditRecord> before = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    InvestigationEvent forged =
        new InvestigationEvent.Terminated(
            id,
            before.get(2).event().at(),
            Actor.principal(PrincipalName.of("mallory@contoso.com")),
            "nothing to see");
    ChainHash hash =
        AuditTrail.link(
            before.get(1).hash(), 3, forged); // the formula is public: anyone can compute it
    String ids = " WHERE investigation_id = '" + id.value() + "'";
    behindTheStoresBack(
        "UPDATE parry_events SET version = version + 1000000" + ids + " AND version >= 3",
        "UPDATE parry_events SET version = version - 999999" + ids + " AND version >= 1000000",
        "INSERT INTO parry_events (investigation_id, version, event, chain_hash) VALUES ('"
            + id.value()
            + "', 3, "
            + json(forged)
            + ", '"
            + hash
            + "')");
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(3L, Verification.Problem.INSERTED, hash),
        List.of(broken.version(), broken.problem(), broken.stored()),
        broken.detail());
  }

  @Test
  @DisplayName("a copy of an earlier row inserted at the end is named as inserted")
  void copiedRowIsFound() {
    InvestigationId id = investigation();
    long next = parry.store().events(id).size() + 1L;
    behindTheStoresBack(
        "INSERT INTO parry_events (investigation_id, version, event, chain_hash) SELECT investigation_id, "
            + next
            + ", event, chain_hash FROM parry_events"
            + where(id, 3));
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(next, Verification.Problem.INSERTED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName("two rows swapped, versions and all, are named as reordered")
  void swappedRowsAreFound() {
    InvestigationId id = investigation();
    behindTheStoresBack(
        "UPDATE parry_events SET version = 1000004" + where(id, 4),
        "UPDATE parry_events SET version = 4" + where(id, 5),
        "UPDATE parry_events SET version = 5" + where(id, 1000004));
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(4L, Verification.Problem.REORDERED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName(
      "random histories verify intact after their events' round trip through the database's JSON")
  void randomHistoriesVerify() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    long seed = 2026_0301L;
    Random random = new Random(seed);
    for (int history = 0; history < 20; history++) {
      List<Decision.Accepted> decisions =
          Histories.of("chain-random-" + UUID.randomUUID(), 30).next(random);
      InvestigationId id = decisions.get(0).after().id();
      long version = 0;
      List<InvestigationEvent> events = new ArrayList<>();
      for (Decision.Accepted accepted : decisions) {
        store.append(id, version, accepted.events(), accepted.after());
        events.addAll(accepted.events());
        version = accepted.after().version();
      }
      List<AuditRecord> chain = store.chain(id);
      assertEquals(
          AuditTrail.links(ChainHash.GENESIS, 0, events),
          chain.stream().map(AuditRecord::hash).toList(),
          "seed " + seed + ", history " + history);
      assertEquals(
          new Verification.Intact(events.size(), 0, 0),
          AuditTrail.verify(chain),
          "seed " + seed + ", history " + history);
    }
  }

  @Test
  @DisplayName(
      "a version-2 database holding events migrates once: its events predate the chain, the next ones are chained")
  void eventsOfVersion2PredateTheChain() throws SQLException {
    String old = "parry_v2_upgrade_test";
    String current = "parry_v2_upgrade_source";
    for (String schema : List.of(old, current)) {
      Postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      Postgres.execute("CREATE SCHEMA " + schema);
    }
    try (HikariDataSource v2 = Postgres.pool(Postgres.url() + "&currentSchema=" + old, 2);
        HikariDataSource source = Postgres.pool(Postgres.url() + "&currentSchema=" + current, 2)) {
      // version 2, as JdbcSchema.migrate of a release with two scripts left it
      try (Connection connection = v2.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(JdbcSchema.script(1));
        statement.execute(JdbcSchema.script(2));
        statement.execute(
            "CREATE TABLE parry_schema_version (version INT PRIMARY KEY,"
                + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        statement.execute("INSERT INTO parry_schema_version (version) VALUES (1), (2)");
      }
      assertEquals(2, JdbcSchema.version(v2));

      // an investigation with a pending action, written by the store into a current schema and
      // copied
      // into version 2's tables as version 2 wrote them: without the events' chain hashes
      JdbcInvestigationStore writer = JdbcInvestigationStore.migrateAndCreate(source);
      InvestigationId id = InvestigationId.of("v2-chain-" + UUID.randomUUID());
      Instant t = Instant.parse("2026-04-01T08:00:00Z");
      Decision.Accepted opened =
          Investigation.open(
              id,
              AlertId.of("alert-v2"),
              AutomationLevel.SEMI_ALL_FOLDERS,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              t);
      writer.append(id, 0, opened.events(), opened.after());
      Investigation written = opened.after();
      for (Command command :
          List.of(
              new Command.RecordEvidence(
                  Evidence.of(FILE, Verdict.MALICIOUS, "Trojan", t), List.of(), Actor.system()),
              new Command.ProposeAction(
                  new Command.Proposal(
                      new PlannedAction(
                          new IsolateDevice(DEVICE, IsolationType.FULL),
                          ApprovalMode.REQUIRES_APPROVAL,
                          "v2"),
                      ApprovalRule.SINGLE),
                  Actor.system()))) {
        Decision.Accepted accepted = (Decision.Accepted) written.decide(command, t);
        writer.append(id, written.version(), accepted.events(), accepted.after());
        written = accepted.after();
      }
      long version = written.version();
      Postgres.execute(
          "INSERT INTO "
              + old
              + ".parry_investigations SELECT * FROM "
              + current
              + ".parry_investigations");
      Postgres.execute(
          "INSERT INTO "
              + old
              + ".parry_events (investigation_id, version, event)"
              + " SELECT investigation_id, version, event FROM "
              + current
              + ".parry_events");
      Postgres.execute(
          "INSERT INTO " + old + ".parry_actions SELECT * FROM " + current + ".parry_actions");

      assertEquals(
          JdbcSchema.VERSION - 2,
          JdbcSchema.migrate(v2),
          "scripts applied to a version-2 database");
      assertEquals(JdbcSchema.VERSION, JdbcSchema.version(v2));
      JdbcInvestigationStore store = JdbcInvestigationStore.create(v2);
      int predating = (int) version;
      List<AuditRecord> migrated = store.chain(id);
      assertEquals(
          writer.events(id),
          migrated.stream().map(AuditRecord::event).toList(),
          "the events read back");
      assertTrue(
          migrated.stream().allMatch(AuditRecord::predatesChain),
          "no hash is made up for an event of version 2");
      assertEquals(new Verification.Intact(predating, predating, 0), AuditTrail.verify(migrated));

      // the next append links its first event to the genesis hash
      Investigation state = store.load(id).orElseThrow();
      Decision.Accepted terminated =
          (Decision.Accepted)
              state.decide(
                  new Command.Terminate(Actor.system(), "upgrade"),
                  state.openedAt().plusSeconds(86_400));
      ChainHead head = store.append(id, state.version(), terminated.events(), terminated.after());
      List<ChainHash> links =
          AuditTrail.links(ChainHash.GENESIS, state.version(), terminated.events());
      assertEquals(new ChainHead(terminated.after().version(), links.get(links.size() - 1)), head);
      List<AuditRecord> chained = store.chain(id);
      assertEquals(
          new Verification.Intact(chained.size(), predating, 0),
          AuditTrail.verify(chained),
          "the records of version 2 are counted as predating the chain");
      assertEquals(
          new Verification.Intact(chained.size(), predating, head.version()),
          AuditTrail.verify(chained, head));

      // an event written since is vouched for; one written by version 2 is not, and the result says
      // how many those are
      // (a row without a hash can no longer be updated while the check of version 4 stands: it goes
      // too)
      behindTheStoresBack(
          v2,
          "ALTER TABLE parry_events DROP CONSTRAINT parry_events_chained",
          "UPDATE parry_events SET event = replace(event, '\"v2\"', '\"v2-edited\"')"
              + where(id, predating),
          "ALTER TABLE parry_events ADD CONSTRAINT parry_events_chained CHECK (chain_hash IS NOT NULL AND chain_hash ~"
              + " '^[0-9a-f]{64}$') NOT VALID");
      assertTrue(
          store.events(id).get(predating - 1).toString().contains("v2-edited"), "the edit landed");
      assertEquals(
          new Verification.Intact(chained.size(), predating, 0),
          AuditTrail.verify(store.chain(id)),
          "an event that predates the chain is not vouched for");
      behindTheStoresBack(
          v2,
          "UPDATE parry_events SET event = replace(event, '\"upgrade\"', '\"edited\"')"
              + where(id, predating + 1));
      Verification.Broken broken = (Verification.Broken) AuditTrail.verify(store.chain(id));
      assertEquals(
          List.of(predating + 1L, Verification.Problem.CHANGED),
          List.of(broken.version(), broken.problem()));
    } finally {
      Postgres.execute("DROP SCHEMA " + old + " CASCADE");
      Postgres.execute("DROP SCHEMA " + current + " CASCADE");
    }
  }

  @Test
  @DisplayName(
      "a tail removed in the database is named as truncated, against the head the anchor kept")
  void truncatedTailIsFound() {
    InvestigationId id = investigation();
    List<AuditRecord> written = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    assertEquals(
        AuditTrail.head(written),
        parry.anchor().head(id),
        "the anchor holds the head of the last append");
    assertEquals(
        new Verification.Intact(7, 0, 7),
        parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST));
    behindTheStoresBack(
        "DELETE FROM parry_events" + where(id, 7), "DELETE FROM parry_events" + where(id, 6));
    assertTrue(
        AuditTrail.verify(parry.runtime().auditTrail(id, ParryHarness.ANALYST)).isIntact(),
        "by itself, the shorter chain holds together");
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(6L, Verification.Problem.TRUNCATED),
        List.of(broken.version(), broken.problem()),
        broken.detail());
  }

  @Test
  @DisplayName(
      "the last event forged with a hash recomputed for it is named as rewritten, against the anchored head")
  void rewrittenTailIsFound() {
    InvestigationId id = investigation();
    List<AuditRecord> written = parry.runtime().auditTrail(id, ParryHarness.ANALYST);
    InvestigationEvent forged =
        new InvestigationEvent.Terminated(
            id,
            written.get(6).event().at(),
            Actor.principal(PrincipalName.of("mallory@contoso.com")),
            "nothing to see");
    ChainHash hash = AuditTrail.link(written.get(5).hash(), 7, forged);
    behindTheStoresBack(
        "UPDATE parry_events SET event = "
            + json(forged)
            + ", chain_hash = '"
            + hash
            + "'"
            + where(id, 7));
    assertTrue(
        AuditTrail.verify(parry.runtime().auditTrail(id, ParryHarness.ANALYST)).isIntact(),
        "by itself, the rewritten chain holds together");
    Verification.Broken broken = broken(id);
    assertEquals(
        List.of(7L, Verification.Problem.REWRITTEN, written.get(6).hash(), hash),
        List.of(broken.version(), broken.problem(), broken.expected(), broken.stored()),
        broken.detail());
  }
}
