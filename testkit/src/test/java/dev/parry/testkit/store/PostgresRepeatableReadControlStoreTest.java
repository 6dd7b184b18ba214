package dev.parry.testkit.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.JdbcControlStore;
import dev.parry.testkit.tck.ControlStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The control store on a pool whose connections default to REPEATABLE READ, where one statement
 * cannot see what committed while it waited for a window's lock: admissions must still never exceed
 * a window's maximum.
 */
@DisplayName(
    "The PostgreSQL control store keeps the control store contract on a REPEATABLE READ pool")
class PostgresRepeatableReadControlStoreTest extends ControlStoreContract {

  private static HikariDataSource pool;

  @Override
  protected ControlStore createStore() {
    synchronized (PostgresRepeatableReadControlStoreTest.class) {
      if (pool == null) {
        pool =
            Postgres.pool(
                "parry-test-repeatable-read",
                8,
                config -> config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ"));
      }
    }
    return JdbcControlStore.create(pool);
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
