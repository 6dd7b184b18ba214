package dev.parry.testkit.store;

import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Two runtimes sharing one in-memory store")
class InMemorySharedStoreTest extends SharedStoreScenarios {

  private final InMemoryInvestigationStore store = InMemoryInvestigationStore.create();

  @Override
  InvestigationStore store() {
    return store;
  }
}
