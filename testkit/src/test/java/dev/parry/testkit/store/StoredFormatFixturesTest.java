package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "What the stored format promises": events and investigations written by every format
 * version read back, and the events hash to the chain hashes stored with them. The fixtures are
 * {@code format-<n>-events.tsv} (per investigation: version, chain hash and event per line, a blank
 * line after) and {@code format-<n>-states.tsv} (one investigation a line), written by {@link
 * StoredFormatFixture}; the README next to them says how a later format adds its own.
 */
@DisplayName("Every stored format's fixture reads back and its chains still verify")
class StoredFormatFixturesTest {

  /** The fixtures, oldest first; the last is the format this release writes. */
  static final List<String> FIXTURES = List.of("format-1", "format-2");

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = StoredFormatFixturesTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  @DisplayName("every event of every fixture hashes to the chain hash stored with it")
  void chainsVerify() throws IOException {
    for (String fixture : FIXTURES) {
      ChainHash link = ChainHash.GENESIS;
      int events = 0;
      for (String line : lines(fixture + "-events.tsv")) {
        if (line.isEmpty()) {
          link = ChainHash.GENESIS; // the next investigation's chain
          continue;
        }
        String[] columns = line.split("\t", 3);
        long version = Long.parseLong(columns[0]);
        InvestigationEvent event =
            StoredFormatFixture.JSON.read(columns[2], InvestigationEvent.class);
        link = AuditTrail.link(link, version, event);
        assertEquals(
            ChainHash.of(columns[1]),
            link,
            () -> fixture + ": event " + version + " hashes differently: " + columns[2]);
        events++;
      }
      assertTrue(events > 100, fixture + " holds events: " + events);
    }
  }

  @Test
  @DisplayName(
      "the fixtures together hold every stored type and every enum constant that can be stored")
  void fixturesCoverEveryStoredType() throws IOException {
    Set<String> seen = new TreeSet<>();
    for (String fixture : FIXTURES) {
      for (String line : lines(fixture + "-events.tsv")) {
        if (!line.isEmpty()) {
          StoredFormatFixture.collect(
              StoredFormatFixture.JSON.read(line.split("\t", 3)[2], InvestigationEvent.class),
              seen);
        }
      }
      for (String line : lines(fixture + "-states.tsv")) {
        StoredFormatFixture.collect(StoredFormatFixture.JSON.read(line, Investigation.class), seen);
      }
    }
    Set<String> missing =
        new TreeSet<>(StoredFormatFixture.reachable(Investigation.class, InvestigationEvent.class));
    missing.removeAll(seen);
    assertEquals(
        Set.of(),
        missing,
        "a stored type or constant no fixture holds: add a fixture (see the README"
            + " next to the fixtures)");
  }

  @Test
  @DisplayName(
      "the newest fixture is exactly what this release writes: reading and writing it again changes no byte")
  void newestFixtureIsWhatThisReleaseWrites() throws IOException {
    String newest = FIXTURES.get(FIXTURES.size() - 1);
    List<String> differing = new ArrayList<>();
    for (String line : lines(newest + "-events.tsv")) {
      if (!line.isEmpty()) {
        String json = line.split("\t", 3)[2];
        String again =
            StoredFormatFixture.JSON.write(
                StoredFormatFixture.JSON.read(json, InvestigationEvent.class));
        if (!again.equals(json)) {
          differing.add(json + "\n  now: " + again);
        }
      }
    }
    for (String json : lines(newest + "-states.tsv")) {
      String again =
          StoredFormatFixture.JSON.write(StoredFormatFixture.JSON.read(json, Investigation.class));
      if (!again.equals(json)) {
        differing.add(json + "\n  now: " + again);
      }
    }
    assertEquals(List.of(), differing);
  }
}
