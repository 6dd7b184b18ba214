// Past 400 lines because it holds a generator for every entity, action and identifier of the
// domain.
package dev.parry.testkit.generate;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.BlockUrl;
import dev.parry.core.action.CollectInvestigationPackage;
import dev.parry.core.action.ContainDevice;
import dev.parry.core.action.ContainUser;
import dev.parry.core.action.DisableDriver;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.EnableDriver;
import dev.parry.core.action.EnableUser;
import dev.parry.core.action.HardDeleteEmail;
import dev.parry.core.action.IdentityProviderName;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.MailFolder;
import dev.parry.core.action.MarkUserCompromised;
import dev.parry.core.action.MoveEmail;
import dev.parry.core.action.OffboardDevice;
import dev.parry.core.action.QuarantineAttachment;
import dev.parry.core.action.QuarantineEmail;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.ReleaseAttachment;
import dev.parry.core.action.ReleaseEmailFromQuarantine;
import dev.parry.core.action.ReleaseFromContainment;
import dev.parry.core.action.ReleaseFromIsolation;
import dev.parry.core.action.ReleaseUserContainment;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RemoveCodeRestriction;
import dev.parry.core.action.RemoveDelegation;
import dev.parry.core.action.RemoveRegistryKey;
import dev.parry.core.action.RemoveRegistryValue;
import dev.parry.core.action.RemoveScheduledTask;
import dev.parry.core.action.RequestSample;
import dev.parry.core.action.ResetPassword;
import dev.parry.core.action.RestoreFile;
import dev.parry.core.action.RestoreRegistryKey;
import dev.parry.core.action.RestoreRegistryValue;
import dev.parry.core.action.RestoreScheduledTask;
import dev.parry.core.action.RestrictCodeExecution;
import dev.parry.core.action.RevokeSessions;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.action.StartService;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.action.StopService;
import dev.parry.core.action.SuspendUserInProvider;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.action.UnblockUrl;
import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.FolderExclusion;
import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.DeliveryLocation;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailContent;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.FilePath;
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
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.ScheduledTaskPath;
import dev.parry.core.entity.SecurityIdentifier;
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
import dev.parry.core.investigation.Origin;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Generators of valid domain values: identifiers, entities, evidence, actions and automation
 * contexts. Every value they produce passes the domain's validation. Edge cases are mixed in on
 * purpose: maximum lengths, non-ASCII text where it is allowed, mixed case, core and temp folders,
 * Program Files, UNC paths.
 *
 * <pre>{@code
 * Random random = new Random(seed);
 * Evidence evidence = DomainGenerators.evidence().next(random);
 * RemediationAction action = DomainGenerators.actionOf(ActionKind.ISOLATE_DEVICE).next(random);
 * }</pre>
 *
 * <p>Past 400 lines because it holds a generator for every entity, action and identifier of the
 * domain.
 */
public final class DomainGenerators {

  /** The instant generated times are drawn around: 2026-03-01T09:00:00Z. */
  public static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00Z");

  private static final String TOKEN_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdefABCDEF";
  private static final String LOCAL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";
  private static final List<String> UNICODE_WORDS =
      List.of(
          "résumé", "файл", "文件", "ファイル", "Ünïcødé", "naïve", "ملف", "αρχείο", "😀emoji", "straße");
  private static final List<String> FOLDERS =
      List.of(
          "\\Windows\\System32",
          "\\Windows\\SysWOW64\\drivers",
          "\\Windows\\Temp",
          "\\Program Files\\Vendor",
          "\\Program Files (x86)\\Vendor\\bin",
          "\\Users\\%u\\AppData\\Local\\Temp",
          "\\Users\\%u\\Downloads",
          "\\Users\\%u\\Documents",
          "\\Documents and Settings\\%u\\Local Settings\\Temp",
          "\\ProgramData\\%u",
          "\\Data\\Shared",
          "\\BuildAgent\\work");

  private DomainGenerators() {}

  // ---- text helpers ----------------------------------------------------------------------------

