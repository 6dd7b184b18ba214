package dev.parry.testkit.fake;

import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.tck.InvestigationStoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A forwarding store keeps the store contract of the store it forwards to")
class ForwardingStoreContractTest extends InvestigationStoreContract {

  @Override
  protected InvestigationStore createStore() {
    return new ForwardingStore(InMemoryInvestigationStore.create());
  }
}
