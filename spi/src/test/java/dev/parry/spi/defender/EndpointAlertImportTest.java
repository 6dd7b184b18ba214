package dev.parry.spi.defender;

import static dev.parry.spi.defender.GraphAlertImportTest.DEVICE;
import static dev.parry.spi.defender.GraphAlertImportTest.SHA1;
import static dev.parry.spi.defender.GraphAlertImportTest.SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.DefenderInvestigationState;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * README "Feeding Defender alerts to Parry": a Defender for Endpoint alert read with {@code
 * $expand=evidence} imports its evidence on the alert's device, with no verdict of its own, and a
 * machine imports as a device.
 */
class EndpointAlertImportTest {

  private static final WindowsPath INVOICE =
      WindowsPath.of("C:\\Users\\alice\\Downloads\\invoice.exe");

  @Test
  void theAlertsEvidenceIsOnItsDeviceAndCarriesNoVerdict() {
    AlertImport imported = DefenderAlerts.fromEndpointAlert(Fixtures.endpoint("alert"));

    assertEquals(AlertId.of("da637472900382838869_1364969609"), imported.alertId());
    assertEquals(
        DEVICE,
        imported.deviceId().orElseThrow(),
        "the device is named by its id, its tags are not in the alert");
    List<Entity> entities = imported.evidence().stream().map(Evidence::entity).toList();
    assertEquals(
        List.of(
            new DeviceFile(SHA256, SHA1, DEVICE, INVOICE),
            GraphAlertImportTest.PROCESS,
            GraphAlertImportTest.ALICE,
            IpAddress.of("203.0.113.45"),
            Url.of(WebUrl.of("fabrikam.example/pay")),
            GraphAlertImportTest.RUN_VALUE),
        entities);
    assertTrue(imported.evidence().stream().allMatch(e -> e.verdict() == Verdict.UNKNOWN));
    assertEquals(
        DefenderInvestigationState.UNSUPPORTED_OS,
        imported.investigationState(),
        "Defender's own investigation did not run on this device's system");
  }

  @Test
  void fileAndProcessEvidenceOfAnAlertWithoutADeviceIsDroppedNamingTheMissingMachine() {
    String json = Fixtures.endpoint("alert").replace("\"machineId\"", "\"machine\"");

    AlertImport imported = DefenderAlerts.fromEndpointAlert(json);

    assertTrue(imported.deviceId().isEmpty());
    for (String type : List.of("File", "Process", "Registry")) {
      Unmapped gap =
          imported.unmapped().stream().filter(u -> u.type().equals(type)).findFirst().orElseThrow();
      assertEquals("$.machineId", gap.field(), type);
      assertTrue(gap.dropped(), type);
    }
    assertTrue(
        imported.evidence().stream().noneMatch(e -> e.entity() instanceof DeviceFile),
        "no file becomes a file on every device");
  }

  @Test
  void aMachineImportsAsADeviceWithItsTagsAndPlatform() {
    Device device = DefenderAlerts.fromEndpointMachine(Fixtures.endpoint("machine"));

    assertEquals(
        new Device(
            DEVICE,
            DeviceName.of("ws-042"),
            DomainName.of("contoso.com"),
            Set.of(DeviceTag.of("Finance"), DeviceTag.of("VIP")),
            OsPlatform.WINDOWS,
            EntraDeviceId.of("a6b2c3d4-e5f6-4718-9a0b-1c2d3e4f5a6b"),
            RbacGroupName.of("Finance workstations")),
        device);
  }

  @Test
  void aMachineWithAnEmptyNameImportsByItsId() {
    Device device = DefenderAlerts.fromEndpointMachine(Fixtures.endpoint("machine-empty-name"));

    assertEquals(DEVICE, device.id());
    assertEquals(null, device.name());
  }
}
