package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.safety.ControlStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where investigations live: an append-only log of events per investigation, with optimistic
 * concurrency, and the action center's queries over their actions.
 *
 * <p>Implementations must be safe for concurrent use. The runtime never holds a lock across calls:
 * it loads, decides and appends with the version it loaded, and on a {@link
 * ConcurrencyConflictException} reloads and decides again. A relational implementation keeps an
 * events table (investigation id, version, event) with a unique key on (id, version), a row per
 * action for the queries, and does both writes in one transaction; several service instances can
 * share it.
 *
 * <p>The store keeps the investigation's audit chain: each event is stored with a hash linking it
 * to the one before ({@link #append}), and {@link #chain} answers the events with their stored
 * hashes, so that a change made where the store keeps them (a database row edited) is found by
 * {@link AuditTrail#verify}.
 *
 * <p>Several runtimes sharing a store agree on who dispatches an action through leases: a runtime
 * calls an executor only while it holds the action's lease ({@link #claim}), renews it while the
 * call runs, and gives it back when the outcome is recorded ({@link #release}). A runtime that dies
 * stops renewing; once its lease ends another runtime claims the action and resumes it with the
 * same idempotency key. Lease times come from the callers' clocks, which must agree to well within
 * a lease.
 *
 * <pre>{@code
 * InvestigationStore store = InMemoryInvestigationStore.create();
 * Decision.Accepted opened = Investigation.open(id, alertId, level, expiry, Actor.system(), now);
 * store.append(id, 0, opened.events(), opened.after());
 * }</pre>
 */
public interface InvestigationStore {

  /**
   * Appends events atomically, all or none, each with its audit chain hash: the store computes
   * {@link AuditTrail#link AuditTrail.link(previous, version, event)} for every event, where {@code
   * previous} is the hash it stored with the version before ({@link ChainHash#GENESIS} for version
   * 1, or when that event predates the chain), and keeps it in the same write as the event. It
   * never derives {@code previous} from the stored events: a stored event changed behind its back
   * must stay visible to {@link #chain} as an event that no longer matches its hash (rules STORE-24
   * to STORE-26).
   *
   * @param id the investigation
   * @param expectedVersion the version the caller decided on: 0 to create the investigation (the
   *     events must then start with {@code Opened}), else its current version
   * @param events the events, at least one
   * @param after the investigation with the events applied (version {@code expectedVersion +
   *     events.size()}), which the store may keep as a snapshot and must index
   * @return the chain head after the append: the version of its last event and the hash stored with
   *     it, to hand to an {@link dev.parry.spi.audit.AuditAnchor}
   * @throws ConcurrencyConflictException if the stored version is not {@code expectedVersion};
   *     nothing is written
   * @throws InvalidInputException if the events are empty, belong to another investigation, or
   *     {@code after} does not match them
   */
  ChainHead append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after);

  /**
   * Appends events as {@link #append} does, for a caller that has no use for the chain head (a
   * runtime without an {@link dev.parry.spi.audit.AuditAnchor}). A store kept in this process's
   * memory, whose stored events nothing outside it can change, may then compute the chain hashes
   * when they are first read ({@link #chain}, or the head a later {@code append} answers) rather
   * than now, provided they come out exactly as {@link #append} would have stored them; any other
   * store appends as {@link #append} does, which is what this default does.
   *
   * <pre>{@code
   * store.appendWithoutHead(id, 0, opened.events(), opened.after());
   * }</pre>
   *
   * @param id the investigation
   * @param expectedVersion the version the caller decided on: 0 to create the investigation (the
   *     events must then start with {@code Opened}), else its current version
   * @param events the events, at least one
   * @param after the investigation with the events applied (version {@code expectedVersion +
   *     events.size()}), which the store may keep as a snapshot and must index
   * @throws ConcurrencyConflictException if the stored version is not {@code expectedVersion};
   *     nothing is written
   * @throws InvalidInputException if the events are empty, belong to another investigation, or
   *     {@code after} does not match them
   */
  default void appendWithoutHead(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    append(id, expectedVersion, events, after);
  }

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
   * {@return the investigation's audit chain as stored: every event, in version order, with the
   * chain hash stored with it when it was appended; empty if the investigation does not exist}. The
   * hashes are answered as stored, never recomputed, so that {@link AuditTrail#verify} finds an
   * event changed, removed, inserted or moved where the store keeps it. An event stored before the
   * store kept hashes (PostgreSQL schema version 3 or earlier) has none.
   *
   * <pre>{@code
   * Verification check = AuditTrail.verify(store.chain(id), anchor.head(id).orElse(null));
   * }</pre>
   *
   * @param id the investigation
   */
  List<AuditRecord> chain(InvestigationId id);

  /**
   * {@return one page of the actions matching {@code query}}: every matching action appears exactly
   * once across the pages of a query, in the query's order.
   *
   * @param query the query
   * @throws InvalidInputException if the query's cursor is not one this store issued
   */
  Page<ActionRecord> queryActions(ActionQuery query);

  /** The most actions one {@link #due} call answers: {@value}. */
  int MAX_DUE = 1000;

  /**
   * {@return up to {@code limit} actions whose {@linkplain ActionRecord#obligation() obligation} is
   * due at or before {@code now}, except those whose dispatch lease another owner holds past {@code
   * now}: earliest due first, ties broken by investigation id, then sequence; from just after
   * {@code after} when it is given}. This is how a runtime finds every piece of work that is due
   * (an expiry, a dispatch to resume, an undo to carry, a time box that ended) from what is stored
   * alone, whatever timers or callbacks were lost. The obligation is indexed by the same append
   * that changes it: once an append returns, the answer reflects it.
   *
   * <pre>{@code
   * List<ActionRecord> page = store.due(now, owner, null, 100);
   * List<ActionRecord> next = store.due(now, owner, page.get(page.size() - 1), 100);
   * }</pre>
   *
   * @param now the current time
   * @param owner the caller's owner name: actions whose lease it holds are included
   * @param after the last action of the previous page, as this method answered it, or null for the
   *     first page
   * @param limit how many at most, 1 to {@value #MAX_DUE}
   * @throws InvalidInputException if the owner name is invalid, the limit out of range, or {@code
   *     after} has no obligation
   */
  List<ActionRecord> due(Instant now, String owner, @Nullable ActionRecord after, int limit);

  /**
   * {@return the first page of due actions}: {@link #due(Instant, String, ActionRecord, int)} from
   * the start.
   *
   * @param now the current time
   * @param owner the caller's owner name
   * @param limit how many at most, 1 to {@value #MAX_DUE}
   * @throws InvalidInputException if the owner name is invalid or the limit out of range
   */
  default List<ActionRecord> due(Instant now, String owner, int limit) {
    return due(now, owner, null, limit);
  }

  /**
   * Claims the dispatch of an action for {@code owner} until {@code now + lease}. The claim
   * succeeds when nobody holds the action, when its holder's lease ended at or before {@code now},
   * or when {@code owner} holds it already, which extends the lease. Of concurrent claims by
   * different owners at most one succeeds. An append that moves an action out of the active
   * statuses (approved, in progress, undo in progress) ends its lease, so that recording an outcome
   * and giving the action back take one write.
   *
   * @param action the action
   * @param owner who claims it: a runtime's {@linkplain #validOwner(String) owner name}
   * @param now the current time
   * @param lease how long the claim lasts unless renewed; positive
   * @return whether {@code owner} now holds the action; false if another owner holds it or the
   *     action is unknown
   * @throws InvalidInputException if the owner name or the lease is invalid
   */
  boolean claim(ActionId action, String owner, Instant now, Duration lease);

  /**
   * Appends as {@link #append} does and claims the dispatch lease of {@code action} for {@code
   * owner} until {@code now + lease} as {@link #claim} would, in one write: this is how a runtime
   * records a dispatch ({@code ActionStarted}) and takes the action in one round trip. If another
   * owner holds the lease past {@code now}, nothing is written (rule STORE-27). A store should do
   * both atomically, so that a refused append takes no lease either (STORE-28); the default claims,
   * then appends: a refused append then leaves the lease taken, which the runtime gives back or
   * which ends by itself. The lease is taken as the append leaves the action: an append that moves
   * it out of the active statuses ends it (STORE-16).
   *
   * <pre>{@code
   * Decision.Accepted started = (Decision.Accepted) state.decide(new Command.Start(action), now);
   * store.appendClaiming(id, state.version(), started.events(), started.after(),
   *     action, "runtime-a", now, Duration.ofSeconds(30));
   * }</pre>
   *
   * @param id the investigation
   * @param expectedVersion its current version, at least 1
   * @param events the events, at least one, one of them acting on {@code action}
   * @param after the investigation with the events applied
   * @param action the action whose lease to claim
   * @param owner who claims it: a runtime's {@linkplain #validOwner(String) owner name}
   * @param now the current time
   * @param lease how long the claim lasts unless renewed; positive
   * @return the chain head after the append, as {@link #append} answers it
   * @throws LeaseHeldException if another owner holds the action's lease past {@code now}; nothing
   *     is written
   * @throws ConcurrencyConflictException if the stored version is not {@code expectedVersion}; no
   *     event is written
   * @throws InvalidInputException if an argument is invalid as {@link #append} and {@link #claim}
   *     say, if {@code expectedVersion} is 0, or if no event acts on {@code action}
   */
  default ChainHead appendClaiming(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    StoreArguments.appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
    if (!claim(action, owner, now, lease)) {
      throw new LeaseHeldException(action);
    }
    ChainHead head = append(id, expectedVersion, events, after);
    if (!after.action(action).orElseThrow().status().isDispatched()) {
      release(action, owner); // an action left neither approved, in progress nor undoing holds none
    }
    return head;
  }

  /**
   * Appends and claims as {@link #appendClaiming} does, without answering the chain head: the
   * runtime uses it when no audit anchor needs the head, as it uses {@link #appendWithoutHead}. The
   * same rules hold (STORE-27, STORE-28); a store kept in this process's memory may compute the
   * hashes when they are first read. This default calls {@link #appendClaiming}.
   *
   * @param id the investigation
   * @param expectedVersion its current version, at least 1
   * @param events the events, at least one, one of them acting on {@code action}
   * @param after the investigation with the events applied
   * @param action the action whose lease to claim
   * @param owner who claims it: a runtime's {@linkplain #validOwner(String) owner name}
   * @param now the current time
   * @param lease how long the claim lasts unless renewed; positive
   * @throws LeaseHeldException if another owner holds the action's lease past {@code now}; nothing
   *     is written
   * @throws ConcurrencyConflictException if the stored version is not {@code expectedVersion}; no
   *     event is written
   * @throws InvalidInputException as {@link #appendClaiming} says
   */
  default void appendClaimingWithoutHead(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
  }

  /**
   * Gives up {@code owner}'s claim on an action; does nothing if {@code owner} does not hold it.
   *
   * @param action the action
   * @param owner who held it
   * @throws InvalidInputException if the owner name is invalid
   */
  void release(ActionId action, String owner);

  /**
   * {@return the control state shared by every runtime on this store, if the store keeps it}: the
   * kill switch, break-glass overrides, allow indicators and blast-radius windows. Runtimes built
   * on this store use it unless given another; a runtime on a store that keeps none must be given
   * one, so that replicas never hold the control state each in its own memory. The default answers
   * empty.
   */
  default Optional<ControlStore> controls() {
    return Optional.empty();
  }

  /**
   * {@return a view of this store whose appends are fenced at control change {@code seen}, if this
   * store can fence them; empty if not (the default)}. A store that keeps the shared control state
   * ({@link #controls()}) in the same database as the investigations can check, in the write of an
   * append, that no change numbered above {@code seen} is recorded there; a runtime that decided on
   * the control state up to {@code seen} then needs no read of the control store before the
   * decision, since the append refuses whenever a later change is recorded. Every append of the
   * view ({@link #append}, {@link #appendWithoutHead}, {@link #appendClaiming}, {@link
   * #appendClaimingWithoutHead}) writes as this store's does when no later change is recorded, and
   * otherwise throws {@link ControlsChangedException} naming {@code seen}, and writes nothing: no
   * event, no lease. Everything else the view answers as this store does. A store answers a view
   * for every {@code seen} or for none, and a store that answers one keeps its control state: the
   * view and the store answer the same {@link #controls()} (rules STORE-29, STORE-30). The store's
   * own appends, outside a view, never throw {@link ControlsChangedException}.
   *
   * <p>A store that wraps another one must not pass this call on unless its view wraps the other's
   * view in the same way: the other store's view would write around the wrapper.
   *
   * <pre>{@code
   * long seen = lastChangeRead.sequence();               // the control changes decided on
   * store.fencedAt(seen).orElse(store).append(id, version, decided.events(), decided.after());
   * }</pre>
   *
   * @param seen the number of the last control change the caller decides on, 0 for none
   * @throws InvalidInputException if {@code seen} is negative
   */
  default Optional<InvestigationStore> fencedAt(long seen) {
    StoreArguments.seen(seen);
    return Optional.empty();
  }

  /**
   * {@return {@code owner}, checked}: an owner name has 1-200 characters and no spoofing character
   * (the identifier rule of {@link dev.parry.core.entity}): PostgreSQL could not tell two owners
   * apart that differ only in an unpaired surrogate.
   *
   * @param owner the owner name
   * @throws InvalidInputException if it is empty, too long or holds a spoofing character
   */
  static String validOwner(String owner) {
    return Text.requireIdentifier("owner", owner, 1, 200);
  }

  /**
   * {@return {@code lease}, checked}: positive and at most 3,650 days.
   *
   * @param lease the lease
   * @throws InvalidInputException if it is zero, negative or longer than 3,650 days
   */
  static Duration validLease(Duration lease) {
    return Durations.requirePositive("lease", lease);
  }
}
