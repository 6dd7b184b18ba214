// Past 400 lines because it holds one short mapping per Graph evidence type.
package dev.parry.spi.defender;

import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.DeliveryLocation;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntraDeviceId;
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
import dev.parry.core.entity.SecurityIdentifier;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.spi.internal.LogSafe;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps one item of a Graph security alert's {@code evidence} array (an {@code alertEvidence} of a
 * derived type named by {@code @odata.type}) to the entity Parry acts on. The table of types is in
 * {@link DefenderAlerts}.
 *
 * <p>Past 400 lines because it holds one short mapping per Graph evidence type.
 */
final class GraphEvidence {

  private static final String PREFIX = "#microsoft.graph.security.";

  private GraphEvidence() {}

  /**
   * {@return the type name without its namespace: {@code fileEvidence} for {@code
   * #microsoft.graph.security.fileEvidence}}
   */
  static String typeOf(Node item) {
    String type = item.text("@odata.type").orElse("");
    return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
  }

  /**
   * {@return the entity the item describes, or null for a type Parry takes no action on (noted as
   * dropped)}
   *
   * @throws Item.Skip if a member the entity needs is missing or refused
   */
  static @Nullable Entity entity(Item item) {
    Node node = item.node;
    return switch (item.type) {
      case "deviceEvidence" -> device(item, node);
      case "fileEvidence" ->
          file(
              item,
              node.object("fileDetails").orElse(null),
              node.path("fileDetails"),
              item.optional(node, "mdeDeviceId", DeviceId::of));
      case "processEvidence" ->
          process(
              item,
              node,
              item.require(node, "mdeDeviceId", DeviceId::of),
              node.object("imageFile")
                  .orElseThrow(
                      () ->
                          new Item.Skip(
                              node.path("imageFile"), "is missing, and a process needs its image")),
              ProcessNames.GRAPH);
      case "registryKeyEvidence" ->
          registry(item, node, item.require(node, "mdeDeviceId", DeviceId::of), false);
      case "registryValueEvidence" ->
          registry(item, node, item.require(node, "mdeDeviceId", DeviceId::of), true);
      case "userEvidence" ->
          user(item, node.object("userAccount").orElse(null), node.path("userAccount"));
      case "mailboxEvidence" -> mailbox(item, node);
      case "analyzedMessageEvidence" -> message(item, node);
      case "mailClusterEvidence" -> cluster(item, node);
      case "urlEvidence" -> Url.of(item.require(node, "url", WebUrl::of));
      case "ipEvidence" -> item.require(node, "ipAddress", IpAddress::of);
      case "dnsEvidence" -> item.require(node, "domainName", InternetDomain::of);
      case "oauthApplicationEvidence" -> oauthApplication(item, node);
      default -> {
        item.drop(
            node.path("@odata.type"),
            item.type.isEmpty()
                ? "names no evidence type"
                : "Parry takes no remediation action on " + Text.escape(item.type, 200));
        yield null;
      }
    };
  }

  static Device device(Item item, Node node) {
    DeviceId id = item.require(node, "mdeDeviceId", DeviceId::of);
    // Defender reports an empty name for some machines: the device is its id, the name is optional
    DeviceName name =
        item.optional(
            node,
            node.text("hostName").isPresent() ? "hostName" : "deviceDnsName",
            GraphEvidence::hostName);
    DomainName domain = item.optional(node, "dnsDomain", DomainName::of);
    Set<DeviceTag> tags = new LinkedHashSet<>();
    for (String tag : node.strings("tags")) {
      try {
        tags.add(DeviceTag.of(tag));
      } catch (IllegalArgumentException | InvalidInputException e) {
        item.note(node.path("tags"), "tag refused: " + LogSafe.of(e.getMessage()));
      }
    }
    return new Device(
        id,
        name,
        domain,
        tags,
        platform(node.text("osPlatform").orElse("")),
        item.optional(node, "azureAdDeviceId", EntraDeviceId::of),
        item.optional(node, "rbacGroupName", RbacGroupName::of));
  }

