package dev.parry.spi.audit;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.ActionSource;
import java.util.List;

/**
 * The History tab's CSV export: one row per action (RFC 4180 quoting). A value a spreadsheet would
 * read as a formula ({@code = + - @} first) is prefixed with an apostrophe, so an attacker-chosen
 * name cannot run in an analyst's spreadsheet.
 *
 * <pre>{@code
 * String csv = ActionCenterCsv.of(runtime.actions(ActionQuery.history().limit(1000).build(), analyst).items());
 * }</pre>
 */
public final class ActionCenterCsv {

  /** The header row. */
  public static final String HEADER = "action,investigation,kind,family,target,status,source,requested_by,approvers,"
      + "proposed_at,updated_at,updated_by,reason,note";

  private ActionCenterCsv() {}

  /**
   * {@return the CSV text of {@code actions}, header first, lines ending in CRLF}
   *
   * @param actions the actions, in the order to write them
   */
  public static String of(List<ActionRecord> actions) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (ActionRecord a : actions) {
      row(out, a.id().toString(), a.id().investigation().value(), a.action().kind().name(), a.action().family().name(),
          a.action().target().key().value(), a.status().name(), ActionSource.of(a).name(), a.requestedBy().toString(),
          a.approvers().toString(), a.proposedAt().toString(), a.updatedAt().toString(), a.updatedBy().toString(),
          a.reason(), a.note());
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(values[i]));
    }
    out.append("\r\n");
  }

  static String cell(String value) {
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
      return safe;
    }
    return '"' + safe.replace("\"", "\"\"") + '"';
  }
}
