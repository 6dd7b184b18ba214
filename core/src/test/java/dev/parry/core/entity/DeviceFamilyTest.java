package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemoveRegistryKey;
import dev.parry.core.action.RemoveRegistryValue;
import dev.parry.core.action.RequiredHash;
import dev.parry.core.action.RestoreRegistryValue;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.error.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Device entities hold what Defender reports about them")
class DeviceFamilyTest {

  static final DeviceId DEVICE = DeviceId.of("a3f7c19e");
  static final Sha256 SHA256 =
      Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  static final Sha256 OTHER_SHA256 =
      Sha256.of("0000c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  static final Sha1 SHA1 = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  static final Sha1 OTHER_SHA1 = Sha1.of("0000a3ee5e6b4b0d3255bfef95601890afd80709");
  static final Instant STARTED = Instant.parse("2026-03-01T08:59:12.345Z");

  @Nested
  @DisplayName("Files are identified by any hash")
  class Files {

    @Test
    @DisplayName("a file reported with its SHA-1 alone is accepted, keyed by it")
    void sha1Alone() {
      DeviceFile file = DeviceFile.anywhere(SHA1);
      assertNull(file.sha256());
      assertEquals("file:" + SHA1.hex(), file.key().value());
    }

    @Test
    @DisplayName("a file with a SHA-256 keeps the key an earlier release gave it")
    void sha256KeyUnchanged() {
      assertEquals("file:" + SHA256.hex(), new DeviceFile(SHA256, SHA1, null, null).key().value());
    }

    @Test
    @DisplayName("a file with neither SHA-256 nor SHA-1 is refused, an MD5 alone included")
    void noHashRefused() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  new DeviceFile(
                      null, null, null, null, Md5.of("d41d8cd98f00b204e9800998ecf8427e")));
      assertTrue(e.getMessage().contains("md5=d41d8cd98f00b204e9800998ecf8427e"), e.getMessage());
    }

    @Test
    @DisplayName("two reports of one file with different hashes are the same file")
    void sameFileDifferentHashes() {
      DeviceFile both = new DeviceFile(SHA256, SHA1, null, null);
      DeviceFile sha1Only = DeviceFile.anywhere(SHA1);
      assertNotEquals(both.key(), sha1Only.key());
      assertTrue(both.sameAs(sha1Only));
      assertTrue(sha1Only.sameAs(both));
    }

    @Test
    @DisplayName(
        "a shared SHA-1 with different SHA-256 is two files; the MD5 never makes two files one")
    void conflictingHashes() {
      assertFalse(
          new DeviceFile(SHA256, SHA1, null, null)
              .sameAs(new DeviceFile(OTHER_SHA256, SHA1, null, null)));
      assertFalse(DeviceFile.anywhere(SHA256).sameAs(DeviceFile.anywhere(SHA1)));
      Md5 md5 = Md5.of("d41d8cd98f00b204e9800998ecf8427e");
      assertFalse(
          new DeviceFile(null, SHA1, null, null, md5)
              .sameAs(new DeviceFile(null, OTHER_SHA1, null, null, md5)));
    }

    @Test
    @DisplayName("copies on different devices or paths are not the same file")
    void copiesDiffer() {
      DeviceFile a = DeviceFile.onDevice(SHA1, DEVICE, WindowsPath.of("C:\\Temp\\x.exe"));
      assertFalse(a.sameAs(DeviceFile.onDevice(SHA1, DEVICE, WindowsPath.of("C:\\Temp\\y.exe"))));
      assertTrue(a.sameAs(new DeviceFile(SHA256, SHA1, DEVICE, WindowsPath.of("c:/temp/X.EXE"))));
    }

