package dev.parry.testkit.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.tck.InvestigationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The investigation store on a pool that hands out connections with auto-commit off, as pools set
 * up for a JPA application often do: every write must still be committed, and a refused one must
 * leave no lock behind.
 */
@DisplayName("The PostgreSQL store keeps the store contract on a pool with auto-commit off")
class PostgresAutoCommitOffStoreTest extends InvestigationStoreContract {

  private static HikariDataSource pool;

  @Override
  protected InvestigationStore createStore() {
    synchronized (PostgresAutoCommitOffStoreTest.class) {
      if (pool == null) {
        pool =
            Postgres.pool("parry-test-auto-commit-off", 8, config -> config.setAutoCommit(false));
      }
    }
    return JdbcInvestigationStore.create(pool);
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
