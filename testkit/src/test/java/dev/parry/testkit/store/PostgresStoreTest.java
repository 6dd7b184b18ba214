package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.action.ActionKind;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.error.InternalErrorException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.JdbcSchema;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.random.Randomized;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName(
    "The PostgreSQL store answers as the in-memory one does, migrates once, and refuses bad rows and lost databases clearly")
class PostgresStoreTest {

  @Test
  @DisplayName("random histories: same states, events and query pages as the in-memory store")
  void sameAnswersAsInMemory() {
    JdbcInvestigationStore jdbc = JdbcInvestigationStore.create(Postgres.dataSource());
    Randomized.cases(4)
        .forAll(
            Histories.of("diff", 30).list(20, 20),
            histories -> {
              Postgres.truncate();
              InMemoryInvestigationStore memory = InMemoryInvestigationStore.create();
              List<ActionRecord> actions = new ArrayList<>();
              for (List<Decision.Accepted> history : histories) {
                long version = 0;
                for (Decision.Accepted accepted : history) {
                  InvestigationId id = accepted.after().id();
                  memory.append(id, version, accepted.events(), accepted.after());
                  jdbc.append(id, version, accepted.events(), accepted.after());
                  version = accepted.after().version();
                }
                Investigation last = history.get(history.size() - 1).after();
                assertEquals(last, jdbc.load(last.id()).orElseThrow(), "load");
                assertEquals(memory.events(last.id()), jdbc.events(last.id()), "events");
                actions.addAll(last.actions());
              }
              Random random = new Random(histories.size() * 31L + actions.size());
              for (int q = 0; q < 60; q++) {
                ActionQuery query = randomQuery(random, actions);
                assertEquals(pages(memory, query), pages(jdbc, query), query.toString());
              }
            });
  }

  private static ActionQuery randomQuery(Random random, List<ActionRecord> actions) {
    ActionQuery.Builder query =
        switch (random.nextInt(3)) {
          case 0 -> ActionQuery.pending();
          case 1 -> ActionQuery.history();
          default -> ActionQuery.all();
        };
    if (random.nextInt(3) == 0) {
      query.statuses(subset(random, ActionStatus.class));
    }
    if (random.nextInt(4) == 0) {
      query.families(subset(random, EntityFamily.class));
    }
    if (random.nextInt(4) == 0) {
      query.kinds(subset(random, ActionKind.class));
    }
    if (random.nextInt(5) == 0) {
      query.sources(subset(random, ActionSource.class));
    }
    if (!actions.isEmpty() && random.nextInt(5) == 0) {
      query.entity(actions.get(random.nextInt(actions.size())).action().target().key());
    }
    if (!actions.isEmpty() && random.nextInt(5) == 0) {
      query.investigation(actions.get(random.nextInt(actions.size())).id().investigation());
    }
    Instant from = DomainGenerators.EPOCH.plusSeconds(random.nextInt(200_000));
    if (random.nextInt(4) == 0) {
      query.proposedFrom(from);
    }
    if (random.nextInt(4) == 0) {
      query.proposedTo(from.plus(Duration.ofSeconds(random.nextInt(400_000))));
    }
    return query.newestFirst(random.nextBoolean()).limit(1 + random.nextInt(7)).build();
  }

  private static <E extends Enum<E>> Set<E> subset(Random random, Class<E> type) {
    EnumSet<E> out = EnumSet.noneOf(type);
    for (E constant : type.getEnumConstants()) {
      if (random.nextInt(3) == 0) {
        out.add(constant);
      }
    }
    return out;
  }

  /** Every page of {@code query}, each page's items as a list. */
  private static List<List<ActionRecord>> pages(InvestigationStore store, ActionQuery query) {
    List<List<ActionRecord>> pages = new ArrayList<>();
    ActionQuery next = query;
    while (true) {
      Page<ActionRecord> page = store.queryActions(next);
      pages.add(page.items());
      if (page.nextCursor() == null) {
        return pages;
      }
      next = next.after(page.nextCursor());
    }
  }

