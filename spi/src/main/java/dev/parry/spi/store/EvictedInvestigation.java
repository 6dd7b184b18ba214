package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.Investigation;
import dev.parry.spi.audit.AuditRecord;
import java.util.List;

/**
 * A settled investigation a store is about to forget, as a {@link RetentionSink} receives it: its
 * final state and its whole audit chain, each event with the hash the store kept for it, so that an
 * archive can still check it with {@link dev.parry.spi.audit.AuditTrail#verify} (against the head
 * an {@link dev.parry.spi.audit.AuditAnchor} took, if one did).
 *
 * <pre>{@code
 * RetentionSink archive = evicted -> archiveTable.insert(evicted.state().id(), ParryJson.writeAuditTrail(evicted.chain()));
 * }</pre>
 *
 * @param state the investigation as last stored: complete, every action settled
 * @param chain its audit chain in version order, as {@link InvestigationStore#chain} answered it
 */
public record EvictedInvestigation(Investigation state, List<AuditRecord> chain) {

  /**
   * Validates and copies.
   *
   * @param state the investigation as last stored
   * @param chain its audit chain in version order
   * @throws InvalidInputException if a component is null or the chain holds a null
   */
  public EvictedInvestigation {
    Checks.notNull(state, "state");
    chain = Checks.listOf(chain, "chain");
  }
}
