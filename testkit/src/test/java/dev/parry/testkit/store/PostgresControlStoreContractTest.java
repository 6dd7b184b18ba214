package dev.parry.testkit.store;

import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.JdbcControlStore;
import dev.parry.testkit.tck.ControlStoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The PostgreSQL control store keeps the control store contract")
class PostgresControlStoreContractTest extends ControlStoreContract {

  @Override
  protected ControlStore createStore() {
    return JdbcControlStore.create(Postgres.dataSource());
  }
}
