package dev.parry.core;

import dev.parry.core.action.*;
import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.RegistryValue;
import dev.parry.core.entity.RegistryValueType;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.ScheduledTaskPath;
import dev.parry.core.entity.ServiceName;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.entity.WindowsService;
import java.time.Instant;
import java.util.List;

/** Sample domain values for core tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  public static final DeviceId DEVICE_ID = DeviceId.of("a3f7c19e");
  public static final Device DEVICE = Device.of(DEVICE_ID, DeviceName.of("ws-042"));
  public static final Sha256 HASH =
      Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  public static final EmailMessage MESSAGE =
      EmailMessage.of(
          NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
          SmtpAddress.of("alice@contoso.com"));
  public static final Sha1 SHA1 = Sha1.of("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  public static final RegistryValue RUN_VALUE =
      RegistryValue.of(
          DEVICE_ID,
          RegistryKeyPath.of("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
          "Updater",
          RegistryValueType.STRING,
          "C:\\ProgramData\\upd.exe");
  public static final UserAccount USER = UserAccount.of(UserPrincipalName.of("bob@contoso.com"));

  private Fixtures() {}

  /** {@return one action of every kind, in {@link ActionKind} order} */
  public static List<RemediationAction> oneActionOfEachKind() {
    return List.of(
        new IsolateDevice(DEVICE, IsolationType.FULL),
        new ReleaseFromIsolation(DEVICE),
        new ContainDevice(DEVICE),
        new ReleaseFromContainment(DEVICE),
        new RestrictCodeExecution(DEVICE),
        new RemoveCodeRestriction(DEVICE),
        new RunAntivirusScan(DEVICE, ScanType.QUICK),
        new CollectInvestigationPackage(DEVICE),
        new OffboardDevice(DEVICE),
        new StopAndQuarantineFile(fileAt("C:\\Temp\\x.exe")),
        new QuarantineFile(fileAt("C:\\Temp\\x.exe")),
        new RestoreFile(fileAt("C:\\Temp\\x.exe")),
        new RequestSample(fileAt("C:\\Temp\\x.exe")),
        new KillProcess(DeviceProcess.of(DEVICE_ID, 4242, T0, WindowsPath.of("C:\\Temp\\x.exe"))),
        new StopService(new WindowsService(DEVICE_ID, ServiceName.of("UpdaterSvc"), null)),
        new StartService(new WindowsService(DEVICE_ID, ServiceName.of("UpdaterSvc"), null)),
        new DisableDriver(new Driver(DEVICE_ID, WindowsPath.of("C:\\Windows\\evil.sys"))),
        new EnableDriver(new Driver(DEVICE_ID, WindowsPath.of("C:\\Windows\\evil.sys"))),
        new RemoveRegistryKey(
            new RegistryKey(DEVICE_ID, RegistryKeyPath.of("HKLM\\Software\\Run"))),
        new RestoreRegistryKey(
            new RegistryKey(DEVICE_ID, RegistryKeyPath.of("HKLM\\Software\\Run"))),
        new RemoveRegistryValue(RUN_VALUE),
        new RestoreRegistryValue(RUN_VALUE),
        new RemoveScheduledTask(new ScheduledTask(DEVICE_ID, ScheduledTaskPath.of("\\Updater"))),
        new RestoreScheduledTask(new ScheduledTask(DEVICE_ID, ScheduledTaskPath.of("\\Updater"))),
        new SoftDeleteEmail(MESSAGE, false),
        new HardDeleteEmail(MESSAGE),
        new MoveEmail(MESSAGE, MailFolder.JUNK),
        new QuarantineEmail(MESSAGE),
        new ReleaseEmailFromQuarantine(MESSAGE),
        new QuarantineAttachment(new EmailAttachment(HASH, FileName.of("a.exe"), MESSAGE)),
        new ReleaseAttachment(new EmailAttachment(HASH, FileName.of("a.exe"), MESSAGE)),
        new BlockUrl(Url.of(WebUrl.of("https://evil.example/x"))),
        new UnblockUrl(Url.of(WebUrl.of("https://evil.example/x"))),
        new TurnOffExternalForwarding(Mailbox.of(SmtpAddress.of("carol@contoso.com"))),
        new RemoveDelegation(
            Mailbox.of(SmtpAddress.of("carol@contoso.com")), SmtpAddress.of("mallory@contoso.com")),
        new DisableUser(USER),
        new EnableUser(USER),
        new ResetPassword(USER),
        new RevokeSessions(USER),
        new MarkUserCompromised(USER),
        new ContainUser(USER),
        new ReleaseUserContainment(USER),
        new SuspendUserInProvider(USER, IdentityProviderName.of("okta")));
  }

  /** {@return a file copy on the fixture device at {@code path}} */
  public static DeviceFile fileAt(String path) {
    return DeviceFile.onDevice(HASH, DEVICE_ID, WindowsPath.of(path));
  }

  /** {@return one entity of every concrete entity type} */
  public static final IpAddress IP = IpAddress.of("203.0.113.45");

  public static final InternetDomain DOMAIN = InternetDomain.of("fabrikam.example");
  public static final OAuthApplication OAUTH_APP =
      OAuthApplication.of(ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6"))
          .withDisplayName("Mail Sync Pro");

  /**
   * {@return whether the default plan table plans nothing for {@code entity}'s type}: IP addresses,
   * domains and OAuth apps (core/DOMAIN.md D23b)
   */
  public static boolean plansNothing(Entity entity) {
    return entity instanceof IpAddress
        || entity instanceof InternetDomain
        || entity instanceof OAuthApplication;
  }

  public static List<Entity> oneOfEach() {
    return List.of(
        DEVICE,
        fileAt("C:\\Temp\\x.exe"),
        DeviceProcess.of(DEVICE_ID, 4242, T0, WindowsPath.of("C:\\Temp\\x.exe")),
        new WindowsService(
            DEVICE_ID, ServiceName.of("UpdaterSvc"), WindowsPath.of("C:\\ProgramData\\upd.exe")),
        new Driver(DEVICE_ID, WindowsPath.of("C:\\Windows\\System32\\drivers\\evil.sys")),
        new RegistryKey(
            DEVICE_ID,
            RegistryKeyPath.of("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run")),
        RUN_VALUE,
        new ScheduledTask(DEVICE_ID, ScheduledTaskPath.of("\\Updater")),
        MESSAGE,
        new EmailCluster(ClusterId.of("cluster-1")),
        new EmailAttachment(HASH, FileName.of("invoice.pdf.exe"), MESSAGE),
        new Url(WebUrl.of("https://login.example.net/reset"), MESSAGE),
        new Mailbox(
            SmtpAddress.of("carol@contoso.com"),
            SmtpAddress.of("drop@evil.example"),
            SmtpAddress.of("mallory@contoso.com")),
        IP,
        DOMAIN,
        USER,
        OAUTH_APP);
  }
}
