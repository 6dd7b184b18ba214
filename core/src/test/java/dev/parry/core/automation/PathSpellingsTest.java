package dev.parry.core.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.FileName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "Paths are placed in folders and excluded as Windows resolves them (README Path rules)")
class PathSpellingsTest {

  private static boolean inCore(String path) {
    return FolderClassifier.defaults().isInCoreFolder(WindowsPath.of(path));
  }

  private static boolean inTemp(String path) {
    return FolderClassifier.defaults().isInTempFolder(WindowsPath.of(path));
  }

  @Nested
  @DisplayName("Spellings Windows resolves to a core folder are in a core folder")
  class CoreSpellings {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "C:\\PROGRA~1\\Vendor\\app.exe",
          "C:\\Windows.\\System32\\evil.dll",
          "C:\\Windows \\System32\\evil.dll",
          "C:\\Windows. . \\evil.dll",
          "C:\\Program Files.\\Vendor\\app.exe",
          "C:\\Program Files (x86) \\Vendor\\app.exe",
          "\\\\localhost\\C$\\Windows\\System32\\evil.dll",
          "\\\\LOCALHOST\\c$\\windows\\evil.dll",
          "\\\\127.0.0.1\\c$\\Windows\\evil.dll",
          "\\\\0--1.ipv6-literal.net\\C$\\Windows\\evil.dll",
          "\\\\?\\C:\\Windows\\System32\\evil.dll",
          "\\\\.\\C:\\Windows\\System32\\evil.dll",
          "//./C:/Windows/evil.dll",
          "\\\\?\\UNC\\localhost\\C$\\Windows\\evil.dll",
          "\\\\.\\UNC\\127.0.0.1\\C$\\Windows\\evil.dll",
          "\\??\\C:\\Windows\\evil.dll",
          "C:\\Users\\..\\Windows\\evil.dll",
          "C:\\.\\Windows\\evil.dll",
          "C:/Windows/./Temp/../evil.dll",
          "C:\\\\Windows\\\\evil.dll",
          "\\\\.\\D:\\..\\C:\\Windows\\evil.dll",
          "\\Device\\HarddiskVolume3\\Windows\\evil.dll",
          "\\\\?\\GLOBALROOT\\Device\\HarddiskVolume3\\Windows\\evil.dll",
          "\\\\.\\HarddiskVolume3\\Windows\\evil.dll",
          "\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\Windows\\evil.dll",
          "\\\\fileserver\\C$\\Windows\\evil.dll"
        })
    @DisplayName("core")
    void core(String path) {
      assertTrue(inCore(path));
    }
  }

  @Nested
  @DisplayName("Spellings of a temp folder stay in a temp folder")
  class TempSpellings {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "C:\\Users\\alice\\Downloads.\\invoice.exe",
          "C:\\Users\\alice\\Downloads \\invoice.exe",
          "\\\\localhost\\c$\\users\\alice\\downloads\\invoice.exe",
          "\\\\?\\C:\\Windows\\Temp\\evil.exe",
          "\\\\.\\UNC\\localhost\\C$\\Users\\alice\\AppData\\Local\\Temp\\x.exe",
          "C:\\Windows\\System32\\..\\Temp\\evil.exe"
        })
    @DisplayName("temp")
    void temp(String path) {
      assertTrue(inTemp(path));
    }
  }

  @Nested
  @DisplayName(
      "8.3 short names, which only the file system can resolve, are placed on the side that asks for approval")
  class ShortNames {

    @ParameterizedTest(name = "{0}: in a core folder {1}, in a temp folder {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "C:\\PROGRA~1\\Vendor\\app.exe | true | false",
          "C:\\PROGRA~2\\Vendor\\app.exe | true | false",
          "C:\\WINDOW~1\\evil.dll | true | false",
          "C:\\ABCDEF~12\\evil.dll | true | false",
          "C:\\WINDOW~1\\Temp\\evil.exe | true | false",
          "C:\\Windows\\SYSTEM~1\\evil.dll | true | false",
          "C:\\Windows\\TEMP~1\\evil.exe | true | false",
          "C:\\USERS~1\\alice\\Downloads\\invoice.exe | true | false",
          "C:\\Users\\alice\\DOWNLO~1\\invoice.exe | false | false",
          "C:\\Users\\ALICE~1\\Downloads\\invoice.exe | false | true",
          "C:\\Program Files\\VENDOR~1\\app.exe | true | true",
          "C:\\Users\\alice\\AppData\\Local\\Temp\\ABC~1\\x.exe | false | true",
          "C:\\Users\\alice\\Documents\\x~1.exe | false | false",
          "C:\\Users\\alice\\RE~PORT\\x.exe | false | false"
        })
    @DisplayName("in a core folder if any reading is, in a temp folder only if every reading is")
    void shortNames(String path, boolean core, boolean temp) {
      assertEquals(core, inCore(path), "core");
      assertEquals(temp, inTemp(path), "temp");
    }
  }

  @Nested
  @DisplayName(
      "Names compare as NTFS compares them: one character's simple upper case, not full case folding")
  class NtfsCase {

    @Test
    @DisplayName("a dotted capital I is not an i to NTFS: W\u0130NDOWS is not the Windows folder")
    void dottedCapitalI() {
      assertFalse(inCore("C:\\W\u0130ndows\\Temp\\evil.exe"));
      assertFalse(inTemp("C:\\W\u0130ndows\\Temp\\evil.exe"));
      assertFalse(inCore("C:\\W\u0130ndows\\evil.exe"));
    }

    @Test
    @DisplayName("a long s upper-cases to S, so Window\u017F is the Windows folder")
    void longS() {
      assertTrue(inCore("C:\\Window\u017F\\evil.dll"));
      assertTrue(inTemp("C:\\Window\u017F\\Temp\\evil.exe"));
      assertEquals(
          WindowsPath.of("C:\\Window\u017F\\evil.dll"), WindowsPath.of("C:\\Windows\\evil.dll"));
    }

    @Test
    @DisplayName("the Kelvin sign is not a k to NTFS, though Java folds them together")
    void kelvin() {
      assertNotEquals(
          WindowsPath.of("C:\\Tools\\\u212Aey.exe"), WindowsPath.of("C:\\Tools\\key.exe"));
      AutomationExclusions exclusions =
          AutomationExclusions.builder().folder(WindowsPath.of("C:\\Kits")).build();
      assertTrue(exclusions.excludes(WindowsPath.of("C:\\KITS\\x.exe")));
      assertFalse(exclusions.excludes(WindowsPath.of("C:\\\u212Aits\\x.exe")));
    }

    @Test
    @DisplayName("a file-name exclusion matches what NTFS takes for the same name, and only that")
    void fileNames() {
      AutomationExclusions exclusions =
          AutomationExclusions.builder()
              .add(
                  FolderExclusion.of(WindowsPath.of("C:\\Tools"))
                      .withFileNames(FileName.of("sign.exe"), FileName.of("kit.exe")))
              .build();
      assertTrue(exclusions.excludes(WindowsPath.of("C:\\Tools\\\u017Fign.exe")));
      assertFalse(exclusions.excludes(WindowsPath.of("C:\\Tools\\\u212Ait.exe")));
      assertTrue(exclusions.excludes(WindowsPath.of("C:\\Tools\\KIT.EXE")));
    }

    @Test
    @DisplayName("sharp s is not SS, a final sigma is a sigma")
    void sharpSAndSigma() {
      assertNotEquals(
          WindowsPath.of("C:\\Stra\u00DFe\\a.exe"), WindowsPath.of("C:\\STRASSE\\a.exe"));
      assertEquals(
          WindowsPath.of("C:\\\u03A3\u03BF\u03C2\\a.exe"),
          WindowsPath.of("C:\\\u03C3\u03BF\u03C3\\a.exe"));
    }
  }

  @Nested
  @DisplayName("Exclusions apply to every spelling of the excluded folder")
  class Exclusions {

    private final AutomationExclusions exclusions =
        AutomationExclusions.builder()
            .folder(WindowsPath.of("C:\\BuildAgent"))
            .add(
                FolderExclusion.of(WindowsPath.of("C:\\Kits"))
                    .withExtensions("vhdx")
                    .withFileNames(FileName.of("tool.exe")))
            .build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "\\\\localhost\\c$\\BuildAgent.\\work\\a.exe",
          "\\\\?\\C:\\BuildAgent\\a.exe",
          "\\\\.\\C:\\BuildAgent\\a.exe",
          "C:\\Tools\\..\\BuildAgent\\a.exe",
          "C:\\BuildAgent \\a.exe",
          "C:\\Kits\\disk.vhdx.",
          "C:\\Kits.\\tool.exe  ",
          "\\\\localhost\\c$\\KITS\\Images\\disk.VHDX"
        })
    @DisplayName("excluded")
    void excluded(String path) {
      assertTrue(exclusions.excludes(WindowsPath.of(path)));
    }
  }

  @Nested
  @DisplayName("Where an exclusion only might apply, it does not exclude but says it might")
  class ExclusionDoubts {

    private final AutomationExclusions exclusions =
        AutomationExclusions.builder().folder(WindowsPath.of("C:\\BuildAgent")).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "C:\\BUILDA~1\\a.exe",
          "\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\BuildAgent\\a.exe",
          "\\Device\\HarddiskVolume3\\BuildAgent\\a.exe",
          "\\BuildAgent\\a.exe",
          "\\\\ws-042\\C$\\BuildAgent\\a.exe"
        })
    @DisplayName("might exclude")
    void mightExclude(String path) {
      assertFalse(exclusions.excludes(WindowsPath.of(path)));
      assertTrue(exclusions.mightExclude(WindowsPath.of(path)));
    }

    @Test
    @DisplayName("a certain exclusion or a certain miss leaves no doubt")
    void noDoubt() {
      assertFalse(exclusions.mightExclude(WindowsPath.of("C:\\BuildAgent\\a.exe")));
      assertFalse(exclusions.mightExclude(WindowsPath.of("C:\\Tools\\a.exe")));
      assertFalse(exclusions.mightExclude(WindowsPath.of("D:\\BUILDA~1\\a.exe")));
      assertFalse(AutomationExclusions.none().mightExclude(WindowsPath.of("C:\\BUILDA~1\\a.exe")));
    }

    @Test
    @DisplayName(
        "a file name that may be a short name might be any excluded name or extension, in its folder only")
    void shortFileNames() {
      AutomationExclusions byName =
          AutomationExclusions.builder()
              .add(FolderExclusion.of(WindowsPath.of("C:\\Images")).withExtensions("vhdx"))
              .build();
      assertFalse(byName.excludes(WindowsPath.of("C:\\Images\\DISK~1.VHD")));
      assertTrue(byName.mightExclude(WindowsPath.of("C:\\Images\\DISK~1.VHD")));
      assertFalse(byName.mightExclude(WindowsPath.of("C:\\Images\\disk.vhd")));
      assertFalse(byName.mightExclude(WindowsPath.of("C:\\Temp\\DISK~1.VHD")));
      assertTrue(byName.mightExclude(WindowsPath.of("C:\\IMAGES~1\\disk.vhdx")));
      assertFalse(byName.mightExclude(WindowsPath.of("C:\\IMAGES~1\\disk.exe")));
    }
  }

  @Nested
  @DisplayName("Each spelling of one place is one path")
  class Equality {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "\\\\localhost\\C$\\Windows.\\System32\\x.dll",
          "\\\\?\\C:\\Windows\\System32\\x.dll",
          "\\\\.\\c:\\windows\\system32\\X.DLL",
          "C:/Windows//System32/./x.dll",
          "C:\\Windows\\Temp\\..\\System32\\x.dll "
        })
    @DisplayName("equal to C:\\Windows\\System32\\x.dll, with the same hash code")
    void equal(String spelling) {
      WindowsPath plain = WindowsPath.of("C:\\Windows\\System32\\x.dll");
      assertEquals(plain, WindowsPath.of(spelling));
      assertEquals(plain.hashCode(), WindowsPath.of(spelling).hashCode());
    }

    @Test
    @DisplayName("the spelling given is kept for display")
    void keepsSpelling() {
      String spelling = "\\\\localhost\\C$\\Windows.\\System32\\x.dll";
      assertEquals(spelling, WindowsPath.of(spelling).value());
      assertEquals(spelling, WindowsPath.of(spelling).toString());
    }
  }

  @Nested
  @DisplayName("Spellings Parry cannot place are refused, naming the value")
  class Refused {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "C:\\..\\Windows\\evil.dll",
          "C:\\Temp\\..\\..\\evil.dll",
          "\\\\server",
          "\\\\server\\",
          "\\\\server\\share\\..\\..\\x.exe",
          "\\\\.\\PhysicalDrive0\\x",
          "\\\\.\\pipe\\x",
          "\\\\?\\C:",
          "\\\\?\\C:\\Windows\\..\\x.exe",
          "\\\\?\\C:\\Windows\\.\\x.exe",
          "\\\\?\\C:/Windows/x.exe",
          "\\\\?\\C:\\Windows\\\\x.exe",
          "\\\\?\\UNC\\server",
          "\\\\?\\GLOBALROOT\\x.exe",
          "C:\\Temp\\...\\x.exe",
          "C:\\Temp\\ . \\x.exe"
        })
    @DisplayName("refused")
    void refused(String path) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> WindowsPath.of(path));
      assertTrue(e.getMessage().startsWith("windowsPath"), e.getMessage());
      String shown = path.replace("\\", "\\\\");
      assertTrue(
          e.getMessage().contains(shown.substring(0, Math.min(shown.length(), 60))),
          e.getMessage());
    }
  }
}
