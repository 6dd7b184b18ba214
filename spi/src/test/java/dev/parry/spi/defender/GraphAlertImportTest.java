package dev.parry.spi.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.DeliveryLocation;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.InternetMessageId;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.Md5;
import dev.parry.core.entity.NetbiosDomain;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.ParentProcess;
import dev.parry.core.entity.PosixPath;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.RegistryValue;
import dev.parry.core.entity.RegistryValueType;
import dev.parry.core.entity.SamAccountName;
import dev.parry.core.entity.SecurityIdentifier;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.EvidenceRemediationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README "Feeding Defender alerts to Parry": each Graph {@code alertEvidence} type imports to the
 * entity and verdict the table there gives, or is listed as unmapped with its reason; none is
 * dropped silently.
 */
class GraphAlertImportTest {

  static final DeviceId DEVICE = DeviceId.of("7a1e4e3bd1f0c2a9e5b6c7d8e9f0a1b2c3d4e5f6");
  static final Sha256 SHA256 =
      Sha256.of("8c1b4f6f3d2e9a0b7c5d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d");
  static final Sha1 SHA1 = Sha1.of("3f786850e387550fdab836ed7e6dc881de23001b");
  static final Instant ITEM_CREATED = Instant.parse("2026-11-20T08:15:31Z");
  static final Md5 MD5 = Md5.of("9e107d9d372bb6826bd81d3542a419d6");
  static final WindowsPath INVOICE = WindowsPath.of("C:\\Users\\alice\\Downloads\\invoice.exe");
  static final DeviceProcess PROCESS =
      new DeviceProcess(
          DEVICE,
          4242,
          INVOICE,
          Instant.parse("2026-11-20T08:14:59.5Z"),
          "invoice.exe /silent",
          new ParentProcess(
              1180,
              Instant.parse("2026-11-20T07:01:00Z"),
              WindowsPath.of("C:\\Windows\\explorer.exe")));
  static final RegistryValue RUN_VALUE =
      RegistryValue.of(
          DEVICE,
          RegistryKeyPath.of("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"),
          "Updater",
          RegistryValueType.STRING,
          "C:\\Users\\alice\\AppData\\Roaming\\upd.exe");

  static final UserAccount ALICE =
      new UserAccount(
          UserPrincipalName.of("alice@contoso.com"),
          ObjectId.of("5f2b8d1e-93a4-4c1b-8f07-2d3e4c5b6a79"),
          SecurityIdentifier.of("S-1-5-21-1004336348-1177238915-682003330-1103"),
          SamAccountName.of("alice"),
          NetbiosDomain.of("CONTOSO"));

