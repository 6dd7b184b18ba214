// Past 400 lines because each SPI call is one SQL statement with its binding, kept beside the
// others it must agree with; an append's binding serves both a write by itself and a batch's.
package dev.parry.spi.store;

import dev.parry.core.error.InternalErrorException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Obligation;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.internal.RecordJson;
import dev.parry.spi.safety.ControlStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The store on PostgreSQL, through plain JDBC: shared by every service instance that uses the same
 * database, and durable across restarts. Bring your own driver and (pooled) {@link DataSource};
 * Parry uses nothing beyond {@code java.sql}. The tables are created by {@link JdbcSchema}.
 *
 * <ul>
 *   <li>An append reads the chain hash of the event it follows, then writes in one statement,
 *       atomic: a conditional update of the investigation's version (the optimistic lock), the new
 *       events (inserted, never updated) each with its chain hash, and the rows of the actions they
 *       touched, written only if the version matched. A stale version writes nothing and throws
 *       {@link ConcurrencyConflictException}.
 *   <li>{@link #load} reads the investigation and its action rows in one statement, so it sees one
 *       committed version.
 *   <li>Action-center queries are served by the indexes of the schema (pending by age, kind and
 *       family; active; history by time; by entity; by investigation) and paged by keyset with the
 *       same cursors as the in-memory store.
 *   <li>Dispatch leases are columns of the action's row, taken with a conditional update, so of
 *       runtimes racing for an action exactly one gets it.
 *   <li>Appends that wait for one of the store's writers are written together, in one transaction
 *       with one commit, each statement checking and writing exactly what it would alone (see
 *       {@link #create(DataSource, int)}).
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
 *
 * <p>Past 400 lines because each SPI call is one SQL statement with its binding, kept beside the
 * others it must agree with; an append's binding serves both a write by itself and a batch's.
 */
public final class JdbcInvestigationStore implements InvestigationStore {

  private static final RecordJson JSON =
      new RecordJson(Investigation.class, InvestigationEvent.class);

  private static final String LOAD =
      "SELECT i.state, i.version, (SELECT array_agg(a.record ORDER BY a.sequence)"
          + " FROM parry_actions a WHERE a.investigation_id = i.id) FROM parry_investigations i WHERE i.id = ?";

  /** The statuses in which an action may hold a dispatch lease, as SQL; leaving them ends it. */
  private static final String DISPATCHED =
      ActionStatus.dispatched().stream()
          .map(s -> "'" + s.name() + "'")
          .sorted()
          .collect(Collectors.joining(", ", "(", ")"));

  /**
   * Whether a rewritten action row keeps its lease: unless the append moves the action out of the
   * active statuses, as the in-memory store does; an append that leaves it pending or succeeded (an
   * approval short of the quorum, a longer time box) ends no lease.
   */
  private static final String KEEPS_LEASE =
      "(excluded.status IN " + DISPATCHED + " OR parry_actions.status NOT IN " + DISPATCHED + ")";

  /**
   * The lease an append claims, bound first in every append (sequence 0, which no action has, when
   * it claims none): its action's sequence, owner, end and the time of the claim, in milliseconds.
   */
  private static final String CLAIM_VALUES =
      "WITH claim AS (SELECT ?::int AS sequence, ?::text AS owner, ?::bigint AS until_ms,"
          + " ?::bigint AS now_ms),";

  /**
   * One append in one statement (so one round trip, atomic without an explicit transaction): the
   * version check and bump, then the touched action rows and the events, inserted only if the check
   * passed. The first part creates the investigation or updates it. A claimed lease is written with
   * the claimed action's row, while the action stays active (STORE-16). The statement's update
   * count is the number of events inserted: 0 when a check refused it, which then wrote nothing. An
   * update count, not a result, so that appends waiting together can be sent as one JDBC batch.
   */
  private static final String APPEND_REST =
      " actions AS (INSERT INTO parry_actions (investigation_id, sequence, status, family, kind, source, entity_key,"
          + " proposed_s, proposed_n, record, obligation, due_s, due_n, lease_owner, lease_until_ms)"
          + " SELECT bumped.id, a.sequence, a.status, a.family,"
          + " a.kind, a.source, a.entity_key, a.proposed_s, a.proposed_n, a.record, a.obligation, a.due_s, a.due_n,"
          + " CASE WHEN a.sequence = claim.sequence AND a.status IN "
          + DISPATCHED
          + " THEN claim.owner END,"
          + " CASE WHEN a.sequence = claim.sequence AND a.status IN "
          + DISPATCHED
          + " THEN claim.until_ms END"
          + " FROM bumped, claim, unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[],"
          + " ?::text[], ?::text[], ?::bigint[], ?::int[]) AS a (sequence, status, family, kind, source, entity_key,"
          + " proposed_s, proposed_n, record, obligation, due_s, due_n)"
          + " ON CONFLICT (investigation_id, sequence) DO UPDATE SET status = excluded.status, record = excluded.record,"
          + " obligation = excluded.obligation, due_s = excluded.due_s, due_n = excluded.due_n,"
          + " lease_owner = CASE WHEN excluded.lease_owner IS NOT NULL THEN excluded.lease_owner WHEN "
          + KEEPS_LEASE
          + " THEN parry_actions.lease_owner END,"
          + " lease_until_ms = CASE WHEN excluded.lease_owner IS NOT NULL THEN excluded.lease_until_ms WHEN "
          + KEEPS_LEASE
          + " THEN parry_actions.lease_until_ms END)"
          + " INSERT INTO parry_events (investigation_id, version, event, chain_hash)"
          + " SELECT bumped.id, e.version, e.event, e.chain_hash FROM bumped, unnest(?::bigint[], ?::text[],"
          + " ?::text[]) AS e (version, event, chain_hash)";

  /**
   * The fence of an append: true while no control change numbered above the bound parameter is
   * recorded ({@link #fencedAt}; {@link Long#MAX_VALUE} for an append without one), checked in the
   * append's own statement, on the changes committed when it starts (when its transaction starts,
   * on a REPEATABLE READ connection): later than a read before the decision would be. It takes no
   * lock that recording a change would wait for, so a change never waits for an append.
   */
  private static final String NO_LATER_CONTROL_CHANGE =
      " NOT EXISTS (SELECT 1 FROM parry_control_changes WHERE sequence > ?)";

  private static final String CREATE =
      CLAIM_VALUES
          + " bumped AS (INSERT INTO parry_investigations (id, version, state)"
          + " SELECT ?, ?::bigint, ? WHERE"
          + NO_LATER_CONTROL_CHANGE
          + " ON CONFLICT (id) DO NOTHING RETURNING id),"
          + APPEND_REST;

  /**
   * The version check of an update, and the check that the event it follows still has the chain
   * hash the new events link to: a hash this store remembers from its own last write, or one just
   * read.
   */
  private static final String UPDATE_CHECKED =
      " bumped AS (UPDATE parry_investigations SET version = ?, state = ?"
          + " WHERE id = ? AND version = ? AND (SELECT chain_hash FROM parry_events"
          + " WHERE investigation_id = ? AND version = ?) IS NOT DISTINCT FROM ? AND"
          + NO_LATER_CONTROL_CHANGE;

  private static final String UPDATE =
      CLAIM_VALUES + UPDATE_CHECKED + " RETURNING id)," + APPEND_REST;

  /**
   * An update that claims a lease: the investigation's row is locked first, then the action's, the
   * order every append takes, and the update writes nothing if another owner holds the lease.
   */
  private static final String UPDATE_CLAIMING =
      CLAIM_VALUES
          + " locked AS (SELECT id FROM parry_investigations WHERE id = ? FOR UPDATE),"
          + " lease AS (SELECT lease_owner, lease_until_ms FROM parry_actions, claim"
          + " WHERE investigation_id = ? AND parry_actions.sequence = claim.sequence"
          + " AND EXISTS (SELECT 1 FROM locked) FOR UPDATE OF parry_actions),"
          + UPDATE_CHECKED
          + " AND NOT EXISTS (SELECT 1 FROM lease, claim WHERE lease.lease_owner <> claim.owner"
          + " AND lease.lease_until_ms > claim.now_ms) RETURNING id),"
          + APPEND_REST;

  /**
   * Why an update wrote nothing: the stored version, the chain hash of the event at the expected
   * version, whether another owner holds the claimed action's lease, and whether the fence still
   * stands.
   */
  private static final String REFUSAL =
      "SELECT i.version, (SELECT chain_hash FROM parry_events e WHERE e.investigation_id = i.id"
          + " AND e.version = ?), EXISTS (SELECT 1 FROM parry_actions a WHERE a.investigation_id = i.id"
          + " AND a.sequence = ? AND a.lease_owner <> ? AND a.lease_until_ms > ?),"
          + NO_LATER_CONTROL_CHANGE
          + " FROM parry_investigations i WHERE i.id = ?";

  /** Whether the fence of a create that wrote nothing still stands. */
  private static final String FENCE_STANDS = "SELECT" + NO_LATER_CONTROL_CHANGE;

  private static final String VERSION = "SELECT version FROM parry_investigations WHERE id = ?";
  private static final String EVENTS =
      "SELECT event FROM parry_events WHERE investigation_id = ? ORDER BY version";
  private static final String CHAIN =
      "SELECT version, event, chain_hash FROM parry_events WHERE investigation_id = ?"
          + " ORDER BY version";
  private static final String HASH_AT =
      "SELECT chain_hash FROM parry_events WHERE investigation_id = ? AND version = ?";
  private static final String CLAIM =
      "UPDATE parry_actions SET lease_owner = ?, lease_until_ms = ?"
          + " WHERE investigation_id = ? AND sequence = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ms <= ?)";
  private static final String DUE =
      "SELECT record, due_s, due_n FROM parry_actions WHERE due_s IS NOT NULL"
          + " AND (due_s, due_n) <= (?, ?) AND (due_s, due_n, investigation_id, sequence) > (?, ?, ?, ?)"
          + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ms <= ?)"
          + " ORDER BY due_s, due_n, investigation_id, sequence LIMIT ?";
  private static final String RELEASE =
      "UPDATE parry_actions SET lease_owner = NULL, lease_until_ms = NULL"
          + " WHERE investigation_id = ? AND sequence = ? AND lease_owner = ?";

  /** How many investigations' last chain heads a store remembers; then it starts over. */
  private static final int MAX_HEADS = 4096;

  private final DataSource dataSource;

  private final JdbcControlStore controls;

  /**
   * The chain head of each investigation's last append through this store: the next append links to
   * it, checked against the stored hash in the same statement, instead of reading it first.
   */
  private final Map<InvestigationId, ChainHead> heads;

  /**
   * The last control change this store's appends were decided on: an append writes only while no
   * later one is recorded. {@link Long#MAX_VALUE} for the store itself, whose appends are not
   * fenced.
   */
  private final long fence;

  /**
   * Where appends wait to be written together, shared with the fenced views of this store; null
   * when each append is written at once.
   */
  private final @Nullable AppendBatches<Append> batches;

  private JdbcInvestigationStore(DataSource dataSource, int writers) {
    this.dataSource = dataSource;
    this.controls = JdbcControlStore.checked(dataSource);
    this.heads = new ConcurrentHashMap<>();
    this.fence = Long.MAX_VALUE;
    this.batches =
        writers == WRITE_EACH_AT_ONCE
            ? null
            : new AppendBatches<>(dataSource, new Batched(), writers);
  }

  /** The view of {@code store} fenced at {@code seen}: the same database, heads and controls. */
  private JdbcInvestigationStore(JdbcInvestigationStore store, long seen) {
    this.dataSource = store.dataSource;
    this.controls = store.controls;
    this.heads = store.heads;
    this.fence = seen;
    this.batches = store.batches;
  }

  /**
   * {@return a view of this store whose appends write only while no control change numbered above
   * {@code seen} is recorded in {@link #controls()}, checked in the append's own statement}: one
   * committed when the append's statement starts refuses it with {@link ControlsChangedException},
   * and nothing is written (rule STORE-30). A runtime on this store decides on the control state it
   * last read and appends through such a view, instead of reading the control state before each
   * decision. The view shares this store's database and the chain heads it remembers.
   *
   * @param seen the number of the last control change the caller decides on, 0 for none
   * @throws InvalidInputException if {@code seen} is negative
   */
  @Override
  public Optional<InvestigationStore> fencedAt(long seen) {
    StoreArguments.seen(seen);
    return Optional.of(new JdbcInvestigationStore(this, seen));
  }

  /**
   * {@return the control state in the same database: shared by every runtime on it, kept across
   * restarts}
   */
  @Override
  public Optional<ControlStore> controls() {
    return Optional.of(controls);
  }

  /**
   * {@return a store on {@code dataSource}}, whose Parry tables must exist (see {@link
   * JdbcSchema}), writing each append at once, by itself, on the calling thread (see {@link
   * #create(DataSource, int)} for a store that writes appends that wait together).
   *
   * @param dataSource the database, ideally pooled
   * @throws InternalErrorException if the schema is missing or of another version
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public static JdbcInvestigationStore create(DataSource dataSource) {
    Checks.notNull(dataSource, "dataSource");
    return new JdbcInvestigationStore(checkedSchema(dataSource), WRITE_EACH_AT_ONCE);
  }

  /**
   * {@return a store on {@code dataSource}}, whose Parry tables must exist (see {@link
   * JdbcSchema}), with {@code writers} writers for its appends. An append that finds a writer free
   * and no append waiting is written at once, by itself, in one round trip (and its commit, on a
   * connection with auto-commit off). One that finds them all at work waits, and the next writer
   * free writes every append then waiting in one transaction with one commit: under load, the
   * appends share the database's log flushes and round trips, and each still writes exactly what it
   * would alone, or nothing. A writer still at work after 50 ms (an append waiting for a row lock
   * held elsewhere, say) stops counting, and a batch waits at most 50 ms for each row lock, so such
   * an append holds up no other for longer. The writers bound the appends that wait, not every
   * write: one whose chain head must be read first, or written again by itself after a batch, is
   * written outside them. Writers at least as many as the threads that append never batch. An
   * append may be written on another appending thread's connection: {@code dataSource} must hand
   * out the same database on every thread (not one routed by a thread's tenant, or bound to a
   * caller's transaction).
   *
   * <pre>{@code
   * InvestigationStore store = JdbcInvestigationStore.create(dataSource, 1);
   * }</pre>
   *
   * @param dataSource the database, ideally pooled
   * @param writers how many writers take the appends that wait (see above), at least 1
   * @throws InvalidInputException if {@code writers} is less than 1
   * @throws InternalErrorException if the schema is missing or of another version
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public static JdbcInvestigationStore create(DataSource dataSource, int writers) {
    Checks.notNull(dataSource, "dataSource");
    if (writers < 1) {
      throw Checks.invalid("writers", writers, "writers must be at least 1, was: " + writers);
    }
    return new JdbcInvestigationStore(checkedSchema(dataSource), writers);
  }

  /** The writers of a store that writes each append at once: none, so nothing waits. */
  private static final int WRITE_EACH_AT_ONCE = 0;

  /**
   * {@return {@code dataSource}, whose schema is this release's}
   *
   * @throws InternalErrorException if the schema is missing or of another version
   */
  private static DataSource checkedSchema(DataSource dataSource) {
    int version = JdbcSchema.version(dataSource);
    if (version != JdbcSchema.VERSION) {
      throw new InternalErrorException(
          "the database's Parry schema is at version "
              + version
              + ", this release needs "
              + JdbcSchema.VERSION
              + ": run JdbcSchema.migrate(dataSource) or apply JdbcSchema.script(n)");
    }
    return dataSource;
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
  public ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    StoreArguments.append(id, expectedVersion, events, after);
    return write(id, expectedVersion, events, after, null);
  }

  @Override
  public ChainHead appendClaiming(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    StoreArguments.appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
    return write(
        id,
        expectedVersion,
        events,
        after,
        new Claim(action.sequence(), owner, now.plus(lease).toEpochMilli(), now.toEpochMilli()));
  }

  /** A lease an append claims: the action's sequence, the owner, its end and now, in ms. */
  private record Claim(int sequence, String owner, long untilMs, long nowMs) {}

  /** How many times an update is tried again when the event it follows has another chain hash. */
  private static final int HASH_RETRIES = 3;

  /**
   * One append as this store writes it, encoded once and bound on whichever connection sends it:
   * {@code head} is the chain head it follows when this store remembers it (null when that hash
   * must be read first), and {@code links} the chain hashes of its events after that head (empty
   * then). A creation follows the genesis hash and needs no read.
   */
  private record Append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      List<String> encodedEvents,
      Investigation after,
      String state,
      Set<Integer> touched,
      @Nullable Claim claim,
      long fence,
      @Nullable ChainHead head,
      List<ChainHash> links) {

    /** {@return the statement that writes it} */
    String sql() {
      return expectedVersion == 0 ? CREATE : claim == null ? UPDATE : UPDATE_CLAIMING;
    }

    /** {@return whether it can be written without reading first, so together with others} */
    boolean linked() {
      return !links.isEmpty();
    }

    /** {@return the chain head it leaves, written after {@code linked}} */
    ChainHead written(List<ChainHash> linked) {
      return new ChainHead(after.version(), linked.get(linked.size() - 1));
    }
  }

  /**
   * Writes an append, claiming {@code claim} with it when given: one round trip when this store
   * wrote the event it follows (it remembers the chain hash it stored), one more to read that hash
   * otherwise. One that follows a remembered head may be written together with others waiting
   * ({@link AppendBatches}).
   */
  private ChainHead write(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      @Nullable Claim claim) {
    List<String> encodedEvents = new ArrayList<>(events.size());
    Set<Integer> touched = new TreeSet<>();
    for (InvestigationEvent event : events) {
      encodedEvents.add(JSON.write(event));
      if (event instanceof InvestigationEvent.ActionEvent action) {
        touched.add(action.actionId().sequence());
      }
    }
    String state = JSON.write(withoutActions(after));
    ChainHead known = expectedVersion == 0 ? null : heads.get(id);
    if (known != null && known.version() != expectedVersion) {
      known = null;
    }
    List<ChainHash> links =
        expectedVersion == 0
            ? AuditTrail.links(ChainHash.GENESIS, 0, events)
            : known == null ? List.of() : AuditTrail.links(known.hash(), expectedVersion, events);
    Append append =
        new Append(
            id,
            expectedVersion,
            events,
            encodedEvents,
            after,
            state,
            touched,
            claim,
            fence,
            known,
            links);
    AppendBatches<Append> line = batches;
    return line != null && append.linked() ? line.write(append) : alone(append);
  }

  /** Writes {@code append} by itself, in a transaction of its own. */
  private ChainHead alone(Append append) {
    InvestigationId id = append.id();
    try (Connection connection = dataSource.getConnection()) {
      return committed(
          connection,
          () ->
              append.expectedVersion() == 0
                  ? create(connection, append)
                  : update(connection, append));
    } catch (SQLException e) {
      heads.remove(id); // whether it was written is unknown: the next append reads the hash
      throw new StoreUnavailableException("could not append to investigation " + id, e);
    } catch (ControlsChangedException e) {
      throw e; // nothing written: a head remembered is as good as before
    } catch (RuntimeException e) {
      heads.remove(id);
      throw e;
    }
  }

  /** How this store's appends are written together ({@link AppendBatches}). */
  private final class Batched implements AppendBatches.Writer<Append> {
    @Override
    public InvestigationId investigation(Append append) {
      return append.id();
    }

    @Override
    public String sql(Append append) {
      return append.sql();
    }

    @Override
    public void bind(Connection connection, PreparedStatement statement, Append append)
        throws SQLException {
      JdbcInvestigationStore.bind(
          connection,
          statement,
          append,
          append.head() == null ? Optional.empty() : Optional.of(append.head().hash().value()),
          append.links());
    }

    @Override
    public ChainHead alone(Append append) {
      return JdbcInvestigationStore.this.alone(append);
    }

    @Override
    public ChainHead written(Append append) {
      return remember(append.id(), append.written(append.links()));
    }

    @Override
    public RuntimeException unknown(Append append, @Nullable Throwable cause) {
      heads.remove(append.id()); // the next append reads the hash
      String message = "could not append to investigation " + append.id();
      return cause == null
          ? new StoreUnavailableException(
              message + ": the commit's answer was lost", new SQLException(message))
          : new StoreUnavailableException(message, cause);
    }
  }

  /** The SQLSTATE of a serialization failure: the transaction met a concurrent write. */
  private static final String SERIALIZATION_FAILURE = "40001";

  /** How many times a write that met a serialization failure is done in all. */
  private static final int SERIALIZATION_RETRIES = 5;

  /** A unit of work on a connection. */
  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * {@return what {@code work} answers}, committed: on a connection the pool hands out with
   * auto-commit off (as pools set up for JPA often do) the store commits what it wrote, or rolls it
   * back if it fails; with auto-commit on, each statement commits itself. On a connection whose
   * transactions are REPEATABLE READ or SERIALIZABLE, a write that met another transaction's
   * concurrent write fails with a serialization failure and nothing of it stays: the work is done
   * again in a new transaction, which sees what the other one committed (a claim then finds the
   * lease taken, an append the version moved on), up to {@value #SERIALIZATION_RETRIES} times.
   */
  private static <T> T committed(Connection connection, Work<T> work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return committedOnce(connection, work);
      } catch (SQLException e) {
        if (!SERIALIZATION_FAILURE.equals(e.getSQLState()) || attempt >= SERIALIZATION_RETRIES) {
          throw e;
        }
      }
    }
  }

  private static <T> T committedOnce(Connection connection, Work<T> work) throws SQLException {
    if (connection.getAutoCommit()) {
      return work.run();
    }
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /**
   * Appends to a stored investigation, trying again with the stored chain hash if the event it
   * follows has another one than it linked to.
   */
  private ChainHead update(Connection connection, Append append) throws SQLException {
    InvestigationId id = append.id();
    long expectedVersion = append.expectedVersion();
    ChainHead known = heads.get(id);
    Optional<String> previous;
    if (known != null && known.version() == expectedVersion) {
      previous = Optional.of(known.hash().value());
    } else {
      previous = Optional.ofNullable(hashAt(connection, id, expectedVersion));
      if (!connection.getAutoCommit()) {
        // the append is checked in a transaction of its own: on a REPEATABLE READ connection the
        // read's would fix its snapshot, and the fence would miss a change committed since
        connection.rollback();
      }
    }
    for (int attempt = 0; ; attempt++) {
      List<ChainHash> links =
          known != null && known.equals(append.head()) && attempt == 0
              ? append.links() // linked to this very head already
              : AuditTrail.links(
                  previous.isEmpty()
                      ? ChainHash.GENESIS
                      : readHash(
                          previous.get(),
                          "chain hash of event " + expectedVersion + " of investigation " + id),
                  expectedVersion,
                  append.events());
      if (wrote(connection, append, previous, links)) {
        return remember(id, append.written(links));
      }
      Optional<String> stored = refused(connection, append);
      if (attempt >= HASH_RETRIES) { // each try met another hash or lease: decide again
        throw new ConcurrencyConflictException(id, expectedVersion, expectedVersion);
      }
      if (!connection.getAutoCommit()) {
        connection.rollback(); // the next try sees what committed since, and holds no lock
      }
      previous = stored;
    }
  }

  private ChainHead create(Connection connection, Append append) throws SQLException {
    InvestigationId id = append.id();
    if (!wrote(connection, append, Optional.empty(), append.links())) {
      long stored = version(connection, id);
      if (stored == 0 && !fenceStands(connection, append.fence())) {
        throw new ControlsChangedException(append.fence());
      }
      throw new ConcurrencyConflictException(id, 0, stored);
    }
    return remember(id, append.written(append.links()));
  }

  /** {@return whether the append wrote}: false if a check refused it, which then wrote nothing */
  private static boolean wrote(
      Connection connection, Append append, Optional<String> previous, List<ChainHash> links)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(append.sql())) {
      bind(connection, statement, append, previous, links);
      return statement.executeUpdate() > 0;
    }
  }

  /**
   * Binds {@code append} to its statement, its events linked to {@code previous} (the stored chain
   * hash of the event it follows, empty for none) by {@code links}.
   */
  private static void bind(
      Connection connection,
      PreparedStatement statement,
      Append append,
      Optional<String> previous,
      List<ChainHash> links)
      throws SQLException {
    InvestigationId id = append.id();
    Investigation after = append.after();
    int p = bindClaim(statement, 1, append.claim());
    if (append.expectedVersion() == 0) {
      statement.setString(p++, id.value());
      statement.setLong(p++, after.version());
      statement.setString(p++, append.state());
      statement.setLong(p++, append.fence());
    } else {
      if (append.claim() != null) {
        statement.setString(p++, id.value());
        statement.setString(p++, id.value());
      }
      statement.setLong(p++, after.version());
      statement.setString(p++, append.state());
      statement.setString(p++, id.value());
      statement.setLong(p++, append.expectedVersion());
      statement.setString(p++, id.value());
      statement.setLong(p++, append.expectedVersion());
      statement.setString(p++, previous.orElse(null));
      statement.setLong(p++, append.fence());
    }
    bindRest(
        connection,
        statement,
        p,
        append.expectedVersion(),
        append.encodedEvents(),
        links,
        after,
        append.touched());
  }

  /**
   * After an update wrote nothing, finds out why: {@return the chain hash stored with the event at
   * the expected version, to try again with} when neither the version, the lease nor the fence
   * refused it.
   *
   * @throws ConcurrencyConflictException if the stored version is not the expected one
   * @throws LeaseHeldException if another owner holds the claimed lease
   * @throws ControlsChangedException if a control change past the fence is recorded
   */
  private static Optional<String> refused(Connection connection, Append append)
      throws SQLException {
    InvestigationId id = append.id();
    long expectedVersion = append.expectedVersion();
    Claim claim = append.claim();
    long fence = append.fence();
    try (PreparedStatement select = connection.prepareStatement(REFUSAL)) {
      select.setLong(1, expectedVersion);
      select.setInt(2, claim == null ? 0 : claim.sequence());
      select.setString(3, claim == null ? "" : claim.owner());
      select.setLong(4, claim == null ? Long.MAX_VALUE : claim.nowMs());
      select.setLong(5, fence);
      select.setString(6, id.value());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          throw new ConcurrencyConflictException(id, expectedVersion, 0);
        }
        long version = result.getLong(1);
        if (version != expectedVersion) {
          throw new ConcurrencyConflictException(id, expectedVersion, version);
        }
        if (claim != null && result.getBoolean(3)) {
          throw new LeaseHeldException(new ActionId(id, claim.sequence()));
        }
        if (!result.getBoolean(4)) {
          throw new ControlsChangedException(fence);
        }
        return Optional.ofNullable(result.getString(2));
      }
    }
  }

  /** {@return whether no control change past {@code fence} is recorded} */
  private static boolean fenceStands(Connection connection, long fence) throws SQLException {
    if (fence == Long.MAX_VALUE) {
      return true;
    }
    try (PreparedStatement select = connection.prepareStatement(FENCE_STANDS)) {
      select.setLong(1, fence);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private static int bindClaim(PreparedStatement append, int first, @Nullable Claim claim)
      throws SQLException {
    int p = first;
    append.setInt(p++, claim == null ? 0 : claim.sequence());
    if (claim == null) {
      append.setNull(p++, Types.VARCHAR);
      append.setNull(p++, Types.BIGINT);
      append.setNull(p++, Types.BIGINT);
    } else {
      append.setString(p++, claim.owner());
      append.setLong(p++, claim.untilMs());
      append.setLong(p++, claim.nowMs());
    }
    return p;
  }

  /** Binds the touched actions, then the events, from parameter {@code first} on. */
  private static void bindRest(
      Connection connection,
      PreparedStatement append,
      int first,
      long expectedVersion,
      List<String> encodedEvents,
      List<ChainHash> links,
      Investigation after,
      Set<Integer> touched)
      throws SQLException {
    int p = bindActions(connection, append, first, after, touched);
    Long[] versions = new Long[encodedEvents.size()];
    String[] hashes = new String[encodedEvents.size()];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = expectedVersion + i + 1;
      hashes[i] = links.get(i).value();
    }
    append.setArray(p++, connection.createArrayOf("bigint", versions));
    append.setArray(p++, connection.createArrayOf("text", encodedEvents.toArray()));
    append.setArray(p, connection.createArrayOf("text", hashes));
  }

  /**
   * Keeps {@code head} as the investigation's last chain head this store wrote, so that the next
   * append links to it without reading it; {@return it}
   */
  private ChainHead remember(InvestigationId id, ChainHead head) {
    if (heads.size() >= MAX_HEADS) {
      heads.clear();
    }
    heads.put(id, head);
    return head;
  }

  /**
   * {@return the chain hash stored with the event at {@code version}}, which the next append links
   * to, as stored: null if that event predates the chain (the append links to {@link
   * ChainHash#GENESIS}), or if there is none (the append then meets a version conflict). Read
   * before the append, which writes only if the event still has it.
   */
  private static @Nullable String hashAt(Connection connection, InvestigationId id, long version)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(HASH_AT)) {
      select.setString(1, id.value());
      select.setLong(2, version);
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? result.getString(1) : null;
      }
    }
  }

  private static ChainHash readHash(String hash, String what) {
    try {
      return ChainHash.of(hash);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new InternalErrorException("stored " + what + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Investigation withoutActions(Investigation state) {
    return rebuilt(state, state.version(), List.of());
  }

  /**
   * {@return {@code header} at {@code version} holding {@code actions}}: the stored state keeps its
   * actions in their own rows, so it is written without them and read back with them.
   *
   * @throws InvalidInputException if the actions are not in sequence (a row missing or edited)
   */
  private static Investigation rebuilt(
      Investigation header, long version, List<ActionRecord> actions) {
    return new Investigation(
        header.id(),
        header.alertId(),
        header.level(),
        header.origin(),
        header.openedAt(),
        header.pendingExpiry(),
        version,
        header.evidence(),
        header.threatsWithoutAction(),
        actions,
        header.analysis(),
        header.terminatedBy(),
        header.completedAt());
  }

  private static long version(Connection connection, InvestigationId id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(VERSION)) {
      select.setString(1, id.value());
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    }
  }

  /**
   * Binds the touched actions' columns, one array per column, from parameter {@code first} on;
   * {@return the next parameter}
   */
  private static int bindActions(
      Connection connection,
      PreparedStatement append,
      int first,
      Investigation after,
      Collection<Integer> sequences)
      throws SQLException {
    int count = sequences.size();
    Integer[] sequence = new Integer[count];
    String[] status = new String[count];
    String[] family = new String[count];
    String[] kind = new String[count];
    String[] source = new String[count];
    String[] entity = new String[count];
    Long[] seconds = new Long[count];
    Integer[] nanos = new Integer[count];
    String[] record = new String[count];
    String[] obligation = new String[count];
    Long[] dueSeconds = new Long[count];
    Integer[] dueNanos = new Integer[count];
    int i = 0;
    for (int s : sequences) {
      ActionRecord action = after.actions().get(s - 1);
      Instant proposedAt = action.proposedAt();
      sequence[i] = s;
      status[i] = action.status().name();
      family[i] = action.action().family().name();
      kind[i] = action.action().kind().name();
      source[i] = action.source().name();
      entity[i] = action.action().target().key().value();
      seconds[i] = proposedAt.getEpochSecond();
      nanos[i] = proposedAt.getNano();
      record[i] = JSON.write(action);
      Optional<Obligation> due = action.obligation();
      if (due.isPresent()) {
        Instant at = due.get().due();
        obligation[i] = due.get().kind().name();
        dueSeconds[i] = at.getEpochSecond();
        dueNanos[i] = at.getNano();
      }
      i++;
    }
    int p = first;
    append.setArray(p++, connection.createArrayOf("int4", sequence));
    for (String[] column : List.of(status, family, kind, source, entity)) {
      append.setArray(p++, connection.createArrayOf("text", column));
    }
    append.setArray(p++, connection.createArrayOf("int8", seconds));
    append.setArray(p++, connection.createArrayOf("int4", nanos));
    append.setArray(p++, connection.createArrayOf("text", record));
    append.setArray(p++, connection.createArrayOf("text", obligation));
    append.setArray(p++, connection.createArrayOf("int8", dueSeconds));
    append.setArray(p++, connection.createArrayOf("int4", dueNanos));
    return p;
  }

  // ---- reading ---------------------------------------------------------------------------------

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    Checks.notNull(id, "id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(LOAD)) {
      select.setString(1, id.value());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        Investigation header =
            decode(result.getString(1), Investigation.class, "state of investigation " + id);
        List<ActionRecord> actions = new ArrayList<>();
        Array records = result.getArray(3);
        if (records != null) {
          for (Object record : (Object[]) records.getArray()) {
            actions.add(
                decode((String) record, ActionRecord.class, "an action of investigation " + id));
          }
          records.free();
        }
        try {
          return Optional.of(rebuilt(header, result.getLong(2), actions));
        } catch (IllegalArgumentException | InvalidInputException e) {
          throw new InternalErrorException(
              "stored actions of investigation " + id + " cannot be read: " + e.getMessage(), e);
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not load investigation " + id, e);
    }
  }

  @Override
  public List<InvestigationEvent> events(InvestigationId id) {
    Checks.notNull(id, "id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(EVENTS)) {
      select.setString(1, id.value());
      List<InvestigationEvent> events = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          events.add(
              decode(
                  result.getString(1),
                  InvestigationEvent.class,
                  "an event of investigation " + id));
        }
      }
      return List.copyOf(events);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not read the events of investigation " + id, e);
    }
  }

  @Override
  public List<AuditRecord> chain(InvestigationId id) {
    Checks.notNull(id, "id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(CHAIN)) {
      select.setString(1, id.value());
      List<AuditRecord> records = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          long version = result.getLong(1);
          String what = "event " + version + " of investigation " + id;
          InvestigationEvent event = decode(result.getString(2), InvestigationEvent.class, what);
          String hash = result.getString(3);
          records.add(
              new AuditRecord(
                  version, event, hash == null ? null : readHash(hash, "chain hash of " + what)));
        }
      }
      return List.copyOf(records);
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "could not read the audit chain of investigation " + id, e);
    }
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Checks.notNull(query, "query");
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
          items.add(actionRow(result));
        }
      }
      String next = more ? SortKey.of(items.get(items.size() - 1)).cursor() : null;
      return new Page<>(items, next);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not query actions", e);
    }
  }

  /**
   * {@return the action of a row read as {@code record, due_s, due_n}}, as {@link #load} answers
   * it: a pending action written by schema version 1 has no expiry in its JSON, and takes the one
   * version 2 put in its due columns (its investigation's pending expiry after its proposal), so
   * that its obligation is the one it is indexed and answered at.
   */
  private static ActionRecord actionRow(ResultSet result) throws SQLException {
    ActionRecord action = decode(result.getString(1), ActionRecord.class, "an action row");
    if (action.status() != ActionStatus.PENDING_APPROVAL || action.expiresAt() != null) {
      return action;
    }
    long seconds = result.getLong(2);
    if (result.wasNull()) {
      throw new InternalErrorException(
          "stored pending action " + action.id() + " has neither an expiry nor a due time");
    }
    Instant expires = Instant.ofEpochSecond(seconds, result.getInt(3));
    return new ActionRecord(
        action.id(),
        action.action(),
        action.mode(),
        action.reason(),
        action.rule(),
        action.requestedBy(),
        action.requestComment(),
        action.source(),
        action.proposedAt(),
        action.status(),
        action.steps(),
        action.attempts(),
        action.updatedAt(),
        action.updatedBy(),
        action.note(),
        action.timeBox(),
        expires,
        action.deadline(),
        action.undoAttempts());
  }

  private static <T> T decode(@Nullable String json, Class<T> type, String what) {
    if (json == null) {
      throw new InternalErrorException("stored " + what + " is null");
    }
    try {
      return JSON.read(json, type);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new InternalErrorException("stored " + what + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public List<ActionRecord> due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    SortKey cursor = StoreArguments.due(now, owner, after, limit);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(DUE)) {
      select.setLong(1, now.getEpochSecond());
      select.setInt(2, now.getNano());
      Instant from =
          cursor == null ? Instant.MIN : cursor.proposedAt(); // the key's time is the due time here
      select.setLong(3, from.getEpochSecond());
      select.setInt(4, from.getNano());
      select.setString(5, cursor == null ? "" : cursor.investigation());
      select.setInt(6, cursor == null ? 0 : cursor.sequence());
      select.setString(7, owner);
      select.setLong(8, now.toEpochMilli());
      select.setInt(9, limit);
      List<ActionRecord> items = new ArrayList<>(Math.min(limit, 64));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          items.add(actionRow(result));
        }
      }
      return items;
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not query due actions", e);
    }
  }

  // ---- dispatch leases -------------------------------------------------------------------------

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    StoreArguments.claim(action, owner, now, lease);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(CLAIM)) {
      update.setString(1, owner);
      update.setLong(2, now.plus(lease).toEpochMilli());
      update.setString(3, action.investigation().value());
      update.setInt(4, action.sequence());
      update.setString(5, owner);
      update.setLong(6, now.toEpochMilli());
      return committed(connection, () -> update.executeUpdate() == 1);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not claim action " + action, e);
    }
  }

  @Override
  public void release(ActionId action, String owner) {
    StoreArguments.release(action, owner);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(RELEASE)) {
      update.setString(1, action.investigation().value());
      update.setInt(2, action.sequence());
      update.setString(3, owner);
      committed(connection, update::executeUpdate);
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
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM parry_investigations")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not count investigations", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcInvestigationStore{schema="
        + JdbcSchema.VERSION
        + (fence == Long.MAX_VALUE ? "" : ", fenced at control change " + fence)
        + "}";
  }
}