    @Test
    @DisplayName(
        "each file kind states the hash its backend needs, and an action whose file lacks it says why")
    void requiredHashes() {
      assertEquals(RequiredHash.SHA1, ActionKind.STOP_AND_QUARANTINE_FILE.requiredHash());
      assertEquals(RequiredHash.ANY, ActionKind.QUARANTINE_FILE.requiredHash());
      assertEquals(RequiredHash.NONE, ActionKind.ISOLATE_DEVICE.requiredHash());
      String reason =
          new StopAndQuarantineFile(DeviceFile.anywhere(SHA256))
              .missingForExecution()
              .orElseThrow();
      assertTrue(reason.contains("SHA1") && reason.contains(SHA256.hex()), reason);
      assertTrue(
          new StopAndQuarantineFile(DeviceFile.anywhere(SHA1)).missingForExecution().isEmpty());
      assertTrue(
          new QuarantineFile(DeviceFile.onDevice(SHA1, DEVICE, PosixPath.of("/tmp/x")))
              .missingForExecution()
              .isEmpty());
    }
  }

  @Nested
  @DisplayName("Devices are their id")
  class Devices {

    @Test
    @DisplayName("a device Defender reports with an empty name is accepted, without a name")
    void emptyName() {
      Device device =
          new Device(DEVICE, DeviceName.ofReported(""), null, Set.of(), OsPlatform.WINDOWS);
      assertNull(device.name());
      assertEquals("device:a3f7c19e", device.key().value());
      assertFalse(new DeviceMatch("ws-", null, Set.of(), Set.of()).matches(device));
      assertThrows(InvalidInputException.class, () -> DeviceName.of(""));
    }

    @Test
    @DisplayName(
        "the Entra device id and Defender's device group are carried, and groups match on the latter")
    void directory() {
      Device device =
          Device.of(DEVICE, DeviceName.of("dc-01"))
              .withDirectory(
                  EntraDeviceId.of("{80FE8FF8-2624-418E-9591-41F0491218F9}"),
                  RbacGroupName.of("Tier 0 servers"));
      assertEquals("80fe8ff8-2624-418e-9591-41f0491218f9", device.entraDeviceId().value());
      assertTrue(DeviceMatch.inRbacGroups(RbacGroupName.of("TIER 0 SERVERS")).matches(device));
      assertFalse(DeviceMatch.inRbacGroups(RbacGroupName.of("Workstations")).matches(device));
      assertFalse(
          DeviceMatch.inRbacGroups(RbacGroupName.of("Tier 0 servers"))
              .matches(Device.of(DEVICE, DeviceName.of("dc-01"))));
      assertEquals(Device.of(DEVICE, DeviceName.of("x")).key(), device.key());
    }

    @Test
    @DisplayName("an Entra device id that is not a GUID is refused, naming it")
    void badEntraId() {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> EntraDeviceId.of("dc-01"));
      assertTrue(
          e.getMessage().contains("entraDeviceId") && e.getMessage().contains("dc-01"),
          e.getMessage());
    }
  }

  @Nested
  @DisplayName("Paths follow their operating system")
  class Paths {

    @Test
    @DisplayName("a POSIX path is kept as given, never rewritten with backslashes")
    void posixKept() {
      FilePath path = FilePath.of("/Users/alice/Down\\loads//x.sh", OsPlatform.MACOS);
      assertTrue(path instanceof PosixPath);
      assertEquals("/Users/alice/Down\\loads//x.sh", path.value());
      assertEquals("/Users/alice/Down\\loads/x.sh", path.comparisonKey());
      assertNotEquals(PosixPath.of("/tmp/X"), PosixPath.of("/tmp/x"));
      assertEquals(PosixPath.of("/tmp/./x"), PosixPath.of("/tmp//x"));
    }

    @Test
    @DisplayName("a relative POSIX path is refused, naming it")
    void relativePosix() {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> PosixPath.of("tmp/x"));
      assertTrue(e.getMessage().contains("tmp/x"), e.getMessage());
    }

    @Test
    @DisplayName(
        "POSIX folders: core compares without case, temp with it; '..' is core and not temp")
    void posixFolders() {
      FolderClassifier folders = FolderClassifier.defaults();
      assertTrue(folders.isInCoreFolder(PosixPath.of("/usr/local/bin/x")));
      assertTrue(folders.isInCoreFolder(PosixPath.of("/SYSTEM/Library/x")));
      assertFalse(folders.isInCoreFolder(PosixPath.of("/srv/app/x")));
      assertTrue(folders.isInTempFolder(PosixPath.of("/tmp/payload")));
      assertTrue(folders.isInTempFolder(PosixPath.of("/Users/alice/Downloads/x.app")));
      assertFalse(folders.isInTempFolder(PosixPath.of("/TMP/payload")));
      assertTrue(folders.isInCoreFolder(PosixPath.of("/tmp/../etc/x")));
      assertFalse(folders.isInTempFolder(PosixPath.of("/tmp/../etc/x")));
      assertFalse(folders.isInTempFolder(PosixPath.of("/tmp")));
    }

    @Test
    @DisplayName(
        "a device-form path is held as given, core and not temp unless its volume is mapped to a drive")
    void deviceForm() {
      WindowsPath temp =
          WindowsPath.of("\\Device\\HarddiskVolume3\\Users\\alice\\AppData\\Local\\Temp\\x.exe");
      assertEquals(
          "\\Device\\HarddiskVolume3\\Users\\alice\\AppData\\Local\\Temp\\x.exe", temp.value());
      FolderClassifier folders = FolderClassifier.defaults();
      assertTrue(folders.isInCoreFolder(temp));
      assertFalse(folders.isInTempFolder(temp));
      FolderClassifier mapped = folders.withVolumes(Map.of("harddiskvolume3", 'c'));
      assertFalse(mapped.isInCoreFolder(temp));
      assertTrue(mapped.isInTempFolder(temp));
      assertFalse(
          mapped.isInTempFolder(WindowsPath.of("\\Device\\HarddiskVolume4\\Windows\\Temp\\x.exe")));
    }

    @Test
    @DisplayName("a volume mapping that names no volume or drive is refused, naming it")
    void badMapping() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> FolderClassifier.defaults().withVolumes(Map.of("pipe", 'C')));
      assertTrue(e.getMessage().contains("pipe"), e.getMessage());
      assertThrows(
          InvalidInputException.class,
          () -> FolderClassifier.defaults().withVolumes(Map.of("HarddiskVolume3", '3')));
    }

    @Test
    @DisplayName(
        "placeholders such as %system% stay refused; task paths without a leading backslash are accepted")
    void placeholdersAndTasks() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> WindowsPath.of("%system%\\drivers\\evil.sys"));
      assertTrue(e.getMessage().contains("%system%"), e.getMessage());
      assertEquals(
          ScheduledTaskPath.of("\\Microsoft\\Updater"), ScheduledTaskPath.of("Microsoft\\Updater"));
      assertEquals("\\Microsoft\\Updater", ScheduledTaskPath.of("Microsoft\\Updater").value());
    }
  }

  @Nested
  @DisplayName("Processes are their id and creation time")
  class Processes {

    @Test
    @DisplayName("a process carries its creation time, command line and parent")
    void carried() {
      DeviceProcess process =
          DeviceProcess.of(DEVICE, 4242, STARTED, WindowsPath.of("C:\\x\\miner.exe"))
              .withCommandLine("miner.exe --pool \"x y\"")
              .withParent(new ParentProcess(4, null, null));
      assertEquals(STARTED, process.creationTime());
      assertEquals("miner.exe --pool \"x y\"", process.commandLine());
      assertEquals(4, process.parent().processId());
      assertTrue(process.key().value().endsWith("@" + STARTED));
    }

    @Test
    @DisplayName("a kill without the creation time says why it cannot be sent; with it, it can")
    void killNeedsCreationTime() {
      WindowsPath image = WindowsPath.of("C:\\x\\miner.exe");
      String reason =
          new KillProcess(new DeviceProcess(DEVICE, 4242, image))
              .missingForExecution()
              .orElseThrow();
      assertTrue(reason.contains("creation time") && reason.contains("4242"), reason);
      assertTrue(
          new KillProcess(DeviceProcess.of(DEVICE, 4242, STARTED, image))
              .missingForExecution()
              .isEmpty());
    }

    @Test
    @DisplayName(
        "the same pid created at another time is another process; a report without the time is the same")
    void reusedPid() {
      WindowsPath image = WindowsPath.of("C:\\x\\miner.exe");
      DeviceProcess first = DeviceProcess.of(DEVICE, 4242, STARTED, image);
      assertFalse(first.sameAs(DeviceProcess.of(DEVICE, 4242, STARTED.plusSeconds(60), image)));
      assertTrue(first.sameAs(new DeviceProcess(DEVICE, 4242, image)));
    }

    @Test
    @DisplayName("pid 0 stays refused, naming it")
    void pidZero() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> DeviceProcess.of(DEVICE, 0, STARTED, WindowsPath.of("C:\\x.exe")));
      assertTrue(
          e.getMessage().contains("processId") && e.getMessage().contains("0"), e.getMessage());
    }
  }

  @Nested
  @DisplayName("Registry values are removed apart from their keys")
  class Registry {

    static final RegistryKeyPath RUN =
        RegistryKeyPath.of("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");

    @Test
    @DisplayName(
        "a value carries its name, type and data; its identity is the key and the name, without case")
    void value() {
      RegistryValue value =
          RegistryValue.of(DEVICE, RUN, "Updater", RegistryValueType.STRING, "C:\\x\\miner.exe");
      RegistryValue other =
          RegistryValue.of(DEVICE, RUN, "UPDATER", RegistryValueType.EXPAND_STRING, "%TEMP%\\x");
      assertEquals(value.key(), other.key());
      assertNotEquals(value.key(), new RegistryKey(DEVICE, RUN).key());
      assertNotEquals(
          RegistryValue.of(DEVICE, RUN, "", RegistryValueType.STRING, "").key(), value.key());
    }

    @Test
    @DisplayName("remove value and remove key are distinct kinds, each undone by its restore")
    void distinctKinds() {
      RegistryValue value =
          RegistryValue.of(DEVICE, RUN, "Updater", RegistryValueType.STRING, "C:\\x\\miner.exe");
      RemoveRegistryValue remove = new RemoveRegistryValue(value);
      assertEquals(ActionKind.REMOVE_REGISTRY_VALUE, remove.kind());
      assertEquals(new RestoreRegistryValue(value), remove.inverse());
      assertEquals(
          ActionKind.RESTORE_REGISTRY_VALUE,
          ActionKind.REMOVE_REGISTRY_VALUE.inverse().orElseThrow());
      assertEquals(
          ActionKind.RESTORE_REGISTRY_KEY,
          new RemoveRegistryKey(new RegistryKey(DEVICE, RUN)).kind().inverse().orElseThrow());
    }

    @Test
    @DisplayName("a value name with a control character is refused, naming the field")
    void badName() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> RegistryValue.of(DEVICE, RUN, "a\u0000b", RegistryValueType.STRING, ""));
      assertTrue(e.getMessage().contains("registryValueName"), e.getMessage());
    }
  }
}
