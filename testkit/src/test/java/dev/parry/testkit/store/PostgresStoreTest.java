package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ActionSource;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.JdbcSchema;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.random.Randomized;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName("The PostgreSQL store answers as the in-memory one does, migrates once, and refuses bad rows and lost databases clearly")
class PostgresStoreTest {

  @Test
  @DisplayName("random histories: same states, events and query pages as the in-memory store")
  void sameAnswersAsInMemory() {
    JdbcInvestigationStore jdbc = JdbcInvestigationStore.create(Postgres.dataSource());
    Randomized.cases(4).forAll(Histories.of("diff", 30).list(20, 20), histories -> {
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
    ActionQuery.Builder query = switch (random.nextInt(3)) {
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
  @DisplayName("the migration creates the schema once, is a no-op after, and a store refuses a database without it")
  void migration() {
    String schema = "parry_migration_test";
    Postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Postgres.execute("CREATE SCHEMA " + schema);
    try (HikariDataSource empty = Postgres.pool(Postgres.url() + "&currentSchema=" + schema, 4)) {
      assertEquals(0, JdbcSchema.version(empty));
      IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JdbcInvestigationStore.create(empty));
      assertTrue(missing.getMessage().contains("JdbcSchema.migrate"), missing.getMessage());
      assertEquals(JdbcSchema.VERSION, JdbcSchema.migrate(empty), "every script applies to an empty database");
      assertEquals(0, JdbcSchema.migrate(empty), "a second migration applied something");
      assertEquals(JdbcSchema.VERSION, JdbcSchema.version(empty));
      JdbcInvestigationStore store = JdbcInvestigationStore.migrateAndCreate(empty); // migrating again: a no-op
      List<Decision.Accepted> history = Histories.of("mig", 10).next(new Random(3));
      long version = 0;
      for (Decision.Accepted accepted : history) {
        store.append(accepted.after().id(), version, accepted.events(), accepted.after());
        version = accepted.after().version();
      }
      assertEquals(1, store.size());
      Postgres.execute("INSERT INTO " + schema + ".parry_schema_version (version) VALUES (" + (JdbcSchema.VERSION + 1) + ")");
      IllegalStateException newer = assertThrows(IllegalStateException.class, () -> JdbcSchema.migrate(empty));
      assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
      assertThrows(IllegalStateException.class, () -> JdbcInvestigationStore.create(empty), "a newer schema was accepted");
    } finally {
      Postgres.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  @DisplayName("a row edited into something the domain refuses is refused when read, naming the investigation")
  void corruptRow() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Decision.Accepted opened = Histories.of("corrupt", 0).next(new Random(5)).get(0);
    InvestigationId id = opened.after().id();
    store.append(id, 0, opened.events(), opened.after());
    Postgres.execute("UPDATE parry_investigations SET state = replace(state, '\"PT168H\"', '\"-PT1S\"') WHERE id = '"
        + id.value() + "'");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.load(id));
    assertTrue(refused.getMessage().contains(id.value()) && refused.getMessage().contains("pendingExpiry"),
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
    Postgres.execute("DELETE FROM parry_actions WHERE sequence = 1 AND investigation_id = '" + id.value() + "'");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.load(id));
    assertTrue(refused.getMessage().contains(id.value()) && refused.getMessage().contains("position 1"),
        refused.getMessage());
  }

  @Test
  @DisplayName("the events table refuses updates and deletes: the log is append-only in the database too")
  void eventsAreAppendOnly() {
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Decision.Accepted opened = Histories.of("append-only", 0).next(new Random(9)).get(0);
    InvestigationId id = opened.after().id();
    store.append(id, 0, opened.events(), opened.after());
    String where = " WHERE investigation_id = '" + id.value() + "'";
    for (String change : List.of("UPDATE parry_events SET event = '{}'" + where, "DELETE FROM parry_events" + where)) {
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Postgres.execute(change), change);
      assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
    }
    assertEquals(opened.events(), store.events(id));
  }

  @Test
  @DisplayName("a database that cannot be reached gives StoreUnavailableException, not a driver exception")
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
