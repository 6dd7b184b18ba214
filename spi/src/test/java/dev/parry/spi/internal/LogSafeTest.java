package dev.parry.spi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Values are escaped for a log line: nothing can forge a line, turn text around or hide")
class LogSafeTest {

  private static String log(String value) {
    return LogSafe.of(value).toString();
  }

  @Test
  @DisplayName("CR, LF and other control characters are escaped")
  void controls() {
    assertEquals("inv-1\\u000d\\u000aFAKE ENTRY", log("inv-1\r\nFAKE ENTRY"));
    assertEquals("a\\u0000b\\u001b[31mc\\u0085d\\u2028e", log("a\u0000b\u001b[31mc\u0085d\u2028e"));
  }

  @Test
  @DisplayName("bidirectional controls are escaped, so an override cannot turn the line around")
  void bidi() {
    assertEquals("invoice\\u202efdp.exe", log("invoice\u202Efdp.exe"));
    assertEquals("\\u2066a\\u2069 \\u200e\\u200f\\u061c", log("\u2066a\u2069 \u200E\u200F\u061C"));
  }

  @Test
  @DisplayName("invisible characters and spaces other than the plain space are escaped")
  void invisible() {
    assertEquals("a\\u200bb\\u200dc\\u2060d\\ufeffe", log("a\u200Bb\u200Dc\u2060d\uFEFFe"));
    assertEquals("a\\u00a0b\\u2007c\\u202fd e", log("a\u00A0b\u2007c\u202Fd e"));
    assertEquals("\\u3164\\u180e\\ufe0f\\udb40\\udc41", log("\u3164\u180E\uFE0F\uDB40\uDC41"));
  }

  @Test
  @DisplayName("unpaired surrogates are escaped; a pair is kept")
  void surrogates() {
    assertEquals("a\\ud800b\\udc00c\\udc00\\ud800", log("a\uD800b\uDC00c\uDC00\uD800"));
    assertEquals("\uD83D\uDE00", log("\uD83D\uDE00"));
  }

  @Test
  @DisplayName("letters, marks and symbols of every script are kept as they are, backslashes too")
  void legitimate() {
    for (String text :
        new String[] {
          "résumé",
          "e\u0301",
          "文件.pdf",
          "קובץ",
          "ملف",
          "C:\\Users\\josé",
          "\uD83D\uDC4D\uD83C\uDFFD"
        }) {
      assertEquals(text, log(text));
    }
  }

  @Test
  @DisplayName(
      "a long value is cut at 200 characters, never between the halves of a surrogate pair")
  void cut() {
    assertEquals(203, log("x".repeat(10_000)).length());
    String cut = log("x".repeat(199) + "\uD83D\uDE00" + "y".repeat(10));
    assertEquals("x".repeat(199) + "...", cut);
    assertTrue(
        log("x".repeat(198) + "\uD83D\uDE00" + "y").startsWith("x".repeat(198) + "\uD83D\uDE00"));
  }

  @Test
  @DisplayName("null is written as null")
  void nullValue() {
    assertEquals("null", LogSafe.of(null).toString());
  }
}
