package dev.parry.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Adversary: the kind-first shortcut of missingForExecution changes no answer. */
@DisplayName("Adversary: missingForExecution after the kind-first shortcut")
class AdversaryMissingForExecutionTest {

  static final Sha256 SHA256 =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  static final Sha1 SHA1 = Sha1.of("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
  static final DeviceId DEVICE = DeviceId.of("d-1");

  @Test
  @DisplayName("each file kind is missing exactly what its required hash asks for")
  void fileKinds() {
    List<DeviceFile> files =
        List.of(
            DeviceFile.anywhere(SHA256),
            DeviceFile.anywhere(SHA1),
            new DeviceFile(SHA256, SHA1, null, null),
            DeviceFile.onDevice(SHA256, DEVICE, WindowsPath.of("C:\\x.exe")),
            DeviceFile.onDevice(SHA1, DEVICE, WindowsPath.of("C:\\x.exe")));
    List<Function<DeviceFile, RemediationAction>> kinds =
        List.of(
            StopAndQuarantineFile::new, QuarantineFile::new, RestoreFile::new, RequestSample::new);
    for (DeviceFile file : files) {
      for (Function<DeviceFile, RemediationAction> make : kinds) {
        RemediationAction action;
        try {
          action = make.apply(file);
        } catch (RuntimeException invalid) {
          continue; // the kind does not take such a file at all
        }
        boolean met = action.kind().requiredHash().isMetBy(file);
        assertEquals(!met, action.missingForExecution().isPresent(), action + " on " + file);
      }
    }
    assertTrue(
        new StopAndQuarantineFile(DeviceFile.anywhere(SHA256))
            .missingForExecution()
            .orElseThrow()
            .contains("SHA1"));
  }

  @Test
  @DisplayName("a process to kill without a creation time is missing it; with one it is not")
  void killProcess() {
    DeviceProcess without =
        new DeviceProcess(DEVICE, 7, WindowsPath.of("C:\\m.exe"), null, null, null);
    assertTrue(new KillProcess(without).missingForExecution().orElseThrow().contains("7"));
    DeviceProcess with =
        DeviceProcess.of(
            DEVICE, 7, Instant.parse("2026-01-01T00:00:00Z"), WindowsPath.of("C:\\m.exe"));
    assertTrue(new KillProcess(with).missingForExecution().isEmpty());
  }
}
