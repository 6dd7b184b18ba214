package dev.parry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName(
    "NTFS name comparison: one unit's simple upper case, keys that agree with it, short names")
class NtfsNamesTest {

  @Test
  @DisplayName(
      "for all 65,536 UTF-16 units, two units have one key exactly when their upper cases are equal")
  void keysAgreeWithUpperCase() {
    char[] keyOfUpper = new char[Character.MAX_VALUE + 1];
    boolean[] seen = new boolean[Character.MAX_VALUE + 1];
    char[] upperOfKey = new char[Character.MAX_VALUE + 1];
    boolean[] keySeen = new boolean[Character.MAX_VALUE + 1];
    for (int i = 0; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      String unit = "U+" + Integer.toHexString(i);
      char upper = Character.toUpperCase(c);
      assertEquals(upper, NtfsNames.upper(c), () -> "the ASCII shortcut differs at " + unit);
      char key = NtfsNames.keyOf(c);
      char lowerOfUpper = Character.toLowerCase(upper);
      char general = Character.toUpperCase(lowerOfUpper) == upper ? lowerOfUpper : upper;
      assertEquals(general, key, () -> "the key's ASCII shortcut differs at " + unit);
      if (seen[upper]) {
        assertEquals(
            keyOfUpper[upper],
            key,
            () -> "key of " + unit + " depends on more than its upper case");
      }
      seen[upper] = true;
      keyOfUpper[upper] = key;
      if (keySeen[key]) {
        assertEquals(upperOfKey[key], upper, () -> "two upper cases share the key of " + unit);
      }
      keySeen[key] = true;
      upperOfKey[key] = upper;
    }
  }

  @Test
  @DisplayName("ASCII keys are lower case, as entity keys have always been")
  void asciiKeysAreLowerCase() {
    String ascii = "C:\\Program Files (x86)\\Vendor\\App-1.EXE";
    assertEquals(ascii.toLowerCase(Locale.ROOT), NtfsNames.key(ascii));
    assertEquals(NtfsNames.key(ascii).hashCode(), NtfsNames.keyHash(ascii));
  }

  @Test
  @DisplayName(
      "a name's key is each unit's key, whether the name is all ASCII (keyed on its bytes) or not")
  void keyIsEachUnitsKey() {
    StringBuilder ascii = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      ascii.append(c);
    }
    for (String name : List.of(ascii.toString(), ascii + "\u00c9", "\u00c9" + ascii, "I\u0130i")) {
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < name.length(); i++) {
        expected.append(NtfsNames.keyOf(name.charAt(i)));
      }
      assertEquals(expected.toString(), NtfsNames.key(name), () -> "key of " + name);
    }
  }

  @Test
  @DisplayName(
      "a name already in key form is its own key; one that needs a change from its middle on is"
          + " keyed from there")
  void keysFromTheFirstChange() {
    String keyed = "c:\\users\u017f\\x.exe"; // U+017F upper-cases to S: its key is s
    assertEquals("c:\\userss\\x.exe", NtfsNames.key(keyed));
    String lower = "c:\\windows\\temp\\x.exe";
    assertSame(lower, NtfsNames.key(lower));
    assertEquals("abc\\def", NtfsNames.key("abc\\DEF"));
    assertEquals("", NtfsNames.key(""));
  }

  @ParameterizedTest(name = "{0} and {1}: NTFS {2}, Java equalsIgnoreCase {3}")
  @CsvSource({
    "key, \u212Aey, false, true",
    "sign, \u017Fign, true, true",
    "stra\u00DFe, STRASSE, false, false",
    "\u03C3\u03BF\u03C2, \u03A3\u039F\u03A3, true, true",
    "win, w\u0130n, false, true",
    "Windows, WINDOWS, true, true"
  })
  @DisplayName("NTFS's simple upper case is not Java's case-insensitive comparison")
  void notJavaFolding(String a, String b, boolean ntfs, boolean java) {
    assertEquals(ntfs, NtfsNames.equal(a, b));
    assertEquals(ntfs, NtfsNames.key(a).equals(NtfsNames.key(b)));
    assertEquals(java, a.equalsIgnoreCase(b));
  }

  @Test
  @DisplayName("a name may be a short name when it holds ~ followed by a digit")
  void shortNames() {
    assertTrue(NtfsNames.mayBeShortName("PROGRA~1"));
    assertTrue(NtfsNames.mayBeShortName("AB12F~12.TXT"));
    assertTrue(NtfsNames.mayBeShortName("x~1.exe"));
    assertFalse(NtfsNames.mayBeShortName("RE~PORT"));
    assertFalse(NtfsNames.mayBeShortName("report~"));
    assertFalse(NtfsNames.mayBeShortName("Program Files"));
    assertFalse(NtfsNames.mayBeShortName("PROGRA~1x", 0, 7));
  }
}
