package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

  @Test
  @DisplayName(
      "with more investigations than the runtime keeps last writes of, each command is decided on its"
          + " own investigation, and those whose last write was dropped are read again")
  void manyInvestigations() {
    // the kept writes share places: a lookup must check whose write a place holds
    int count = 6_000;
    List<InvestigationId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(open(parry, "inv-many-" + i, SERVER));
    }
    loads.set(0);
    for (InvestigationId id : ids) {
      parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.SUSPICIOUS));
    }
    int reads = loads.get();
    for (InvestigationId id : ids) {
      Investigation state = parry.runtime().investigation(id, ANALYST).orElseThrow();
      assertEquals(id, state.id());
      assertEquals(1, state.evidence().size(), () -> id + " holds another's evidence");
      assertEquals(1, state.actions().size(), () -> id + " holds another's action");
    }
    assertTrue(reads > 0, "6,000 last writes kept: the runtime's memory would be unbounded");
    assertTrue(reads < count, "no last write served a command: " + reads + " reads");
  }

  @Test
  @DisplayName(
      "two hundred investigations worked on in turn are decided on this runtime's last writes: at"
          + " most one command in twenty reads the store")
  void busyInvestigationsKeepTheirLastWrites() {
    List<InvestigationId> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // ids as a service makes them, not in sequence: their hashes spread as they would
      String id = UUID.nameUUIDFromBytes(("busy-" + i).getBytes(StandardCharsets.UTF_8)).toString();
      ids.add(open(parry, "inv-" + id, SERVER));
    }
    loads.set(0);
    for (int round = 0; round < 3; round++) {
      for (InvestigationId id : ids) {
        parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.SUSPICIOUS));
      }
    }
    int commands = 3 * ids.size();
    assertTrue(
        loads.get() <= commands / 20,
        () ->
            loads.get()
                + " of "
                + commands
                + " commands read the store: busy investigations"
                + " lose their last writes to one another");
  }
}
