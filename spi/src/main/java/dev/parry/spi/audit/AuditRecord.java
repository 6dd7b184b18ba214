package dev.parry.spi.audit;

import dev.parry.core.investigation.InvestigationEvent;
import java.util.Objects;

/**
 * One link of the audit chain: an event, its position, and the hashes that bind it to the record
 * before it.
 *
 * @param sequence the event's position in its investigation's log, from 1
 * @param event the event
 * @param previousHash the hash of the record before (64 zeros for the first)
 * @param hash SHA-256 over the previous hash, the sequence and the event's canonical form, in hex
 */
public record AuditRecord(long sequence, InvestigationEvent event, String previousHash, String hash) {

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public AuditRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
