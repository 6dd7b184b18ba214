package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName(
    "Windows paths are resolved as Windows resolves them and compared as NTFS compares names")
class WindowsPathTest {

  @Test
  @DisplayName(
      "slashes, repeated separators and a trailing separator are resolved; the spelling is kept")
  void normalises() {
    assertEquals("C:\\Windows\\System32", WindowsPath.of("c:/Windows//System32/").resolved());
    assertEquals("c:/Windows//System32/", WindowsPath.of("c:/Windows//System32/").value());
    assertEquals("\\\\server\\share\\a", WindowsPath.of("//server/share/a").resolved());
    assertEquals("C:\\", WindowsPath.of("C:\\").resolved());
  }

  @Test
  @DisplayName("equal ignoring case, with equal hash codes")
  void caseInsensitiveEquality() {
    WindowsPath a = WindowsPath.of("C:\\Windows\\System32\\EVIL.dll");
    WindowsPath b = WindowsPath.of("c:/windows/system32/evil.DLL");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, WindowsPath.of("D:\\Windows\\System32\\evil.dll"));
  }

  @Test
  @DisplayName("file name and extension")
  void parts() {
    WindowsPath p = WindowsPath.of("C:\\Users\\alice\\Downloads\\Invoice.PDF.exe");
    assertEquals("Invoice.PDF.exe", p.fileName());
    assertEquals("exe", p.extension());
    assertEquals("", WindowsPath.of("C:\\Temp\\.hidden").extension());
    assertEquals("", WindowsPath.of("C:\\Temp\\noext").extension());
  }

  @Test
  @DisplayName("isWithin matches whole segments, any drive for a drive-less folder")
  void within() {
    WindowsPath file = WindowsPath.of("C:\\BuildAgent\\work\\a.exe");
    assertTrue(file.isWithin(WindowsPath.of("C:\\BuildAgent")));
    assertTrue(file.isWithin(WindowsPath.of("c:\\buildagent\\WORK")));
    assertTrue(file.isWithin(WindowsPath.of("\\BuildAgent")));
    assertFalse(file.isWithin(WindowsPath.of("D:\\BuildAgent")));
    assertFalse(
        WindowsPath.of("C:\\BuildAgent2\\a.exe").isWithin(WindowsPath.of("C:\\BuildAgent")));
    assertTrue(file.isWithin(WindowsPath.of("C:\\")));
  }

  @ParameterizedTest(name = "{0} resolves to {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "C:\\Windows.\\System32\\x.dll | C:\\Windows\\System32\\x.dll",
        "C:\\Windows . .\\x.dll | C:\\Windows\\x.dll",
        "c:/a/./b/../c// | C:\\a\\c",
        "\\\\localhost\\c$\\Windows | C:\\Windows",
        "\\\\127.0.0.1\\D$\\x | D:\\x",
        "\\\\0--1.ipv6-literal.net\\C$\\x | C:\\x",
        "\\\\fs01\\C$\\x | \\\\fs01\\C$\\x",
        "\\\\fs01\\share.\\x. | \\\\fs01\\share\\x",
        "\\\\?\\C:\\Windows\\x | C:\\Windows\\x",
        "\\\\?\\C:\\Windows.\\x | \\\\?\\C:\\Windows.\\x",
        "\\\\.\\C:\\Windows.\\x | C:\\Windows\\x",
        "//?/C:/Windows./x | C:\\Windows\\x",
        "\\??\\c:\\x | C:\\x",
        "\\\\.\\D:\\..\\C:\\x | C:\\x",
        "\\\\?\\UNC\\localhost\\C$\\x | C:\\x",
        "\\\\?\\UNC\\fs01\\share\\x. | \\\\?\\UNC\\fs01\\share\\x.",
        "\\\\.\\UNC\\fs01\\share\\x. | \\\\fs01\\share\\x",
        "\\Device\\HarddiskVolume3\\x | \\\\?\\GLOBALROOT\\Device\\HarddiskVolume3\\x",
        "\\\\.\\HarddiskVolume3\\x | \\\\?\\GLOBALROOT\\Device\\HarddiskVolume3\\x",
        "\\Device\\Mup\\fs01\\share\\x | \\\\fs01\\share\\x",
        "\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\ | \\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\",
        "/Users/x | \\Users\\x"
      })
  @DisplayName("each spelling resolves as Windows resolves it, the spelling kept for display")
  void resolves(String spelling, String resolved) {
    WindowsPath path = WindowsPath.of(spelling);
    assertEquals(resolved, path.resolved());
    assertEquals(spelling, path.value());
    assertEquals(path, WindowsPath.of(resolved));
  }

  @Test
  @DisplayName("resolving a resolved path changes nothing (seeded; the seed is printed)")
  void resolvingTwiceChangesNothing() {
    long seed = Long.getLong("parry.seed", new Random().nextLong());
    System.out.println(
        "resolvingTwiceChangesNothing: seed " + seed + " (replay: -Dparry.seed=" + seed + ")");
    Random random = new Random(seed);
    String[] roots = {
      "C:",
      "c:",
      "\\\\localhost\\C$",
      "\\\\fs01\\share",
      "\\\\?\\C:",
      "\\\\.\\C:",
      "",
      "\\Device\\HarddiskVolume1",
      "\\\\?\\UNC\\fs01\\share",
      "\\??\\D:"
    };
    String[] names = {"a", "B.", "c ", ".", "..", "d~1", "\u00E9t\u00E9", "x.y", "K"};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder spelling = new StringBuilder(roots[random.nextInt(roots.length)]);
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        spelling.append('\\').append(names[random.nextInt(names.length)]);
      }
      WindowsPath path;
      try {
        path = WindowsPath.of(spelling.toString());
      } catch (InvalidInputException refused) {
        continue; // '..' above the root, '.' after \\?\
      }
      String resolved = path.resolved();
      assertEquals(
          resolved, WindowsPath.of(resolved).resolved(), () -> "seed " + seed + ": " + spelling);
      assertEquals(path, WindowsPath.of(resolved), () -> "seed " + seed + ": " + spelling);
      assertEquals(
          path.hashCode(),
          WindowsPath.of(resolved).hashCode(),
          () -> "seed " + seed + ": " + spelling);
    }
  }

  @Test
  @DisplayName("a verbatim path keeps trailing dots and spaces: another folder, another path")
  void verbatimIsLiteral() {
    assertNotEquals(WindowsPath.of("C:\\Windows\\x"), WindowsPath.of("\\\\?\\C:\\Windows.\\x"));
    assertEquals(WindowsPath.of("C:\\Windows\\x"), WindowsPath.of("\\\\?\\C:\\Windows\\x"));
    assertEquals("x ", WindowsPath.of("\\\\?\\C:\\Temp\\x ").fileName());
  }

  @Test
  @DisplayName("comparison keys: one per place, lower case for ASCII as before")
  void comparisonKeys() {
    assertEquals("c:\\temp\\x.exe", WindowsPath.of("C:\\Temp\\x.exe").comparisonKey());
    assertEquals(
        "c:\\temp\\x.exe", WindowsPath.of("\\\\localhost\\c$\\TEMP.\\x.exe").comparisonKey());
    assertNotEquals(
        WindowsPath.of("C:\\Tools\\key.exe").comparisonKey(),
        WindowsPath.of("C:\\Tools\\\u212Aey.exe").comparisonKey());
  }

  @Test
  @DisplayName("isWithin: a short name matches only itself, a drive-less folder covers volumes too")
  void withinResolved() {
    WindowsPath buildAgent = WindowsPath.of("C:\\BuildAgent");
    assertTrue(WindowsPath.of("\\\\localhost\\C$\\BuildAgent.\\a.exe").isWithin(buildAgent));
    assertFalse(WindowsPath.of("C:\\BUILDA~1\\a.exe").isWithin(buildAgent));
    assertTrue(WindowsPath.of("C:\\BUILDA~1\\a.exe").isWithin(WindowsPath.of("c:\\builda~1")));
    assertTrue(
        WindowsPath.of("\\Device\\HarddiskVolume3\\BuildAgent\\a.exe")
            .isWithin(WindowsPath.of("\\BuildAgent")));
    assertFalse(
        WindowsPath.of("\\Device\\HarddiskVolume3\\BuildAgent\\a.exe").isWithin(buildAgent));
    assertFalse(WindowsPath.of("\\\\ws-042\\C$\\BuildAgent\\a.exe").isWithin(buildAgent));
  }

  @Test
  @DisplayName("couldBeWithin: a short name on either side, or a root that may be the same drive")
  void couldBeWithin() {
    WindowsPath buildAgent = WindowsPath.of("C:\\BuildAgent");
    assertFalse(WindowsPath.of("C:\\BUILDA~1\\a.exe").isWithin(buildAgent));
    assertTrue(WindowsPath.of("C:\\BUILDA~1\\a.exe").couldBeWithin(buildAgent));
    assertTrue(
        WindowsPath.of("C:\\BuildAgent\\a.exe").couldBeWithin(WindowsPath.of("C:\\BUILDA~1")));
    assertTrue(WindowsPath.of("C:\\BUILDA~1\\a.exe").isWithin(WindowsPath.of("c:\\builda~1")));
    assertFalse(WindowsPath.of("D:\\BUILDA~1\\a.exe").couldBeWithin(buildAgent));
    assertFalse(WindowsPath.of("C:\\Tools\\a.exe").couldBeWithin(buildAgent));
    assertTrue(
        WindowsPath.of("\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\BuildAgent\\a.exe")
            .couldBeWithin(buildAgent));
    assertTrue(
        WindowsPath.of("\\Device\\HarddiskVolume3\\BuildAgent\\a.exe").couldBeWithin(buildAgent));
    assertTrue(
        WindowsPath.of("\\Device\\HarddiskVolume3\\BuildAgent\\a.exe")
            .isWithin(WindowsPath.of("\\BuildAgent")));
    assertTrue(WindowsPath.of("\\BuildAgent\\a.exe").couldBeWithin(buildAgent));
    assertTrue(WindowsPath.of("\\\\ws-042\\C$\\BuildAgent\\a.exe").couldBeWithin(buildAgent));
    assertFalse(WindowsPath.of("\\\\ws-042\\C$\\BuildAgent\\a.exe").isWithin(buildAgent));
    assertFalse(WindowsPath.of("\\\\ws-042\\share\\BuildAgent\\a.exe").couldBeWithin(buildAgent));
    assertTrue(
        WindowsPath.of("\\\\fs02\\tools\\a.exe").couldBeWithin(WindowsPath.of("\\\\fs01\\tools")));
  }
}
