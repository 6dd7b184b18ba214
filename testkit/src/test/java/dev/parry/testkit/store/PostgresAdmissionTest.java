package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.safety.ControlStore.Window;
import dev.parry.spi.store.JdbcControlStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An admission that waits for a window's lock while another admission holds it must count the use
 * that other one commits: whatever isolation the pool gives its connections, never more than the
 * window's maximum.
 */
@DisplayName("A blast-radius admission counts what committed while it waited for the window")
class PostgresAdmissionTest {

  private static final int ADMIT_LOCK = 0x70617279;
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @ParameterizedTest(name = "on a pool whose connections are {0}")
  @ValueSource(strings = {"TRANSACTION_READ_COMMITTED", "TRANSACTION_REPEATABLE_READ"})
  @DisplayName("a use committed while the admission waited for the window's lock is counted")
  void countsWhatCommittedWhileItWaited(String isolation) throws Exception {
    String scope = "KIND:ISOLATE_DEVICE/admission-" + UUID.randomUUID();
    Window window = new Window(scope, Duration.ofHours(1), 1);
    try (HikariDataSource pool =
            Postgres.pool(
                "parry-test-admission", 2, config -> config.setTransactionIsolation(isolation));
        Connection other = Postgres.dataSource().getConnection()) {
      assertEquals(
          isolation.equals("TRANSACTION_READ_COMMITTED") ? "read committed" : "repeatable read",
          isolationOf(pool),
          "the pool's isolation");
      JdbcControlStore controls = JdbcControlStore.create(pool);
      countWithoutCommitting(other, window, 1);
      CompletableFuture<Boolean> admitted =
          CompletableFuture.supplyAsync(() -> controls.admit(List.of(window), NOW, true));
      awaitWaitingForLock(window.key());
      other.commit();
      assertFalse(
          admitted.get(30, TimeUnit.SECONDS),
          "admitted past a full window: the use committed while it waited was not counted");
    }
  }

  @ParameterizedTest(name = "on a pool whose connections are {0}, auto-commit {1}")
  @CsvSource({
    "TRANSACTION_READ_COMMITTED, true",
    "TRANSACTION_READ_COMMITTED, false",
    "TRANSACTION_REPEATABLE_READ, false"
  })
  @DisplayName(
      "an admission of several counts the uses committed while it waited, and its own uses stay"
          + " committed")
  void severalCountWhatCommittedWhileTheyWaited(String isolation, boolean autoCommit)
      throws Exception {
    String scope = "KIND:ISOLATE_DEVICE/admission-" + UUID.randomUUID();
    Window window = new Window(scope, Duration.ofHours(1), 5);
    try (HikariDataSource pool =
            Postgres.pool(
                "parry-test-admission",
                2,
                config -> {
                  config.setTransactionIsolation(isolation);
                  config.setAutoCommit(autoCommit);
                });
        Connection other = Postgres.dataSource().getConnection()) {
      JdbcControlStore controls = JdbcControlStore.create(pool);
      countWithoutCommitting(other, window, 2);
      CompletableFuture<Integer> admitted =
          CompletableFuture.supplyAsync(
              () -> controls.admitUpTo(List.of(window), NOW, 10, NOW.plusSeconds(1)));
      awaitWaitingForLock(window.key());
      other.commit();
      assertEquals(
          3,
          admitted.get(30, TimeUnit.SECONDS),
          "10 wanted of a window of 5 holding the 2 uses committed while it waited");
      try (PreparedStatement count =
          other.prepareStatement("SELECT count(*) FROM parry_blast_uses WHERE window_key = ?")) {
        count.setString(1, window.key());
        try (ResultSet result = count.executeQuery()) {
          result.next();
          assertEquals(5, result.getLong(1), "the admission's 3 uses were committed");
        }
      }
      other.commit();
    }
  }

  /**
   * Does on {@code other} what another admission does before its commit: holds {@code window}'s
   * lock and counts {@code uses} uses at {@code NOW}, in a transaction left open.
   */
  private static void countWithoutCommitting(Connection other, Window window, int uses)
      throws SQLException {
    other.setAutoCommit(false);
    try (PreparedStatement lock =
        other.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      lock.setInt(1, ADMIT_LOCK);
      lock.setString(2, window.key());
      lock.execute();
    }
    try (PreparedStatement use =
        other.prepareStatement(
            "INSERT INTO parry_blast_uses (window_key, at_s, at_n) VALUES (?, ?, ?)")) {
      for (int n = 0; n < uses; n++) {
        use.setString(1, window.key());
        use.setLong(2, NOW.getEpochSecond());
        use.setInt(3, 0);
        use.addBatch();
      }
      use.executeBatch();
    }
  }

  private static String isolationOf(DataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW transaction_isolation")) {
      result.next();
      return result.getString(1);
    }
  }

  /** Waits until a session waits for the advisory lock of the window keyed {@code key}. */
  private static void awaitWaitingForLock(String key) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      try (Connection connection = Postgres.dataSource().getConnection();
          PreparedStatement waiting =
              connection.prepareStatement(
                  "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                      + " AND classid::bigint = ? AND objid::bigint = (hashtext(?)::bigint &"
                      + " 4294967295)")) {
        waiting.setLong(1, ADMIT_LOCK);
        waiting.setString(2, key);
        try (ResultSet result = waiting.executeQuery()) {
          result.next();
          if (result.getLong(1) > 0) {
            return;
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the admission never waited for the window's lock");
  }
}
