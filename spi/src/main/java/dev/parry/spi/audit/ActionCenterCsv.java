package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStep;
import java.util.List;
import java.util.Optional;

/**
 * The History tab's CSV export: one row per action (RFC 4180 quoting), saying who did what and why:
 * who requested it and their comment; who approved it, one approver per line of the cell, with the
 * matching comment on the same line of the next; who rejected or cancelled it; who asked for its
 * latest undo (the system, when a time box ended); and its last change. Principal names and
 * comments cannot hold a line break, so a line of a cell is always one value. Every cell is made
 * safe to open in a spreadsheet and to read:
 *
 * <ul>
 *   <li>a value a spreadsheet would read as a formula, one that starts with {@code =}, {@code +},
 *       {@code -}, {@code @}, a tab or a carriage return, is prefixed with an apostrophe, so an
 *       attacker-chosen comment or name cannot run in an analyst's spreadsheet (the prefix also
 *       turns a negative number into text); in a cell of several lines, every line is;
 *   <li>every spoofing character (control, bidirectional, invisible, odd-space and unpaired ones)
 *       is written as a backslash, {@code u} and four hexadecimal digits, so a right-to-left
 *       override in a comment cannot turn a row around and a zero-width space shows;
 *   <li>a cell holding a comma, a double quote or a line break is quoted, its quotes doubled.
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
  public static final String HEADER =
      "action,investigation,kind,family,target,status,source,requested_by,"
          + "request_comment,approved_by,approval_comments,rejected_by,rejection_comment,cancelled_by,"
          + "cancellation_comment,undo_requested_by,undo_comment,proposed_at,updated_at,updated_by,reason,note,"
          + "time_box_extended_by,extension_comments,undo_on_success_by,undo_on_success_comment";

  /** The first characters that make a spreadsheet read a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private ActionCenterCsv() {}

  /**
   * {@return the CSV text of {@code actions}, header first, lines ending in CRLF}
   *
   * @param actions the actions, in the order to write them
   * @throws InvalidInputException if {@code actions} is null
   */
  public static String of(List<ActionRecord> actions) {
    List<ActionRecord> checked = Checks.listOf(actions, "actions");
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (ActionRecord a : checked) {
      List<ActionStep> approvals = a.approvals();
      Optional<ActionStep> rejection = a.rejection();
      Optional<ActionStep> cancellation = a.cancellation();
      Optional<ActionStep> undo = a.undoRequest();
      Optional<ActionStep> undoOnSuccess = Optional.empty();
      for (ActionStep step : a.steps()) {
        if (step.kind() == ActionStep.Kind.UNDO_ON_SUCCESS) {
          undoOnSuccess = Optional.of(step);
        }
      }
      List<ActionStep> extensions =
          a.steps().stream()
              .filter(step -> step.kind() == ActionStep.Kind.TIME_BOX_EXTENDED)
              .toList();
      row(
          out,
          cell(a.id().toString()),
          cell(a.id().investigation().value()),
          cell(a.action().kind().name()),
          cell(a.action().family().name()),
          cell(a.action().target().key().value()),
          cell(a.status().name()),
          cell(a.source().name()),
          cell(a.requestedBy().toString()),
          cell(a.requestComment()),
          lines(approvals.stream().map(step -> step.actor().toString()).toList()),
          lines(approvals.stream().map(ActionStep::comment).toList()),
          cell(rejection.map(step -> step.actor().toString()).orElse("")),
          cell(rejection.map(ActionStep::comment).orElse("")),
          cell(cancellation.map(step -> step.actor().toString()).orElse("")),
          cell(cancellation.map(ActionStep::comment).orElse("")),
          cell(undo.map(step -> step.actor().toString()).orElse("")),
          cell(undo.map(ActionStep::comment).orElse("")),
          cell(a.proposedAt().toString()),
          cell(a.updatedAt().toString()),
          cell(a.updatedBy().toString()),
          cell(a.reason()),
          cell(a.note()),
          lines(extensions.stream().map(step -> step.actor().toString()).toList()),
          lines(extensions.stream().map(ActionStep::comment).toList()),
          cell(undoOnSuccess.map(step -> step.actor().toString()).orElse("")),
          cell(undoOnSuccess.map(ActionStep::comment).orElse("")));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cells[i]);
    }
    out.append("\r\n");
  }

  /**
   * {@return {@code value} as one cell: formula defused, spoofing characters escaped, quoted if it
   * must be}
   */
  static String cell(String value) {
    return quoted(safe(value));
  }

  /**
   * {@return {@code values} as one cell, one value per line, each line defused and escaped as a
   * cell is}; empty for no value
   */
  static String lines(List<String> values) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      joined.append(i > 0 ? "\n" : "").append(safe(values.get(i)));
    }
    return quoted(joined.toString());
  }

  private static String safe(String value) {
    String escaped = Text.escape(value, Integer.MAX_VALUE);
    return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0
        ? "'" + escaped
        : escaped;
  }

  private static String quoted(String safe) {
    if (safe.indexOf(',') < 0
        && safe.indexOf('"') < 0
        && safe.indexOf('\n') < 0
        && safe.indexOf('\r') < 0) {
      return safe;
    }
    return '"' + safe.replace("\"", "\"\"") + '"';
  }
}
