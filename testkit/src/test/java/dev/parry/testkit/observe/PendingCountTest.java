package dev.parry.testkit.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RuntimeGauges;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The pending-approval count costs a query per reconciler pass only when instrumentation is configured")
class PendingCountTest {

  /** Counts the action queries the runtime makes. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger queries = new AtomicInteger();

    CountingStore() {
      super(InMemoryInvestigationStore.create());
    }

    @Override
    public Page<ActionRecord> queryActions(ActionQuery query) {
      queries.incrementAndGet();
      return super.queryActions(query);
    }
  }

  @Test
  @DisplayName("without instrumentation, reconciler passes make no action query at all")
  void noQueryWithoutInstrumentation() {
    CountingStore store = new CountingStore();
    try (ParryHarness parry =
        ParryHarness.onStore(
            store, b -> ObserveSamples.configure(b.reconcileEvery(Duration.ofSeconds(5))))) {
      ObserveSamples.isolate(parry, "inv-1", ObserveSamples.server("d-srv-1"));
      parry.advance(Duration.ofMinutes(5));
      assertEquals(0, store.queries.get());
    }
  }

  @Test
  @DisplayName(
      "with instrumentation, each pass counts the pending actions once, and the gauge follows approvals")
  void countedEachPass() {
    CountingStore store = new CountingStore();
    AtomicReference<RuntimeGauges> bound = new AtomicReference<>();
    Instrumentation levels =
        new Instrumentation() {
          @Override
          public Binding bind(RuntimeGauges gauges) {
            bound.set(gauges);
            return Binding.NONE;
          }
        };
    try (ParryHarness parry =
        ParryHarness.onStore(
            store,
            b ->
                ObserveSamples.configure(
                    b.reconcileEvery(Duration.ofSeconds(5)).instrumentation(levels)))) {
      ActionRecord held = ObserveSamples.isolate(parry, "inv-1", ObserveSamples.server("d-srv-1"));
      ObserveSamples.isolate(parry, "inv-2", ObserveSamples.server("d-srv-2"));
      assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
      int before = store.queries.get();
      parry.advance(Duration.ofSeconds(50));
      int passes = store.queries.get() - before;
      assertTrue(passes >= 9 && passes <= 11, "one query per pass, every 5 s for 50 s: " + passes);
      assertEquals(OptionalInt.of(2), bound.get().pendingApprovals());
      parry.runtime().approve(held.id(), ParryHarness.ANALYST, "confirmed");
      parry.advance(Duration.ofSeconds(6));
      assertEquals(OptionalInt.of(1), bound.get().pendingApprovals());
    }
  }

  @Test
  @DisplayName(
      "a store that pages forever (empty pages, each naming a new cursor) costs each pass a few queries, not a hung reconciler")
  void storePagingForever() {
    AtomicInteger queries = new AtomicInteger();
    ForwardingStore endless =
        new ForwardingStore(InMemoryInvestigationStore.create()) {
          @Override
          public Page<ActionRecord> queryActions(ActionQuery query) {
            int n = queries.incrementAndGet();
            if (n > 10_000) {
              throw new AssertionError("still paging after 10,000 queries");
            }
            return new Page<>(List.of(), "page-" + n);
          }
        };
    AtomicReference<RuntimeGauges> bound = new AtomicReference<>();
    Instrumentation levels =
        new Instrumentation() {
          @Override
          public Binding bind(RuntimeGauges gauges) {
            bound.set(gauges);
            return Binding.NONE;
          }
        };
    try (ParryHarness parry =
        ParryHarness.onStore(
            endless,
            b ->
                ObserveSamples.configure(
                    b.reconcileEvery(Duration.ofSeconds(5)).instrumentation(levels)))) {
      parry.advance(Duration.ofSeconds(12));
      assertTrue(queries.get() > 0, "the count was attempted");
      assertTrue(queries.get() <= 3 * 100, "a bounded number of pages a pass: " + queries.get());
      assertEquals(
          OptionalInt.empty(),
          bound.get().pendingApprovals(),
          "no count from a store that pages wrongly");
      assertEquals(List.of(), parry.scheduler().failures());
    }
  }
}