  /** {@return {@code length} characters drawn from {@code alphabet}} */
  static String chars(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** {@return a length in 1..max, the maximum about one time in {@code edgeOdds}} */
  static int length(Random random, int max, int edgeOdds) {
    return random.nextInt(edgeOdds) == 0 ? max : 1 + random.nextInt(Math.min(max, 24));
  }

  /** {@return a word: ASCII most of the time, sometimes a non-ASCII one} */
  static String word(Random random) {
    return random.nextInt(8) == 0
        ? UNICODE_WORDS.get(random.nextInt(UNICODE_WORDS.size()))
        : chars(random, ALNUM, 1 + random.nextInt(12));
  }

  static String mixCase(Random random, String value) {
    return random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value;
  }

  // ---- identifiers -----------------------------------------------------------------------------

  /** {@return device ids, 1-128 token characters} */
  public static Gen<DeviceId> deviceIds() {
    return random ->
        DeviceId.of(chars(random, TOKEN_CHARS, length(random, DeviceId.MAX_LENGTH, 20)));
  }

  /** {@return SHA-1 digests, in mixed case} */
  public static Gen<Sha1> sha1s() {
    return random -> Sha1.of(chars(random, HEX, Sha1.DIGITS));
  }

  /** {@return SHA-256 digests, in mixed case} */
  public static Gen<Sha256> sha256s() {
    return random -> Sha256.of(chars(random, HEX, Sha256.DIGITS));
  }

  private static String guid(Random random) {
    String hex = chars(random, HEX, 32);
    String guid =
        hex.substring(0, 8)
            + "-"
            + hex.substring(8, 12)
            + "-"
            + hex.substring(12, 16)
            + "-"
            + hex.substring(16, 20)
            + "-"
            + hex.substring(20);
    return random.nextInt(10) == 0 ? "{" + guid + "}" : guid;
  }

  /** {@return network message ids, sometimes in braces} */
  public static Gen<NetworkMessageId> networkMessageIds() {
    return random -> NetworkMessageId.of(guid(random));
  }

  /** {@return directory object ids} */
  public static Gen<ObjectId> objectIds() {
    return random -> ObjectId.of(guid(random));
  }

  /** {@return cluster ids} */
  public static Gen<ClusterId> clusterIds() {
    return random ->
        ClusterId.of(chars(random, TOKEN_CHARS, length(random, ClusterId.MAX_LENGTH, 20)));
  }

  private static String label(Random random, int max) {
    int len = 1 + random.nextInt(max);
    String label = chars(random, ALNUM + "-", len);
    return Character.isLetterOrDigit(label.charAt(0))
            && Character.isLetterOrDigit(label.charAt(len - 1))
        ? label
        : "x" + chars(random, ALNUM, Math.max(0, Math.min(len, max - 1)));
  }

  /** {@return DNS domain names of two or three labels, in mixed case} */
  public static Gen<DomainName> domainNames() {
    return random -> {
      int labels = 2 + random.nextInt(2);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < labels - 1; i++) {
        parts.add(random.nextInt(30) == 0 ? chars(random, ALNUM, 63) : label(random, 12));
      }
      parts.add(
          chars(
              random,
              "abcdefghijklmnopqrstuvwxyz",
              2 + random.nextInt(5))); // a top-level label is letters
      return DomainName.of(mixCase(random, String.join(".", parts)));
    };
  }

  private static String address(Random random, int maxTotal) {
    int localLength = random.nextInt(15) == 0 ? 64 : 1 + random.nextInt(20);
    String local = chars(random, LOCAL_CHARS, localLength);
    if (localLength > 2 && random.nextInt(4) == 0) {
      local = local.charAt(0) + "." + local.substring(2);
    }
    String domain = domainNames().next(random).value();
    String candidate = local + "@" + domain;
    return candidate.length() <= maxTotal ? mixCase(random, candidate) : "a@" + domain;
  }

  /** {@return SMTP addresses, sometimes with a 64-character local part} */
  public static Gen<SmtpAddress> smtpAddresses() {
    return random -> SmtpAddress.of(address(random, SmtpAddress.MAX_LENGTH));
  }

  /** {@return user principal names} */
  public static Gen<UserPrincipalName> userPrincipalNames() {
    return random -> UserPrincipalName.of(address(random, UserPrincipalName.MAX_LENGTH));
  }

