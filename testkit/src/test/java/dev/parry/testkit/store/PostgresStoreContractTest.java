package dev.parry.testkit.store;

import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.tck.InvestigationStoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The PostgreSQL store keeps the store contract")
class PostgresStoreContractTest extends InvestigationStoreContract {

  @Override
  protected InvestigationStore createStore() {
    return JdbcInvestigationStore.create(Postgres.dataSource());
  }
}
