package dev.parry.core.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Automation context: levels, core and temp folders, exclusions, device groups")
class AutomationTest {

  @Nested
  @DisplayName(
      "Core and temp folders: two lists, two questions (core/DOMAIN.md D13 and D14 folder lists)")
  class Folders {

    @ParameterizedTest(name = "{0}: in a core folder {1}, in a temp folder {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "C:/Windows/System32/evil.dll | true | false",
          "d:/WINDOWS/evil.dll | true | false",
          "C:/Program Files/Vendor/app.exe | true | true",
          "C:/Program Files (x86)/Vendor/app.exe | true | true",
          "C:/Windows/Temp/evil.exe | true | true",
          "C:/Users/alice/AppData/Local/Temp/evil.exe | false | true",
          "C:/Users/alice/Downloads/invoice.exe | false | true",
          "C:/Documents and Settings/alice/Local Settings/Temp/a.exe | false | true",
          "C:/Documents and Settings/alice/Local Settings/Temporary/a.exe | false | true",
          "C:/Documents and Settings/alice/Users/a.exe | false | true",
          "C:/Users/alice/Documents/a.exe | false | false",
          "C:/ProgramData/a.exe | false | false",
          "C:/Windows2/a.exe | false | false",
          "C:/Users/Downloads/a.exe | false | false",
          "C:/evil.exe | false | false"
        })
    @DisplayName(
        "default lists, case-insensitive, any drive; \\Windows\\Temp and Program Files are in both")
    void defaults(String path, boolean core, boolean temp) {
      assertEquals(core, FolderClassifier.defaults().isInCoreFolder(WindowsPath.of(path)), "core");
      assertEquals(temp, FolderClassifier.defaults().isInTempFolder(WindowsPath.of(path)), "temp");
    }

    @Test
    @DisplayName("the folder itself is not inside itself: a file must lie beneath the pattern")
    void folderItself() {
      assertFalse(FolderClassifier.defaults().isInCoreFolder(WindowsPath.of("C:\\Windows")));
      assertFalse(FolderClassifier.defaults().isInTempFolder(WindowsPath.of("C:\\Program Files")));
    }