  /**
   * {@return http(s) URLs, sometimes close to the 2,048-character limit, sometimes as endpoint
   * alerts report them: without a scheme, or after {@code uri=}}
   */
  public static Gen<WebUrl> webUrls() {
    return random -> {
      String base =
          (random.nextBoolean() ? "https://" : "http://") + domainNames().next(random).value();
      if (random.nextInt(50) == 0) {
        return WebUrl.of(base + "/" + chars(random, ALNUM, WebUrl.MAX_LENGTH - base.length() - 1));
      }
      String url =
          base
              + "/"
              + chars(random, ALNUM, random.nextInt(20))
              + (random.nextBoolean() ? "?q=" + chars(random, ALNUM, 5) : "");
      return WebUrl.of(
          switch (random.nextInt(8)) {
            case 0 -> url.substring(url.indexOf("//") + 2); // no scheme
            case 1 -> (random.nextBoolean() ? "uri=" : "URI=") + url;
            default -> url;
          });
    };
  }

  /** {@return IP addresses: IPv4, IPv6 (compressed or not, IPv4-mapped)} */
  public static Gen<IpAddress> ipAddresses() {
    return random ->
        switch (random.nextInt(4)) {
          case 0, 1 ->
              IpAddress.of(
                  random.nextInt(256)
                      + "."
                      + random.nextInt(256)
                      + "."
                      + random.nextInt(256)
                      + "."
                      + random.nextInt(256));
          case 2 ->
              IpAddress.of(
                  "::ffff:"
                      + random.nextInt(256)
                      + "."
                      + random.nextInt(256)
                      + ".0."
                      + random.nextInt(256));
          default -> {
            StringBuilder v6 = new StringBuilder();
            for (int i = 0; i < 8; i++) {
              v6.append(i == 0 ? "" : ":")
                  .append(
                      random.nextInt(3) == 0 ? "0" : Integer.toHexString(random.nextInt(0x10000)));
            }
            yield IpAddress.of(
                random.nextBoolean()
                    ? v6.toString().toUpperCase(java.util.Locale.ROOT)
                    : v6.toString());
          }
        };
  }

