// Past 400 lines because the control state and the windows share one schema, one transaction
// discipline and the fallbacks for pools that are not READ COMMITTED.
package dev.parry.spi.store;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.InternalErrorException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ControlStore} in PostgreSQL, in the tables of schema version 3 and the admission
 * functions of versions 6 and 7 ({@link JdbcSchema}): every runtime on the database shares it, and
 * it survives restarts. {@link JdbcInvestigationStore#controls()} answers one on the same database,
 * which runtimes on that store use unless told otherwise.
 *
 * <pre>{@code
 * ControlStore controls = JdbcControlStore.create(dataSource);
 * }</pre>
 */
public final class JdbcControlStore implements ControlStore {

  /**
   * The advisory lock class of admissions: each window's key is locked in it, so that the count and
   * the new use are one decision across runtimes while admissions to other windows go on.
   */
  private static final int ADMIT_LOCK = 0x70617279; // "pary"

  private static final String NEXT =
      "SELECT coalesce(max(sequence), 0) + 1 FROM parry_control_changes";
  private static final String INSERT =
      "INSERT INTO parry_control_changes (sequence, kind, device_group, device,"
          + " indicator, until_s, until_n, principal, at_s, at_n, reason, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String CHANGES =
      "SELECT sequence, kind, device_group, device, indicator, until_s, until_n,"
          + " principal, at_s, at_n, reason, scope FROM parry_control_changes WHERE sequence > ? ORDER BY sequence LIMIT ?";
  private static final String FORGET =
      "DELETE FROM parry_blast_uses WHERE window_key = ? AND (at_s, at_n) <= (?, ?)";
  private static final String COUNT = "SELECT count(*) FROM parry_blast_uses WHERE window_key = ?";
  private static final String USES =
      "INSERT INTO parry_blast_uses (window_key, at_s, at_n) SELECT ?, ?, ? FROM"
          + " generate_series(1, ?)";
  private static final String ADMIT = "SELECT parry_admit(?, ?, ?, ?, ?, ?, ?)";
  private static final String ADMIT_UP_TO = "SELECT parry_admit_up_to(?, ?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  private JdbcControlStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * {@return a control store on {@code dataSource}}, whose Parry tables must be at {@link
   * JdbcSchema#VERSION}.
   *
   * @param dataSource the database, ideally pooled
   * @throws InternalErrorException if the schema is missing or of another version
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public static JdbcControlStore create(DataSource dataSource) {
    Checks.notNull(dataSource, "dataSource");
    int version = JdbcSchema.version(dataSource);
    if (version != JdbcSchema.VERSION) {
      throw new InternalErrorException(
          "the database's Parry schema is at version "
              + version
              + ", this release needs "
              + JdbcSchema.VERSION
              + ": run JdbcSchema.migrate(dataSource) or apply JdbcSchema.script(n)");
    }
    return new JdbcControlStore(dataSource);
  }

  /** {@return a control store on a database whose schema was checked already} */
  static JdbcControlStore checked(DataSource dataSource) {
    return new JdbcControlStore(dataSource);
  }

  @Override
  public ControlChange record(ControlChange change) {
    ControlStore.validNew(change);
    try (Connection connection = dataSource.getConnection()) {
      return inTransaction(
          connection,
          () -> {
            try (Statement lock = connection.createStatement()) {
              // one writer at a time: numbers become visible in the order they are given
              lock.execute("LOCK TABLE parry_control_changes IN EXCLUSIVE MODE");
            }
            long sequence;
            try (Statement next = connection.createStatement();
                ResultSet result = next.executeQuery(NEXT)) {
              result.next();
              sequence = result.getLong(1);
            }
            ControlChange recorded = change.recordedAs(sequence);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
              insert.setLong(1, sequence);
              insert.setString(2, recorded.kind().name());
              setNullable(insert, 3, recorded.group() == null ? null : recorded.group().value());
              setNullable(insert, 4, recorded.device() == null ? null : recorded.device().value());
              setNullable(
                  insert, 5, recorded.indicator() == null ? null : recorded.indicator().text());
              Instant until = recorded.until();
              if (until == null) {
                insert.setNull(6, Types.BIGINT);
                insert.setNull(7, Types.INTEGER);
              } else {
                insert.setLong(6, until.getEpochSecond());
                insert.setInt(7, until.getNano());
              }
              insert.setString(8, recorded.principal().value());
              Instant at = recorded.at();
              insert.setLong(9, at.getEpochSecond());
              insert.setInt(10, at.getNano());
              insert.setString(11, recorded.reason());
              setNullable(
                  insert,
                  12,
                  recorded.scope().isEmpty()
                      ? null
                      : String.join(
                          "\n",
                          recorded.scope().stream().map(DeviceGroupName::value).sorted().toList()));
              insert.executeUpdate();
            }
            return recorded;
          });
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "could not record the control change " + change.kind(), e);
    }
  }

  @Override
  public List<ControlChange> changes(long after, int limit) {
    ControlStore.validPage(after, limit);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(CHANGES)) {
      query.setLong(1, after);
      query.setInt(2, limit);
      List<ControlChange> out = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          out.add(read(row));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not read control changes", e);
    }
  }

  private static ControlChange read(ResultSet row) throws SQLException {
    String group = row.getString(3);
    String device = row.getString(4);
    String indicator = row.getString(5);
    long untilSeconds = row.getLong(6);
    Instant until = row.wasNull() ? null : Instant.ofEpochSecond(untilSeconds, row.getInt(7));
    String scope = row.getString(12);
    try {
      return new ControlChange(
          row.getLong(1),
          ControlChange.Kind.valueOf(row.getString(2)),
          group == null ? null : DeviceGroupName.of(group),
          device == null ? null : DeviceId.of(device),
          indicator == null ? null : AllowIndicator.parse(indicator),
          scope == null
              ? Set.of()
              : Arrays.stream(scope.split("\n", -1))
                  .map(DeviceGroupName::of)
                  .collect(Collectors.toSet()),
          until,
          new PrincipalName(row.getString(8)),
          Instant.ofEpochSecond(row.getLong(9), row.getInt(10)),
          row.getString(11));
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new InternalErrorException(
          "control change "
              + row.getLong(1)
              + " is stored in a form Parry does not"
              + " write: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Admits in one round trip through the schema's {@code parry_admit} function; on a connection
   * whose transactions are not READ COMMITTED, in a READ COMMITTED transaction of its own (a lock,
   * a forget and a count per window, the use, the commit).
   */
  @Override
  public boolean admit(List<Window> windows, Instant now, boolean consume) {
    List<Window> ordered = inLockOrder(ControlStore.validWindows(windows));
    Checks.notNull(now, "now");
    try (Connection connection = dataSource.getConnection()) {
      Boolean admitted = admitInOneStatement(connection, ordered, now, consume);
      if (admitted != null) {
        return admitted;
      }
      return inTransaction(connection, () -> admitStepByStep(connection, ordered, now, consume));
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "could not admit an automatic action to its blast-radius windows", e);
    }
  }

  /**
   * {@return {@code windows} in the order their locks are taken: by key, so that admissions to
   * overlapping windows never deadlock}
   */
  private static List<Window> inLockOrder(List<Window> windows) {
    return windows.size() == 1
        ? windows
        : windows.stream().sorted(Comparator.comparing(Window::key)).toList();
  }

  /** {@return whether admitted, or null if the connection's isolation is not READ COMMITTED} */
  private static @Nullable Boolean admitInOneStatement(
      Connection connection, List<Window> ordered, Instant now, boolean consume)
      throws SQLException {
    Object answer =
        callAdmission(
            connection,
            ADMIT,
            ordered,
            now,
            admit -> {
              admit.setLong(5, now.getEpochSecond());
              admit.setInt(6, now.getNano());
              admit.setBoolean(7, consume);
            });
    return answer == null ? null : (Boolean) answer;
  }

  /** Binds an admission function's parameters after the windows'. */
  private interface Rest {
    void bind(PreparedStatement admit) throws SQLException;
  }

  /**
   * {@return what the admission function {@code sql} answers, called with the windows and {@code
   * rest} in one statement and committed: null when the connection's isolation is not READ
   * COMMITTED}
   */
  private static @Nullable Object callAdmission(
      Connection connection, String sql, List<Window> ordered, Instant now, Rest rest)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    Object answer;
    try (PreparedStatement admit = connection.prepareStatement(sql)) {
      bindWindows(connection, admit, ordered, now);
      rest.bind(admit);
      try (ResultSet result = admit.executeQuery()) {
        result.next();
        answer = result.getObject(1);
      }
    } catch (SQLException e) {
      if (!autoCommit) {
        connection.rollback();
      }
      throw e;
    }
    if (!autoCommit) {
      // the pool hands out connections in a transaction: the windows' locks end with it
      connection.commit();
    }
    return answer;
  }

  /**
   * Binds the windows' keys, starts (their length before {@code now}) and maximums as the first
   * four parameters of an admission function.
   */
  private static void bindWindows(
      Connection connection, PreparedStatement admit, List<Window> ordered, Instant now)
      throws SQLException {
    int size = ordered.size();
    String[] keys = new String[size];
    Long[] startSeconds = new Long[size];
    Integer[] startNanos = new Integer[size];
    Integer[] maxes = new Integer[size];
    for (int i = 0; i < size; i++) {
      Window window = ordered.get(i);
      Instant start = now.minus(window.length());
      keys[i] = window.key();
      startSeconds[i] = start.getEpochSecond();
      startNanos[i] = start.getNano();
      maxes[i] = window.max();
    }
    admit.setArray(1, connection.createArrayOf("text", keys));
    admit.setArray(2, connection.createArrayOf("bigint", startSeconds));
    admit.setArray(3, connection.createArrayOf("integer", startNanos));
    admit.setArray(4, connection.createArrayOf("integer", maxes));
  }

  /**
   * {@return how many of {@code wanted} uses are admitted, counted at {@code countedAt}, through
   * the schema's {@code parry_admit_up_to} function; or null if the connection's isolation is not
   * READ COMMITTED}
   */
  private static @Nullable Integer admitUpToInOneStatement(
      Connection connection, List<Window> ordered, Instant now, int wanted, Instant countedAt)
      throws SQLException {
    Object answer =
        callAdmission(
            connection,
            ADMIT_UP_TO,
            ordered,
            now,
            admit -> {
              admit.setInt(5, wanted);
              admit.setLong(6, countedAt.getEpochSecond());
              admit.setInt(7, countedAt.getNano());
            });
    return answer == null ? null : (Integer) answer;
  }

  private static boolean admitStepByStep(
      Connection connection, List<Window> ordered, Instant now, boolean consume)
      throws SQLException {
    return countStepByStep(connection, ordered, now, 1, consume ? now : null) == 1;
  }

  /**
   * Admits up to {@code wanted} actions in one round trip through the schema's {@code
   * parry_admit_up_to} function; on a connection whose transactions are not READ COMMITTED, in a
   * READ COMMITTED transaction of its own (each window's lock, a forget and a count per window, the
   * uses, the commit).
   */
  @Override
  public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
    List<Window> ordered = inLockOrder(ControlStore.validWindows(windows));
    ControlStore.validBlock(now, wanted, countedAt);
    try (Connection connection = dataSource.getConnection()) {
      Integer admitted = admitUpToInOneStatement(connection, ordered, now, wanted, countedAt);
      if (admitted != null) {
        return admitted;
      }
      return inTransaction(
          connection, () -> countStepByStep(connection, ordered, now, wanted, countedAt));
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "could not admit automatic actions to their blast-radius windows", e);
    }
  }

  /**
   * {@return how many of {@code wanted} uses every window has room for}, with the windows' locks
   * held in the caller's transaction, counted in each at {@code countedAt} unless that is null (a
   * dry run).
   */
  private static int countStepByStep(
      Connection connection,
      List<Window> ordered,
      Instant now,
      int wanted,
      @Nullable Instant countedAt)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      for (Window window : ordered) {
        lock.setInt(1, ADMIT_LOCK);
        lock.setString(2, window.key());
        lock.execute();
      }
    }
    long room = wanted;
    for (Window window : ordered) {
      Instant start = now.minus(window.length());
      try (PreparedStatement forget = connection.prepareStatement(FORGET)) {
        forget.setString(1, window.key());
        forget.setLong(2, start.getEpochSecond());
        forget.setInt(3, start.getNano());
        forget.executeUpdate();
      }
      try (PreparedStatement count = connection.prepareStatement(COUNT)) {
        count.setString(1, window.key());
        try (ResultSet result = count.executeQuery()) {
          result.next();
          room = Math.min(room, window.max() - result.getLong(1));
          if (room <= 0) {
            return 0;
          }
        }
      }
    }
    if (countedAt != null) {
      try (PreparedStatement use = connection.prepareStatement(USES)) {
        for (Window window : ordered) {
          use.setString(1, window.key());
          use.setLong(2, countedAt.getEpochSecond());
          use.setInt(3, countedAt.getNano());
          use.setLong(4, room);
          use.addBatch();
        }
        use.executeBatch();
      }
    }
    return (int) room;
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction: each statement then sees what committed
   * before it, so a count read after a lock sees every use the lock's previous holder wrote (a pool
   * configured for REPEATABLE READ would fix the snapshot before the lock is held).
   */
  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    int isolation = connection.getTransactionIsolation();
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
      connection.setTransactionIsolation(isolation);
    }
  }

  private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  @Override
  public String toString() {
    return "JdbcControlStore{" + dataSource + "}";
  }
}