  /**
   * {@return the copy on {@code device} of the file {@code details} describes (Graph's {@code
   * fileDetails}, or a Defender for Endpoint item's flat members)}: identified by its SHA-256 or
   * SHA-1, either being enough, at its path; the MD5 is kept as an attribute. A file on no device
   * is not imported: it would stand for the file on every device
   */
  static DeviceFile file(
      Item item, @Nullable Node details, String detailsPath, @Nullable DeviceId device) {
    if (details == null) {
      throw new Item.Skip(detailsPath, "is missing, and a file needs its hashes");
    }
    Sha256 sha256 = item.optional(details, "sha256", Sha256::of);
    Sha1 sha1 = item.optional(details, "sha1", Sha1::of);
    if (sha256 == null && sha1 == null) {
      throw new Item.Skip(
          details.path("sha256"),
          "no usable SHA-256 or SHA-1: a file is identified by one of them");
    }
    if (device == null) { // "this file on every device" from one alert would reach the whole fleet
      throw new Item.Skip(
          detailsPath.replaceFirst("\\.fileDetails$", "") + ".mdeDeviceId",
          "names no device: Parry does not act on a file fleet-wide from an alert's evidence");
    }
    FilePath path = path(item, details, "filePath", "fileName");
    return new DeviceFile(sha256, sha1, device, path, item.optional(details, "md5", Md5::of));
  }

  /**
   * {@return the process {@code node} describes}: its id and creation time (a process id alone can
   * be reused), image, command line and parent. The member names differ between the two shapes and
   * are given by {@code names}.
   */
  static DeviceProcess process(
      Item item, Node node, DeviceId device, Node image, ProcessNames names) {
    long pid =
        node.integer("processId")
            .orElseThrow(
                () -> new Item.Skip(node.path("processId"), "is missing, and a process needs it"));
    FilePath path =
        path(
            item,
            image,
            "filePath",
            "fileName"); // null if absent or refused (noted): kept cautious
    String commandLine = node.string("processCommandLine").orElse(null);
    ParentProcess parent = null;
    Long parentId = node.integer("parentProcessId").orElse(null);
    if (parentId != null) {
      Node parentImage = names.parentImage(node);
      try {
        parent =
            new ParentProcess(
                parentId,
                item.instant(node, names.parentCreated()),
                parentImage == null
                    ? null
                    : path(item, parentImage, names.parentFolder(), names.parentName()));
      } catch (IllegalArgumentException | InvalidInputException e) {
        item.note(node.path("parentProcessId"), "parent left out: " + LogSafe.of(e.getMessage()));
      }
    }
    try {
      return new DeviceProcess(
          device, pid, path, item.instant(node, names.created()), commandLine, parent);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(
          node.path("processId"), "value " + pid + " refused: " + LogSafe.of(e.getMessage()));
    }
  }

  /** Where a shape keeps a process's creation time and its parent's. */
  record ProcessNames(
      String created,
      String parentCreated,
      @Nullable String parentImageObject,
      String parentFolder,
      String parentName) {

    /** Graph's {@code processEvidence}: the parent's image is a {@code fileDetails} object. */
    static final ProcessNames GRAPH =
        new ProcessNames(
            "processCreationDateTime",
            "parentProcessCreationDateTime",
            "parentProcessImageFile",
            "filePath",
            "fileName");

    /** A Defender for Endpoint evidence item: the parent's image is in flat members. */
    static final ProcessNames ENDPOINT =
        new ProcessNames(
            "processCreationTime",
            "parentProcessCreationTime",
            null,
            "parentProcessFilePath",
            "parentProcessFileName");

    @Nullable Node parentImage(Node node) {
      return parentImageObject == null ? node : node.object(parentImageObject).orElse(null);
    }
  }

  /**
   * {@return the registry key or value {@code node} names}: {@code registryHive} then {@code
   * registryKey}; a value when {@code asValue}, with {@code registryValueName} (empty for the key's
   * default value), {@code registryValueType} and {@code registryValue}
   */
  static DeviceEntity registry(Item item, Node node, DeviceId device, boolean asValue) {
    String hive = node.text("registryHive").orElse("");
    String key =
        node.text("registryKey")
            .orElseThrow(() -> new Item.Skip(node.path("registryKey"), "is missing"));
    String full =
        hive.isEmpty() || key.toUpperCase(Locale.ROOT).startsWith(hive.toUpperCase(Locale.ROOT))
            ? key
            : hive + "\\" + key;
    RegistryKeyPath keyPath;
    try {
      keyPath = RegistryKeyPath.of(full);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(
          node.path("registryKey"),
          "value \"" + Text.escape(full, 120) + "\" refused: " + LogSafe.of(e.getMessage()));
    }
    if (!asValue) {
      return new RegistryKey(device, keyPath);
    }
    String name = node.string("registryValueName").orElse("");
    try {
      RegistryValue.of(device, keyPath, name, RegistryValueType.UNKNOWN, "");
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(
          node.path("registryValueName"), "value refused: " + LogSafe.of(e.getMessage()));
    }
    try {
      return RegistryValue.of(
          device, keyPath, name, registryType(item, node), node.string("registryValue").orElse(""));
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(
          node.path("registryValue"), "value refused: " + LogSafe.of(e.getMessage()));
    }
  }

