package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.QuarantineFile;
import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.FolderExclusion;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The README's automation folder exclusions sample runs as written, through the runtime")
class ReadmeExclusionsExampleTest {

  @Test
  @DisplayName(
      "a folder, a folder narrowed to disk images, a folder narrowed to one tool: only files inside them are ignored")
  void exclusionsSample() {
    // as in README "Automation folder exclusions"
    AutomationExclusions exclusions =
        AutomationExclusions.builder()
            .folder(WindowsPath.of("C:\\BuildAgent")) // every file beneath it
            .add(
                FolderExclusion.of(WindowsPath.of("D:\\Images"))
                    .withExtensions("vhdx", "iso")) // only disk images there
            .add(
                FolderExclusion.of(WindowsPath.of("\\Tools"))
                    .withFileNames(
                        FileName.of("approved-scanner.exe"))) // one tool, in \Tools on every drive
            .build();

    assertTrue(exclusions.excludes(WindowsPath.of("C:\\BuildAgent\\work\\a.exe")));
    assertTrue(exclusions.excludes(WindowsPath.of("D:\\Images\\golden.vhdx")));
    assertFalse(exclusions.excludes(WindowsPath.of("C:\\Users\\al\\Downloads\\golden.vhdx")));
    assertFalse(exclusions.excludes(WindowsPath.of("D:\\Images\\dropper.exe")));
    assertTrue(exclusions.excludes(WindowsPath.of("E:\\Tools\\approved-scanner.exe")));
    assertFalse(exclusions.excludes(WindowsPath.of("C:\\Temp\\approved-scanner.exe")));
    assertThrows(InvalidInputException.class, () -> FolderExclusion.of(WindowsPath.of("C:\\")));

    try (ParryHarness parry = ParryHarness.create(b -> b.exclusions(exclusions))) {
      InvestigationId id = open(parry, "inv-excl", Samples.WORKSTATION);
      List<String> paths =
          List.of(
              "C:\\BuildAgent\\work\\a.exe",
              "D:\\Images\\golden.vhdx",
              "C:\\Users\\al\\Downloads\\golden.vhdx",
              "D:\\Images\\dropper.exe",
              "E:\\Tools\\approved-scanner.exe",
              "C:\\Temp\\approved-scanner.exe");
      List<Evidence> report = new ArrayList<>();
      for (String path : paths) {
        report.add(
            evidence(
                parry,
                DeviceFile.onDevice(Samples.HASH, Samples.WORKSTATION.id(), WindowsPath.of(path)),
                Verdict.MALICIOUS));
      }
      parry.runtime().reportEvidence(id, report);
      parry.settle();
      Map<String, ActionStatus> quarantined =
          parry.runtime().investigation(id, ANALYST).orElseThrow().actions().stream()
              .filter(a -> a.action() instanceof QuarantineFile)
              .collect(
                  Collectors.toMap(
                      a -> String.valueOf(((QuarantineFile) a.action()).file().path()),
                      a -> a.status()));
      assertEquals(
          Map.of(
              "C:\\Users\\al\\Downloads\\golden.vhdx",
              ActionStatus.SUCCEEDED,
              "D:\\Images\\dropper.exe",
              ActionStatus.SUCCEEDED,
              "C:\\Temp\\approved-scanner.exe",
              ActionStatus.SUCCEEDED),
          quarantined);
    }
  }
}
