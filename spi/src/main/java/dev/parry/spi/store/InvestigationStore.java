package dev.parry.spi.store;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import java.util.List;
import java.util.Optional;

/**
 * Where investigations live: an append-only log of events per investigation, with optimistic
 * concurrency, and the action center's queries over their actions.
 *
 * <p>Implementations must be safe for concurrent use. The runtime never holds a lock across calls:
 * it loads, decides and appends with the version it loaded, and on a
 * {@link ConcurrencyConflictException} reloads and decides again. A relational implementation keeps
 * an events table (investigation id, version, event) with a unique key on (id, version), a row per
 * action for the queries, and does both writes in one transaction; several service instances can
 * share it.
 *
 * <pre>{@code
 * InvestigationStore store = InMemoryInvestigationStore.create();
 * Decision.Accepted opened = Investigation.open(id, alertId, level, expiry, Actor.system(), now);
 * store.append(id, 0, opened.events(), opened.after());
 * }</pre>
 */
public interface InvestigationStore {

  /**
   * Appends events atomically: all or none.
   *
   * @param id the investigation
   * @param expectedVersion the version the caller decided on: 0 to create the investigation (the
   *     events must then start with {@code Opened}), else its current version
   * @param events the events, at least one
   * @param after the investigation with the events applied (version {@code expectedVersion + events.size()}),
   *     which the store may keep as a snapshot and must index
   * @throws ConcurrencyConflictException if the stored version is not {@code expectedVersion}; nothing is written
   * @throws IllegalArgumentException if the events are empty, belong to another investigation, or
   *     {@code after} does not match them
   */
  void append(InvestigationId id, long expectedVersion, List<InvestigationEvent> events, Investigation after);

  /**
   * {@return the investigation's current state, if it exists}
   *
   * @param id the investigation
   */
  Optional<Investigation> load(InvestigationId id);

  /**
   * {@return the investigation's events in order, empty if it does not exist}
   *
   * @param id the investigation
   */
  List<InvestigationEvent> events(InvestigationId id);

  /**
   * {@return one page of the actions matching {@code query}}: every matching action appears exactly
   * once across the pages of a query, in the query's order.
   *
   * @param query the query
   * @throws IllegalArgumentException if the query's cursor is not one this store issued
   */
  Page<ActionRecord> queryActions(ActionQuery query);
}