  /**
   * {@return the type Defender's {@code registryValueType} names ({@code String}, {@code Dword},
   * {@code REG_SZ}…)}
   */
  private static RegistryValueType registryType(Item item, Node node) {
    String given = node.text("registryValueType").orElse("");
    String type = given.toUpperCase(Locale.ROOT).replace("_", "");
    return switch (type) {
      case "STRING", "REGSZ", "SZ" -> RegistryValueType.STRING;
      case "EXPANDSTRING", "REGEXPANDSZ" -> RegistryValueType.EXPAND_STRING;
      case "MULTISTRING", "REGMULTISZ" -> RegistryValueType.MULTI_STRING;
      case "BINARY", "REGBINARY" -> RegistryValueType.BINARY;
      case "DWORD", "REGDWORD" -> RegistryValueType.DWORD;
      case "DWORDBIGENDIAN", "REGDWORDBIGENDIAN" -> RegistryValueType.DWORD_BIG_ENDIAN;
      case "QWORD", "REGQWORD" -> RegistryValueType.QWORD;
      case "LINK", "REGLINK" -> RegistryValueType.LINK;
      case "NONE", "REGNONE" -> RegistryValueType.NONE;
      case "", "UNKNOWN" -> RegistryValueType.UNKNOWN;
      default -> {
        item.note(
            node.path("registryValueType"),
            "type \"" + Text.escape(given, 60) + "\" is not known; read as UNKNOWN");
        yield RegistryValueType.UNKNOWN;
      }
    };
  }

  /**
   * {@return the user an account object names}: Graph's {@code userAccount} and the flat members of
   * a Defender for Endpoint user evidence share their names, but for the Entra id ({@code
   * azureAdUserId}, {@code aadUserId})
   */
  static UserAccount user(Item item, @Nullable Node account, String accountPath) {
    if (account == null) {
      throw new Item.Skip(accountPath, "is missing, and a user needs an account");
    }
    UserPrincipalName upn = item.optional(account, "userPrincipalName", UserPrincipalName::of);
    ObjectId objectId =
        item.optional(
            account, account.has("azureAdUserId") ? "azureAdUserId" : "aadUserId", ObjectId::of);
    SecurityIdentifier sid = item.optional(account, "userSid", SecurityIdentifier::of);
    NetbiosDomain domain = item.optional(account, "domainName", NetbiosDomain::of);
    SamAccountName name =
        domain == null ? null : item.optional(account, "accountName", SamAccountName::of);
    try {
      return new UserAccount(upn, objectId, sid, name, domain);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(accountPath, LogSafe.of(e.getMessage()).toString());
    }
  }

  private static Mailbox mailbox(Item item, Node node) {
    Mailbox mailbox = Mailbox.of(item.require(node, "primaryAddress", SmtpAddress::of));
    Node owner = node.object("userAccount").orElse(null);
    if (owner == null) {
      return mailbox;
    }
    try {
      return mailbox.ownedBy(user(item, owner, owner.path()));
    } catch (Item.Skip skip) {
      item.note(skip.field, "owner left out: " + skip.reason);
      return mailbox;
    }
  }

  private static EmailMessage message(Item item, Node node) {
    NetworkMessageId id = item.require(node, "networkMessageId", NetworkMessageId::of);
    SmtpAddress recipient = item.require(node, "recipientEmailAddress", SmtpAddress::of);
    Node p2 = node.object("p2Sender").orElse(null); // the From header; P1 is the envelope sender
    SmtpAddress sender = p2 == null ? null : item.optional(p2, "emailAddress", SmtpAddress::of);
    String displaySender =
        p2 == null
            ? null
            : item.optional(
                p2,
                "displayName",
                text ->
                    Text.require("displaySender", text, 1, EmailMessage.MAX_DISPLAY_SENDER_LENGTH));
    return new EmailMessage(
        id,
        recipient,
        sender,
        item.optional(node, "internetMessageId", InternetMessageId::of),
        displaySender,
        item.optional(node, "deliveryLocation", DeliveryLocation::fromGraph));
  }

