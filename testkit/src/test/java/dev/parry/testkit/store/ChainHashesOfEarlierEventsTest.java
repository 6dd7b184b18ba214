package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.internal.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Anchoring the audit chain": the hashes a store kept are a stored format. Events stored
 * and chained by the release before evidence roles, optional device names, files by any hash, users
 * by any identifier and the new email and process attributes (61 histories of every event and
 * entity kind, and users whose verdict was COMPROMISED) read back through the upcasts and hash to
 * exactly the hashes that release stored, so their chains still verify.
 */
@DisplayName("Events chained by an earlier release still hash to the hashes it stored")
class ChainHashesOfEarlierEventsTest {

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);

  @Test
  void everyStoredHashIsRecomputedExactly() throws IOException {
    List<String> lines;
    try (InputStream in =
        ChainHashesOfEarlierEventsTest.class.getResourceAsStream(
            "chain-written-before-evidence-roles.tsv")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    ChainHash link = ChainHash.GENESIS;
    int events = 0;
    for (String line : lines) {
      if (line.isEmpty()) {
        link = ChainHash.GENESIS; // the next investigation's chain
        continue;
      }
      String[] columns = line.split("\t", 3);
      long version = Long.parseLong(columns[0]);
      InvestigationEvent event = JSON.read(columns[2], InvestigationEvent.class);
      link = AuditTrail.link(link, version, event);
      assertEquals(
          ChainHash.of(columns[1]),
          link,
          () -> "event " + version + " hashes differently: " + columns[2]);
      events++;
    }
    assertTrue(events > 300, "the fixture holds the events: " + events);
  }
}
