package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory store's index keys sort exactly as the public sort keys do")
class IndexKeyTest {

  /** Times that share seconds, nanoseconds or both, around the epoch and at the ends of time. */
  static Instant time(Random random) {
    long[] seconds = {
      Instant.MIN.getEpochSecond(), -1, 0, 1, 1_700_000_000L, Instant.MAX.getEpochSecond()
    };
    int[] nanos = {0, 1, 500_000_000, 999_999_999};
    return Instant.ofEpochSecond(
        seconds[random.nextInt(seconds.length)], nanos[random.nextInt(nanos.length)]);
  }

  @Test
  @DisplayName(
      "random keys sharing times, investigations and sequences compare, match and round-trip as sort keys do")
  void sameOrderAsSortKeys() {
    long seed = Long.getLong("parry.seed", System.nanoTime());
    System.out.println("IndexKeyTest seed: " + seed + " (replay with -Dparry.seed=" + seed + ")");
    Random random = new Random(seed);
    String[] investigations = {"", "a", "inv-1", "inv-10", "inv-2", "Z"};
    List<SortKey> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      keys.add(
          new SortKey(
              time(random),
              investigations[random.nextInt(investigations.length)],
              random.nextInt(3) == 0 ? Integer.MAX_VALUE : random.nextInt(4)));
    }
    for (SortKey a : keys) {
      IndexKey ia = IndexKey.of(a);
      assertEquals(a, ia.sortKey(), () -> "seed " + seed + ": round trip of " + a);
      assertTrue(ia.isAt(a.proposedAt()), () -> "seed " + seed);
      for (SortKey b : keys) {
        IndexKey ib = IndexKey.of(b);
        assertEquals(
            Integer.signum(a.compareTo(b)),
            Integer.signum(ia.compareTo(ib)),
            () -> "seed " + seed + ": " + a + " against " + b);
        assertEquals(a.equals(b), ia.equals(ib), () -> "seed " + seed + ": " + a + " against " + b);
        if (ia.equals(ib)) {
          assertEquals(ia.hashCode(), ib.hashCode(), () -> "seed " + seed);
        }
        assertEquals(
            a.proposedAt().equals(b.proposedAt()), ia.isAt(b.proposedAt()), () -> "seed " + seed);
      }
    }
  }

  @Test
  @DisplayName(
      "the first key at a time sorts before every action at that time and after every one before")
  void firstAtTime() {
    Instant at = Instant.ofEpochSecond(1_700_000_000L, 5);
    IndexKey first = IndexKey.first(at);
    assertTrue(first.compareTo(IndexKey.of(at, "a", 1)) < 0);
    assertTrue(first.compareTo(IndexKey.of(at, "", 1)) < 0);
    assertTrue(first.compareTo(IndexKey.of(at.minusNanos(1), "zzz", Integer.MAX_VALUE)) > 0);
    assertFalse(first.isAt(at.plusNanos(1)));
  }
}
