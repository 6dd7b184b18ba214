package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.Fixtures;
import dev.parry.core.error.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Entities belong to one family and have stable de-duplication keys")
class EntityTest {

  @Test
  @DisplayName("every entity type maps to the family of its executor")
  void families() {
    Map<Class<?>, EntityFamily> expected =
        Map.ofEntries(
            Map.entry(Device.class, EntityFamily.DEVICE),
            Map.entry(DeviceFile.class, EntityFamily.DEVICE),
            Map.entry(DeviceProcess.class, EntityFamily.DEVICE),
            Map.entry(WindowsService.class, EntityFamily.DEVICE),
            Map.entry(Driver.class, EntityFamily.DEVICE),
            Map.entry(RegistryKey.class, EntityFamily.DEVICE),
            Map.entry(RegistryValue.class, EntityFamily.DEVICE),
            Map.entry(ScheduledTask.class, EntityFamily.DEVICE),
            Map.entry(EmailMessage.class, EntityFamily.EMAIL),
            Map.entry(EmailCluster.class, EntityFamily.EMAIL),
            Map.entry(EmailAttachment.class, EntityFamily.EMAIL),
            Map.entry(Url.class, EntityFamily.EMAIL),
            Map.entry(Mailbox.class, EntityFamily.EMAIL),
            Map.entry(IpAddress.class, EntityFamily.EMAIL),
            Map.entry(InternetDomain.class, EntityFamily.EMAIL),
            Map.entry(UserAccount.class, EntityFamily.IDENTITY),
            Map.entry(OAuthApplication.class, EntityFamily.IDENTITY));
    List<Entity> all = Fixtures.oneOfEach();
    assertEquals(expected.size(), all.size(), "one fixture per entity type");
    for (Entity entity : all) {
      assertEquals(
          expected.get(entity.getClass()), entity.family(), entity.getClass().getSimpleName());
    }
  }

  @Test
  @DisplayName("keys are distinct across entity types and stable across equal values")
  void keysDistinctAndStable() {
    Set<EntityKey> keys = new HashSet<>();
    for (Entity entity : Fixtures.oneOfEach()) {
      keys.add(entity.key());
    }
    assertEquals(Fixtures.oneOfEach().size(), keys.size());
    assertEquals(Fixtures.fileAt("C:\\Temp\\X.exe").key(), Fixtures.fileAt("c:/temp/x.EXE").key());
  }

  @Test
  @DisplayName(
      "a file, process or driver has one key for every spelling of its path, and keys of plain paths read as before")
  void pathKeys() {
    assertEquals(
        Fixtures.fileAt("C:\\Temp\\x.exe").key(),
        Fixtures.fileAt("\\\\localhost\\C$\\Temp.\\x.exe").key());
    assertEquals(
        "file:" + Fixtures.HASH.hex() + "@" + Fixtures.DEVICE_ID.value() + ":c:\\temp\\x.exe",
        Fixtures.fileAt("C:\\Temp\\X.exe").key().value());
    assertEquals(
        new DeviceProcess(Fixtures.DEVICE_ID, 7, WindowsPath.of("\\\\?\\C:\\Temp\\m.exe")).key(),
        new DeviceProcess(Fixtures.DEVICE_ID, 7, WindowsPath.of("C:\\TEMP\\M.EXE")).key());
    assertEquals(
        new Driver(Fixtures.DEVICE_ID, WindowsPath.of("C:/Windows/./evil.sys")).key(),
        new Driver(Fixtures.DEVICE_ID, WindowsPath.of("C:\\Windows\\evil.sys")).key());
    assertNotEquals(
        Fixtures.fileAt("C:\\Temp\\key.exe").key(),
        Fixtures.fileAt("C:\\Temp\\\u212Aey.exe").key());
  }

  @Test
  @DisplayName("a mailbox is keyed by its address, not by its findings")
  void mailboxKey() {
    SmtpAddress address = SmtpAddress.of("carol@contoso.com");
    assertEquals(
        Mailbox.of(address).key(),
        new Mailbox(address, SmtpAddress.of("x@evil.example"), null).key());
  }

  @Test
  @DisplayName("copies of one message in two mailboxes have different keys")
  void messageCopies() {
    NetworkMessageId id = NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
    assertNotEquals(
        EmailMessage.of(id, SmtpAddress.of("a@contoso.com")).key(),
        EmailMessage.of(id, SmtpAddress.of("b@contoso.com")).key());
  }

  @Test
  @DisplayName(
      "a file path needs a device; a process id must be positive; a device copies its tags")
  void entityValidation() {
    assertThrows(
        InvalidInputException.class,
        () -> new DeviceFile(Fixtures.HASH, null, null, WindowsPath.of("C:\\x.exe")));
    assertThrows(
        InvalidInputException.class,
        () -> new DeviceProcess(Fixtures.DEVICE_ID, 0, WindowsPath.of("C:\\x.exe")));
    Set<DeviceTag> tags = new HashSet<>(Set.of(DeviceTag.of("finance")));
    Device device =
        new Device(Fixtures.DEVICE_ID, DeviceName.of("ws"), null, tags, OsPlatform.WINDOWS);
    tags.add(DeviceTag.of("other"));
    assertEquals(1, device.tags().size());
    assertThrows(InvalidInputException.class, () -> Device.of(null, DeviceName.of("ws")));
  }
}