  private static EmailCluster cluster(Item item, Node node) {
    ClusterId id = item.optional(node, "urn", ClusterId::of);
    String query =
        item.optional(
            node, "query", text -> Text.require("query", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    String clusterBy =
        item.optional(
            node,
            "clusterBy",
            text -> Text.require("clusterBy", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    String value =
        item.optional(
            node,
            "clusterByValue",
            text -> Text.require("clusterByValue", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    try {
      return new EmailCluster(id, query, clusterBy, value);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new Item.Skip(node.path(), LogSafe.of(e.getMessage()).toString());
    }
  }

  /**
   * {@return the OAuth application {@code node} names: its application id, service principal, name
   * and publisher}
   */
  private static OAuthApplication oauthApplication(Item item, Node node) {
    OAuthApplication app = OAuthApplication.of(item.require(node, "appId", ApplicationId::of));
    ObjectId principal = item.optional(node, "objectId", ObjectId::of);
    String name =
        item.optional(
            node,
            "displayName",
            text -> Text.require("displayName", text, 1, OAuthApplication.MAX_TEXT_LENGTH));
    String publisher =
        item.optional(
            node,
            "publisher",
            text -> Text.require("publisher", text, 1, OAuthApplication.MAX_TEXT_LENGTH));
    app = principal == null ? app : app.withServicePrincipal(principal);
    app = name == null ? app : app.withDisplayName(name);
    return publisher == null ? app : app.withPublisher(publisher);
  }

  /**
   * {@return the path of a file whose folder is member {@code folderField} and name {@code
   * nameField}}, or null if the folder is not given (noted if refused): a folder starting with
   * {@code /} is a POSIX path, kept as given, anything else a Windows path
   */
  static @Nullable FilePath path(Item item, Node details, String folderField, String nameField) {
    String folder = details.text(folderField).orElse(null);
    if (folder == null) {
      return null;
    }
    boolean posix = folder.startsWith("/");
    String separator = posix ? "/" : "\\";
    String name = details.text(nameField).orElse("");
    String joined =
        name.isEmpty() || folder.endsWith(separator + name)
            ? folder
            : folder.endsWith(separator) ? folder + name : folder + separator + name;
    try {
      return posix ? PosixPath.of(joined) : WindowsPath.of(joined);
    } catch (IllegalArgumentException | InvalidInputException e) {
      item.note(details.path(folderField), "path refused: " + LogSafe.of(e.getMessage()));
      return null;
    }
  }

  /** {@return the host name in a DNS name: its first label} */
  static DeviceName hostName(String dnsName) {
    int dot = dnsName.indexOf('.');
    return DeviceName.of(dot < 0 ? dnsName : dnsName.substring(0, dot));
  }

  /**
   * {@return the domain in a DNS name: what follows its first label, or null if it has one label}
   */
  static @Nullable DomainName dnsDomain(String dnsName) {
    int dot = dnsName.indexOf('.');
    return dot < 0 ? null : DomainName.of(dnsName.substring(dot + 1));
  }

  /**
   * {@return the platform Defender's {@code osPlatform} names: {@code Windows10}, {@code
   * WindowsServer2019}, {@code Linux}…}
   */
  static OsPlatform platform(String osPlatform) {
    String os = osPlatform.toLowerCase(Locale.ROOT);
    if (os.startsWith("windowsserver")) {
      return OsPlatform.WINDOWS_SERVER;
    }
    if (os.startsWith("windows")) {
      return OsPlatform.WINDOWS;
    }
    return switch (os) {
      case "macos", "mac", "macosx" -> OsPlatform.MACOS;
      case "linux", "ubuntu", "redhatenterpriselinux", "centos", "debian", "suse" ->
          OsPlatform.LINUX;
      case "ios" -> OsPlatform.IOS;
      case "android" -> OsPlatform.ANDROID;
      default -> OsPlatform.OTHER;
    };
  }
}
