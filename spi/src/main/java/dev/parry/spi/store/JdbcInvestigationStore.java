package dev.parry.spi.store;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.internal.RecordJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The store on PostgreSQL, through plain JDBC: shared by every service instance that uses the same
 * database, and durable across restarts. Bring your own driver and (pooled) {@link DataSource};
 * Parry uses nothing beyond {@code java.sql}. The tables are created by {@link JdbcSchema}.
 *
 * <ul>
 *   <li>An append is one transaction: a conditional update of the investigation's version (the
 *       optimistic lock), the new events (inserted, never updated) and the rows of the actions they
 *       touched. A stale version writes nothing and throws {@link ConcurrencyConflictException}.
 *   <li>{@link #load} reads the investigation and its action rows in one statement, so it sees one
 *       committed version.
 *   <li>Action-center queries are served by the indexes of the schema (pending by age, kind and
 *       family; active; history by time; by entity; by investigation) and paged by keyset with the
 *       same cursors as the in-memory store.
 *   <li>Dispatch leases are columns of the action's row, taken with a conditional update, so of
 *       runtimes racing for an action exactly one gets it.
 * </ul>
 *
 * <p>Values are stored as JSON text written by Parry and read back through the domain's validating
 * constructors: a row edited by hand into something invalid is refused when read, with the column
 * and the reason. Database failures surface as {@link StoreUnavailableException}.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);
 * InvestigationStore store = JdbcInvestigationStore.create(dataSource);
 * ParryRuntime runtime = ParryRuntime.builder().store(store).instanceName(podName)...build();
 * }</pre>
 */
public final class JdbcInvestigationStore implements InvestigationStore {

