package dev.parry.spi.store;

import dev.parry.core.error.InternalErrorException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL schema of {@link JdbcInvestigationStore}: versioned SQL scripts shipped as
 * resources ({@code dev/parry/spi/store/schema/V1__parry_store.sql} to {@code V7__parry_store.sql},
 * and on), and an idempotent migration that applies the missing ones and records them in {@code
 * parry_schema_version}. Run {@link #migrate(DataSource)} at start-up, or apply the scripts ({@link
 * #script(int)}) with your own migration tool; the scripts are plain PostgreSQL.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);   // creates or upgrades the tables; does nothing when up to date
 * InvestigationStore store = JdbcInvestigationStore.create(dataSource);
 * }</pre>
 */
public final class JdbcSchema {

  /** The schema version this release of Parry reads and writes: {@value}. */
  public static final int VERSION = 7;

  /** Serializes migrations across service instances that start together. */
  private static final long MIGRATION_LOCK = 0x7061727279L; // "parry"

  private JdbcSchema() {}

  /**
   * Brings the schema to {@link #VERSION}: applies each missing script in its own transaction,
   * under an advisory lock so that instances starting together migrate once. Safe to call on every
   * start.
   *
   * @param dataSource the database
   * @return how many scripts were applied now: 0 when the schema was up to date
   * @throws StoreUnavailableException if the database fails
   * @throws InternalErrorException if the schema is newer than this release of Parry
   */
  public static int migrate(DataSource dataSource) {
    Checks.notNull(dataSource, "dataSource");
    int applied = 0;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        for (int next = 1; next <= VERSION; next++) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            statement.execute(
                "CREATE TABLE IF NOT EXISTS parry_schema_version (version INT PRIMARY KEY,"
                    + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            int current = current(statement);
            if (current > VERSION) {
              throw new InternalErrorException(
                  "the database's Parry schema is at version "
                      + current
                      + ", newer than this release's "
                      + VERSION);
            }
            if (current < next) {
              for (String sql : statements(script(next))) {
                statement.execute(sql);
              }
              statement.execute("INSERT INTO parry_schema_version (version) VALUES (" + next + ")");
              applied++;
            }
          }
          connection.commit();
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not migrate the Parry schema", e);
    }
    return applied;
  }

  /**
   * {@return the schema version the database holds: 0 when it has no Parry tables}
   *
   * @param dataSource the database
   * @throws StoreUnavailableException if the database fails
   */
  public static int version(DataSource dataSource) {
    Checks.notNull(dataSource, "dataSource");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("SELECT to_regclass('parry_schema_version') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return 0;
        }
      }
      return current(statement);
    } catch (SQLException e) {
      throw new StoreUnavailableException("could not read the Parry schema version", e);
    }
  }

  private static int current(Statement statement) throws SQLException {
    try (ResultSet result =
        statement.executeQuery("SELECT coalesce(max(version), 0) FROM parry_schema_version")) {
      result.next();
      return result.getInt(1);
    }
  }

  /**
   * {@return the SQL script that brings the schema from {@code version - 1} to {@code version}}
   *
   * @param version 1 to {@link #VERSION}
   * @throws InvalidInputException if there is no such version
   */
  public static String script(int version) {
    if (version < 1 || version > VERSION) {
      throw new InvalidInputException(
          "version", null, "no schema version " + version + "; versions are 1-" + VERSION);
    }
    String name = "schema/V" + version + "__parry_store.sql";
    try (InputStream in = JdbcSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InternalErrorException(
            "the schema resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Splits a script at the semicolons that end its lines, dropping comment lines; a function body
   * between {@code $$} quotes is kept whole.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (!quoted && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
        continue;
      }
      current.append(line).append('\n');
      for (int at = line.indexOf("$$"); at >= 0; at = line.indexOf("$$", at + 2)) {
        quoted = !quoted;
      }
      if (!quoted && trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
