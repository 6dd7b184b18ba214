package dev.parry.testkit.store;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.internal.RecordJson;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.testkit.tck.InvestigationStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The PostgreSQL store keeps the store contract")
class PostgresStoreContractTest extends InvestigationStoreContract {

  private static final RecordJson JSON =
      new RecordJson(Investigation.class, InvestigationEvent.class);

  @Override
  protected InvestigationStore createStore() {
    return JdbcInvestigationStore.create(Postgres.dataSource());
  }

  /**
   * Rewrites the event's row as the table's owner can: the append-only trigger off for the
   * transaction.
   */
  @Override
  protected Optional<StorageEditor> storageEditor() {
    return Optional.of(
        (id, version, event) ->
            PostgresAuditChainTest.behindTheStoresBack(
                "UPDATE parry_events SET event = '"
                    + JSON.write(event).replace("'", "''")
                    + "'"
                    + PostgresAuditChainTest.where(id, version)));
  }
}
