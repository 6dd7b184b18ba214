package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A CSV cell cannot run as a formula, hide a character or break a row")
class ActionCenterCsvTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"=HYPERLINK(1)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1"})
  @DisplayName("a cell a spreadsheet would read as a formula starts with an apostrophe")
  void formulas(String value) {
    String cell = ActionCenterCsv.cell(value);
    String unquoted =
        cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
    assertEquals('\'', unquoted.charAt(0), cell);
  }

  @Test
  @DisplayName("a tab or CR that starts a cell is neutralised and escaped")
  void tabAndCarriageReturn() {
    assertEquals("'\\u0009=1+1", ActionCenterCsv.cell("\t=1+1"));
    assertEquals("'\\u000d=1+1", ActionCenterCsv.cell("\r=1+1"));
  }

  @Test
  @DisplayName(
      "bidirectional controls, invisible characters, odd spaces and unpaired surrogates are escaped")
  void spoofing() {
    assertEquals("invoice\\u202efdp.exe", ActionCenterCsv.cell("invoice\u202Efdp.exe"));
    assertEquals(
        "a\\u200bb\\u00a0c\\ud800d\\u000a", ActionCenterCsv.cell("a\u200Bb\u00A0c\uD800d\n"));
  }

  @Test
  @DisplayName("commas and quotes are quoted as RFC 4180 says; other text is kept as it is")
  void quoting() {
    assertEquals("\"a,b\"", ActionCenterCsv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ActionCenterCsv.cell("say \"hi\""));
    assertEquals("'-1", ActionCenterCsv.cell("-1"));
    assertEquals(
        "résumé 文件 \uD83D\uDE00 C:\\Users\\josé",
        ActionCenterCsv.cell("résumé 文件 \uD83D\uDE00 C:\\Users\\josé"));
    assertEquals("", ActionCenterCsv.cell(""));
  }

  static final Instant T = Instant.parse("2026-04-01T08:00:00Z");
  static final Actor ALICE = Actor.principal(PrincipalName.of("alice@contoso.com"));
  static final Actor BOB = Actor.principal(PrincipalName.of("bob, the reviewer@contoso.com"));
  static final Actor CAROL = Actor.principal(PrincipalName.of("carol@contoso.com"));

  static ActionRecord action(
      int sequence, ActionStatus status, Actor updatedBy, String note, ActionStep... steps) {
    return new ActionRecord(
        new ActionId(InvestigationId.of("inv-csv"), sequence),
        new IsolateDevice(
            Device.of(DeviceId.of("d-" + sequence), DeviceName.of("ws-" + sequence)),
            IsolationType.FULL),
        ApprovalMode.REQUIRES_APPROVAL,
        "manual",
        new ApprovalRule(2, true),
        ALICE,
        "contain, please",
        ActionSource.MANUAL_DEVICE_ACTION,
        T,
        status,
        List.of(steps),
        1,
        T.plusSeconds(300),
        updatedBy,
        note,
        null,
        null,
        null,
        steps.length);
  }

  /** {@return the cells of {@code csv}, row by row, as RFC 4180 reads them} */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  static Map<String, String> rowOf(String csv, int index) {
    List<List<String>> rows = parse(csv);
    List<String> header = rows.get(0);
    List<String> row = rows.get(index + 1);
    assertEquals(header.size(), row.size(), "every row has a cell per column: " + row);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      out.put(header.get(i), row.get(i));
    }
    return out;
  }

  @Test
  @DisplayName(
      "a row says who requested, approved (one approver per line, comment beside it), rejected and undid")
  void whoDidWhat() {
    String csv =
        ActionCenterCsv.of(
            List.of(
                action(
                    1,
                    ActionStatus.UNDONE,
                    Actor.system(),
                    "released",
                    new ActionStep(ActionStep.Kind.APPROVED, ALICE, T.plusSeconds(60), "my own"),
                    new ActionStep(
                        ActionStep.Kind.APPROVED, BOB, T.plusSeconds(120), "=agreed, after a call"),
                    new ActionStep(
                        ActionStep.Kind.UNDO_REQUESTED,
                        CAROL,
                        T.plusSeconds(240),
                        "owner cleared it")),
                action(
                    2,
                    ActionStatus.REJECTED,
                    CAROL,
                    "benign",
                    new ActionStep(ActionStep.Kind.REJECTED, CAROL, T.plusSeconds(60), "benign")),
                action(
                    3,
                    ActionStatus.CANCELLED,
                    BOB,
                    "wrong host",
                    new ActionStep(ActionStep.Kind.APPROVED, ALICE, T.plusSeconds(60), ""),
                    new ActionStep(ActionStep.Kind.APPROVED, CAROL, T.plusSeconds(60), ""),
                    new ActionStep(
                        ActionStep.Kind.CANCELLED, BOB, T.plusSeconds(60), "wrong host"))));
    Map<String, String> undone = rowOf(csv, 0);
    assertEquals("alice@contoso.com", undone.get("requested_by"));
    assertEquals("contain, please", undone.get("request_comment"));
    assertEquals("alice@contoso.com\nbob, the reviewer@contoso.com", undone.get("approved_by"));
    assertEquals(
        "my own\n'=agreed, after a call", undone.get("approval_comments"), "each line is defused");
    assertEquals("carol@contoso.com", undone.get("undo_requested_by"));
    assertEquals("owner cleared it", undone.get("undo_comment"));
    assertEquals("system", undone.get("updated_by"));
    assertEquals("", undone.get("rejected_by"));
    assertFalse(csv.contains("[alice"), "no Java list: " + csv);

    Map<String, String> rejected = rowOf(csv, 1);
    assertEquals("carol@contoso.com", rejected.get("rejected_by"));
    assertEquals("benign", rejected.get("rejection_comment"));
    assertEquals("", rejected.get("approved_by"));
    assertEquals("", rejected.get("undo_requested_by"));

    Map<String, String> cancelled = rowOf(csv, 2);
    assertEquals("alice@contoso.com\ncarol@contoso.com", cancelled.get("approved_by"));
    assertEquals(
        "\n", cancelled.get("approval_comments"), "a line per approval, empty without a comment");
    assertEquals("bob, the reviewer@contoso.com", cancelled.get("cancelled_by"));
    assertEquals("wrong host", cancelled.get("cancellation_comment"));
  }

  @Test
  @DisplayName(
      "a cell of several lines escapes and defuses every line, and a single line is a plain cell")
  void lines() {
    assertEquals("\"a\n'-1\n\\u202eb\"", ActionCenterCsv.lines(List.of("a", "-1", "\u202Eb")));
    assertEquals("'@x", ActionCenterCsv.lines(List.of("@x")));
    assertEquals("", ActionCenterCsv.lines(List.of()));
  }
}
