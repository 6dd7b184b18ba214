package dev.parry.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.safety.ControlChange;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Allow indicators are managed values: by value, scoped to device groups, ending, listed and revoked")
class AllowIndicatorsTest {

  static final DeviceGroupName SERVERS = DeviceGroupName.of("Servers");
  static final Device WS_1 =
      new Device(
          DeviceId.of("d-ai-ws-1"), DeviceName.of("ai-ws-1"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device WS_2 =
      new Device(
          DeviceId.of("d-ai-ws-2"), DeviceName.of("ai-ws-2"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device SRV =
      new Device(
          DeviceId.of("d-ai-srv-1"),
          DeviceName.of("ai-srv-1"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);
  static final Sha256 HASH =
      Sha256.of("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");

  static ParryHarness harness() {
    return ParryHarness.create(
        b ->
            b.deviceGroups(
                DeviceGroups.of(
                    AutomationLevel.FULL,
                    List.of(
                        new DeviceGroup(
                            SERVERS,
                            1,
                            new DeviceMatch(
                                null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                            AutomationLevel.FULL)))));
  }

  static DeviceFile file(Device on) {
    return DeviceFile.onDevice(HASH, on.id(), WindowsPath.of("C:\\Temp\\tool.exe"));
  }

  /**
   * {@return the actions planned for malicious {@code entity} seen in a new investigation of {@code
   * device}}
   */
  static List<ActionRecord> planned(ParryHarness parry, String name, Device device, Entity entity) {
    InvestigationId id = InvestigationId.of(name);
    parry.runtime().open(id, AlertId.of("a-" + name), device);
    parry
        .runtime()
        .reportEvidence(id, Evidence.of(entity, Verdict.MALICIOUS, "t", parry.clock().instant()));
    return parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
  }

  @Test
  @DisplayName(
      "a false positive on one copy of a file allows the hash: the same file on the next device is left alone")
  void falsePositiveAllowsTheValue() {
    try (ParryHarness parry = harness()) {
      assertFalse(planned(parry, "fp-1", WS_1, file(WS_1)).isEmpty(), "quarantined at first");
      parry.settle();
      parry.runtime().reportFalsePositive(file(WS_1), ParryHarness.ANALYST, "signed internal tool");
      assertEquals(
          List.of(), planned(parry, "fp-2", WS_2, file(WS_2)), "the same hash on another device");
      assertEquals(
          List.of(new AllowIndicator.FileHash(HASH)),
          parry.runtime().allowGrants(ParryHarness.ANALYST).stream()
              .map(ControlChange::indicator)
              .toList());
    }
  }

  @Test
  @DisplayName(
      "a scoped indicator covers the alert's own device only: the same hash on a device of another group, "
          + "or anywhere, seen in that investigation, is remediated")
  void scopeIsTheDevicesGroupNotTheInvestigations() {
    try (ParryHarness parry = harness()) {
      parry
          .runtime()
          .allow(
              ParryHarness.ANALYST,
              new AllowIndicator.FileHash(HASH),
              Set.of(SERVERS),
              Duration.ofHours(1),
              "vendor agent on the servers");
      assertFalse(
          planned(parry, "sd-1", SRV, file(WS_1)).isEmpty(),
          "a workstation's copy in a server's investigation");
      assertFalse(
          planned(parry, "sd-2", SRV, DeviceFile.anywhere(HASH)).isEmpty(),
          "the file on every device");
      assertEquals(
          List.of(), planned(parry, "sd-3", SRV, file(SRV)), "the server's own copy: allowed");
    }
  }

  @Test
  @DisplayName(
      "an indicator scoped to a device group holds for that group's investigations only, and ends when it should")
  void scopedAndEnding() {
    try (ParryHarness parry = harness()) {
      parry
          .runtime()
          .allow(
              ParryHarness.ANALYST,
              new AllowIndicator.FileHash(HASH),
              Set.of(SERVERS),
              Duration.ofHours(1),
              "vendor agent on the servers");
      assertEquals(List.of(), planned(parry, "sc-1", SRV, file(SRV)), "in scope: allowed");
      assertFalse(planned(parry, "sc-2", WS_1, file(WS_1)).isEmpty(), "out of scope: remediated");
      ControlChange grant = parry.runtime().allowGrants(ParryHarness.ANALYST).get(0);
      assertEquals(Set.of(SERVERS), grant.scope());
      assertEquals(parry.clock().instant().plus(Duration.ofHours(1)), grant.until());
      assertEquals(ParryHarness.ANALYST.name(), grant.principal());
      assertEquals("vendor agent on the servers", grant.reason());
      parry.advance(Duration.ofHours(1));
      assertFalse(planned(parry, "sc-3", SRV, file(SRV)).isEmpty(), "ended: remediated again");
      assertEquals(
          List.of(),
          parry.runtime().allowGrants(ParryHarness.ANALYST),
          "an ended indicator is not listed");
    }
  }

  @Test
  @DisplayName("indicators by SHA-1, by sender and by domain cover what they name and nothing else")
  void byValue() {
    Sha1 sha1 = Sha1.of("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
    DeviceFile withSha1 = new DeviceFile(HASH, sha1, WS_1.id(), WindowsPath.of("C:\\Temp\\a.exe"));
    DeviceFile otherSha1 =
        new DeviceFile(
            HASH,
            Sha1.of("b94a8fe5ccb19ba61c4c0873d391e987982fbbd3"),
            WS_1.id(),
            WindowsPath.of("C:\\Temp\\a.exe"));
    assertTrue(new AllowIndicator.FileSha1(sha1).covers(withSha1));
    assertFalse(new AllowIndicator.FileSha1(sha1).covers(otherSha1));
    assertFalse(
        new AllowIndicator.FileSha1(sha1).covers(DeviceFile.anywhere(HASH)),
        "no SHA-1 known: not covered");
    SmtpAddress partner = SmtpAddress.of("billing@partner.example");
    EmailMessage fromPartner =
        new EmailMessage(
            NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
            SmtpAddress.of("bob@contoso.com"),
            partner);
    EmailMessage fromElsewhere =
        new EmailMessage(
            NetworkMessageId.of("1f8fad5b-d9cb-469f-a165-70867728950e"),
            SmtpAddress.of("bob@contoso.com"),
            SmtpAddress.of("billing@partner.example.evil"));
    assertTrue(new AllowIndicator.Sender(partner).covers(fromPartner));
    assertFalse(new AllowIndicator.Sender(partner).covers(fromElsewhere));
    assertFalse(
        new AllowIndicator.Sender(partner)
            .covers(
                new dev.parry.core.entity.EmailAttachment(
                    HASH, dev.parry.core.entity.FileName.of("invoice.pdf.exe"), fromPartner)),
        "a spoofable sender allows no attachment");
    assertFalse(
        new AllowIndicator.Domain(DomainName.of("partner.example"))
            .covers(dev.parry.core.entity.Url.of(WebUrl.of("https://partner.example.evil/x"))));
  }

  @Test
  @DisplayName("every indicator reads back from its text; text of no kind is refused naming it")
  void textRoundTrip() {
    List<AllowIndicator> all =
        List.of(
            new AllowIndicator.FileHash(HASH),
            new AllowIndicator.FileSha1(Sha1.of("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")),
            new AllowIndicator.ExactUrl(WebUrl.of("https://partner.example/a?b=c")),
            new AllowIndicator.Domain(DomainName.of("partner.example")),
            new AllowIndicator.Sender(SmtpAddress.of("billing@partner.example")),
            new AllowIndicator.ExactEntity(EntityKey.of("user:carol@contoso.com")));
    for (AllowIndicator indicator : all) {
      assertEquals(indicator, AllowIndicator.parse(indicator.text()), indicator.text());
    }
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> AllowIndicator.parse("md5:0123"));
    assertTrue(refused.getMessage().contains("md5:0123"), refused.getMessage());
    assertThrows(InvalidInputException.class, () -> AllowIndicator.parse("sha1:xyz"));
  }

  @Test
  @DisplayName(
      "adding, revoking and listing are authorized: a reader may list, not add or revoke; nothing changes")
  void authorized() {
    try (ParryHarness parry = harness()) {
      Caller reader = Caller.of("reader@contoso.com", Permission.READ);
      AllowIndicator indicator = new AllowIndicator.FileHash(HASH);
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().allow(reader, indicator, Set.of(), Duration.ofHours(1), "x"));
      assertThrows(
          AccessDeniedException.class, () -> parry.runtime().revokeAllow(reader, indicator, "x"));
      assertEquals(List.of(), parry.runtime().allowGrants(reader));
      assertThrows(
          InvalidInputException.class,
          () ->
              parry.runtime().allow(ParryHarness.ANALYST, indicator, Set.of(), Duration.ZERO, "x"),
          "a zero duration");
      assertEquals(List.of(), parry.runtime().controlChanges(ParryHarness.ANALYST, 0, 10));
    }
  }

  @Test
  @DisplayName(
      "a false positive adds an allow indicator, so it needs what allow needs: Active remediation alone is denied, nothing changes")
  void falsePositiveNeedsManageSafety() {
    try (ParryHarness parry = harness()) {
      planned(parry, "fpm-1", WS_1, file(WS_1));
      parry.settle();
      long events = parry.events().size();
      Caller remediator = Caller.of("remediator@contoso.com", Permission.ACTIVE_REMEDIATION);
      assertThrows(
          AccessDeniedException.class,
          () -> parry.runtime().reportFalsePositive(file(WS_1), remediator, "mine"));
      parry.settle();
      assertEquals(events, parry.events().size(), "nothing rejected or undone");
      assertEquals(
          List.of(),
          parry.runtime().controlChanges(ParryHarness.ANALYST, 0, 10),
          "no indicator added");
    }
  }
}
