package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.store.JdbcSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the store's tests run against, found through {@code PARRY_POSTGRES_URL} (a
 * JDBC URL; {@code .ci/postgres start} prints one). Without it the tests are skipped, unless {@code
 * PARRY_REQUIRE_POSTGRES} is set, as continuous integration sets it: then they fail.
 */
public final class Postgres {

  static final String URL_VARIABLE = "PARRY_POSTGRES_URL";
  static final String REQUIRED_VARIABLE = "PARRY_REQUIRE_POSTGRES";

  private static HikariDataSource shared;

  private Postgres() {}

  /** {@return the shared, pooled, migrated database; skips or fails the test when there is none} */
  public static synchronized DataSource dataSource() {
    if (shared == null) {
      String url = System.getenv(URL_VARIABLE);
      if (url == null || url.isBlank()) {
        if (System.getenv(REQUIRED_VARIABLE) != null) {
          fail(
              URL_VARIABLE
                  + " is not set, and "
                  + REQUIRED_VARIABLE
                  + " says these tests must run");
        }
        Assumptions.abort(
            URL_VARIABLE + " is not set: run .ci/postgres start and export what it prints");
      }
      shared = pool(url, 16);
      JdbcSchema.migrate(shared);
    }
    return shared;
  }

  /** {@return a new pool of {@code size} connections to the same database} */
  public static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setPoolName("parry-test");
    return new HikariDataSource(config);
  }

  /**
   * {@return a new pool named {@code name} of {@code size} connections to the same database, set up
   * further by {@code configure}} (an isolation, auto-commit off)
   */
  public static HikariDataSource pool(String name, int size, Consumer<HikariConfig> configure) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    configure.accept(config);
    return new HikariDataSource(config);
  }

  /** {@return the URL of the test database} */
  public static String url() {
    dataSource();
    return System.getenv(URL_VARIABLE);
  }

  /** Deletes every investigation, event and action. */
  static void truncate() {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE parry_actions, parry_events, parry_investigations, parry_control_changes,"
              + " parry_blast_uses");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code sql} as is. */
  public static void execute(String sql) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