  @Test
  @DisplayName(
      "the migration creates the schema once, is a no-op after, and a store refuses a database without it")
  void migration() {
    String schema = "parry_migration_test";
    Postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Postgres.execute("CREATE SCHEMA " + schema);
    try (HikariDataSource empty = Postgres.pool(Postgres.url() + "&currentSchema=" + schema, 4)) {
      assertEquals(0, JdbcSchema.version(empty));
      InternalErrorException missing =
          assertThrows(InternalErrorException.class, () -> JdbcInvestigationStore.create(empty));
      assertTrue(missing.getMessage().contains("JdbcSchema.migrate"), missing.getMessage());
      assertEquals(
          JdbcSchema.VERSION,
          JdbcSchema.migrate(empty),
          "every script applies to an empty database");
      assertEquals(0, JdbcSchema.migrate(empty), "a second migration applied something");
      assertEquals(JdbcSchema.VERSION, JdbcSchema.version(empty));
      JdbcInvestigationStore store =
          JdbcInvestigationStore.migrateAndCreate(empty); // migrating again: a no-op
      List<Decision.Accepted> history = Histories.of("mig", 10).next(new Random(3));
      long version = 0;
      for (Decision.Accepted accepted : history) {
        store.append(accepted.after().id(), version, accepted.events(), accepted.after());
        version = accepted.after().version();
      }
      assertEquals(1, store.size());
      Postgres.execute(
          "INSERT INTO "
              + schema
              + ".parry_schema_version (version) VALUES ("
              + (JdbcSchema.VERSION + 1)
              + ")");
      InternalErrorException newer =
          assertThrows(InternalErrorException.class, () -> JdbcSchema.migrate(empty));
      assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
      assertThrows(
          InternalErrorException.class,
          () -> JdbcInvestigationStore.create(empty),
          "a newer schema was accepted");
    } finally {
      Postgres.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  @DisplayName(
      "a version-1 database holding actions migrates once and answers each action's due work at its time")
  void dueAfterMigratingFromVersion1() throws SQLException {
    String old = "parry_v1_upgrade_test";
    String current = "parry_v1_upgrade_source";
    for (String schema : List.of(old, current)) {
      Postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      Postgres.execute("CREATE SCHEMA " + schema);
    }
    try (HikariDataSource v1 = Postgres.pool(Postgres.url() + "&currentSchema=" + old, 2);
        HikariDataSource v2 = Postgres.pool(Postgres.url() + "&currentSchema=" + current, 2)) {
      // version 1, as JdbcSchema.migrate of a release with one script left it
      try (Connection connection = v1.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(JdbcSchema.script(1));
        statement.execute(
            "CREATE TABLE IF NOT EXISTS parry_schema_version (version INT PRIMARY KEY,"
                + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        statement.execute("INSERT INTO parry_schema_version (version) VALUES (1)");
      }
      assertEquals(1, JdbcSchema.version(v1));

      // the actions, written by the store into a current schema
      JdbcInvestigationStore writer = JdbcInvestigationStore.migrateAndCreate(v2);
      Instant t = Instant.parse("2026-04-01T08:00:00Z");
      Duration pendingExpiry = Duration.ofDays(2);
      Investigation pending = open(writer, "v1-pending", pendingExpiry, t);
      pending =
          write(
              writer,
              pending,
              isolate("v1-p", ApprovalMode.REQUIRES_APPROVAL, null),
              t.plusSeconds(60));
      Investigation approved = open(writer, "v1-approved", Investigation.DEFAULT_PENDING_EXPIRY, t);
      approved =
          write(
              writer, approved, isolate("v1-a", ApprovalMode.AUTOMATIC, null), t.plusSeconds(120));
      Investigation boxed = open(writer, "v1-boxed", Investigation.DEFAULT_PENDING_EXPIRY, t);
      boxed =
          write(
              writer,
              boxed,
              isolate("v1-b", ApprovalMode.AUTOMATIC, Duration.ofHours(4)),
              t.plusSeconds(180));
      ActionId box = new ActionId(boxed.id(), 1);
      boxed = write(writer, boxed, new Command.Start(box, t.plusSeconds(3600)), t.plusSeconds(240));
      boxed = write(writer, boxed, new Command.Succeed(box, "isolated"), t.plusSeconds(300));
      // and nothing is due for a succeeded action without a time box, nor for a rejected one
      boxed =
          write(writer, boxed, isolate("v1-s", ApprovalMode.AUTOMATIC, null), t.plusSeconds(310));
      boxed =
          write(writer, boxed, new Command.Start(new ActionId(boxed.id(), 2)), t.plusSeconds(320));
      boxed =
          write(
              writer,
              boxed,
              new Command.Succeed(new ActionId(boxed.id(), 2), "isolated"),
              t.plusSeconds(330));
      boxed =
          write(
              writer,
              boxed,
              isolate("v1-r", ApprovalMode.REQUIRES_APPROVAL, null),
              t.plusSeconds(340));
      boxed =
          write(
              writer,
              boxed,
              new Command.Reject(new ActionId(boxed.id(), 3), Actor.system(), "no"),
              t.plusSeconds(350));
      assertEquals(ActionStatus.REJECTED, boxed.actions().get(2).status());

      // copied into version 1's tables as version 1 wrote them: its columns only, and without the
      // values it did not record (an action's expiry, deadline and undo count; the events'
      // likewise)
      String dropped = ",\"(expiresAt|deadline)\":(null|\"[^\"]*\")|,\"undoAttempts\":[0-9]+";
      Postgres.execute(
          "INSERT INTO "
              + old
              + ".parry_investigations (id, version, state)"
              + " SELECT id, version, state FROM "
              + current
              + ".parry_investigations");
      Postgres.execute(
          "INSERT INTO "
              + old
              + ".parry_events (investigation_id, version, event)"
              + " SELECT investigation_id, version, regexp_replace(event, '"
              + dropped
              + "', '', 'g')"
              + " FROM "
              + current
              + ".parry_events");
      Postgres.execute(
          "INSERT INTO "
              + old
              + ".parry_actions (investigation_id, sequence, status, family, kind, source,"
              + " entity_key, proposed_s, proposed_n, record, lease_owner, lease_until_ms) SELECT investigation_id, sequence,"
              + " status, family, kind, source, entity_key, proposed_s, proposed_n, regexp_replace(record, '"
              + dropped
              + "', '', 'g'), lease_owner, lease_until_ms FROM "
              + current
              + ".parry_actions");
      assertEquals(5, count(v1, "SELECT count(*) FROM parry_actions"));
      assertEquals(
          0,
          count(
              v1,
              "SELECT count(*) FROM parry_actions WHERE record LIKE '%expiresAt%'"
                  + " OR record LIKE '%undoAttempts%'"),
          "the rows hold what version 1 wrote");
      assertEquals(
          0,
          count(
              v1,
              "SELECT count(*) FROM parry_events WHERE event LIKE '%expiresAt%'"
                  + " OR event LIKE '%deadline%'"),
          "the events hold what version 1 wrote");

      assertEquals(
          JdbcSchema.VERSION - 1,
          JdbcSchema.migrate(v1),
          "scripts applied to a version-1 database");
      assertEquals(JdbcSchema.VERSION, JdbcSchema.version(v1));
      JdbcInvestigationStore store = JdbcInvestigationStore.create(v1);
      for (Investigation written : List.of(pending, approved, boxed)) {
        assertEquals(written.version(), store.events(written.id()).size(), "the events read back");
        assertEquals(
            written.actions().size(), store.load(written.id()).orElseThrow().actions().size());
      }

      ActionId expiring = new ActionId(pending.id(), 1);
      ActionId dispatching = new ActionId(approved.id(), 1);
      Instant expires = t.plusSeconds(60).plus(pendingExpiry);
      Instant dispatchDue = t.plusSeconds(120);
      Instant boxEnds = t.plusSeconds(300).plus(Duration.ofHours(4));
      assertEquals(
          List.of(),
          due(store, dispatchDue.minusNanos(1)),
          "nothing is due before the approved action");
      assertEquals(List.of(dispatching), due(store, dispatchDue), "the approved action, at once");
      assertEquals(
          List.of(dispatching), due(store, boxEnds.minusNanos(1)), "before the time box ends");
      assertEquals(List.of(dispatching, box), due(store, boxEnds), "the time box, when it ends");
      assertEquals(
          List.of(dispatching, box),
          due(store, expires.minusNanos(1)),
          "before the pending action expires after its investigation's pending expiry");
      assertEquals(
          List.of(dispatching, box, expiring),
          due(store, expires),
          "the pending action, when it expires");
      assertEquals(
          List.of(dispatching, box, expiring),
          due(store, t.plus(Duration.ofDays(365))),
          "nothing for the settled actions");
      for (ActionRecord answered : store.due(expires, "runtime-a", InvestigationStore.MAX_DUE)) {
        assertEquals(
            store
                .load(answered.id().investigation())
                .orElseThrow()
                .action(answered.id())
                .orElseThrow(),
            answered,
            "due answers the action as load does");
      }

      ActionRecord stored = store.load(pending.id()).orElseThrow().action(expiring).orElseThrow();
      assertEquals(
          expires,
          stored.expiresAt(),
          "the pending action expires after its investigation's pending expiry");
      assertEquals(
          List.of(stored),
          store.queryActions(ActionQuery.pending().investigation(pending.id()).build()).items(),
          "the action center reads it as load does");

      // a migrated row moves with the next append: approving the pending action makes it due at
      // once, since
      // its proposal (before the other's)
      Investigation loaded = store.load(pending.id()).orElseThrow();
      Instant approval = t.plus(Duration.ofHours(1));
      write(
          store,
          loaded,
          new Command.Approve(expiring, PrincipalName.of("analyst@contoso.com"), "yes"),
          approval);
      assertEquals(
          List.of(expiring, dispatching), due(store, approval), "the pending action, approved");
    } finally {
      Postgres.execute("DROP SCHEMA " + old + " CASCADE");
      Postgres.execute("DROP SCHEMA " + current + " CASCADE");
    }
  }

  private static Investigation open(
      InvestigationStore store, String name, Duration pendingExpiry, Instant at) {
    Decision.Accepted opened =
        Investigation.open(
            InvestigationId.of(name),
            AlertId.of("alert-" + name),
            AutomationLevel.FULL,
            pendingExpiry,
            Actor.system(),
            at);
    store.append(opened.after().id(), 0, opened.events(), opened.after());
    return opened.after();
  }

  private static Investigation write(
      InvestigationStore store, Investigation state, Command command, Instant at) {
    Decision.Accepted accepted = (Decision.Accepted) state.decide(command, at);
    store.append(state.id(), state.version(), accepted.events(), accepted.after());
    return accepted.after();
  }

  private static Command isolate(String device, ApprovalMode mode, @Nullable Duration timeBox) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(
                    Device.of(DeviceId.of(device), DeviceName.of("ws-" + device)),
                    IsolationType.FULL),
                mode,
                "migration test"),
            ApprovalRule.SINGLE,
            timeBox,
            null),
        Actor.system());
  }

  private static List<ActionId> due(InvestigationStore store, Instant now) {
    List<ActionId> ids = new ArrayList<>();
    store.due(now, "runtime-a", InvestigationStore.MAX_DUE).forEach(action -> ids.add(action.id()));
    return ids;
  }

  private static long count(HikariDataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  @DisplayName(
      "a version-4 database re-keys the actions on users with an object id, which it keyed by UPN")
  void usersReKeyedByObjectId() throws SQLException {
    String schema = "parry_v4_users_test";
    Postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Postgres.execute("CREATE SCHEMA " + schema);
    try (HikariDataSource v4 = Postgres.pool(Postgres.url() + "&currentSchema=" + schema, 2)) {
      JdbcInvestigationStore writer = JdbcInvestigationStore.migrateAndCreate(v4);
      Instant t = Instant.parse("2026-04-01T08:00:00Z");
      UserPrincipalName upn = UserPrincipalName.of("alice@contoso.com");
      UserAccount withId =
          new UserAccount(upn, ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
      UserAccount upnOnly = UserAccount.of(UserPrincipalName.of("bob@contoso.com"));
      Investigation state = open(writer, "v4-users", Investigation.DEFAULT_PENDING_EXPIRY, t);
      for (UserAccount user : List.of(withId, upnOnly)) {
        state =
            write(
                writer,
                state,
                new Command.ProposeAction(
                    new Command.Proposal(
                        new PlannedAction(
                            new DisableUser(user),
                            ApprovalMode.REQUIRES_APPROVAL,
                            "migration test"),
                        ApprovalRule.SINGLE),
                    Actor.system()),
                t);
      }
      // as version 4 left them: every user keyed by its UPN
      Postgres.execute(
          "UPDATE "
              + schema
              + ".parry_actions SET entity_key = 'user:alice@contoso.com' WHERE sequence = 1");
      Postgres.execute("DELETE FROM " + schema + ".parry_schema_version WHERE version >= 5");
      assertEquals(4, JdbcSchema.version(v4));
      assertEquals(
          List.of(),
          writer.queryActions(ActionQuery.all().entity(withId.key()).build()).items(),
          "before the migration, the new key finds nothing");

      assertEquals(JdbcSchema.VERSION - 4, JdbcSchema.migrate(v4), "version 5 and later applied");
      JdbcInvestigationStore store = JdbcInvestigationStore.create(v4);
      assertEquals(
          List.of(new ActionId(state.id(), 1)),
          store.queryActions(ActionQuery.all().entity(withId.key()).build()).items().stream()
              .map(ActionRecord::id)
              .toList(),
          "found under the object id");
      assertEquals(
          List.of(new ActionId(state.id(), 2)),
          store.queryActions(ActionQuery.all().entity(upnOnly.key()).build()).items().stream()
              .map(ActionRecord::id)
              .toList(),
          "a user with no object id keeps its UPN key");
      assertEquals(
          state.actions(),
          store.load(state.id()).orElseThrow().actions(),
          "the records read as before");
    } finally {
      Postgres.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  @DisplayName(
      "a row edited into something the domain refuses is refused when read, naming the investigation")
  void corruptRow() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Decision.Accepted opened = Histories.of("corrupt", 0).next(new Random(5)).get(0);
    InvestigationId id = opened.after().id();
    store.append(id, 0, opened.events(), opened.after());
    Postgres.execute(
        "UPDATE parry_investigations SET state = replace(state, '\"PT168H\"', '\"-PT1S\"') WHERE id = '"
            + id.value()
            + "'");
    InternalErrorException refused =
        assertThrows(InternalErrorException.class, () -> store.load(id));
    assertTrue(
        refused.getMessage().contains(id.value()) && refused.getMessage().contains("pendingExpiry"),
        refused.getMessage());
  }

  @Test
  @DisplayName("a missing action row is refused when the investigation is read, naming it")
  void missingActionRow() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Random random = new Random(11);
    List<Decision.Accepted> history = Histories.of("rows", 40).next(random);
    while (history.get(history.size() - 1).after().actions().size() < 2) {
      history = Histories.of("rows", 40).next(random);
    }
    long version = 0;
    for (Decision.Accepted accepted : history) {
      store.append(accepted.after().id(), version, accepted.events(), accepted.after());
      version = accepted.after().version();
    }
    InvestigationId id = history.get(0).after().id();
    Postgres.execute(
        "DELETE FROM parry_actions WHERE sequence = 1 AND investigation_id = '" + id.value() + "'");
    InternalErrorException refused =
        assertThrows(InternalErrorException.class, () -> store.load(id));
    assertTrue(
        refused.getMessage().contains(id.value()) && refused.getMessage().contains("position 1"),
        refused.getMessage());
  }

  @Test
  @DisplayName(
      "the events table refuses updates and deletes: the log is append-only in the database too")
  void eventsAreAppendOnly() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Decision.Accepted opened = Histories.of("append-only", 0).next(new Random(9)).get(0);
    InvestigationId id = opened.after().id();
    store.append(id, 0, opened.events(), opened.after());
    String where = " WHERE investigation_id = '" + id.value() + "'";
    for (String change :
        List.of(
            "UPDATE parry_events SET event = '{}'" + where, "DELETE FROM parry_events" + where)) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> Postgres.execute(change), change);
      assertTrue(
          refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
    }
    assertEquals(opened.events(), store.events(id));
  }

  @Test
  @DisplayName(
      "a database that cannot be reached gives StoreUnavailableException, not a driver exception")
  void unreachable() {
    Postgres.dataSource();
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/parry?connectTimeout=2");
    InvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    assertThrows(StoreUnavailableException.class, () -> JdbcSchema.version(nowhere));
    assertThrows(StoreUnavailableException.class, () -> JdbcInvestigationStore.create(nowhere));
    assertTrue(store.load(InvestigationId.of("never-written")).isEmpty());
  }
}
