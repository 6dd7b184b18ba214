package dev.parry.spi.store;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query over actions, as the action center's Pending and History tabs ask it. Every filter that
 * is set must match; an empty set or a null means "any". Results are ordered by the time the action
 * was proposed, then by its id, so a cursor stays stable while actions change status.
 *
 * <pre>{@code
 * ActionQuery pendingDevice = ActionQuery.pending().families(EnumSet.of(EntityFamily.DEVICE)).limit(50).build();
 * ActionQuery lastWeek = ActionQuery.history().proposedFrom(now.minus(Duration.ofDays(7))).build();
 * }</pre>
 *
 * @param statuses statuses to include, or empty for any
 * @param families families to include, or empty for any
 * @param kinds kinds to include, or empty for any
 * @param sources sources to include, or empty for any
 * @param entity the target entity's key, or null
 * @param investigation the investigation, or null
 * @param proposedFrom earliest proposal time, inclusive, or null
 * @param proposedTo latest proposal time, exclusive, or null
 * @param newestFirst whether to return the newest proposals first
 * @param limit the most results per page, 1-{@value #MAX_LIMIT}
 * @param cursor the cursor from the previous page, or null for the first page
 */
public record ActionQuery(
    Set<ActionStatus> statuses,
    Set<EntityFamily> families,
    Set<ActionKind> kinds,
    Set<ActionSource> sources,
    @Nullable EntityKey entity,
    @Nullable InvestigationId investigation,
    @Nullable Instant proposedFrom,
    @Nullable Instant proposedTo,
    boolean newestFirst,
    int limit,
    @Nullable String cursor) {

  /** The largest page: {@value}. */
  public static final int MAX_LIMIT = 1000;

  /** The default page size: {@value}. */
  public static final int DEFAULT_LIMIT = 50;

  /**
   * Validates and copies.
   *
   * @param statuses statuses to include, or empty for any
   * @param families families to include, or empty for any
   * @param kinds kinds to include, or empty for any
   * @param sources sources to include, or empty for any
   * @param entity the target entity's key, or null
   * @param investigation the investigation, or null
   * @param proposedFrom earliest proposal time, inclusive, or null
   * @param proposedTo latest proposal time, exclusive, or null
   * @param newestFirst whether to return the newest proposals first
   * @param limit the most results per page, 1-{@value #MAX_LIMIT}
   * @param cursor the cursor from the previous page, or null for the first page
   * @throws InvalidInputException if a set or an element is null
   * @throws InvalidInputException if the limit is out of range or the time range is reversed
   */
  public ActionQuery {
    statuses = Checks.setOf(statuses, "statuses");
    families = Checks.setOf(families, "families");
    kinds = Checks.setOf(kinds, "kinds");
    sources = Checks.setOf(sources, "sources");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", limit, "limit must be 1-" + MAX_LIMIT + ", was: " + limit);
    }
    if (proposedFrom != null && proposedTo != null && proposedTo.isBefore(proposedFrom)) {
      throw new InvalidInputException(
          "proposedTo",
          null,
          "proposedTo " + proposedTo + " is before proposedFrom " + proposedFrom);
    }
  }

  /** {@return a builder for the Pending tab: status pending approval, oldest first} */
  public static Builder pending() {
    return new Builder().statuses(EnumSet.of(ActionStatus.PENDING_APPROVAL));
  }

  /** {@return a builder for the History tab: every status but pending, newest first} */
  public static Builder history() {
    return new Builder()
        .statuses(EnumSet.complementOf(EnumSet.of(ActionStatus.PENDING_APPROVAL)))
        .newestFirst(true);
  }

  /** {@return a builder with no filter} */
  public static Builder all() {
    return new Builder();
  }

  /**
   * {@return whether {@code action} passes every filter but the cursor}
   *
   * @param action the action
   * @throws InvalidInputException if {@code action} is null
   */
  public boolean matches(ActionRecord action) {
    Checks.notNull(action, "action");
    return (statuses.isEmpty() || statuses.contains(action.status()))
        && (families.isEmpty() || families.contains(action.action().family()))
        && (kinds.isEmpty() || kinds.contains(action.action().kind()))
        && (sources.isEmpty() || sources.contains(action.source()))
        && (entity == null || entity.equals(action.action().target().key()))
        && (investigation == null || investigation.equals(action.id().investigation()))
        && (proposedFrom == null || !action.proposedAt().isBefore(proposedFrom))
        && (proposedTo == null || action.proposedAt().isBefore(proposedTo));
  }

  /**
   * {@return this query for the page after {@code nextCursor}}
   *
   * @param nextCursor the cursor
   */
  public ActionQuery after(String nextCursor) {
    return new ActionQuery(
        statuses,
        families,
        kinds,
        sources,
        entity,
        investigation,
        proposedFrom,
        proposedTo,
        newestFirst,
        limit,
        nextCursor);
  }

  /** Builds a query; every setter replaces the previous value. */
  public static final class Builder {
    private Set<ActionStatus> statuses = Set.of();
    private Set<EntityFamily> families = Set.of();
    private Set<ActionKind> kinds = Set.of();
    private Set<ActionSource> sources = Set.of();
    private @Nullable EntityKey entity;
    private @Nullable InvestigationId investigation;
    private @Nullable Instant proposedFrom;
    private @Nullable Instant proposedTo;
    private boolean newestFirst;
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    private Builder() {}

    /**
     * Keeps only actions in one of these statuses (default: any status; {@link
     * ActionQuery#pending()} and {@link ActionQuery#history()} set it).
     *
     * @param value the statuses, empty for any
     * @return this builder
     */
    public Builder statuses(Set<ActionStatus> value) {
      this.statuses = value;
      return this;
    }

    /**
     * Keeps only actions on entities of one of these families: device, email or identity (default:
     * any).
     *
     * @param value the families, empty for any
     * @return this builder
     */
    public Builder families(Set<EntityFamily> value) {
      this.families = value;
      return this;
    }

    /**
     * Keeps only actions of one of these kinds (default: any).
     *
     * @param value the kinds, empty for any
     * @return this builder
     */
    public Builder kinds(Set<ActionKind> value) {
      this.kinds = value;
      return this;
    }

    /**
     * Keeps only actions from one of these sources: an automated investigation, a manual action,
     * advanced hunting, Explorer or live response (default: any).
     *
     * @param value the sources, empty for any
     * @return this builder
     */
    public Builder sources(Set<ActionSource> value) {
      this.sources = value;
      return this;
    }

    /**
     * Keeps only actions whose target entity has this key (default: any entity).
     *
     * @param value the entity's key, or null for any
     * @return this builder
     */
    public Builder entity(@Nullable EntityKey value) {
      this.entity = value;
      return this;
    }

    /**
     * Keeps only actions of this investigation (default: any investigation).
     *
     * @param value the investigation, or null for any
     * @return this builder
     */
    public Builder investigation(@Nullable InvestigationId value) {
      this.investigation = value;
      return this;
    }

    /**
     * Keeps only actions proposed at or after this time (default: no lower bound).
     *
     * @param value the earliest proposal time, inclusive, or null for none; not after {@link
     *     #proposedTo}
     * @return this builder
     */
    public Builder proposedFrom(@Nullable Instant value) {
      this.proposedFrom = value;
      return this;
    }

    /**
     * Keeps only actions proposed before this time (default: no upper bound).
     *
     * @param value the latest proposal time, exclusive, or null for none; not before {@link
     *     #proposedFrom}
     * @return this builder
     */
    public Builder proposedTo(@Nullable Instant value) {
      this.proposedTo = value;
      return this;
    }

    /**
     * Sets the order: newest proposals first when true, oldest first when false (default false;
     * {@link ActionQuery#history()} sets true).
     *
     * @param value whether the newest proposals come first
     * @return this builder
     */
    public Builder newestFirst(boolean value) {
      this.newestFirst = value;
      return this;
    }

    /**
     * Sets the most actions one page holds (default {@value ActionQuery#DEFAULT_LIMIT}); checked by
     * {@link #build()}.
     *
     * @param value 1-{@value ActionQuery#MAX_LIMIT}
     * @return this builder
     */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /**
     * Sets where the page starts: the {@linkplain Page#nextCursor() cursor} the previous page ended
     * with (default: null, the first page).
     *
     * @param value the cursor from the previous page, or null for the first page
     * @return this builder
     */
    public Builder cursor(@Nullable String value) {
      this.cursor = value;
      return this;
    }

    /**
     * {@return the query}
     *
     * @throws InvalidInputException if the limit is out of range or the time range is reversed
     */
    public ActionQuery build() {
      return new ActionQuery(
          statuses,
          families,
          kinds,
          sources,
          entity,
          investigation,
          proposedFrom,
          proposedTo,
          newestFirst,
          limit,
          cursor);
    }
  }
}
