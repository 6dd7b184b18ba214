package dev.parry.spi.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entity's actions in the in-memory store's index by entity, as their index keys. Most entities
 * have one action, and then the key is held as itself ({@link IndexKey} is one of these), at no
 * cost beyond the key the other indexes hold too; an entity with more holds them in {@link Many}.
 * Written only under the entity's map entry lock, so each change answers what to hold next.
 */
sealed interface EntityKeys permits IndexKey, EntityKeys.Many {

  /** {@return these keys and {@code key}} */
  EntityKeys with(IndexKey key);

  /** {@return these keys without {@code key}, or null if none is left} */
  @Nullable EntityKeys without(IndexKey key);

  /** {@return the keys, as a list of their own} */
  List<IndexKey> keys();

  /**
   * Two keys or more (one left after a removal is held as itself again), in an array that doubles
   * when full, so an entity in thousands of investigations (a campaign's URL) is added to in
   * amortized constant time, and stays one flat array for the collector rather than a long chain.
   * Eviction removes keys oldest first, so a removal finds its key near the live start of the array
   * and leaves a gap there; a full array is compacted before it grows. Read by queries under this
   * object's monitor.
   */
  final class Many implements EntityKeys {
    private @Nullable IndexKey[] held = new IndexKey[4];
    private int start;
    private int end;
    private int live;

    Many(IndexKey first, IndexKey second) {
      held[end++] = first;
      held[end++] = second;
      live = 2;
    }

    @Override
    public synchronized EntityKeys with(IndexKey key) {
      if (end == held.length) {
        boolean inPlace = live <= held.length / 2; // gaps left by evictions: close them, not grow
        @Nullable IndexKey[] target = inPlace ? held : new IndexKey[2 * held.length];
        int j = 0;
        for (int i = start; i < end; i++) {
          IndexKey next = held[i];
          if (next != null) {
            target[j++] = next;
          }
        }
        if (inPlace) {
          Arrays.fill(target, j, end, null);
        }
        held = target;
        start = 0;
        end = j;
      }
      held[end++] = key;
      live++;
      return this;
    }

    @Override
    public synchronized @Nullable EntityKeys without(IndexKey key) {
      for (int i = start; i < end; i++) {
        if (key.equals(held[i])) {
          held[i] = null;
          live--;
          break;
        }
      }
      while (start < end && held[start] == null) {
        start++;
      }
      if (live == 1) {
        return Objects.requireNonNull(held[start]); // the first live key is the one left
      }
      return live == 0 ? null : this;
    }

    @Override
    public synchronized List<IndexKey> keys() {
      List<IndexKey> keys = new ArrayList<>(live);
      for (int i = start; i < end; i++) {
        IndexKey key = held[i];
        if (key != null) {
          keys.add(key);
        }
      }
      return keys;
    }
  }
}
