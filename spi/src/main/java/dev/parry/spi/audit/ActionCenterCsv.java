package dev.parry.spi.audit;

import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.ActionSource;
import java.util.List;

/**
 * The History tab's CSV export: one row per action (RFC 4180 quoting). Every cell is made safe to
 * open in a spreadsheet and to read:
 *
 * <ul>
 *   <li>a value a spreadsheet would read as a formula, one that starts with {@code =}, {@code +},
 *       {@code -}, {@code @}, a tab or a carriage return, is prefixed with an apostrophe, so an
 *       attacker-chosen comment or name cannot run in an analyst's spreadsheet (the prefix also
 *       turns a negative number into text);
 *   <li>every spoofing character (control, bidirectional, invisible, odd-space and unpaired ones)
 *       is written as a backslash, {@code u} and four hexadecimal digits, so a right-to-left
 *       override in a comment cannot turn a row around and a zero-width space shows;
 *   <li>a cell holding a comma or a double quote is quoted, its quotes doubled.
 * </ul>
 *
 * <p>The export is for people: the store and the audit trail keep the exact text.
 *
 * <pre>{@code
 * String csv = ActionCenterCsv.of(runtime.actions(ActionQuery.history().limit(1000).build(), analyst).items());
 * }</pre>
 */
public final class ActionCenterCsv {

  /** The header row. */
  public static final String HEADER = "action,investigation,kind,family,target,status,source,requested_by,approvers,"
      + "proposed_at,updated_at,updated_by,reason,note";

  /** The first characters that make a spreadsheet read a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

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

  /** {@return {@code value} as one cell: formula defused, spoofing characters escaped, quoted if it must be} */
  static String cell(String value) {
    String escaped = Text.escape(value, Integer.MAX_VALUE);
    String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + escaped : escaped;
    if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
      return safe;
    }
    return '"' + safe.replace("\"", "\"\"") + '"';
  }
}
