package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit anchor contract (rules ANCHOR-1 to ANCHOR-4 of {@code spi/SPEC.md}). Extend it and
 * return an anchor from {@link #createAnchor()}; an anchor shared between tests is fine, as every
 * test works on investigations of its own.
 *
 * <pre>{@code
 * class LedgerAnchorContractTest extends AuditAnchorContract {
 *   @Override
 *   protected AuditAnchor createAnchor() {
 *     return new LedgerAnchor(testLedger());
 *   }
 * }
 * }</pre>
 */
public abstract class AuditAnchorContract extends ContractSupport {

  private @Nullable AuditAnchor anchor;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Creates the contract. */
  protected AuditAnchorContract() {}

  /** {@return the anchor under test; called before every test} */
  protected abstract AuditAnchor createAnchor();

  @BeforeEach
  final void createContractAnchor() {
    anchor = createAnchor();
  }

  final AuditAnchor anchor() {
    return Objects.requireNonNull(anchor, "createAnchor() must not return null");
  }

  final InvestigationId newId(String name) {
    return InvestigationId.of("tck-" + run + "-" + name);
  }

  /** {@return a head at {@code version} whose hash tells {@code variant}s apart} */
  static ChainHead head(long version, int variant) {
    return new ChainHead(version, ChainHash.of(String.format("%032x%032x", variant, version)));
  }

  // ---- Keeping heads
  // -----------------------------------------------------------------------------

  @Test
  @DisplayName(
      "ANCHOR-1: head answers the head last anchored, of the highest version; empty for an investigation never anchored")
  void anchor1_headAnswersTheHighestAnchored() {
    rule("ANCHOR-1", false);
    InvestigationId id = newId("a1");
    InvestigationId other = newId("a1-other");
    assertEquals(Optional.empty(), anchor().head(id), "ANCHOR-1: never anchored");
    for (long version : new long[] {1, 2, 5, 9}) {
      anchor().anchor(id, head(version, 0));
      assertEquals(
          Optional.of(head(version, 0)),
          anchor().head(id),
          "ANCHOR-1: after anchoring version " + version);
    }
    assertEquals(Optional.empty(), anchor().head(other), "ANCHOR-1: another investigation");
    anchor().anchor(other, head(3, 1));
    assertEquals(
        Optional.of(head(9, 0)), anchor().head(id), "ANCHOR-1: another investigation's head");
    assertEquals(
        Optional.of(head(3, 1)), anchor().head(other), "ANCHOR-1: each investigation its own head");
  }

  @Test
  @DisplayName("ANCHOR-2: a head at or below the version held changes nothing, not even its hash")
  void anchor2_lowerOrEqualVersionsChangeNothing() {
    rule("ANCHOR-2", false);
    InvestigationId id = newId("a2");
    anchor().anchor(id, head(7, 0));
    anchor().anchor(id, head(4, 0));
    assertEquals(
        Optional.of(head(7, 0)),
        anchor().head(id),
        "ANCHOR-2: a late, lower head replaced a higher one");
    anchor().anchor(id, head(7, 1));
    assertEquals(
        Optional.of(head(7, 0)),
        anchor().head(id),
        "ANCHOR-2: another hash at the version held replaced the one anchored");
    anchor().anchor(id, head(8, 1));
    assertEquals(Optional.of(head(8, 1)), anchor().head(id), "ANCHOR-2: a higher head after them");
  }

  // ---- Concurrency
  // -------------------------------------------------------------------------------

  @Test
  @DisplayName("ANCHOR-3: of concurrent anchors for one investigation, the highest version stays")
  void anchor3_concurrentAnchorsKeepTheHighest() throws Exception {
    rule("ANCHOR-3", false);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 20; round++) {
        InvestigationId id = newId("a3-" + round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int w = 1; w <= writers; w++) {
          long version = w;
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    anchor().anchor(id, head(version, 0));
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> call : calls) {
          call.get(30, TimeUnit.SECONDS);
        }
        Optional<ChainHead> held = anchor().head(id);
        assertTrue(
            held.isPresent() && held.get().equals(head(writers, 0)),
            "ANCHOR-3: round " + round + " kept " + held + ", not version " + writers);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
