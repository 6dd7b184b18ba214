package dev.parry.spi.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SortKey} as the in-memory store's sorted indexes hold it: the time kept as numbers in
 * the key itself, so that comparing two keys reads one object each rather than a key and its {@link
 * Instant}. A search through an index of a million actions compares dozens of keys that are rarely
 * in the cache; each object not read is a miss saved. Same order as {@link SortKey}.
 *
 * <p>A key on its own is also the index by entity's entry for an entity with one action.
 */
final class IndexKey implements Comparable<IndexKey>, EntityKeys {

  private final long seconds;
  private final int nanos;
  private final int sequence;
  private final String investigation;

  private IndexKey(long seconds, int nanos, String investigation, int sequence) {
    this.seconds = seconds;
    this.nanos = nanos;
    this.investigation = investigation;
    this.sequence = sequence;
  }

  /** {@return the key of an action of {@code investigation} at {@code at}} */
  static IndexKey of(Instant at, String investigation, int sequence) {
    return new IndexKey(at.getEpochSecond(), at.getNano(), investigation, sequence);
  }

  /** {@return the key that sorts where {@code key} does} */
  static IndexKey of(SortKey key) {
    return of(key.proposedAt(), key.investigation(), key.sequence());
  }

  /** {@return {@code key}'s index key, or null for none} */
  static @Nullable IndexKey ofNullable(@Nullable SortKey key) {
    return key == null ? null : of(key);
  }

  /** {@return the first key at {@code at}: before every action there} */
  static IndexKey first(Instant at) {
    return of(at, "", 0);
  }

  /** {@return whether this key's time is {@code at}} */
  boolean isAt(Instant at) {
    return seconds == at.getEpochSecond() && nanos == at.getNano();
  }

  /** {@return this key as the public {@link SortKey}, for a cursor} */
  SortKey sortKey() {
    return new SortKey(Instant.ofEpochSecond(seconds, nanos), investigation, sequence);
  }

  @Override
  public int compareTo(IndexKey other) {
    int bySecond = Long.compare(seconds, other.seconds);
    if (bySecond != 0) {
      return bySecond;
    }
    int byNano = Integer.compare(nanos, other.nanos);
    if (byNano != 0) {
      return byNano;
    }
    int byInvestigation = investigation.compareTo(other.investigation);
    return byInvestigation != 0 ? byInvestigation : Integer.compare(sequence, other.sequence);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IndexKey other
        && seconds == other.seconds
        && nanos == other.nanos
        && sequence == other.sequence
        && investigation.equals(other.investigation);
  }

  @Override
  public int hashCode() {
    int hash = Long.hashCode(seconds);
    hash = 31 * hash + nanos;
    hash = 31 * hash + investigation.hashCode();
    return 31 * hash + sequence;
  }

  /** {@return this key and {@code key}, as an entity's two actions} */
  @Override
  public EntityKeys with(IndexKey key) {
    return new Many(this, key);
  }

  /** {@return null if {@code key} is this one, the entity's only action; this key otherwise} */
  @Override
  public @Nullable EntityKeys without(IndexKey key) {
    return equals(key) ? null : this;
  }

  @Override
  public List<IndexKey> keys() {
    return List.of(this);
  }

  @Override
  public String toString() {
    return "IndexKey{at="
        + Instant.ofEpochSecond(seconds, nanos)
        + ", investigation="
        + investigation
        + ", sequence="
        + sequence
        + "}";
  }
}
