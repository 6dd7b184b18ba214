package dev.parry.spi.defender;

import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeliveryLocation;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.InternetMessageId;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.NetbiosDomain;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
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
 */
final class GraphEvidence {

  private static final String PREFIX = "#microsoft.graph.security.";

  private GraphEvidence() {}

  /** {@return the type name without its namespace: {@code fileEvidence} for {@code #microsoft.graph.security.fileEvidence}} */
  static String typeOf(Node item) {
    String type = item.text("@odata.type").orElse("");
    return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
  }

  /**
   * {@return the entity the item describes, or null for a type Parry takes no action on (noted as dropped)}
   *
   * @throws Item.Skip if a member the entity needs is missing or refused
   */
  static @Nullable Entity entity(Item item) {
    Node node = item.node;
    return switch (item.type) {
      case "deviceEvidence" -> device(item, node);
      case "fileEvidence" -> file(item, node, node.object("fileDetails").orElse(null), node.path("fileDetails"));
      case "processEvidence" -> process(item, node, item.require(node, "mdeDeviceId", DeviceId::of),
          node.object("imageFile").orElseThrow(() -> new Item.Skip(node.path("imageFile"),
              "is missing, and a process needs its image")));
      case "registryKeyEvidence", "registryValueEvidence" ->
          registryKey(item, node, item.require(node, "mdeDeviceId", DeviceId::of));
      case "userEvidence" -> user(item, node.object("userAccount").orElse(null), node.path("userAccount"));
      case "mailboxEvidence" -> mailbox(item, node);
      case "analyzedMessageEvidence" -> message(item, node);
      case "mailClusterEvidence" -> cluster(item, node);
      case "urlEvidence" -> Url.of(item.require(node, "url", WebUrl::of));
      default -> {
        item.drop(node.path("@odata.type"), item.type.isEmpty() ? "names no evidence type"
            : "Parry takes no remediation action on " + item.type);
        yield null;
      }
    };
  }

  static Device device(Item item, Node node) {
    DeviceId id = item.require(node, "mdeDeviceId", DeviceId::of);
    String nameField = node.has("hostName") ? "hostName" : "deviceDnsName";
    DeviceName name = item.require(node, nameField, DeviceName::of);
    DomainName domain = item.optional(node, "dnsDomain", DomainName::of);
    Set<DeviceTag> tags = new LinkedHashSet<>();
    for (String tag : node.strings("tags")) {
      try {
        tags.add(DeviceTag.of(tag));
      } catch (IllegalArgumentException e) {
        item.note(node.path("tags"), "tag refused: " + e.getMessage());
      }
    }
    return new Device(id, name, domain, tags, DefenderAlerts.platform(node.text("osPlatform").orElse("")));
  }

  static DeviceFile file(Item item, Node item0, @Nullable Node details, String detailsPath) {
    if (details == null) {
      throw new Item.Skip(detailsPath, "is missing, and a file needs its hashes");
    }
    Sha256 sha256 = item.require(details, "sha256", Sha256::of);
    Sha1 sha1 = item.optional(details, "sha1", Sha1::of);
    DeviceId device = item.optional(item0, "mdeDeviceId", DeviceId::of);
    WindowsPath path = device == null ? null : path(item, details);
    return new DeviceFile(sha256, sha1, device, path);
  }

  /** {@return the process {@code node} describes, its image read from {@code image}} */
  static DeviceProcess process(Item item, Node node, DeviceId device, Node image) {
    long pid = node.integer("processId").orElseThrow(() -> new Item.Skip(node.path("processId"),
        "is missing, and a process needs it"));
    WindowsPath path = path(item, image);
    if (path == null) {
      throw new Item.Skip(image.path("filePath"), "is missing, and a process needs its image path");
    }
    try {
      return new DeviceProcess(device, pid, path);
    } catch (IllegalArgumentException e) {
      throw new Item.Skip(node.path("processId"), "value " + pid + " refused: " + e.getMessage());
    }
  }

  /** {@return the registry key {@code node} names: {@code registryHive} then {@code registryKey}} */
  static RegistryKey registryKey(Item item, Node node, DeviceId device) {
    String hive = node.text("registryHive").orElse("");
    String key = node.text("registryKey").orElseThrow(() -> new Item.Skip(node.path("registryKey"), "is missing"));
    String full = hive.isEmpty() || key.toUpperCase(Locale.ROOT).startsWith(hive.toUpperCase(Locale.ROOT))
        ? key : hive + "\\" + key;
    try {
      return new RegistryKey(device, RegistryKeyPath.of(full));
    } catch (IllegalArgumentException e) {
      throw new Item.Skip(node.path("registryKey"), "value \"" + Text.escape(full, 120) + "\" refused: "
          + LogSafe.of(e.getMessage()));
    }
  }

  /**
   * {@return the user an account object names}: Graph's {@code userAccount} and the flat members of a
   * Defender for Endpoint user evidence share their names, but for the Entra id ({@code azureAdUserId},
   * {@code aadUserId})
   */
  static UserAccount user(Item item, @Nullable Node account, String accountPath) {
    if (account == null) {
      throw new Item.Skip(accountPath, "is missing, and a user needs an account");
    }
    UserPrincipalName upn = item.optional(account, "userPrincipalName", UserPrincipalName::of);
    ObjectId objectId = item.optional(account, account.has("azureAdUserId") ? "azureAdUserId" : "aadUserId",
        ObjectId::of);
    SecurityIdentifier sid = item.optional(account, "userSid", SecurityIdentifier::of);
    NetbiosDomain domain = item.optional(account, "domainName", NetbiosDomain::of);
    SamAccountName name = domain == null ? null : item.optional(account, "accountName", SamAccountName::of);
    try {
      return new UserAccount(upn, objectId, sid, name, domain);
    } catch (IllegalArgumentException e) {
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
    Node p1 = node.object("p1Sender").orElse(null);
    SmtpAddress sender = p1 == null ? null : item.optional(p1, "emailAddress", SmtpAddress::of);
    String displaySender = p1 == null ? null : item.optional(p1, "displayName",
        text -> Text.require("displaySender", text, 1, EmailMessage.MAX_DISPLAY_SENDER_LENGTH));
    return new EmailMessage(id, recipient, sender, item.optional(node, "internetMessageId", InternetMessageId::of),
        displaySender, item.optional(node, "deliveryLocation", DeliveryLocation::fromGraph));
  }

  private static EmailCluster cluster(Item item, Node node) {
    ClusterId id = item.optional(node, "urn", ClusterId::of);
    String query = item.optional(node, "query", text -> Text.require("query", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    String clusterBy = item.optional(node, "clusterBy",
        text -> Text.require("clusterBy", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    String value = item.optional(node, "clusterByValue",
        text -> Text.require("clusterByValue", text, 1, EmailCluster.MAX_TEXT_LENGTH));
    try {
      return new EmailCluster(id, query, clusterBy, value);
    } catch (IllegalArgumentException e) {
      throw new Item.Skip(node.path(), LogSafe.of(e.getMessage()).toString());
    }
  }

  /** {@return the file's path: its folder and its name joined, or null if the folder is not given} */
  static @Nullable WindowsPath path(Item item, Node details) {
    String folder = details.text("filePath").orElse(null);
    if (folder == null) {
      return null;
    }
    String name = details.text("fileName").orElse("");
    String joined = name.isEmpty() || folder.endsWith("\\" + name) ? folder
        : folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    try {
      return WindowsPath.of(joined);
    } catch (IllegalArgumentException e) {
      item.note(details.path("filePath"), "path refused: " + e.getMessage());
      return null;
    }
  }
}
