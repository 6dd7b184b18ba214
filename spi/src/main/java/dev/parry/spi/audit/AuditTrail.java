package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.internal.ChainHex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tamper-evident audit chain: how each event's chain hash is computed ({@link #link}), and how
 * a stored chain is checked ({@link #verify}). A store computes each event's hash when it appends
 * the event, from the hash it stored for the event before, and keeps it with the event;
 * verification recomputes each hash from the stored event and the stored hash before it, so an
 * event changed, removed, inserted or moved where the store keeps it breaks the chain at a version
 * it names.
 *
 * <p>The chain proves that the stored records agree with each other. Whoever can rewrite every
 * record can also recompute every hash, and a tail cut off leaves a shorter chain that holds
 * together: to catch both, give verification a head kept where that person cannot write, an {@link
 * AuditAnchor}.
 *
 * <pre>{@code
 * List<AuditRecord> stored = store.chain(id);
 * Verification check = AuditTrail.verify(stored, anchor.head(id).orElse(null));
 * if (check instanceof Verification.Broken broken) {
 *   alert("audit chain of " + id + " broken at version " + broken.version() + ": " + broken.problem());
 * }
 * }</pre>
 */
public final class AuditTrail {

  private AuditTrail() {}

  /**
   * {@return the chain hash of {@code event} at {@code version}}: SHA-256 over the previous hash
   * (its hexadecimal text), {@code "|" + version + "|"}, and the event's canonical form (its
   * components, never its redacted {@code toString}), in UTF-8. A store calls it once per event it
   * appends.
   *
   * <pre>{@code
   * ChainHash first = AuditTrail.link(ChainHash.GENESIS, 1, opened);
   * ChainHash second = AuditTrail.link(first, 2, evidenceRecorded);
   * }</pre>
   *
   * @param previous the hash stored with the event before, or {@link ChainHash#GENESIS} for the
   *     first event, or for the first event stored with a hash after events that predate the chain
   * @param version the event's version, 1 or more
   * @param event the event
   * @throws InvalidInputException if {@code version} is less than 1
   */
  public static ChainHash link(ChainHash previous, long version, InvestigationEvent event) {
    Checks.notNull(previous, "previous");
    Checks.notNull(event, "event");
    if (version < 1) {
      throw new InvalidInputException(
          "version", version, "an event's version must be 1 or more, was: " + version);
    }
    return new ChainHash(ChainHex.format(CanonicalForm.digest(previous, version, event), 0));
  }

  /**
   * {@return the chain hashes of {@code events} appended after version {@code version}, whose
   * stored hash is {@code previous}}: {@link #link} for each, in order, each linking to the one
   * before. What a store computes in an append.
   *
   * <pre>{@code
   * List<ChainHash> hashes = AuditTrail.links(storedHashAt(expectedVersion), expectedVersion, events);
   * }</pre>
   *
   * @param previous the hash stored with version {@code version}, or {@link ChainHash#GENESIS} when
   *     {@code version} is 0 or its event predates the chain
   * @param version the version the events follow, 0 or more
   * @param events the events, versions {@code version + 1} on
   * @throws InvalidInputException if {@code version} is negative
   */
  public static List<ChainHash> links(
      ChainHash previous, long version, List<InvestigationEvent> events) {
    Checks.notNull(previous, "previous");
    Checks.notNull(events, "events");
    if (version < 0) {
      throw new InvalidInputException(
          "version", version, "the version events follow must be 0 or more, was: " + version);
    }
    List<ChainHash> links = new ArrayList<>(events.size());
    ChainHash link = previous;
    for (int i = 0; i < events.size(); i++) {
      link = link(link, version + i + 1, events.get(i));
      links.add(link);
    }
    return List.copyOf(links);
  }

  /**
   * {@return the head of a stored chain: its last record's version and hash}; empty when there is
   * no record, or the last one predates the chain
   *
   * @param records the chain, as the store answered it
   * @throws InvalidInputException if {@code records} is null
   */
  public static Optional<ChainHead> head(List<AuditRecord> records) {
    Checks.notNull(records, "records");
    if (records.isEmpty()) {
      return Optional.empty();
    }
    int lastAt = records.size() - 1;
    AuditRecord last = Checks.notNull(records.get(lastAt), "records[" + lastAt + "]");
    ChainHash hash = last.hash();
    return hash == null ? Optional.empty() : Optional.of(new ChainHead(last.version(), hash));
  }

  /**
   * {@return whether a stored chain holds together, or where and how it was broken}; without an
   * anchored head, a tail removed, or every record rewritten with its hash, goes unseen
   *
   * @param records the chain as the store answered it, in its order
   */
  public static Verification verify(List<AuditRecord> records) {
    return verify(records, null);
  }

  /**
   * {@return whether a stored chain holds together and agrees with {@code anchored}, or where and
   * how it was broken}. Records are checked in the order given: each must carry the next version,
   * and its stored hash must be the {@link #link} of its stored event and of the stored hash before
   * it. Records stored without a hash may only open the chain (they predate it, and are counted);
   * the first record with a hash then links to {@link ChainHash#GENESIS}. The first record that
   * fails is named, with what most likely happened there; then the record at the anchored version
   * must carry the anchored hash.
   *
   * @param records the chain as the store answered it, in its order
   * @param anchored the head an {@link AuditAnchor} kept for the investigation, or null
   * @throws InvalidInputException if {@code records} is null
   */
  public static Verification verify(List<AuditRecord> records, @Nullable ChainHead anchored) {
    Checks.notNull(records, "records");
    ChainHash previous = ChainHash.GENESIS;
    ChainHash beforePrevious = ChainHash.GENESIS;
    int predating = 0;
    Map<ChainHash, Long> hashes = new HashMap<>();
    Set<Long> versions = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      AuditRecord record = Checks.notNull(records.get(i), "record");
      long version = i + 1L;
      if (record.version() != version) {
        return outOfSequence(records, i, versions);
      }
      versions.add(version);
      ChainHash stored = record.hash();
      ChainHash expected = link(previous, version, record.event());
      if (stored == null) {
        if (predating == i) {
          predating++;
          continue;
        }
        return new Verification.Broken(
            version,
            Verification.Problem.CHANGED,
            expected,
            null,
            "record "
                + version
                + " has no hash, yet the records before it are chained: its hash was erased");
      }
      if (!expected.equals(stored)) {
        return mismatch(
            records, i, i > predating ? beforePrevious : null, previous, expected, hashes);
      }
      hashes.put(stored, version);
      beforePrevious = previous;
      previous = stored;
    }
    return anchored == null
        ? new Verification.Intact(records.size(), predating, 0)
        : againstAnchor(records, predating, anchored);
  }

  /**
   * The record at {@code i} carries a version other than its position: versions missing, repeated
   * or out of order.
   */
  private static Verification.Broken outOfSequence(
      List<AuditRecord> records, int i, Set<Long> versions) {
    long position = i + 1L;
    AuditRecord record = records.get(i);
    long version = record.version();
    if (versions.contains(version)) {
      return new Verification.Broken(
          position,
          Verification.Problem.INSERTED,
          null,
          record.hash(),
          "the record after"
              + " version "
              + (position - 1)
              + " carries version "
              + version
              + " again: a copy was inserted");
    }
    if (version > position) {
      for (int j = i + 1; j < records.size(); j++) {
        if (records.get(j).version() == position) {
          return new Verification.Broken(
              position,
              Verification.Problem.REORDERED,
              null,
              record.hash(),
              "version " + position + " is stored after version " + version);
        }
      }
      return new Verification.Broken(
          position,
          Verification.Problem.REMOVED,
          null,
          null,
          "versions "
              + position
              + " to "
              + (version - 1)
              + " are missing: the next record stored carries version "
              + version);
    }
    return new Verification.Broken(
        position,
        Verification.Problem.REORDERED,
        null,
        record.hash(),
        "version " + version + " is stored after version " + (position - 1));
  }

  /**
   * The record at {@code i} carries its version but not the hash the chain gives it: a copy of an
   * earlier record; the record that belongs here stored later (a swap, or records inserted before
   * it); a record inserted just before it with a well-formed hash; or else a changed event or hash.
   *
   * @param beforePrevious the hash before the record at {@code i - 1}, if that record is chained
   */
  private static Verification.Broken mismatch(
      List<AuditRecord> records,
      int i,
      @Nullable ChainHash beforePrevious,
      ChainHash previous,
      ChainHash expected,
      Map<ChainHash, Long> hashes) {
    long version = i + 1L;
    AuditRecord record = records.get(i);
    ChainHash stored = Objects.requireNonNull(record.hash());
    Long copied = hashes.get(stored);
    if (copied != null) {
      return new Verification.Broken(
          version,
          Verification.Problem.INSERTED,
          expected,
          stored,
          "record " + version + " repeats the hash of record " + copied + ": a copy was inserted");
    }
    for (int j = i + 1; j < records.size(); j++) {
      AuditRecord later = records.get(j);
      if (later.hash() != null && link(previous, version, later.event()).equals(later.hash())) {
        long at = j + 1L;
        // a swap: the record stored here belongs at the other's place, after the one before it
        // there
        ChainHash before = j - 1 == i ? later.hash() : records.get(j - 1).hash();
        if (before != null && link(before, at, record.event()).equals(stored)) {
          return new Verification.Broken(
              version,
              Verification.Problem.REORDERED,
              expected,
              stored,
              "record "
                  + version
                  + " is stored at version "
                  + at
                  + ", and the record stored here belongs there");
        }
        return new Verification.Broken(
            version,
            Verification.Problem.INSERTED,
            expected,
            stored,
            "record "
                + version
                + " is stored at version "
                + at
                + ": "
                + (at - version)
                + " record(s) were inserted before it");
      }
    }
    if (beforePrevious != null
        && link(beforePrevious, version - 1, record.event()).equals(stored)) {
      return new Verification.Broken(
          version - 1,
          Verification.Problem.INSERTED,
          stored,
          records.get(i - 1).hash(),
          "record "
              + (version - 1)
              + " is stored at version "
              + version
              + ": the record stored before it was"
              + " inserted, with a hash of its own");
    }
    return new Verification.Broken(
        version,
        Verification.Problem.CHANGED,
        expected,
        stored,
        "record " + version + " does not match its hash: its event or its hash was changed");
  }

  private static Verification againstAnchor(
      List<AuditRecord> records, int predating, ChainHead anchored) {
    long version = anchored.version();
    if (version > records.size()) {
      long first = records.size() + 1L;
      return new Verification.Broken(
          first,
          Verification.Problem.TRUNCATED,
          version == first ? anchored.hash() : null,
          null,
          "the anchor holds version "
              + version
              + " but the stored chain ends at version "
              + records.size()
              + ": records "
              + first
              + " to "
              + version
              + " were removed");
    }
    ChainHash stored = records.get((int) version - 1).hash();
    if (!anchored.hash().equals(stored)) {
      return new Verification.Broken(
          version,
          Verification.Problem.REWRITTEN,
          anchored.hash(),
          stored,
          "the stored"
              + " chain holds together, but its hash at version "
              + version
              + " is not the anchored one: records up to"
              + " version "
              + version
              + " were rewritten");
    }
    return new Verification.Intact(records.size(), predating, version);
  }
}
