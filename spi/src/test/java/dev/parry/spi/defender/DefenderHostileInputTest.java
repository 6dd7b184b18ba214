package dev.parry.spi.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.verdict.Evidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README "Feeding Defender alerts to Parry": whatever text arrives, the reader either returns an
 * import or refuses the document with a {@link DefenderFormatException}; it never fails in any
 * other way, and everything it returns is valid Parry evidence. Mutations of every fixture
 * (characters replaced by JSON punctuation, hostile characters, text cut short, members swapped for
 * other JSON types) attack it; the seed is printed so a failure replays.
 */
class DefenderHostileInputTest {

  private static final String[] HOSTILE = {
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "0",
    "-1",
    "1e999",
    "null",
    "true",
    "\u202e",
    "\u0000",
    "\\u0000",
    "\\ud800",
    "\u200b",
    "%system%",
    "..\\\\..\\\\",
    "\n",
    "9223372036854775808",
    "\"\":",
    "[[[[",
    "S-1-5-18",
    "NT AUTHORITY",
    "uri=",
    "javascript:alert(1)"
  };

  @Test
  void everyMutationOfEveryFixtureIsImportedOrRefusedWithATypedError() {
    long seed = Long.getLong("parry.seed", System.nanoTime());
    System.out.println(
        "DefenderHostileInputTest seed: " + seed + " (replay with -Dparry.seed=" + seed + ")");
    Random random = new Random(seed);
    List<Function<String, ?>> readers =
        List.of(
            DefenderAlerts::fromGraphAlert,
            DefenderAlerts::fromEndpointAlert,
            DefenderAlerts::fromEndpointMachine);
    int imported = 0;
    int refused = 0;
    for (String fixture : fixtures()) {
      for (int round = 0; round < 120; round++) {
        String mutated = mutate(fixture, random);
        for (Function<String, ?> reader : readers) {
          try {
            Object result = reader.apply(mutated);
            if (result instanceof AlertImport alert) {
              assertEquals(alert.evidence().size(), alert.remediationStatuses().size());
              for (Evidence evidence : alert.evidence()) {
                assertTrue(evidence.entity().key().value().length() > 0);
              }
            }
            imported++;
          } catch (DefenderFormatException expected) {
            assertTrue(expected.field().startsWith("$"), expected.field());
            refused++;
          } catch (RuntimeException | Error other) {
            throw new AssertionError(
                "seed " + seed + ": " + other + " reading:\n" + mutated, other);
          }
        }
      }
    }
    assertTrue(
        imported > 0 && refused > 0,
        "both outcomes were reached: " + imported + " imported, " + refused + " refused");
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(4)) {
        case 0 ->
            out.replace(
                at,
                Math.min(out.length(), at + 1 + random.nextInt(3)),
                HOSTILE[random.nextInt(HOSTILE.length)]);
        case 1 -> out.insert(at, HOSTILE[random.nextInt(HOSTILE.length)]);
        case 2 -> out.setLength(at);
        default -> {
          int quote = out.indexOf("\"", at);
          int end = quote < 0 ? -1 : out.indexOf("\"", quote + 1);
          if (end > quote) {
            out.replace(quote, end + 1, random.nextBoolean() ? "42" : "[\"x\"]");
          }
        }
      }
    }
    return out.toString();
  }

  private static List<String> fixtures() {
    try {
      Path root = Path.of(DefenderHostileInputTest.class.getResource("graph").toURI()).getParent();
      List<String> texts = new ArrayList<>();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          texts.add(Files.readString(file));
        }
      }
      return texts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
