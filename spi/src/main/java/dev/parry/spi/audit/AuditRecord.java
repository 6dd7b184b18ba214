package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.InvestigationEvent;
import org.jspecify.annotations.Nullable;

/**
 * One record of an investigation's audit chain as the store holds it: an event, its version, and
 * the chain hash the store computed and kept with it when it appended the event.
 *
 * @param version the event's version: its position in the investigation's log, from 1
 * @param event the event as stored, which the hash covers
 * @param hash the chain hash stored with the event, or null if the event predates the chain
 *     (written by schema version 3 or earlier of the PostgreSQL store, before hashes were kept)
 */
public record AuditRecord(long version, InvestigationEvent event, @Nullable ChainHash hash) {

  /**
   * Validates the record.
   *
   * @param version the event's version: its position in the investigation's log, from 1
   * @param event the event as stored, which the hash covers
   * @param hash the chain hash stored with the event, or null if the event predates the chain
   *     (written by schema version 3 or earlier of the PostgreSQL store, before hashes were kept)
   * @throws InvalidInputException if {@code event} is null
   * @throws InvalidInputException if {@code version} is less than 1
   */
  public AuditRecord {
    if (version < 1) {
      throw new InvalidInputException(
          "version", version, "an audit record's version must be 1 or more, was: " + version);
    }
    Checks.notNull(event, "event");
  }

  /**
   * {@return whether the event was stored before the store kept chain hashes, so that no hash
   * vouches for it}
   */
  public boolean predatesChain() {
    return hash == null;
  }
}
