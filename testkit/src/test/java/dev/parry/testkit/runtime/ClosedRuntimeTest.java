package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.FILE;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RuntimeClosedException;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A closed runtime answers every call with a {@link RuntimeClosedException}, reads included, so a
 * service shutting down answers 503 on every route while its load balancer moves callers away; and
 * a wait asked for while the runtime closes fails instead of waiting forever.
 */
@DisplayName("A closed runtime refuses every call")
class ClosedRuntimeTest {

  static Stream<Arguments> reads() {
    Map<String, Consumer<Ctx>> calls =
        Map.ofEntries(
            Map.entry("investigation", c -> c.runtime.investigation(c.id, ANALYST)),
            Map.entry("history", c -> c.runtime.history(c.id, ANALYST)),
            Map.entry(
                "dryRun", c -> c.runtime.dryRun(c.id, evidence(c.parry, FILE, Verdict.MALICIOUS))),
            Map.entry("actions", c -> c.runtime.actions(ActionQuery.pending().build(), ANALYST)),
            Map.entry(
                "exportCsv", c -> c.runtime.exportCsv(ActionQuery.pending().build(), ANALYST)),
            Map.entry("auditTrail", c -> c.runtime.auditTrail(c.id, ANALYST)),
            Map.entry("verifyAuditTrail", c -> c.runtime.verifyAuditTrail(c.id, ANALYST)),
            Map.entry("allowIndicators", c -> c.runtime.allowIndicators(ANALYST)),
            Map.entry("allowGrants", c -> c.runtime.allowGrants(ANALYST)),
            Map.entry("controlChanges", c -> c.runtime.controlChanges(ANALYST, 0, 10)));
    return calls.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  record Ctx(ParryHarness parry, ParryRuntime runtime, InvestigationId id) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  @DisplayName("a read on a closed runtime is unavailable (503), as every other call is")
  void readsAfterClose(String name, Consumer<Ctx> call) {
    ParryHarness parry = ParryHarness.create();
    InvestigationId id = open(parry, "inv-closed-" + name, WORKSTATION);
    Ctx ctx = new Ctx(parry, parry.runtime(), id);
    call.accept(ctx); // answers while open
    parry.close();
    RuntimeClosedException e = assertThrows(RuntimeClosedException.class, () -> call.accept(ctx));
    assertTrue(e.isRetryable());
  }

  @Test
  @DisplayName(
      "a wait asked for while the runtime closes fails with RuntimeClosedException, never hangs")
  void whenCompleteRacingClose() throws Exception {
    AtomicReference<ParryRuntime> closeDuringLoad = new AtomicReference<>();
    ForwardingStore store =
        new ForwardingStore(InMemoryInvestigationStore.create()) {
          @Override
          public Optional<Investigation> load(InvestigationId id) {
            ParryRuntime closing = closeDuringLoad.getAndSet(null);
            if (closing != null) {
              closing.close(); // the runtime closes between whenComplete's checks and its wait
            }
            return super.load(id);
          }
        };
    ParryHarness parry = ParryHarness.onStore(store, b -> {});
    InvestigationId id = open(parry, "inv-closing", WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, FILE, Verdict.MALICIOUS));
    closeDuringLoad.set(parry.runtime());
    CompletableFuture<Investigation> wait;
    try {
      wait = parry.runtime().whenComplete(id, ANALYST);
    } catch (RuntimeClosedException refused) {
      return; // refused at once: as good as a failed wait
    } finally {
      parry.close();
    }
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> wait.get(1, TimeUnit.SECONDS));
    assertInstanceOf(RuntimeClosedException.class, e.getCause());
  }
}
