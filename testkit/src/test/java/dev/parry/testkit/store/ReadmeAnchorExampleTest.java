package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.tck.AuditAnchorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The README's file anchor runs as written: it keeps the anchor contract and names a truncated tail")
class ReadmeAnchorExampleTest {

  /** Where the anchors' files go: deleted after the tests. */
  @TempDir static Path files;

  /** As README, "Anchoring the audit chain", writes it. */
  static final class FileAnchor implements AuditAnchor {
    private final Path file;
    private final Map<InvestigationId, ChainHead> heads = new HashMap<>();

    FileAnchor(Path file) throws IOException {
      this.file = file;
      if (Files.exists(file)) { // the heads kept before a restart
        for (String line : Files.readAllLines(file)) {
          String[] field = line.split(" ");
          heads.merge(
              InvestigationId.of(field[0]),
              ChainHead.of(Long.parseLong(field[1]), ChainHash.of(field[2])),
              (held, read) -> held.version() >= read.version() ? held : read);
        }
      }
    }

    @Override
    public synchronized void anchor(InvestigationId id, ChainHead head) {
      ChainHead held = heads.get(id);
      if (held != null && held.version() >= head.version()) {
        return; // ANCHOR-2: never lower, never another hash
      }
      try {
        Files.writeString(
            file,
            id + " " + head.version() + " " + head.hash() + "\n",
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.DSYNC);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // the runtime offers the head again later
      }
      heads.put(id, head);
    }

    @Override
    public synchronized Optional<ChainHead> head(InvestigationId id) {
      return Optional.ofNullable(heads.get(id));
    }
  }

  @Nested
  @DisplayName("FileAnchor")
  class Contract extends AuditAnchorContract {
    @Override
    protected AuditAnchor createAnchor() {
      try {
        return new FileAnchor(Files.createTempFile(files, "parry-heads", ".txt"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  @DisplayName(
      "a runtime on it anchors every head, which a restarted anchor reads back, and a tail cut off is named")
  void truncatedTail() throws IOException {
    Path file = Files.createTempFile(files, "parry-heads", ".txt");
    InMemoryAuditChainTest.TamperedStore store = new InMemoryAuditChainTest.TamperedStore();
    InvestigationId id = InvestigationId.of("inv-readme-anchor");
    FileAnchor anchor = new FileAnchor(file);
    try (ParryHarness parry = ParryHarness.onStore(store, builder -> builder.auditAnchor(anchor))) {
      parry.runtime().open(id, AlertId.of("alert-readme"), PostgresAuditChainTest.DEVICE);
      parry
          .runtime()
          .reportEvidence(
              id,
              Evidence.of(
                  PostgresAuditChainTest.FILE,
                  Verdict.MALICIOUS,
                  "Trojan",
                  parry.clock().instant()));
      parry.settle();
      parry.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
      assertEquals(
          new Verification.Intact(7, 0, 7),
          parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST));
      assertEquals(
          anchor.head(id), new FileAnchor(file).head(id), "the head read back from the file");
      assertTrue(parry.anchor().heads().isEmpty(), "the harness's own anchor was replaced");

      store.tamper(records -> records.subList(0, 4));
      Verification.Broken broken =
          (Verification.Broken) parry.runtime().verifyAuditTrail(id, ParryHarness.ANALYST);
      assertEquals(5, broken.version());
      assertEquals(Verification.Problem.TRUNCATED, broken.problem());
    }
  }
}