  /**
   * {@return OAuth applications, sometimes with hostile display names and publishers (free text an
   * attacker writes)}
   */
  public static Gen<OAuthApplication> oauthApplications() {
    return random -> {
      OAuthApplication app = OAuthApplication.of(ApplicationId.of(guid(random)));
      if (random.nextBoolean()) {
        app = app.withServicePrincipal(objectIds().next(random));
      }
      @Nullable String name =
          switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "Microsoft Office \u202Eexe.ppa"; // an attacker names the app
            case 2 -> "\u200BOut\u00ADlook Sync 'Pro' \\ \u0645\u0632\u0627\u0645\u0646\u0629";
            case 3 -> "x".repeat(OAuthApplication.MAX_TEXT_LENGTH);
            default -> word(random) + " " + word(random);
          };
      if (name != null) {
        app = app.withDisplayName(name);
      }
      return random.nextBoolean()
          ? app.withPublisher(random.nextBoolean() ? word(random) + " Ltd" : "Micro\u00ADsoft")
          : app;
    };
  }

  /**
   * {@return absolute Windows paths of files: in core, temp and other folders, under Program Files,
   * on any drive or UNC, in mixed case, sometimes with non-ASCII names or close to the length
   * limit}; a path shrinks by losing folders between its root and its file name
   */
  public static Gen<WindowsPath> filePaths() {
    Gen<WindowsPath> drawn =
        random -> {
          String root =
              switch (random.nextInt(10)) {
                case 0 -> "\\\\fileserver\\share";
                case 1 -> "";
                default -> (char) ('C' + random.nextInt(4)) + ":";
              };
          String folder = FOLDERS.get(random.nextInt(FOLDERS.size())).replace("%u", word(random));
          String name =
              word(random)
                  + "."
                  + Gen.oneOf(List.of("exe", "dll", "ps1", "sys", "vhdx", "js")).next(random);
          String path = mixCase(random, root + folder) + "\\" + name;
          if (random.nextInt(400) == 0) {
            StringBuilder deep = new StringBuilder(root + folder);
            while (deep.length() < WindowsPath.MAX_LENGTH - 300) {
              deep.append('\\').append(chars(random, ALNUM, 200));
            }
            path = deep.append('\\').append(name).toString();
          }
          return WindowsPath.of(random.nextBoolean() ? path.replace('\\', '/') : path);
        };
    return drawn.shrinkWith(DomainGenerators::withoutOneFolder);
  }

  /**
   * {@return the valid paths that are {@code path} less one of its folders, the outermost first}
   */
  private static List<WindowsPath> withoutOneFolder(WindowsPath path) {
    String value = path.value();
    char separator = value.indexOf('\\') >= 0 ? '\\' : '/';
    String[] parts = value.split(separator == '\\' ? "\\\\" : "/", -1);
    int first =
        value.startsWith(separator + "" + separator)
            ? 4
            : 1; // past the drive, or the UNC server and share
    List<WindowsPath> out = new ArrayList<>();
    for (int i = first; i < parts.length - 1; i++) {
      StringBuilder shorter = new StringBuilder();
      for (int j = 0; j < parts.length; j++) {
        if (j != i) {
          shorter
              .append(shorter.length() > 0 || j > 0 ? String.valueOf(separator) : "")
              .append(parts[j]);
        }
      }
      try {
        out.add(WindowsPath.of(shorter.toString()));
      } catch (RuntimeException invalid) {
        // a folder the path cannot lose, such as one a ".." above needs
      }
    }
    return out;
  }

  /** {@return device names} */
  public static Gen<DeviceName> deviceNames() {
    return random ->
        DeviceName.of(
            random.nextInt(30) == 0
                ? chars(random, ALNUM + "-.", DeviceName.MAX_LENGTH)
                : mixCase(
                    random,
                    Gen.oneOf(List.of("ws-", "fin-", "srv-", "lap-", "sql-")).next(random)
                        + chars(random, ALNUM, 1 + random.nextInt(6))));
  }

  // ---- entities --------------------------------------------------------------------------------

  /** {@return devices with random names, domains, tags and platforms} */
  public static Gen<Device> devices() {
    return random -> {
      Set<DeviceTag> tags = new HashSet<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        tags.add(
            DeviceTag.of(
                random.nextInt(10) == 0 ? "x".repeat(DeviceTag.MAX_LENGTH) : word(random)));
      }
      return new Device(
          deviceIds().next(random),
          random.nextInt(8) == 0 ? null : deviceNames().next(random),
          random.nextBoolean() ? domainNames().next(random) : null,
          tags,
          Gen.anyOf(OsPlatform.class).next(random),
          random.nextBoolean()
              ? EntraDeviceId.of(new UUID(random.nextLong(), random.nextLong()).toString())
              : null,
          random.nextBoolean()
              ? RbacGroupName.of(mixCase(random, word(random)) + " servers")
              : null);
    };
  }

  /**
   * {@return where investigations come from: a device in a named group, a device ungrouped, or no
   * device}
   */
  public static Gen<Origin> origins() {
    return random ->
        switch (random.nextInt(3)) {
          case 0 -> Origin.ungrouped();
          case 1 -> new Origin(Origin.ungrouped().group(), devices().next(random));
          default ->
              new Origin(DeviceGroupName.of(mixCase(random, word(random))), devices().next(random));
        };
  }

  /** {@return absolute POSIX paths of macOS and Linux files, in system, temp and user folders} */
  public static Gen<PosixPath> posixPaths() {
    return random ->
        PosixPath.of(
            Gen.oneOf(
                        List.of(
                            "/usr/local/bin/",
                            "/tmp/",
                            "/var/tmp/",
                            "/private/tmp/",
                            "/Users/" + word(random) + "/Downloads/",
                            "/home/" + word(random) + "/Downloads/",
                            "/opt/" + word(random) + "/",
                            "/Applications/" + word(random) + ".app/Contents/MacOS/",
                            "/srv/" + word(random) + "/"))
                    .next(random)
                + word(random)
                + (random.nextBoolean() ? "" : ".sh"));
  }

  /** {@return paths of either operating system family, Windows more often} */
  public static Gen<FilePath> anyFilePaths() {
    return random -> random.nextInt(4) == 0 ? posixPaths().next(random) : filePaths().next(random);
  }

  /**
   * {@return files: copies on a device at a path, or hash-only files}, identified by a SHA-256 and
   * a SHA-1, or one of them alone, sometimes with an MD5; a hash-only file always carries the SHA-1
   * that stop and quarantine needs
   */
  public static Gen<DeviceFile> deviceFiles() {
    return random -> {
      int hashes = random.nextInt(3); // 0: both, 1: SHA-256 alone, 2: SHA-1 alone
      boolean anywhere = random.nextInt(5) == 0;
      if (anywhere && hashes == 1) {
        hashes = 0;
      }
      return new DeviceFile(
          hashes == 2 ? null : sha256s().next(random),
          hashes == 1 ? null : sha1s().next(random),
          anywhere ? null : deviceIds().next(random),
          anywhere ? null : anyFilePaths().next(random),
          random.nextInt(4) == 0
              ? Md5.of(HexFormat.of().formatHex(randomBytes(random, 16)))
              : null);
    };
  }

  private static byte[] randomBytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * {@return running processes, known by id and creation time, sometimes with a command line and a
   * parent}
   */
  public static Gen<DeviceProcess> deviceProcesses() {
    return random -> {
      DeviceProcess process =
          DeviceProcess.of(
              deviceIds().next(random),
              1 + random.nextInt(65_535),
              Instant.parse("2026-03-01T00:00:00Z").plusMillis(random.nextInt(86_400_000)),
              anyFilePaths().next(random));
      if (random.nextBoolean()) {
        process =
            process.withCommandLine(word(random) + " -enc " + word(random) + " \"C:\\x y\" %TEMP%");
      }
      return random.nextBoolean()
          ? process
          : process.withParent(
              new ParentProcess(1 + random.nextInt(65_535), null, filePaths().next(random)));
    };
  }

  /** {@return registry values, persistence entries mostly, of every type} */
  public static Gen<RegistryValue> registryValues() {
    return random ->
        RegistryValue.of(
            deviceIds().next(random),
            RegistryKeyPath.of(
                Gen.oneOf(List.of("HKLM", "HKCU", "HKEY_USERS\\S-1-5-21-1-2-3-1001")).next(random)
                    + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
            random.nextInt(6) == 0 ? "" : mixCase(random, word(random)),
            Gen.anyOf(RegistryValueType.class).next(random),
            random.nextBoolean()
                ? "C:\\ProgramData\\" + word(random) + ".exe /quiet"
                : String.valueOf(random.nextInt()));
  }

  /** {@return email message copies} */
  public static Gen<EmailMessage> emailMessages() {
    return random ->
        new EmailMessage(
            networkMessageIds().next(random),
            smtpAddresses().next(random),
            random.nextBoolean() ? smtpAddresses().next(random) : null,
            random.nextBoolean()
                ? InternetMessageId.of(
                    "<" + chars(random, ALNUM, 12) + "@" + word(random) + ".example>")
                : null,
            switch (random.nextInt(4)) {
              case 0 -> null;
              case 1 -> "Payroll \u202Eexe.pdf"; // free text: an attacker writes it
              case 2 -> "x".repeat(EmailMessage.MAX_DISPLAY_SENDER_LENGTH);
              default -> word(random) + " " + word(random);
            },
            random.nextBoolean() ? Gen.anyOf(DeliveryLocation.class).next(random) : null);
  }

  /** {@return on-premises security identifiers (domain account SIDs)} */
  public static Gen<SecurityIdentifier> securityIdentifiers() {
    return random ->
        SecurityIdentifier.of(
            "S-1-5-21-"
                + (1 + random.nextInt(Integer.MAX_VALUE))
                + "-"
                + random.nextInt(Integer.MAX_VALUE)
                + "-"
                + random.nextInt(Integer.MAX_VALUE)
                + "-"
                + (500 + random.nextInt(100_000)));
  }

  /** {@return user accounts} */
  public static Gen<UserAccount> userAccounts() {
    return random ->
        switch (random.nextInt(5)) {
          case 0 -> UserAccount.of(userPrincipalNames().next(random));
          case 1 ->
              UserAccount.of(objectIds().next(random)).withUpn(userPrincipalNames().next(random));
          case 2 -> UserAccount.of(securityIdentifiers().next(random));
          case 3 ->
              UserAccount.onPremises(
                  NetbiosDomain.of(mixCase(random, word(random))),
                  SamAccountName.of(mixCase(random, word(random))));
          default ->
              UserAccount.onPremises(
                      NetbiosDomain.of(word(random).toUpperCase(java.util.Locale.ROOT)),
                      SamAccountName.of(word(random)))
                  .withSid(securityIdentifiers().next(random))
                  .withUpn(userPrincipalNames().next(random))
                  .withObjectId(objectIds().next(random));
        };
  }

  /** {@return email clusters: by id, by clusterByValue text, by query} */
  public static Gen<EmailCluster> emailClusters() {
    return random ->
        switch (random.nextInt(3)) {
          case 0 -> new EmailCluster(clusterIds().next(random));
          case 1 ->
              EmailCluster.byValue(
                  "SenderAddress", "\"" + word(random) + "\" <" + word(random) + "@evil.example>");
          default ->
              EmailCluster.byQuery(
                  "(Subject:\"" + word(random) + " \u202E\") AND (Url:" + word(random) + ")");
        };
  }

  private static EmailContent emailContent(Random random) {
    return random.nextInt(4) == 0 ? emailClusters().next(random) : emailMessages().next(random);
  }

  /** {@return entities of every type, roughly uniformly} */
  public static Gen<Entity> entities() {
    return random ->
        switch (random.nextInt(17)) {
          case 0 -> devices().next(random);
          case 14 -> ipAddresses().next(random);
          case 15 -> new InternetDomain(domainNames().next(random));
          case 16 -> oauthApplications().next(random);
          case 1 -> deviceFiles().next(random);
          case 2 -> deviceProcesses().next(random);
          case 13 -> registryValues().next(random);
          case 3 ->
              new WindowsService(
                  deviceIds().next(random),
                  ServiceName.of(word(random)),
                  random.nextBoolean() ? filePaths().next(random) : null);
          case 4 -> new Driver(deviceIds().next(random), filePaths().next(random));
          case 5 ->
              new RegistryKey(
                  deviceIds().next(random),
                  RegistryKeyPath.of(
                      Gen.oneOf(List.of("HKLM", "HKCU", "HKEY_USERS", "hkcr")).next(random)
                          + "\\Software\\"
                          + word(random)));
          case 6 ->
              new ScheduledTask(
                  deviceIds().next(random),
                  ScheduledTaskPath.of((random.nextBoolean() ? "\\" : "") + word(random)));
          case 7 -> emailMessages().next(random);
          case 8 -> emailClusters().next(random);
          case 9 ->
              new EmailAttachment(
                  sha256s().next(random),
                  FileName.of(word(random) + ".docm"),
                  emailMessages().next(random));
          case 10 ->
              new Url(
                  webUrls().next(random),
                  random.nextBoolean() ? emailMessages().next(random) : null);
          case 11 ->
              new Mailbox(
                  smtpAddresses().next(random),
                  random.nextBoolean() ? smtpAddresses().next(random) : null,
                  random.nextBoolean() ? smtpAddresses().next(random) : null,
                  random.nextBoolean() ? userAccounts().next(random) : null);
          default -> userAccounts().next(random);
        };
  }

  // ---- evidence and context --------------------------------------------------------------------

  /**
   * {@return a verdict that applies to {@code entity}, threats more often than not}
   *
   * @param entity the entity the verdicts must apply to; only its family matters
   */
  public static Gen<Verdict> verdictsFor(Entity entity) {
    List<Verdict> applicable = new ArrayList<>();
    for (Verdict verdict : Verdict.values()) {
      if (verdict.appliesTo(entity.family())) {
        applicable.add(verdict);
        if (verdict.isThreat()) {
          applicable.add(verdict); // weight threats twice
        }
      }
    }
    return Gen.oneOf(applicable);
  }

  /**
   * {@return evidence about random entities, with applicable verdicts and details up to the limit}
   */
  public static Gen<Evidence> evidence() {
    return random -> {
      Entity entity = entities().next(random);
      String detail =
          switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "x".repeat(Evidence.MAX_DETAIL_LENGTH);
            case 2 -> word(random) + " " + word(random);
            default -> "Trojan:Win32/" + chars(random, ALNUM, 8);
          };
      Verdict verdict = verdictsFor(entity).next(random);
      Evidence evidence =
          Evidence.of(
              entity, verdict, detail, EPOCH.plus(Duration.ofSeconds(random.nextInt(86_400))));
      boolean compromisable =
          EvidenceRole.COMPROMISED.appliesTo(entity.family())
              && verdict != Verdict.NO_THREATS_FOUND;
      return compromisable && random.nextInt(3) == 0
          ? evidence.withRoles(EvidenceRole.COMPROMISED)
          : random.nextInt(4) == 0 ? evidence.withRoles(EvidenceRole.CONTEXTUAL) : evidence;
    };
  }

  /**
   * {@return automation contexts: any device group level, any email and identity automation,
   * sometimes exclusions, allow indicators and a wide scope}
   */
  public static Gen<AutomationContext> automationContexts() {
    AutomationLevel[] familyLevels = {
      AutomationLevel.FULL, AutomationLevel.SEMI_ALL_FOLDERS, AutomationLevel.NO_AUTOMATED_RESPONSE
    };
    return random -> {
      AutomationContext context =
          AutomationContext.of(Gen.anyOf(AutomationLevel.class).next(random))
              .withDevicesInScope(
                  random.nextInt(5) == 0 ? 10 + random.nextInt(100) : 1 + random.nextInt(9))
              .withEmailAutomation(
                  random.nextInt(2) == 0
                      ? AutomationContext.DEFAULT_EMAIL_AUTOMATION
                      : familyLevels[random.nextInt(familyLevels.length)])
              .withIdentityAutomation(
                  random.nextInt(2) == 0
                      ? AutomationContext.DEFAULT_IDENTITY_AUTOMATION
                      : familyLevels[random.nextInt(familyLevels.length)]);
      if (random.nextInt(3) == 0) {
        context =
            context.withExclusions(
                AutomationExclusions.builder()
                    .folder(WindowsPath.of("\\BuildAgent"))
                    .add(FolderExclusion.of(WindowsPath.of("\\Users")).withExtensions("vhdx"))
                    .build());
      }
      if (random.nextInt(4) == 0) {
        Set<AllowIndicator> indicators = new HashSet<>();
        indicators.add(new AllowIndicator.Domain(domainNames().next(random)));
        indicators.add(new AllowIndicator.FileHash(sha256s().next(random)));
        context = context.withAllowIndicators(indicators);
      }
      return context;
    };
  }

  // ---- actions ---------------------------------------------------------------------------------

  /** {@return actions of every kind, roughly uniformly} */
  public static Gen<RemediationAction> actions() {
    return random -> {
      return actionOf(Gen.anyOf(ActionKind.class).next(random)).next(random);
    };
  }

  /**
   * {@return actions of one kind, on random targets of the right type}
   *
   * @param kind the kind
   */
  public static Gen<RemediationAction> actionOf(ActionKind kind) {
    return random -> {
      Device device = devices().next(random);
      DeviceFile file =
          new DeviceFile(
              random.nextInt(3) == 0 ? null : sha256s().next(random),
              sha1s().next(random),
              device.id(),
              anyFilePaths().next(random));
      UserAccount user = userAccounts().next(random);
      EmailContent content = emailContent(random);
      EmailAttachment attachment =
          new EmailAttachment(
              sha256s().next(random),
              FileName.of(word(random) + ".xlsm"),
              emailMessages().next(random));
      Url url = new Url(webUrls().next(random), null);
      Mailbox mailbox = Mailbox.of(smtpAddresses().next(random));
      return switch (kind) {
        case ISOLATE_DEVICE ->
            new IsolateDevice(
                device, random.nextBoolean() ? IsolationType.FULL : IsolationType.SELECTIVE);
        case RELEASE_FROM_ISOLATION -> new ReleaseFromIsolation(device);
        case CONTAIN_DEVICE -> new ContainDevice(device);
        case RELEASE_FROM_CONTAINMENT -> new ReleaseFromContainment(device);
        case RESTRICT_CODE_EXECUTION -> new RestrictCodeExecution(device);
        case REMOVE_CODE_RESTRICTION -> new RemoveCodeRestriction(device);
        case RUN_ANTIVIRUS_SCAN ->
            new RunAntivirusScan(device, random.nextBoolean() ? ScanType.QUICK : ScanType.FULL);
        case COLLECT_INVESTIGATION_PACKAGE -> new CollectInvestigationPackage(device);
        case OFFBOARD_DEVICE -> new OffboardDevice(device);
        case STOP_AND_QUARANTINE_FILE -> new StopAndQuarantineFile(file);
        case QUARANTINE_FILE -> new QuarantineFile(file);
        case RESTORE_FILE -> new RestoreFile(file);
        case REQUEST_SAMPLE -> new RequestSample(file);
        case KILL_PROCESS ->
            new KillProcess(
                DeviceProcess.of(
                    device.id(),
                    1 + random.nextInt(65_535),
                    Instant.parse("2026-03-01T00:00:00Z").plusMillis(random.nextInt(86_400_000)),
                    anyFilePaths().next(random)));
        case STOP_SERVICE ->
            new StopService(new WindowsService(device.id(), ServiceName.of(word(random)), null));
        case START_SERVICE ->
            new StartService(new WindowsService(device.id(), ServiceName.of(word(random)), null));
        case DISABLE_DRIVER -> new DisableDriver(new Driver(device.id(), filePaths().next(random)));
        case ENABLE_DRIVER -> new EnableDriver(new Driver(device.id(), filePaths().next(random)));
        case REMOVE_REGISTRY_KEY ->
            new RemoveRegistryKey(
                new RegistryKey(
                    device.id(), RegistryKeyPath.of("HKLM\\Software\\" + word(random))));
        case RESTORE_REGISTRY_KEY ->
            new RestoreRegistryKey(
                new RegistryKey(
                    device.id(), RegistryKeyPath.of("HKCU\\Software\\" + word(random))));
        case REMOVE_REGISTRY_VALUE -> new RemoveRegistryValue(registryValues().next(random));
        case RESTORE_REGISTRY_VALUE -> new RestoreRegistryValue(registryValues().next(random));
        case REMOVE_SCHEDULED_TASK ->
            new RemoveScheduledTask(
                new ScheduledTask(device.id(), ScheduledTaskPath.of("\\" + word(random))));
        case RESTORE_SCHEDULED_TASK ->
            new RestoreScheduledTask(
                new ScheduledTask(device.id(), ScheduledTaskPath.of("\\" + word(random))));
        case SOFT_DELETE_EMAIL -> new SoftDeleteEmail(content, random.nextBoolean());
        case HARD_DELETE_EMAIL -> new HardDeleteEmail(content);
        case MOVE_EMAIL -> new MoveEmail(content, Gen.anyOf(MailFolder.class).next(random));
        case QUARANTINE_EMAIL -> new QuarantineEmail(content);
        case RELEASE_EMAIL_FROM_QUARANTINE -> new ReleaseEmailFromQuarantine(content);
        case QUARANTINE_ATTACHMENT -> new QuarantineAttachment(attachment);
        case RELEASE_ATTACHMENT -> new ReleaseAttachment(attachment);
        case BLOCK_URL -> new BlockUrl(url);
        case UNBLOCK_URL -> new UnblockUrl(url);
        case TURN_OFF_EXTERNAL_FORWARDING -> new TurnOffExternalForwarding(mailbox);
        case REMOVE_DELEGATION -> new RemoveDelegation(mailbox, smtpAddresses().next(random));
        case DISABLE_USER -> new DisableUser(user);
        case ENABLE_USER -> new EnableUser(user);
        case RESET_PASSWORD -> new ResetPassword(user);
        case REVOKE_SESSIONS -> new RevokeSessions(user);
        case MARK_USER_COMPROMISED -> new MarkUserCompromised(user);
        case CONTAIN_USER -> new ContainUser(user);
        case RELEASE_USER_CONTAINMENT -> new ReleaseUserContainment(user);
        case SUSPEND_USER_IN_PROVIDER ->
            new SuspendUserInProvider(
                user,
                IdentityProviderName.of(
                    Gen.oneOf(List.of("okta", "ping", "google-workspace")).next(random)));
      };
    };
  }
}
