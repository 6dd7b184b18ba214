package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A CSV cell cannot run as a formula, hide a character or break a row")
class ActionCenterCsvTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"=HYPERLINK(1)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1"})
  @DisplayName("a cell a spreadsheet would read as a formula starts with an apostrophe")
  void formulas(String value) {
    String cell = ActionCenterCsv.cell(value);
    String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
    assertEquals('\'', unquoted.charAt(0), cell);
  }

  @Test
  @DisplayName("a tab or CR that starts a cell is neutralised and escaped")
  void tabAndCarriageReturn() {
    assertEquals("'\\u0009=1+1", ActionCenterCsv.cell("\t=1+1"));
    assertEquals("'\\u000d=1+1", ActionCenterCsv.cell("\r=1+1"));
  }

  @Test
  @DisplayName("bidirectional controls, invisible characters, odd spaces and unpaired surrogates are escaped")
  void spoofing() {
    assertEquals("invoice\\u202efdp.exe", ActionCenterCsv.cell("invoice\u202Efdp.exe"));
    assertEquals("a\\u200bb\\u00a0c\\ud800d\\u000a", ActionCenterCsv.cell("a\u200Bb\u00A0c\uD800d\n"));
  }

  @Test
  @DisplayName("commas and quotes are quoted as RFC 4180 says; other text is kept as it is")
  void quoting() {
    assertEquals("\"a,b\"", ActionCenterCsv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ActionCenterCsv.cell("say \"hi\""));
    assertEquals("'-1", ActionCenterCsv.cell("-1"));
    assertEquals("résumé 文件 \uD83D\uDE00 C:\\Users\\josé", ActionCenterCsv.cell("résumé 文件 \uD83D\uDE00 C:\\Users\\josé"));
    assertEquals("", ActionCenterCsv.cell(""));
  }
}
