package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "An operation reads an investigation from the store once at most: a remote store pays each read")
class StoreReadsTest {

  final AtomicInteger loads = new AtomicInteger();
  final ParryHarness parry =
      ParryHarness.onStore(
          new ForwardingStore(InMemoryInvestigationStore.create()) {
            @Override
            public Optional<Investigation> load(InvestigationId id) {
              loads.incrementAndGet();
              return super.load(id);
            }
          },
          b -> b.deviceGroups(Samples.groups()));

  @AfterEach
  void close() {
    parry.close();
  }

  @Test
  @DisplayName(
      "after a restart (nothing known), reporting evidence and approving each read once; before it, none")
  void oneReadEach() {
    InvestigationId id =
        open(parry, "inv-reads", SERVER); // servers wait for approval: nothing is dispatched
    loads.set(0);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.SUSPICIOUS));
    assertEquals(0, loads.get(), "the runtime's own last write needs no read");
    parry.restart();
    InvestigationId second = open(parry, "inv-reads-2", SERVER);
    parry.restart();
    loads.set(0);
    parry.runtime().reportEvidence(second, evidence(parry, SERVER, Verdict.SUSPICIOUS));
    assertEquals(1, loads.get(), "reporting evidence read the store again");
    ActionId pending =
        parry
            .runtime()
            .investigation(second, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .id();
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending).status());
    parry.restart();
    loads.set(0);
    parry.runtime().approve(pending, ANALYST, "");
    assertEquals(1, loads.get(), "approving read the store again");
  }
}