  static Stream<Arguments> mapped() {
    return Stream.of(
        Arguments.of(
            "deviceEvidence",
            new Device(
                DEVICE,
                DeviceName.of("ws-042"),
                DomainName.of("contoso.com"),
                Set.of(),
                OsPlatform.WINDOWS,
                EntraDeviceId.of("a6b2c3d4-e5f6-4718-9a0b-1c2d3e4f5a6b"),
                RbacGroupName.of("Finance workstations")),
            Verdict.SUSPICIOUS,
            Set.of(EvidenceRole.COMPROMISED)),
        Arguments.of(
            "fileEvidence",
            new DeviceFile(SHA256, SHA1, DEVICE, INVOICE, MD5),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of("processEvidence", PROCESS, Verdict.MALICIOUS, Set.of()),
        Arguments.of(
            "registryKeyEvidence",
            new RegistryKey(
                DEVICE,
                RegistryKeyPath.of("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run")),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of("registryValueEvidence", RUN_VALUE, Verdict.MALICIOUS, Set.of()),
        Arguments.of("userEvidence", ALICE, Verdict.SUSPICIOUS, Set.of(EvidenceRole.COMPROMISED)),
        Arguments.of(
            "mailboxEvidence",
            Mailbox.of(SmtpAddress.of("alice@contoso.com")).ownedBy(ALICE),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of(
            "analyzedMessageEvidence",
            new EmailMessage(
                NetworkMessageId.of("c3d1f2e4-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
                SmtpAddress.of("alice@contoso.com"),
                SmtpAddress.of("billing@fabrikam.example"),
                InternetMessageId.of("<CAH8sQ1x=invoice@mail.fabrikam.example>"),
                "Fabrikam Billing",
                DeliveryLocation.INBOX),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of(
            "mailClusterEvidence",
            new EmailCluster(
                ClusterId.of("urn:MailEntityClusterByValue:5d6e7f80a1b2c3d4"),
                "(Subject:\"Invoice overdue\") AND (SenderIp:203.0.113.45)",
                "Subject;SenderIp",
                "Invoice overdue;203.0.113.45"),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of(
            "urlEvidence",
            Url.of(WebUrl.of("https://fabrikam.example/pay?id=42")),
            Verdict.MALICIOUS,
            Set.of()),
        Arguments.of("ipEvidence", IpAddress.of("203.0.113.45"), Verdict.MALICIOUS, Set.of()),
        Arguments.of(
            "dnsEvidence", InternetDomain.of("fabrikam.example"), Verdict.MALICIOUS, Set.of()),
        Arguments.of(
            "oauthApplicationEvidence",
            OAuthApplication.of(ApplicationId.of("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"))
                .withServicePrincipal(ObjectId.of("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"))
                .withDisplayName("Mail Sync Pro")
                .withPublisher("Unverified publisher"),
            Verdict.MALICIOUS,
            Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mapped")
  void anEvidenceTypeParryActsOnImportsToItsEntityVerdictAndRoles(
      String type, Entity entity, Verdict verdict, Set<EvidenceRole> roles) {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph(type));

    assertEquals(AlertId.of("da638201113358231245_-1794153442"), imported.alertId());
    assertEquals(
        List.of(new Evidence(entity, verdict, "Trojan:Win32/Wacatac.B!ml", ITEM_CREATED, roles)),
        imported.evidence());
    assertEquals(List.of(), imported.unmapped());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "cloudApplicationEvidence",
        "securityGroupEvidence",
        "iotDeviceEvidence",
        "nicEvidence",
        "cloudLogonSessionEvidence",
        "cloudLogonRequestEvidence",
        "amazonResourceEvidence",
        "azureResourceEvidence",
        "googleCloudResourceEvidence",
        "blobContainerEvidence",
        "blobEvidence",
        "containerEvidence",
        "containerImageEvidence",
        "containerRegistryEvidence",
        "kubernetesClusterEvidence",
        "kubernetesControllerEvidence",
        "kubernetesNamespaceEvidence",
        "kubernetesPodEvidence",
        "kubernetesSecretEvidence",
        "kubernetesServiceEvidence",
        "kubernetesServiceAccountEvidence"
      })
  void anEvidenceTypeParryTakesNoActionOnIsListedAsDroppedWithItsReason(String type) {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph(type));

    assertEquals(List.of(), imported.evidence());
    assertEquals(
        List.of(
            new Unmapped(
                0,
                type,
                "$.evidence[0].@odata.type",
                "Parry takes no remediation action on " + type,
                true)),
        imported.unmapped());
  }

  @Test
  void theAlertsDeviceIsItsOneDeviceEvidence() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("deviceEvidence"));

    assertEquals(DEVICE, imported.deviceId().orElseThrow());
    assertTrue(
        DefenderAlerts.fromGraphAlert(Fixtures.graph("fileEvidence")).deviceId().isEmpty(),
        "an alert with no device evidence names no device");
  }

  @Test
  void anUnknownEvidenceTypeIsListedAsDroppedAndTheRestImports() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("odd-unknown-type"));

    assertEquals(List.of(), imported.evidence());
    assertFalse(imported.complete());
    assertEquals(
        "Parry takes no remediation action on quantumEvidence",
        imported.unmapped().get(0).reason());
  }

  static Stream<Arguments> realValues() {
    Md5 md5 = MD5;
    return Stream.of(
        Arguments.of(
            "odd-file-sha1-only",
            new DeviceFile(null, SHA1, DEVICE, WindowsPath.of("C:\\Windows\\Temp\\x.dll"), md5)),
        Arguments.of(
            "odd-file-device-path",
            new DeviceFile(
                SHA256,
                SHA1,
                DEVICE,
                WindowsPath.of("\\Device\\HarddiskVolume3\\Windows\\Temp\\x.dll"),
                md5)),
        Arguments.of(
            "odd-file-linux-path",
            new DeviceFile(SHA256, null, DEVICE, PosixPath.of("/tmp/.cache/miner"), md5)),
        Arguments.of(
            "odd-file-macos-path",
            new DeviceFile(
                SHA256,
                null,
                DEVICE,
                PosixPath.of("/Users/alice/Library/LaunchAgents/com.update.plist"),
                md5)),
        Arguments.of(
            "odd-device-empty-name",
            new Device(
                DEVICE,
                null,
                null,
                Set.of(),
                OsPlatform.WINDOWS,
                null,
                RbacGroupName.of("UnassignedGroup"))),
        Arguments.of("odd-url-no-scheme", Url.of(WebUrl.of("fabrikam.example/pay"))),
        Arguments.of("odd-url-uri-prefix", Url.of(WebUrl.of("uri=http://203.0.113.45/a.ps1"))),
        Arguments.of(
            "odd-user-on-premises",
            new UserAccount(
                null,
                null,
                SecurityIdentifier.of("S-1-5-21-1004336348-1177238915-682003330-2201"),
                SamAccountName.of("svc_backup"),
                NetbiosDomain.of("CONTOSO"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realValues")
  void aRealValueEarlierReleasesRefusedImports(String fixture, Entity entity) {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph(fixture));

    assertEquals(List.of(), imported.unmapped());
    assertEquals(List.of(entity), imported.evidence().stream().map(Evidence::entity).toList());
  }

  @Test
  void aFileWithNoHashIsDroppedNamingTheMember() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("odd-file-no-hash"));

    assertEquals(List.of(), imported.evidence());
    assertEquals("$.evidence[0].fileDetails.sha256", imported.unmapped().get(0).field());
    assertTrue(imported.unmapped().get(0).dropped());
  }

  @Test
  void aPlaceholderPathIsLeftOutOfAnImportedFileAndListed() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("odd-placeholder-path"));

    DeviceFile file = (DeviceFile) imported.evidence().get(0).entity();
    assertTrue(file.filePath().isEmpty());
    assertEquals("$.evidence[0].fileDetails.filePath", imported.unmapped().get(0).field());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "none",
        "remediated",
        "prevented",
        "blocked",
        "notFound",
        "active",
        "pendingApproval",
        "declined",
        "notRemediated",
        "unremediated",
        "running",
        "partiallyRemediated",
        "unknownFutureValue"
      })
  void eachRemediationStatusGraphDocumentsIsKeptWithItsEvidence(String status) {
    String json =
        Fixtures.graph("urlEvidence")
            .replace(
                "\"remediationStatus\": \"none\"", "\"remediationStatus\": \"" + status + "\"");

    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(
        List.of(EvidenceRemediationStatus.fromGraph(status)), imported.remediationStatuses());
    assertEquals(List.of(), imported.unmapped());
  }

  @Test
  void aRemediationStatusGraphDoesNotDocumentIsListedAndReadAsNone() {
    String json =
        Fixtures.graph("urlEvidence")
            .replace("\"remediationStatus\": \"none\"", "\"remediationStatus\": \"vaporised\"");

    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(List.of(EvidenceRemediationStatus.NONE), imported.remediationStatuses());
    assertEquals("$.evidence[0].remediationStatus", imported.unmapped().get(0).field());
    assertFalse(imported.unmapped().get(0).dropped());
  }

  @Test
  void aFileOnNoDeviceIsDroppedRatherThanActedOnFleetWide() {
    String json = Fixtures.graph("fileEvidence").replace("\"mdeDeviceId\"", "\"otherDeviceId\"");

    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(List.of(), imported.evidence());
    assertEquals("$.evidence[0].mdeDeviceId", imported.unmapped().get(0).field());
    assertTrue(imported.unmapped().get(0).dropped());
  }

  @Test
  void aBadDateInsideAnItemLeavesOutThatDateOnly() {
    String json = Fixtures.graph("processEvidence").replace("2026-11-20T08:14:59.5Z", "yesterday");

    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    DeviceProcess process = (DeviceProcess) imported.evidence().get(0).entity();
    assertEquals(null, process.creationTime());
    assertEquals("$.evidence[0].processCreationDateTime", imported.unmapped().get(0).field());
  }

  @Test
  void theSenderIsTheFromHeaderNotTheEnvelope() {
    String json =
        Fixtures.graph("analyzedMessageEvidence")
            .replaceFirst(
                "\"emailAddress\": \"billing@fabrikam.example\"",
                "\"emailAddress\": \"bounces@mailer.example\"");

    EmailMessage message =
        (EmailMessage) DefenderAlerts.fromGraphAlert(json).evidence().get(0).entity();

    assertEquals(
        SmtpAddress.of("billing@fabrikam.example"), message.sender(), "P2, the From header");
  }

  @Test
  void aPidOfZeroIsDroppedNamingTheMember() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("odd-process-pid-zero"));

    assertEquals(List.of(), imported.evidence());
    Unmapped gap = imported.unmapped().get(0);
    assertEquals("$.evidence[0].processId", gap.field());
    assertTrue(gap.dropped());
  }

  @Test
  void aFileNameWithASpoofingCharacterIsImportedWithoutItsPathAndTheGapIsListed() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("odd-hostile-file-name"));

    DeviceFile file = (DeviceFile) imported.evidence().get(0).entity();
    assertTrue(file.filePath().isEmpty());
    Unmapped gap = imported.unmapped().get(0);
    assertEquals("$.evidence[0].fileDetails.filePath", gap.field());
    assertFalse(gap.dropped());
    assertFalse(gap.reason().contains("\u202e"), "the reason escapes the value: " + gap.reason());
  }

  @Test
  void anEvidenceVerdictGraphDoesNotDocumentIsReadAsUnknownAndListed() {
    String json =
        Fixtures.graph("urlEvidence")
            .replace("\"verdict\": \"malicious\"", "\"verdict\": \"spicy\"");

    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(Verdict.UNKNOWN, imported.evidence().get(0).verdict());
    assertEquals("$.evidence[0].verdict", imported.unmapped().get(0).field());
  }
}
