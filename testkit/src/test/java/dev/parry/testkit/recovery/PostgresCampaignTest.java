package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.store.Postgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Fault campaign on PostgreSQL: connections terminated mid-statement and a server restart, on top of the"
        + " injected faults; everything settles without a restart of the runtimes")
class PostgresCampaignTest {

  static final String SCHEMA = "parry_campaign";
  static final String RESTART_VARIABLE = "PARRY_PG_RESTART";

  @Test
  @DisplayName("two runtimes on one database")
  void twoRuntimesOnPostgres() throws Exception {
    String url = Postgres.url(); // skips or fails as the other PostgreSQL tests do
    String restart = System.getenv(RESTART_VARIABLE);
    if (restart == null && System.getenv("PARRY_REQUIRE_POSTGRES") != null) {
      fail(RESTART_VARIABLE + " is not set: .ci/postgres start prints it");
    }
    Postgres.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    Postgres.execute("CREATE SCHEMA " + SCHEMA);
    String schemaUrl = url + "&currentSchema=" + SCHEMA;
    AtomicInteger terminated = new AtomicInteger();
    AtomicInteger restarts = new AtomicInteger();
    AtomicInteger chaos = new AtomicInteger();
    try (HikariDataSource pool = Postgres.pool(schemaUrl, 8)) {
      JdbcInvestigationStore store = JdbcInvestigationStore.migrateAndCreate(pool);
      try (Rig first = new Rig(31, store, "pg-rig-1", FaultCampaignTest.CAMPAIGN);
          Rig second = new Rig(first, 1031, "pg-rig-2")) {
        Campaign campaign =
            new Campaign(
                31,
                List.of(first, second),
                () -> {
                  if (chaos.incrementAndGet() == 2 && restart != null) {
                    restartServer(restart);
                    restarts.incrementAndGet();
                  }
                });
        // connections are also terminated at random moments from another thread, so some die
        // mid-statement
        AtomicBoolean killing = new AtomicBoolean(true);
        Thread killer =
            new Thread(
                () -> {
                  Random random = new Random(31);
                  while (killing.get()) {
                    try {
                      Thread.sleep(20 + random.nextInt(60));
                    } catch (InterruptedException e) {
                      return;
                    }
                    terminated.addAndGet(terminateConnections(url));
                  }
                },
                "connection-killer");
        killer.setDaemon(true);
        killer.start();
        campaign.onHeal(
            () -> {
              killing.set(false);
              try {
                killer.join(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
        Campaign.Result result = campaign.run(150, 0.15, 0.05);
        System.out.println(
            "campaign on PostgreSQL, two runtimes: "
                + result
                + "; "
                + terminated.get()
                + " connections terminated, "
                + restarts.get()
                + " server restart(s)");
        assertTrue(terminated.get() > 0, "no connection was terminated");
        assertTrue(restart == null || restarts.get() == 1, "the server was not restarted");
      }
    } finally {
      // the shared pool's connections were terminated too: the tests that follow get fresh ones
      ((HikariDataSource) Postgres.dataSource()).getHikariPoolMXBean().softEvictConnections();
      Postgres.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  /**
   * Terminates every other connection to the database, as a failover or an administrator would,
   * mid-statement or not.
   */
  static int terminateConnections(String url) {
    try (Connection admin = DriverManager.getConnection(url);
        Statement statement = admin.createStatement();
        var result =
            statement.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      return 0; // the server is restarting, or this very connection was terminated: try again next
      // round
    }
  }

  static void restartServer(String command) {
    try {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("restarting PostgreSQL failed: " + command);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not restart PostgreSQL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while restarting PostgreSQL", e);
    }
  }
}
