package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.UnavailableException;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Quick start": a caller is told when an investigation completes, by any runtime on the
 * store.
 */
@DisplayName(
    "whenComplete tells a caller an investigation completed, whichever runtime completed it")
class WhenCompleteTest {

  static final Device WS = Device.of(DeviceId.of("d-wc"), DeviceName.of("ws-wc"));

  static InvestigationId openWithAFile(ParryHarness parry, String name) {
    InvestigationId id = InvestigationId.of(name);
    parry.runtime().open(id, AlertId.of("a-" + name), WS);
    parry
        .runtime()
        .reportEvidence(
            id,
            Evidence.of(
                DeviceFile.onDevice(
                    Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                    WS.id(),
                    WindowsPath.of("C:\\Temp\\x.exe")),
                Verdict.MALICIOUS,
                "t",
                parry.clock().instant()));
    return id;
  }

  @Test
  @DisplayName("completed by this runtime: the stage completes with the final state")
  void byThisRuntime() {
    try (ParryHarness parry = ParryHarness.create()) {
      InvestigationId id = openWithAFile(parry, "inv-wc-1");
      CompletableFuture<Investigation> done =
          parry.runtime().whenComplete(id, ParryHarness.ANALYST).toCompletableFuture();
      parry.settle();
      assertFalse(done.isDone(), "the analysis is not finished yet");
      parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
      parry.settle();
      assertTrue(done.isDone());
      assertEquals(InvestigationStatus.REMEDIATED, done.join().status());
      assertTrue(
          parry.runtime().whenComplete(id, ParryHarness.ANALYST).toCompletableFuture().isDone(),
          "already complete: at once");
    }
  }

  @Test
  @DisplayName(
      "completed by another runtime on the same store: the stage completes at this runtime's next pass")
  void byAnotherRuntime() {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    try (ParryHarness a = ParryHarness.onStore(store, b -> b.instanceName("a"));
        ParryHarness b = ParryHarness.onStore(store, x -> x.instanceName("b"))) {
      InvestigationId id = openWithAFile(a, "inv-wc-2");
      a.settle();
      CompletableFuture<Investigation> done =
          b.runtime().whenComplete(id, ParryHarness.ANALYST).toCompletableFuture();
      a.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
      a.settle();
      assertFalse(done.isDone(), "b has not looked yet");
      b.advance(Duration.ofMinutes(2));
      assertTrue(done.isDone(), "b's reconciler read it complete");
    }
  }

  @Test
  @DisplayName(
      "a wait given up ends; closing the runtime fails the waits still open; a closed runtime takes none")
  void cancelledAndClosed() {
    ParryHarness parry = ParryHarness.create();
    InvestigationId id = openWithAFile(parry, "inv-wc-3");
    CompletableFuture<Investigation> givenUp =
        parry.runtime().whenComplete(id, ParryHarness.ANALYST);
    CompletableFuture<Investigation> open = parry.runtime().whenComplete(id, ParryHarness.ANALYST);
    givenUp.cancel(false);
    assertTrue(givenUp.isCancelled());
    assertFalse(open.isDone(), "the other wait goes on");
    parry.close();
    assertTrue(open.isCompletedExceptionally(), "closing fails the waits still open");
    org.junit.jupiter.api.Assertions.assertThrows(
        UnavailableException.class, () -> parry.runtime().whenComplete(id, ParryHarness.ANALYST));
  }
}
