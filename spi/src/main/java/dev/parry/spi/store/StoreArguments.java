package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Obligation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks every store makes of its arguments (rules STORE-9 and STORE-12). A store
 * implementation calls them first in each method, so that all stores refuse the same arguments with
 * the same errors and the store contract's tests of bad arguments pass.
 */
public final class StoreArguments {

  private StoreArguments() {}

  /**
   * Checks an append's arguments.
   *
   * @param id the investigation appended to
   * @param expectedVersion the version the caller read
   * @param events the events to append
   * @param after the investigation's state after the events
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if the events are empty, belong to another investigation, do not
   *     start with {@code Opened} when creating, or {@code after} does not match them
   */
  public static void append(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after) {
    Checks.notNull(id, "id");
    Checks.notNull(events, "events");
    Checks.notNull(after, "after");
    if (events.isEmpty()) {
      throw new InvalidInputException(
          "events", null, "append needs at least one event for investigation " + id);
    }
    for (int i = 0; i < events.size(); i++) { // indexed: this check runs on every append
      InvestigationEvent event = events.get(i);
      if (!event.investigationId().equals(id)) {
        throw new InvalidInputException(
            "events",
            null,
            "event of investigation " + event.investigationId() + " appended to " + id);
      }
    }
    if (!after.id().equals(id) || after.version() != expectedVersion + events.size()) {
      throw new InvalidInputException(
          "after",
          null,
          "state after the append must be investigation "
              + id
              + " at version "
              + (expectedVersion + events.size())
              + ", was "
              + after.id()
              + " at "
              + after.version());
    }
    if (expectedVersion == 0 && !(events.get(0) instanceof InvestigationEvent.Opened)) {
      throw new InvalidInputException(
          "events", null, "a new investigation's events must start with Opened");
    }
  }

  /**
   * Checks the arguments of an append that claims a dispatch lease: those of {@link #append} and
   * {@link #claim}, and that the investigation exists already and one of the events acts on the
   * action.
   *
   * @param id the investigation
   * @param expectedVersion the version the caller decided on
   * @param events the events
   * @param after the state after them
   * @param action the action to claim
   * @param owner the claiming runtime's name
   * @param now the time of the claim
   * @param lease how long the claim lasts
   * @throws InvalidInputException if an argument is null or invalid as {@link #append} and {@link
   *     #claim} say, if {@code expectedVersion} is 0, or if no event acts on {@code action}
   */
  public static void appendClaiming(
      InvestigationId id,
      long expectedVersion,
      List<InvestigationEvent> events,
      Investigation after,
      ActionId action,
      String owner,
      Instant now,
      Duration lease) {
    append(id, expectedVersion, events, after);
    claim(action, owner, now, lease);
    if (expectedVersion == 0) {
      throw new InvalidInputException(
          "expectedVersion", 0, "an append that claims a lease needs a stored investigation");
    }
    for (InvestigationEvent event : events) {
      if (event instanceof InvestigationEvent.ActionEvent acting
          && acting.actionId().equals(action)) {
        return;
      }
    }
    throw new InvalidInputException(
        "action", action, "no event of the append acts on the claimed action " + action);
  }

  /**
   * Checks the control change a fenced view is asked for ({@link InvestigationStore#fencedAt}).
   *
   * @param seen the number of the last control change the caller decides on
   * @throws InvalidInputException if it is negative
   */
  public static void seen(long seen) {
    if (seen < 0) {
      throw new InvalidInputException(
          "seen", seen, "control changes are numbered from 1 (0 for none), was " + seen);
    }
  }

  /**
   * Checks a claim's arguments.
   *
   * @param action the action to claim
   * @param owner the claiming runtime's name
   * @param now the time of the claim
   * @param lease how long the claim lasts
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if the owner name or the lease is invalid
   */
  public static void claim(ActionId action, String owner, Instant now, Duration lease) {
    Checks.notNull(action, "action");
    InvestigationStore.validOwner(owner);
    Checks.notNull(now, "now");
    InvestigationStore.validLease(lease);
  }

  /**
   * Checks a due query's arguments.
   *
   * @param now the time the query is made at
   * @param owner the asking runtime's name
   * @param after the last action of the previous page, or null for the first page
   * @param limit the page size
   * @return where the page starts: after {@code after}'s obligation, or null for the first page
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if the owner name is invalid or the limit out of range
   */
  public static @Nullable SortKey due(
      Instant now, String owner, @Nullable ActionRecord after, int limit) {
    Checks.notNull(now, "now");
    InvestigationStore.validOwner(owner);
    if (limit < 1 || limit > InvestigationStore.MAX_DUE) {
      throw new InvalidInputException(
          "limit", limit, "limit must be 1-" + InvestigationStore.MAX_DUE + ", was: " + limit);
    }
    if (after == null) {
      return null;
    }
    Obligation obligation =
        after
            .obligation()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "after",
                        null,
                        "after must be an action with an obligation, as due() answers it; "
                            + after.id()
                            + " is "
                            + after.status()));
    return new SortKey(obligation.due(), after.id().investigation().value(), after.id().sequence());
  }

  /**
   * Checks a release's arguments.
   *
   * @param action the action whose lease is released
   * @param owner the releasing runtime's name
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if the owner name is invalid
   */
  public static void release(ActionId action, String owner) {
    Checks.notNull(action, "action");
    InvestigationStore.validOwner(owner);
  }
}
