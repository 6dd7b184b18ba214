package dev.parry.testkit.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Two runtimes sharing one PostgreSQL database, each through its own connection pool")
class PostgresSharedStoreTest extends SharedStoreScenarios {

  private final List<HikariDataSource> pools = new ArrayList<>();

  @Override
  InvestigationStore store() {
    HikariDataSource pool = Postgres.pool(Postgres.url(), 8);
    pools.add(pool);
    return JdbcInvestigationStore.create(pool);
  }

  @BeforeEach
  void emptyDatabase() {
    Postgres.truncate(); // no actions left approved by other tests for these runtimes to resume
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }
}