  private static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);

  private static final String LOAD = "SELECT i.state, i.version, (SELECT array_agg(a.record ORDER BY a.sequence)"
      + " FROM parry_actions a WHERE a.investigation_id = i.id) FROM parry_investigations i WHERE i.id = ?";
  private static final String CREATE = "INSERT INTO parry_investigations (id, version, state) VALUES (?, ?, ?)"
      + " ON CONFLICT (id) DO NOTHING";
  private static final String UPDATE = "UPDATE parry_investigations SET version = ?, state = ? WHERE id = ? AND version = ?";
  private static final String VERSION = "SELECT version FROM parry_investigations WHERE id = ?";
  private static final String INSERT_EVENT = "INSERT INTO parry_events (investigation_id, version, event) VALUES (?, ?, ?)";
  private static final String UPSERT_ACTION = "INSERT INTO parry_actions (investigation_id, sequence, status, family,"
      + " kind, source, entity_key, proposed_s, proposed_n, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (investigation_id, sequence) DO UPDATE SET status = excluded.status, record = excluded.record";
  private static final String EVENTS = "SELECT event FROM parry_events WHERE investigation_id = ? ORDER BY version";
  private static final String CLAIM = "UPDATE parry_actions SET lease_owner = ?, lease_until_ms = ?"
      + " WHERE investigation_id = ? AND sequence = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ms <= ?)";
  private static final String RELEASE = "UPDATE parry_actions SET lease_owner = NULL, lease_until_ms = NULL"
      + " WHERE investigation_id = ? AND sequence = ? AND lease_owner = ?";

  private final DataSource dataSource;

  private JdbcInvestigationStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * {@return a store on {@code dataSource}}, whose Parry tables must exist (see {@link JdbcSchema}).
   *
   * @param dataSource the database, ideally pooled
   * @throws IllegalStateException if the schema is missing or of another version
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public static JdbcInvestigationStore create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    int version = JdbcSchema.version(dataSource);
    if (version != JdbcSchema.VERSION) {
      throw new IllegalStateException("the database's Parry schema is at version " + version + ", this release needs "
          + JdbcSchema.VERSION + ": run JdbcSchema.migrate(dataSource) or apply JdbcSchema.script(n)");
    }
    return new JdbcInvestigationStore(dataSource);
  }

  /**
   * {@return a store on {@code dataSource}, after bringing its schema up to date}
   *
   * @param dataSource the database, ideally pooled
   * @throws StoreUnavailableException if the database fails
   */
  public static JdbcInvestigationStore migrateAndCreate(DataSource dataSource) {
    JdbcSchema.migrate(dataSource);
    return create(dataSource);
  }

  // ---- writing ---------------------------------------------------------------------------------

  @Override
  public void append(InvestigationId id, long expectedVersion, List<InvestigationEvent> events, Investigation after) {
    Appends.check(id, expectedVersion, events, after);
    List<String> encodedEvents = new ArrayList<>(events.size());
    Set<Integer> touched = new TreeSet<>();
    for (InvestigationEvent event : events) {
      encodedEvents.add(JSON.write(event));
      if (event instanceof InvestigationEvent.ActionEvent action) {
        touched.add(action.actionId().sequence());
      }
    }
    String state = JSON.write(withoutActions(after));
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        if (!bumpVersion(connection, id, expectedVersion, after.version(), state)) {
          long actual = version(connection, id);
          throw new ConcurrencyConflictException(id, expectedVersion, actual);
        }
        insertEvents(connection, id, expectedVersion, encodedEvents);
        upsertActions(connection, after, touched);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not append to investigation " + id, e);
    }
  }

  private static Investigation withoutActions(Investigation state) {
    return new Investigation(state.id(), state.alertId(), state.level(), state.openedAt(), state.pendingExpiry(),
        state.version(), state.evidence(), List.of(), state.analysis(), state.terminatedBy(), state.completedAt());
  }

  private static boolean bumpVersion(Connection connection, InvestigationId id, long expected, long next, String state)
      throws SQLException {
    if (expected == 0) {
      try (PreparedStatement insert = connection.prepareStatement(CREATE)) {
        insert.setString(1, id.value());
        insert.setLong(2, next);
        insert.setString(3, state);
        return insert.executeUpdate() == 1;
      }
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
      update.setLong(1, next);
      update.setString(2, state);
      update.setString(3, id.value());
      update.setLong(4, expected);
      return update.executeUpdate() == 1;
    }
  }

  private static long version(Connection connection, InvestigationId id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(VERSION)) {
      select.setString(1, id.value());
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    }
  }

  private static void insertEvents(Connection connection, InvestigationId id, long expectedVersion, List<String> events)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      for (int i = 0; i < events.size(); i++) {
        insert.setString(1, id.value());
        insert.setLong(2, expectedVersion + i + 1);
        insert.setString(3, events.get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void upsertActions(Connection connection, Investigation after, Collection<Integer> sequences)
      throws SQLException {
    if (sequences.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_ACTION)) {
      for (int sequence : sequences) {
        ActionRecord action = after.actions().get(sequence - 1);
        upsert.setString(1, after.id().value());
        upsert.setInt(2, sequence);
        upsert.setString(3, action.status().name());
        upsert.setString(4, action.action().family().name());
        upsert.setString(5, action.action().kind().name());
        upsert.setString(6, ActionSource.of(action).name());
        upsert.setString(7, action.action().target().key().value());
        Instant proposedAt = action.proposedAt();
        upsert.setLong(8, proposedAt.getEpochSecond());
        upsert.setInt(9, proposedAt.getNano());
        upsert.setString(10, JSON.write(action));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  // ---- reading ---------------------------------------------------------------------------------

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    Objects.requireNonNull(id, "id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(LOAD)) {
      select.setString(1, id.value());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        Investigation header = decode(result.getString(1), Investigation.class, "state of investigation " + id);
        List<ActionRecord> actions = new ArrayList<>();
        Array records = result.getArray(3);
        if (records != null) {
          for (Object record : (Object[]) records.getArray()) {
            actions.add(decode((String) record, ActionRecord.class, "an action of investigation " + id));
          }
          records.free();
        }
        return Optional.of(new Investigation(header.id(), header.alertId(), header.level(), header.openedAt(),
            header.pendingExpiry(), result.getLong(2), header.evidence(), actions, header.analysis(),
            header.terminatedBy(), header.completedAt()));
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not load investigation " + id, e);
    }
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    Objects.requireNonNull(id, "id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(EVENTS)) {
      select.setString(1, id.value());
      List<InvestigationEvent> events = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          events.add(decode(result.getString(1), InvestigationEvent.class, "an event of investigation " + id));
        }
      }
      return List.copyOf(events);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not read the events of investigation " + id, e);
    }
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Objects.requireNonNull(query, "query");
    SortKey after = query.cursor() == null ? null : SortKey.parse(query.cursor());
    ActionSql sql = ActionSql.of(query, after);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql.text())) {
      sql.bind(select);
      List<ActionRecord> items = new ArrayList<>(Math.min(query.limit(), 64));
      boolean more = false;
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          if (items.size() == query.limit()) {
            more = true;
            break;
          }
          items.add(decode(result.getString(1), ActionRecord.class, "an action row"));
        }
      }
      String next = more ? SortKey.of(items.get(items.size() - 1)).cursor() : null;
      return new Page<>(items, next);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not query actions", e);
    }
  }

  private static <T> T decode(@Nullable String json, Class<T> type, String what) {
    if (json == null) {
      throw new IllegalStateException("stored " + what + " is null");
    }
    try {
      return JSON.read(json, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored " + what + " cannot be read: " + e.getMessage(), e);
    }
  }

  // ---- dispatch leases -------------------------------------------------------------------------

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    Objects.requireNonNull(action, "action");
    InvestigationStore.validOwner(owner);
    Objects.requireNonNull(now, "now");
    InvestigationStore.validLease(lease);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(CLAIM)) {
      update.setString(1, owner);
      update.setLong(2, now.plus(lease).toEpochMilli());
      update.setString(3, action.investigation().value());
      update.setInt(4, action.sequence());
      update.setString(5, owner);
      update.setLong(6, now.toEpochMilli());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not claim action " + action, e);
    }
  }

  @Override
  public void release(ActionId action, String owner) {
    Objects.requireNonNull(action, "action");
    InvestigationStore.validOwner(owner);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(RELEASE)) {
      update.setString(1, action.investigation().value());
      update.setInt(2, action.sequence());
      update.setString(3, owner);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not release action " + action, e);
    }
  }

  /**
   * {@return how many investigations the database holds}
   *
   * @throws StoreUnavailableException if the database fails
   */
  public long size() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM parry_investigations")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not count investigations", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcInvestigationStore{schema=" + JdbcSchema.VERSION + "}";
  }
}
