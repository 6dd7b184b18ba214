package dev.parry.spi.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one action query. Enum filters are written as literals (their names come from the
 * domain's enums, never from callers' text), so that PostgreSQL can match them to the partial
 * indexes whatever plan it caches; every other value is a bound parameter.
 */
final class ActionSql {

  private static final String KEY = "proposed_s, proposed_n, investigation_id, sequence";

  private final StringBuilder text = new StringBuilder("SELECT record, due_s, due_n FROM parry_actions WHERE TRUE");
  private final List<Object> parameters = new ArrayList<>();

  private ActionSql() {}

  /** {@return the SQL for {@code query}, after the action {@code after} (from the cursor) if set} */
  static ActionSql of(ActionQuery query, @Nullable SortKey after) {
    ActionSql sql = new ActionSql();
    sql.in("status", query.statuses());
    sql.in("family", query.families());
    sql.in("kind", query.kinds());
    sql.in("source", query.sources());
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
      sql.where("(" + KEY + ") " + (query.newestFirst() ? "<" : ">") + " (?, ?, ?, ?)",
          at.getEpochSecond(), at.getNano(), after.investigation(), after.sequence());
    }
    String direction = query.newestFirst() ? " DESC" : "";
    sql.text.append(" ORDER BY proposed_s").append(direction).append(", proposed_n").append(direction)
        .append(", investigation_id").append(direction).append(", sequence").append(direction)
        .append(" LIMIT ").append(query.limit() + 1);
    return sql;
  }

  private void in(String column, Set<? extends Enum<?>> values) {
    if (values.isEmpty()) {
      return;
    }
    StringJoiner names = new StringJoiner("', '", " AND " + column + " IN ('", "')");
    values.stream().map(Enum::name).sorted().forEach(names::add);
    text.append(names);
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
