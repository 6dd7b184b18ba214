package dev.parry.testkit.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that writes down every round trip the store makes through it: each statement
 * executed (a batch counts once), each explicit commit or rollback, and each read or change of the
 * transaction isolation (the PostgreSQL driver sends a statement for both), with the SQL it sent. A
 * statement run with auto-commit on commits in the same round trip, so it counts once.
 */
final class CountingDataSource extends WrappingDataSource {

  private final List<String> trips = new ArrayList<>();
  private final List<Integer> batchSizes = new ArrayList<>();

  private CountingDataSource(DataSource delegate) {
    super(delegate);
  }

  static CountingDataSource of(DataSource delegate) {
    return new CountingDataSource(delegate);
  }

  /**
   * {@return the round trips since the last {@link #reset}, each as the start of its SQL (160
   * characters, enough to tell the kinds of append apart)}
   */
  synchronized List<String> trips() {
    return List.copyOf(trips);
  }

  synchronized void reset() {
    trips.clear();
    batchSizes.clear();
  }

  /** {@return how many statements each JDBC batch sent since the last {@link #reset}, in order} */
  synchronized List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  private synchronized void batched(int size) {
    batchSizes.add(size);
  }

  /**
   * A statement to fail: the one whose SQL starts so after {@code skip} others that do, before it
   * is sent or after it ran.
   */
  private record Fault(String sqlStart, boolean landFirst, int skip, String method) {}

  /** Any method that executes a statement. */
  private static final String EXECUTE = "execute";

  private @Nullable Fault fault;

  /**
   * Fails the next statement whose SQL starts with {@code sqlStart} with an {@link SQLException}:
   * before it reaches the server, or, with {@code landFirst}, after it ran and committed, as a
   * connection lost before the answer would.
   */
  synchronized void failNext(String sqlStart, boolean landFirst) {
    failAfter(sqlStart, landFirst, 0);
  }

  /** As {@link #failNext}, for the statement after the next {@code skip} that start so. */
  synchronized void failAfter(String sqlStart, boolean landFirst, int skip) {
    fault = new Fault(sqlStart, landFirst, skip, EXECUTE);
  }

  /**
   * As {@link #failNext}, for the next JDBC batch of statements whose SQL starts with {@code
   * sqlStart}: it fails before it reaches the server.
   */
  synchronized void failNextBatch(String sqlStart) {
    fault = new Fault(sqlStart, false, 0, "executeBatch");
  }

  /**
   * Fails the next explicit commit with an {@link SQLException}: before it reaches the server, or,
   * with {@code landFirst}, after it committed, as a connection lost before the answer would.
   */
  synchronized void failNextCommit(boolean landFirst) {
    fault = new Fault("COMMIT", landFirst, 0, "commit");
  }

  /** {@return whether the fault set by {@link #failNext} has struck} */
  synchronized boolean struck() {
    return fault == null;
  }

  private synchronized @Nullable Fault strike(String method, @Nullable String sql) {
    Fault armed = fault;
    if (armed == null
        || sql == null
        || !sql.stripLeading().startsWith(armed.sqlStart())
        || !method.startsWith(armed.method())) {
      return null;
    }
    if (armed.skip() > 0) {
      fault = new Fault(armed.sqlStart(), armed.landFirst(), armed.skip() - 1, armed.method());
      return null;
    }
    fault = null;
    return armed;
  }

  private synchronized void trip(String what) {
    String flat = what.replaceAll("\\s+", " ").trim();
    trips.add(flat.length() > 160 ? flat.substring(0, 160) + "..." : flat);
  }

  @Override
  Connection wrap(Connection real) {
    return proxy(
        Connection.class,
        real,
        (method, args) -> {
          String name = method.getName();
          if (name.equals("commit") || name.equals("rollback")) {
            String what = name.toUpperCase(java.util.Locale.ROOT);
            trip(what);
            Fault struck = strike(name, what);
            if (struck != null) {
              if (!struck.landFirst()) {
                throw new SQLException("injected: the commit never reached the server", "08006");
              }
              method.invoke(real, args);
              throw new SQLException(
                  "injected: the connection was lost before the answer", "08006");
            }
          } else if (name.equals("getTransactionIsolation")) {
            trip("SHOW TRANSACTION ISOLATION LEVEL"); // the driver asks the server each time
          } else if (name.equals("setTransactionIsolation")) {
            trip("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL");
          }
          Object result = method.invoke(real, args);
          if (result instanceof PreparedStatement statement && args != null) {
            Class<? extends Statement> type =
                result instanceof CallableStatement
                    ? CallableStatement.class
                    : PreparedStatement.class;
            return statement(type, statement, (String) args[0]);
          }
          if (result instanceof Statement statement) {
            return statement(Statement.class, statement, null);
          }
          return result;
        });
  }

  private Statement statement(
      Class<? extends Statement> type, Statement real, @Nullable String prepared) {
    int[] added = {0};
    return proxy(
        type,
        real,
        (method, args) -> {
          String name = method.getName();
          Fault struck = null;
          if (name.equals("addBatch")) {
            added[0]++;
          } else if (name.equals("executeBatch")) {
            batched(added[0]);
            added[0] = 0;
          }
          if (name.startsWith("execute")) {
            String sql =
                prepared != null
                    ? prepared
                    : args != null && args.length > 0 ? (String) args[0] : name;
            trip(sql);
            struck = strike(name, sql);
            if (struck != null && !struck.landFirst()) {
              throw new SQLException("injected: the statement never reached the server", "08006");
            }
          }
          Object result = method.invoke(real, args);
          if (struck != null) {
            if (!real.getConnection().getAutoCommit()) {
              real.getConnection().commit();
            }
            throw new SQLException("injected: the connection was lost before the answer", "08006");
          }
          return result;
        });
  }
}
