package dev.parry.testkit.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.tck.InvestigationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The investigation store on a pool whose connections default to REPEATABLE READ: an append that
 * races another one on the same investigation must still be refused as a conflict to decide again,
 * not as an unavailable store.
 */
@DisplayName("The PostgreSQL store keeps the store contract on a REPEATABLE READ pool")
class PostgresRepeatableReadStoreTest extends InvestigationStoreContract {

  private static HikariDataSource pool;

  @Override
  protected InvestigationStore createStore() {
    synchronized (PostgresRepeatableReadStoreTest.class) {
      if (pool == null) {
        pool =
            Postgres.pool(
                "parry-test-store-repeatable-read",
                8,
                config -> config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ"));
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
