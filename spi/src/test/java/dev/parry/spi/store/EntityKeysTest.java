package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An entity's keys in the in-memory store hold exactly what was added and not removed")
class EntityKeysTest {

  static IndexKey key(int n) {
    return IndexKey.of(Instant.ofEpochSecond(n), "inv-" + n, 1);
  }

  @Test
  @DisplayName(
      "one key is held as itself, a second makes a list of two, the last removed leaves none")
  void oneTwoNone() {
    IndexKey first = key(1);
    EntityKeys one = first;
    assertEquals(List.of(first), one.keys());
    assertSame(one, one.without(key(2)), "a key it does not hold changes nothing");
    assertNull(one.without(key(1)), "an equal key removes it");
    EntityKeys two = one.with(key(2));
    assertEquals(List.of(key(1), key(2)), two.keys());
    EntityKeys left = two.without(key(1));
    assertEquals(List.of(key(2)), left == null ? List.of() : left.keys());
    assertNull(left == null ? null : left.without(key(2)));
    assertThrows(UnsupportedOperationException.class, () -> first.keys().add(key(3)));
  }

  @Test
  @DisplayName(
      "random adds and removals, oldest first or anywhere, keep the keys in the order added")
  void randomChanges() {
    long seed = Long.getLong("parry.seed", System.nanoTime());
    System.out.println("EntityKeysTest seed: " + seed + " (replay with -Dparry.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int run = 0; run < 200; run++) {
      List<IndexKey> expected = new ArrayList<>();
      EntityKeys held = null;
      int next = 0;
      for (int step = 0; step < 300; step++) {
        boolean add = expected.isEmpty() || random.nextInt(5) < (run % 2 == 0 ? 3 : 2);
        if (add) {
          IndexKey key = key(next++);
          held = held == null ? key : held.with(key);
          expected.add(key);
        } else {
          // eviction takes the oldest first; a removal anywhere is allowed too. The store removes
          // with a key it builds again, equal to the one it added
          int at = random.nextInt(4) == 0 ? random.nextInt(expected.size()) : 0;
          IndexKey removed = expected.remove(at);
          IndexKey equal = IndexKey.of(removed.sortKey());
          held = held == null ? null : held.without(equal);
        }
        List<IndexKey> actual = held == null ? List.of() : held.keys();
        int s = step;
        int r = run;
        assertEquals(
            expected, actual, () -> "seed " + seed + ", run " + r + ", step " + s + ": keys");
        assertEquals(expected.isEmpty(), held == null, () -> "seed " + seed + ": empty is none");
        assertEquals(
            expected.size() == 1,
            held instanceof IndexKey,
            () -> "seed " + seed + ": a lone key is held as itself");
      }
    }
  }
}