    @Test
    @DisplayName("each list answers only its own question; an empty list holds no file")
    void custom() {
      FolderClassifier tempOnly = FolderClassifier.of(List.of(), List.of("/program files/*"));
      assertFalse(tempOnly.isInCoreFolder(WindowsPath.of("C:\\Program Files\\a.exe")));
      assertTrue(tempOnly.isInTempFolder(WindowsPath.of("C:\\Program Files\\a.exe")));
      FolderClassifier coreOnly = FolderClassifier.of(List.of("\\windows\\*"), List.of());
      assertTrue(coreOnly.isInCoreFolder(WindowsPath.of("C:\\Windows\\Temp\\a.exe")));
      assertFalse(coreOnly.isInTempFolder(WindowsPath.of("C:\\Windows\\Temp\\a.exe")));
      assertThrows(
          InvalidInputException.class, () -> FolderClassifier.of(List.of("windows"), List.of()));
      assertThrows(
          InvalidInputException.class, () -> FolderClassifier.of(List.of("/win*"), List.of()));
      assertThrows(
          InvalidInputException.class, () -> FolderClassifier.of(List.of(), List.of("/a//b")));
    }
  }

  @Nested
  @DisplayName("Automation folder exclusions: a folder, narrowed by extensions and file names")
  class Exclusions {

    private final AutomationExclusions exclusions =
        AutomationExclusions.builder()
            .folder(WindowsPath.of("C:\\BuildAgent"))
            .add(FolderExclusion.of(WindowsPath.of("C:\\Images")).withExtensions(".VHDX"))
            .add(
                FolderExclusion.of(WindowsPath.of("C:\\Tools"))
                    .withFileNames(FileName.of("Approved-Tool.exe")))
            .build();

    @ParameterizedTest(name = "{0} excluded: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "C:/BuildAgent/work/a.exe | true",
          "c:/buildagent/a.exe | true",
          "C:/BuildAgent2/a.exe | false",
          "D:/BuildAgent/a.exe | false",
          "C:/Images/disk.vhdx | true",
          "C:/Images/disk.vhdx.exe | false",
          "C:/Temp/disk.vhdx | false",
          "C:/Tools/APPROVED-TOOL.EXE | true",
          "C:/Tools/approved-tool.exe.bak | false",
          "C:/Temp/approved-tool.exe | false"
        })
    @DisplayName(
        "folders with subfolders; extensions and names only within their folder; case-insensitive")
    void matches(String path, boolean excluded) {
      assertEquals(excluded, exclusions.excludes(WindowsPath.of(path)));
    }

    @ParameterizedTest(name = "{0} excluded: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "C:/Images/disk.vhdx | true",
          "C:/Images/base/DISK.VHDX | true",
          "C:/Images/tool.exe | false",
          "C:/Temp/disk.vhdx | false",
          "C:/Users/alice/Downloads/disk.vhdx | false",
          "C:/Windows/Temp/disk.vhdx | false"
        })
    @DisplayName(
        "an extension narrows its folder: it excludes nothing outside it, and not every file inside it")
    void extensionNarrowsItsFolder(String path, boolean excluded) {
      AutomationExclusions images =
          AutomationExclusions.builder()
              .add(FolderExclusion.of(WindowsPath.of("C:\\Images")).withExtensions("vhdx"))
              .build();
      assertEquals(excluded, images.excludes(WindowsPath.of(path)));
    }

    @ParameterizedTest(name = "{0} excluded: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "C:/Tools/approved-tool.exe | true",
          "C:/Tools/other.exe | false",
          "C:/Temp/approved-tool.exe | false",
          "C:/Users/alice/AppData/Local/Temp/APPROVED-TOOL.EXE | false"
        })
    @DisplayName("a file name narrows its folder: the same name elsewhere is not excluded")
    void fileNameNarrowsItsFolder(String path, boolean excluded) {
      AutomationExclusions tools =
          AutomationExclusions.builder()
              .add(
                  FolderExclusion.of(WindowsPath.of("C:\\Tools"))
                      .withFileNames(FileName.of("approved-tool.exe")))
              .build();
      assertEquals(excluded, tools.excludes(WindowsPath.of(path)));
    }

    @Test
    @DisplayName("extensions and names together: a file with either is excluded within the folder")
    void extensionsOrNames() {
      FolderExclusion kit =
          FolderExclusion.of(WindowsPath.of("C:\\Kit"))
              .withExtensions("iso")
              .withFileNames(FileName.of("setup.exe"));
      AutomationExclusions exclusions = AutomationExclusions.builder().add(kit).build();
      assertTrue(exclusions.excludes(WindowsPath.of("C:\\Kit\\a.iso")));
      assertTrue(exclusions.excludes(WindowsPath.of("C:\\Kit\\SETUP.EXE")));
      assertFalse(exclusions.excludes(WindowsPath.of("C:\\Kit\\other.exe")));
      assertEquals(Set.of("iso"), kit.extensions());
      assertEquals(Set.of("setup.exe"), kit.fileNames());
      assertTrue(kit.isNarrowed());
      assertFalse(FolderExclusion.of(WindowsPath.of("C:\\Kit")).isNarrowed());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "C:\\",
          "d:/",
          "\\",
          "\\\\fs01\\share",
          "\\\\localhost\\C$\\",
          "\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}\\",
          "\\Device\\HarddiskVolume3\\"
        })
    @DisplayName(
        "a root is refused, narrowed or not, naming the value: it would exclude files anywhere on it")
    void rootsRefused(String root) {
      WindowsPath folder = WindowsPath.of(root);
      InvalidInputException plain =
          assertThrows(InvalidInputException.class, () -> FolderExclusion.of(folder));
      assertTrue(plain.getMessage().startsWith("folder must lie below a root"), plain.getMessage());
      assertTrue(plain.getMessage().contains(root.replace("\\", "\\\\")), plain.getMessage());
      assertThrows(
          InvalidInputException.class, () -> AutomationExclusions.builder().folder(folder));
      assertThrows(
          InvalidInputException.class, () -> new FolderExclusion(folder, Set.of("vhdx"), Set.of()));
    }

    @Test
    @DisplayName(
        "wildcards and bad extensions or names are refused, naming the value; none() excludes nothing")
    void refusesWildcards() {
      FolderExclusion images = FolderExclusion.of(WindowsPath.of("C:\\Images"));
      InvalidInputException star =
          assertThrows(InvalidInputException.class, () -> images.withExtensions("*"));
      assertTrue(star.getMessage().startsWith("extension"), star.getMessage());
      assertTrue(star.getMessage().contains("'*'"), star.getMessage());
      assertThrows(InvalidInputException.class, () -> images.withExtensions("e?e"));
      assertThrows(InvalidInputException.class, () -> images.withExtensions(""));
      InvalidInputException name =
          assertThrows(
              InvalidInputException.class, () -> images.withFileNames(FileName.of("*.exe")));
      assertTrue(name.getMessage().contains("*.exe"), name.getMessage());
      assertThrows(InvalidInputException.class, () -> images.withFileNames(FileName.of(". .")));
      assertThrows(
          InvalidInputException.class,
          () -> new FolderExclusion(images.folder(), Set.of(), Set.of("a/b")));
      assertThrows(InvalidInputException.class, () -> WindowsPath.of("C:\\Build*"));
      assertFalse(AutomationExclusions.none().excludes(WindowsPath.of("C:\\a.exe")));
      assertFalse(
          AutomationExclusions.builder().build().mightExclude(WindowsPath.of("C:\\A~1\\a.exe")));
    }

    @Test
    @DisplayName(
        "an exclusion's extensions and names are kept as compared: equal exclusions are equal")
    void normalized() {
      FolderExclusion a =
          FolderExclusion.of(WindowsPath.of("C:\\Images"))
              .withExtensions(".VHDX")
              .withFileNames(FileName.of("Base.ISO. "));
      FolderExclusion b =
          new FolderExclusion(WindowsPath.of("c:/images"), Set.of("vhdx"), Set.of("base.iso"));
      assertEquals(a, b);
      assertEquals(a.hashCode(), b.hashCode());
      assertTrue(a.toString().startsWith("FolderExclusion{folder=C:\\Images"), a.toString());
    }
  }

  @Nested
  @DisplayName("Device groups")
  class Groups {

    private final Device finance =
        new Device(
            DeviceId.of("d1"),
            DeviceName.of("FIN-042"),
            DomainName.of("corp.contoso.com"),
            Set.of(DeviceTag.of("finance")),
            OsPlatform.WINDOWS);
    private final Device server =
        new Device(
            DeviceId.of("d2"), DeviceName.of("sql-01"), null, Set.of(), OsPlatform.WINDOWS_SERVER);
    private final Device laptop =
        new Device(DeviceId.of("d3"), DeviceName.of("lap-7"), null, Set.of(), OsPlatform.MACOS);

    private final DeviceGroup servers =
        new DeviceGroup(
            DeviceGroupName.of("Servers"),
            2,
            new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
            AutomationLevel.SEMI_ALL_FOLDERS);
    private final DeviceGroup financeGroup =
        new DeviceGroup(
            DeviceGroupName.of("Finance"),
            1,
            new DeviceMatch(
                "fin-",
                DomainName.of("corp.contoso.com"),
                Set.of(DeviceTag.of("FINANCE")),
                Set.of()),
            AutomationLevel.SEMI_CORE_FOLDERS);
    private final DeviceGroup windows =
        new DeviceGroup(
            DeviceGroupName.of("All Windows"),
            3,
            new DeviceMatch(
                null, null, Set.of(), Set.of(OsPlatform.WINDOWS, OsPlatform.WINDOWS_SERVER)),
            AutomationLevel.SEMI_NON_TEMP_FOLDERS);

    @Test
    @DisplayName("rank 1 wins when several groups match")
    void rankWins() {
      DeviceGroups groups =
          DeviceGroups.of(
              AutomationLevel.NO_AUTOMATED_RESPONSE, List.of(windows, servers, financeGroup));
      assertEquals(financeGroup, groups.resolve(finance));
      assertEquals(servers, groups.resolve(server));
      assertEquals(List.of(financeGroup, servers, windows), groups.groups());
    }

    @Test
    @DisplayName("a device no group matches falls into the ungrouped default with its own level")
    void ungrouped() {
      DeviceGroups groups = DeviceGroups.of(AutomationLevel.SEMI_ALL_FOLDERS, List.of(servers));
      assertEquals(DeviceGroup.UNGROUPED_NAME, groups.resolve(laptop).name().value());
      assertEquals(AutomationLevel.SEMI_ALL_FOLDERS, groups.resolve(laptop).level());
      assertEquals(AutomationLevel.FULL, DeviceGroups.ungroupedOnly().resolve(laptop).level());
    }

    @Test
    @DisplayName(
        "a device that reports no name, or no Defender group, is never moved to a more permissive group for it:"
            + " of the groups it might be in and the one it matches, it gets the one that automates least")
    void unreportedCriteriaAreCautious() {
      DeviceGroup sqlServers =
          new DeviceGroup(
              DeviceGroupName.of("SQL servers"),
              1,
              new DeviceMatch("sql-", null, Set.of(), Set.of()),
              AutomationLevel.NO_AUTOMATED_RESPONSE);
      DeviceGroup tier0 =
          new DeviceGroup(
              DeviceGroupName.of("Tier 0"),
              2,
              DeviceMatch.inRbacGroups(RbacGroupName.of("Tier 0")),
              AutomationLevel.SEMI_ALL_FOLDERS);
      DeviceGroups groups =
          DeviceGroups.of(AutomationLevel.FULL, List.of(sqlServers, tier0, windows));
      Device nameless =
          new Device(
              DeviceId.of("d6"),
              null,
              null,
              Set.of(),
              OsPlatform.WINDOWS_SERVER,
              null,
              RbacGroupName.of("Tier 0"));
      assertEquals(
          sqlServers, groups.resolve(nameless), "it may be a SQL server: no automated response");
      Device named =
          new Device(
              DeviceId.of("d7"),
              DeviceName.of("web-1"),
              null,
              Set.of(),
              OsPlatform.WINDOWS_SERVER,
              null,
              null);
      assertEquals(tier0, groups.resolve(named), "its Defender group is unknown: it may be tier 0");
      Device known =
          new Device(
              DeviceId.of("d8"),
              DeviceName.of("web-2"),
              null,
              Set.of(),
              OsPlatform.WINDOWS_SERVER,
              null,
              RbacGroupName.of("Web"));
      assertEquals(windows, groups.resolve(known), "what it reports decides");
      assertEquals(
          DeviceGroup.UNGROUPED_NAME,
          DeviceGroups.of(AutomationLevel.NO_AUTOMATED_RESPONSE, List.of(sqlServers))
              .resolve(nameless)
              .name()
              .value(),
          "the default automating less, it stays there");
    }

    @Test
    @DisplayName("every criterion that is set must hold")
    void allCriteria() {
      DeviceMatch match = financeGroup.match();
      assertTrue(match.matches(finance));
      assertFalse(
          match.matches(
              new Device(
                  DeviceId.of("d4"),
                  DeviceName.of("fin-9"),
                  DomainName.of("other.com"),
                  Set.of(DeviceTag.of("finance")),
                  OsPlatform.WINDOWS)));
      assertFalse(
          match.matches(
              new Device(
                  DeviceId.of("d5"),
                  DeviceName.of("fin-9"),
                  DomainName.of("corp.contoso.com"),
                  Set.of(),
                  OsPlatform.WINDOWS)));
      assertTrue(DeviceMatch.ANY.matches(laptop));
    }

    @Test
    @DisplayName("ranks and names must be unique; ranks start at 1")
    void validation() {
      DeviceGroup sameRank =
          new DeviceGroup(DeviceGroupName.of("Other"), 2, DeviceMatch.ANY, AutomationLevel.FULL);
      assertThrows(
          InvalidInputException.class,
          () -> DeviceGroups.of(AutomationLevel.FULL, List.of(servers, sameRank)));
      DeviceGroup sameName =
          new DeviceGroup(DeviceGroupName.of("Servers"), 5, DeviceMatch.ANY, AutomationLevel.FULL);
      assertThrows(
          InvalidInputException.class,
          () -> DeviceGroups.of(AutomationLevel.FULL, List.of(servers, sameName)));
      assertThrows(
          InvalidInputException.class,
          () ->
              new DeviceGroup(
                  DeviceGroupName.of("Zero"), 0, DeviceMatch.ANY, AutomationLevel.FULL));
    }
  }

  @Test
  @DisplayName(
      "tenants created on or after 2020-08-16 default to Full, older ones to Semi (all folders)")
  void defaultLevel() {
    assertEquals(AutomationLevel.FULL, AutomationLevel.defaultFor(LocalDate.of(2020, 8, 16)));
    assertEquals(
        AutomationLevel.SEMI_ALL_FOLDERS, AutomationLevel.defaultFor(LocalDate.of(2020, 8, 15)));
  }
}
