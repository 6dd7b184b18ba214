package dev.parry.spi.store;

import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one action query. Enum filters are written as literals (their names come from the
 * domain's enums, never from callers' text), so that PostgreSQL can match them to the partial
 * indexes whatever plan it caches; every other value is a bound parameter.
 *
 * <p>The {@code source} column of rows written before sources were typed holds {@code AUTOMATED} or
 * {@code MANUAL}: an automated investigation's action or a principal's, of the row's family. A
 * source filter matches them as the source they stand for ({@link ActionSource#automated}, {@link
 * ActionSource#manual}), so no row has to be rewritten.
 */
final class ActionSql {

  private static final String KEY = "proposed_s, proposed_n, investigation_id, sequence";

  private final StringBuilder text =
      new StringBuilder("SELECT record, due_s, due_n FROM parry_actions WHERE TRUE");
  private final List<Object> parameters = new ArrayList<>();

  private ActionSql() {}

  /**
   * {@return the SQL for {@code query}, after the action {@code after} (from the cursor) if set}
   */
  static ActionSql of(ActionQuery query, @Nullable SortKey after) {
    ActionSql sql = new ActionSql();
    sql.in("status", query.statuses());
    sql.in("family", query.families());
    sql.in("kind", query.kinds());
    sql.sources(query.sources());
    if (query.investigation() != null) {
      sql.where("investigation_id = ?", query.investigation().value());
    }
    if (query.entity() != null) {
      String key = query.entity().value();
      sql.where("md5(entity_key) = md5(?) AND entity_key = ?", key, key);
    }
    Instant from = query.proposedFrom();
    if (from != null) {
      sql.where("(proposed_s, proposed_n) >= (?, ?)", from.getEpochSecond(), from.getNano());
    }
    Instant to = query.proposedTo();
    if (to != null) {
      sql.where("(proposed_s, proposed_n) < (?, ?)", to.getEpochSecond(), to.getNano());
    }
    if (after != null) {
      Instant at = after.proposedAt();
      sql.where(
          "(" + KEY + ") " + (query.newestFirst() ? "<" : ">") + " (?, ?, ?, ?)",
          at.getEpochSecond(),
          at.getNano(),
          after.investigation(),
          after.sequence());
    }
    String direction = query.newestFirst() ? " DESC" : "";
    sql.text
        .append(" ORDER BY proposed_s")
        .append(direction)
        .append(", proposed_n")
        .append(direction)
        .append(", investigation_id")
        .append(direction)
        .append(", sequence")
        .append(direction)
        .append(" LIMIT ")
        .append(query.limit() + 1);
    return sql;
  }

  private void in(String column, Set<? extends Enum<?>> values) {
    if (!values.isEmpty()) {
      text.append(" AND ").append(list(column, values));
    }
  }

  /**
   * The source filter: the typed names, or a row written before them whose family makes it one of
   * them.
   */
  private void sources(Set<ActionSource> sources) {
    if (sources.isEmpty()) {
      return;
    }
    StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
    any.add(list("source", sources));
    for (boolean automated : new boolean[] {true, false}) {
      Set<EntityFamily> families = EnumSet.noneOf(EntityFamily.class);
      for (EntityFamily family : EntityFamily.values()) {
        if (sources.contains(
            automated ? ActionSource.automated(family) : ActionSource.manual(family))) {
          families.add(family);
        }
      }
      if (!families.isEmpty()) {
        any.add(
            "(source = '"
                + (automated ? "AUTOMATED" : "MANUAL")
                + "' AND "
                + list("family", families)
                + ")");
      }
    }
    text.append(any);
  }

  private static String list(String column, Set<? extends Enum<?>> values) {
    StringJoiner names = new StringJoiner("', '", column + " IN ('", "')");
    values.stream().map(Enum::name).sorted().forEach(names::add);
    return names.toString();
  }

  private void where(String condition, Object... values) {
    text.append(" AND ").append(condition);
    parameters.addAll(List.of(values));
  }

  String text() {
    return text.toString();
  }

  void bind(PreparedStatement statement) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      if (value instanceof String string) {
        statement.setString(i + 1, string);
      } else if (value instanceof Integer integer) {
        statement.setInt(i + 1, integer);
      } else {
        statement.setLong(i + 1, (Long) value);
      }
    }
  }
}
