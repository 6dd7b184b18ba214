package dev.parry.spi.audit;

import dev.parry.core.investigation.InvestigationEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tamper-evident audit trail: each event is chained to the one before it by SHA-256, so that a
 * record changed, removed, inserted or moved breaks the chain at a position {@link #verify} names.
 *
 * <p>The chain proves the records agree with each other. To prove they are the records you wrote,
 * keep the {@linkplain #head head hash} somewhere an attacker cannot rewrite (a write-once log, a
 * ticket, a signed message) and compare it: whoever rewrites every record can also recompute every
 * hash.
 *
 * <pre>{@code
 * List<AuditRecord> trail = AuditTrail.chain(runtime.history(id));
 * AuditTrail.Verification check = AuditTrail.verify(trail);
 * if (check instanceof AuditTrail.Broken broken) {
 *   alert("audit trail of " + id + " broken at record " + broken.position() + ": " + broken.problem());
 * }
 * }</pre>
 */
public final class AuditTrail {

  /** The previous hash of the first record: {@value}. */
  public static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";

  private AuditTrail() {}

  /**
   * {@return the chain of {@code events}, in order}
   *
   * @param events an investigation's events, in order
   */
  public static List<AuditRecord> chain(List<InvestigationEvent> events) {
    List<AuditRecord> out = new ArrayList<>(events.size());
    String previous = GENESIS;
    long sequence = 1;
    for (InvestigationEvent event : events) {
      String hash = hash(previous, sequence, Objects.requireNonNull(event, "event"));
      out.add(new AuditRecord(sequence++, event, previous, hash));
      previous = hash;
    }
    return List.copyOf(out);
  }

  /**
   * {@return the hash of the last record, or {@link #GENESIS} for an empty chain}
   *
   * @param records the chain
   */
  public static String head(List<AuditRecord> records) {
    return records.isEmpty() ? GENESIS : records.get(records.size() - 1).hash();
  }

  /**
   * {@return whether the chain is intact, or where and how it was broken}
   *
   * @param records the chain as stored or received
   */
  public static Verification verify(List<AuditRecord> records) {
    Set<Long> seen = new HashSet<>();
    String expectedPrevious = GENESIS;
    for (int i = 0; i < records.size(); i++) {
      AuditRecord record = records.get(i);
      long position = i + 1L;
      if (!hash(record.previousHash(), record.sequence(), record.event()).equals(record.hash())) {
        return new Broken(position, Problem.CHANGED, "record " + position + " does not match its own hash");
      }
      if (record.sequence() != position || !record.previousHash().equals(expectedPrevious)) {
        Problem problem;
        if (seen.contains(record.sequence())) {
          problem = Problem.INSERTED;
        } else if (record.sequence() > position) {
          problem = positionOf(records, position, i) >= 0 ? Problem.REORDERED : Problem.REMOVED;
        } else if (record.sequence() < position) {
          problem = Problem.REORDERED;
        } else {
          problem = Problem.INSERTED;
        }
        return new Broken(position, problem, "record " + position + " carries sequence " + record.sequence()
            + " and does not follow the record before it");
      }
      seen.add(record.sequence());
      expectedPrevious = record.hash();
    }
    return new Intact(records.size());
  }

  /** The index, after {@code from}, of the record carrying {@code sequence}, or -1. */
  private static int positionOf(List<AuditRecord> records, long sequence, int from) {
    for (int i = from + 1; i < records.size(); i++) {
      if (records.get(i).sequence() == sequence) {
        return i;
      }
    }
    return -1;
  }

  static String hash(String previous, long sequence, InvestigationEvent event) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(previous.getBytes(StandardCharsets.US_ASCII));
      digest.update(("|" + sequence + "|").getBytes(StandardCharsets.US_ASCII));
      digest.update(CanonicalForm.of(event).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** What a verification found. */
  public sealed interface Verification permits Intact, Broken {
    /** {@return whether the chain is intact} */
    boolean isIntact();
  }

  /**
   * The chain is intact.
   *
   * @param records how many records were checked
   */
  public record Intact(int records) implements Verification {
    @Override
    public boolean isIntact() {
      return true;
    }
  }

  /**
   * The chain is broken.
   *
   * @param position the first record (from 1) where it breaks
   * @param problem what most likely happened there
   * @param detail a description
   */
  public record Broken(long position, Problem problem, String detail) implements Verification {
    @Override
    public boolean isIntact() {
      return false;
    }
  }

  /** How a chain was broken. */
  public enum Problem {
    /** A record's content (or its hash) was changed. */
    CHANGED,
    /** One or more records before this position were removed. */
    REMOVED,
    /** A record was inserted (or duplicated) here. */
    INSERTED,
    /** Records were moved out of order. */
    REORDERED
  }
}
