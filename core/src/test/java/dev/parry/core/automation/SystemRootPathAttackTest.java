package dev.parry.core.automation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.WindowsPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/*
 * Promise (README Path rules): "Paths are read as Windows resolves them, so no spelling of a core folder passes
 * for an ordinary one"; device-form paths are placed on the cautious side. The break it guards against: \SystemRoot\ is the object
 * manager's link to the Windows folder, the form in which drivers and services are reported
 * (\SystemRoot\System32\drivers\x.sys), and it is read as a root folder named SystemRoot: not a core folder, so
 * under "Semi - core folders" a driver in System32 is remediated without approval.
 */
@DisplayName("Attack: \\SystemRoot\\ as an ordinary folder")
class SystemRootPathAttackTest {

  @Test
  @DisplayName("a file under \\SystemRoot\\System32 is in a core folder")
  void systemRootIsTheWindowsFolder() {
    WindowsPath driver = WindowsPath.of("\\SystemRoot\\System32\\drivers\\evil.sys");

    assertTrue(FolderClassifier.defaults().isInCoreFolder(driver), "read as " + driver.resolved());
    for (String spelling :
        new String[] {"/SystemRoot/System32/drivers/evil.sys", "\\SYSTEMROOT\\evil.sys"}) {
      WindowsPath other = WindowsPath.of(spelling);
      assertTrue(
          FolderClassifier.defaults().isInCoreFolder(other),
          spelling + " read as " + other.resolved());
    }
  }
}
