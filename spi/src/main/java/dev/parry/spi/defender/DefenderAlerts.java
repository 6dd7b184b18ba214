package dev.parry.spi.defender;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.DefenderInvestigationState;
import dev.parry.core.investigation.EvidenceRemediationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Defender alerts into what Parry acts on: the alert's id, its device and its evidence.
 *
 * <p>Two shapes are read, as their API references document them:
 *
 * <ul>
 *   <li>{@link #fromGraphAlert(String)}: a Microsoft Graph security {@code alert} with its {@code
 *       evidence} array ({@code alertEvidence} items typed by {@code @odata.type}), as {@code GET
 *       /security/alerts_v2/{id}} returns it. Each item's {@code verdict} and {@code roles} give
 *       Parry's verdict.
 *   <li>{@link #fromEndpointAlert(String)}: a Defender for Endpoint {@code alert} read with {@code
 *       $expand=evidence} (flat items typed by {@code entityType}). That shape carries no verdict
 *       per item: its evidence imports with {@link Verdict#UNKNOWN}, so Parry plans nothing for it
 *       until the service gives a verdict.
 * </ul>
 *
 * and {@link #fromEndpointMachine(String)} reads a Defender for Endpoint {@code machine} as a
 * {@link Device}.
 *
 * <p><b>Nothing is dropped silently.</b> An item of a type Parry takes no action on, or missing a
 * member its entity needs, or holding a value Parry refuses, is left out and listed in {@link
 * AlertImport#unmapped()} with the member's path and the reason; a member that is only left out of
 * an imported item is listed too. Text that is not JSON, or a member of the wrong JSON type, is a
 * {@link DefenderFormatException} naming the member: the whole alert is refused.
 *
 * <p>Pure: reads a string, returns values, stores nothing.
 */
public final class DefenderAlerts {

  private static final int MAX_DETAIL = Evidence.MAX_DETAIL_LENGTH;

  private DefenderAlerts() {}

  /**
   * {@return the alert {@code json} describes: a Graph security alert with its evidence}
   *
   * <pre>{@code
   * AlertImport alert = DefenderAlerts.fromGraphAlert(json);
   * Device device = alert.deviceId().map(inventory::device).orElse(null);   // tags as your inventory knows them
   * runtime.open(id, alert.alertId(), device);
   * runtime.reportEvidence(id, alert.evidence());
   * }</pre>
   *
   * @param json the alert, as Graph returns it
   * @throws DefenderFormatException if the text is not JSON, a member has the wrong JSON type, or
   *     the alert's {@code id} or {@code createdDateTime} is missing or refused
   */
  public static AlertImport fromGraphAlert(String json) {
    Node alert = Node.parse(json);
    AlertId alertId = alertId(alert, "id");
    Instant created =
        alert
            .instant("createdDateTime")
            .orElseThrow(
                () -> new DefenderFormatException(alert.path("createdDateTime"), "is missing"));
    String detail =
        detail(alert.text("threatDisplayName").or(() -> alert.text("title")).orElse(""));
    List<Evidence> evidence = new ArrayList<>();
    List<EvidenceRemediationStatus> statuses = new ArrayList<>();
    List<Unmapped> unmapped = new ArrayList<>();
    Set<DeviceId> devices = new LinkedHashSet<>();
    List<Node> items = alert.objects("evidence");
    for (int i = 0; i < items.size(); i++) {
      Node node = items.get(i);
      Item item = new Item(node, i, GraphEvidence.typeOf(node), unmapped);
      try {
        Entity entity = GraphEvidence.entity(item);
        if (entity == null) {
          continue;
        }
        if (entity instanceof Device device) {
          devices.add(device.id());
        }
        Instant found = item.instant(node, "createdDateTime");
        Instant observed = found == null ? created : found;
        evidence.add(
            new Evidence(
                entity, graphVerdict(item), detail, observed, graphRoles(item, entity.family())));
        statuses.add(remediationStatus(item));
      } catch (Item.Skip skip) {
        item.drop(skip.field, skip.reason);
      }
    }
    DeviceId device = devices.size() == 1 ? devices.iterator().next() : null;
    return new AlertImport(alertId, device, evidence, statuses, null, unmapped);
  }

  /**
   * {@return the alert {@code json} describes: a Defender for Endpoint alert read with {@code
   * $expand=evidence}}; its device is its {@code machineId}
   *
   * @param json the alert, as the Defender for Endpoint API returns it
   * @throws DefenderFormatException if the text is not JSON, a member has the wrong JSON type, or
   *     the alert's {@code id} or {@code alertCreationTime} is missing or refused
   */
  public static AlertImport fromEndpointAlert(String json) {
    Node alert = Node.parse(json);
    AlertId alertId = alertId(alert, "id");
    Instant created =
        alert
            .instant("alertCreationTime")
            .orElseThrow(
                () -> new DefenderFormatException(alert.path("alertCreationTime"), "is missing"));
    String detail = detail(alert.text("threatName").or(() -> alert.text("title")).orElse(""));
    List<Unmapped> unmapped = new ArrayList<>();
    Item alertItem = new Item(alert, Unmapped.ALERT, "alert", unmapped);
    DeviceId deviceId = alertItem.optional(alert, "machineId", DeviceId::of);
    DefenderInvestigationState state =
        alertItem.optional(alert, "investigationState", DefenderInvestigationState::fromApi);
    List<Evidence> evidence = new ArrayList<>();
    List<EvidenceRemediationStatus> statuses = new ArrayList<>();
    List<Node> items = alert.objects("evidence");
    for (int i = 0; i < items.size(); i++) {
      Node node = items.get(i);
      Item item = new Item(node, i, node.text("entityType").orElse(""), unmapped);
      try {
        Entity entity = EndpointEvidence.entity(item, deviceId);
        if (entity != null) {
          Instant found = item.instant(node, "evidenceCreationTime");
          Instant observed = found == null ? created : found;
          evidence.add(Evidence.of(entity, Verdict.UNKNOWN, detail, observed));
          statuses.add(EvidenceRemediationStatus.NONE);
        }
      } catch (Item.Skip skip) {
        item.drop(skip.field, skip.reason);
      }
    }
    return new AlertImport(alertId, deviceId, evidence, statuses, state, unmapped);
  }

  /**
   * {@return the device a Defender for Endpoint {@code machine} describes}: its id, name, domain,
   * {@code machineTags} and platform
   *
   * @param json the machine, as the Defender for Endpoint API returns it
   * @throws DefenderFormatException if the text is not JSON, a member has the wrong JSON type, the
   *     id is missing, or a member given is refused
   */
  public static Device fromEndpointMachine(String json) {
    Node machine = Node.parse(json);
    DeviceId id = required(machine, "id", DeviceId::of);
    // Defender reports an empty name for some machines: the device is its id, the name is optional
    DeviceName name =
        machine.text("computerDnsName").isEmpty()
            ? null
            : required(machine, "computerDnsName", GraphEvidence::hostName);
    DomainName domain =
        machine.text("computerDnsName").isEmpty()
            ? null
            : required(
                    machine,
                    "computerDnsName",
                    text -> Optional.ofNullable(GraphEvidence.dnsDomain(text)))
                .orElse(null);
    Set<DeviceTag> tags = new LinkedHashSet<>();
    List<String> machineTags = machine.strings("machineTags");
    for (int i = 0; i < machineTags.size(); i++) {
      try {
        tags.add(DeviceTag.of(machineTags.get(i)));
      } catch (IllegalArgumentException | InvalidInputException e) {
        throw new DefenderFormatException(
            machine.path("machineTags") + "[" + i + "]",
            "tag refused: " + Text.escape(String.valueOf(e.getMessage()), 300),
            e);
      }
    }
    EntraDeviceId entra =
        machine.text("aadDeviceId").isEmpty()
            ? null
            : required(machine, "aadDeviceId", EntraDeviceId::of);
    RbacGroupName group =
        machine.text("rbacGroupName").isEmpty()
            ? null
            : required(machine, "rbacGroupName", RbacGroupName::of);
    return new Device(
        id,
        name,
        domain,
        tags,
        GraphEvidence.platform(machine.text("osPlatform").orElse("")),
        entra,
        group);
  }

  /**
   * {@return Parry's verdict for a Graph evidence item}: {@code malicious}, {@code suspicious},
   * {@code noThreatsFound} and {@code unknown} are Parry's verdicts of those names; Graph's {@code
   * unknownFutureValue}, or a value Graph does not document (noted), is unknown
   */
  private static Verdict graphVerdict(Item item) {
    Node node = item.node;
    String given = node.text("verdict").orElse("unknown");
    return switch (given) {
      case "malicious" -> Verdict.MALICIOUS;
      case "suspicious" -> Verdict.SUSPICIOUS;
      case "noThreatsFound" -> Verdict.NO_THREATS_FOUND;
      case "unknown", "unknownFutureValue" -> Verdict.UNKNOWN;
      default -> {
        item.note(
            node.path("verdict"),
            "verdict \""
                + Text.escape(given, 60)
                + "\" is not one Graph documents; read as unknown");
        yield Verdict.UNKNOWN;
      }
    };
  }

  /**
   * {@return what Defender says it did about a Graph evidence item: its {@code remediationStatus},
   * NONE if absent}
   */
  private static EvidenceRemediationStatus remediationStatus(Item item) {
    EvidenceRemediationStatus status =
        item.optional(item.node, "remediationStatus", EvidenceRemediationStatus::fromGraph);
    return status == null ? EvidenceRemediationStatus.NONE : status;
  }

  /**
   * {@return the roles of a Graph evidence item}: each of Graph's {@code evidenceRole} values is
   * the {@link EvidenceRole} of that name ({@code commandAndControl} is {@code
   * COMMAND_AND_CONTROL}); {@code unknownFutureValue} is left out, and so is (noted) a value Graph
   * does not document, a role that cannot apply to the entity (compromised mail), and compromised
   * on an item found clean
   */
  private static Set<EvidenceRole> graphRoles(Item item, EntityFamily family) {
    Node node = item.node;
    Set<EvidenceRole> roles = EnumSet.noneOf(EvidenceRole.class);
    for (String given : node.strings("roles")) {
      if (given.equals("unknownFutureValue")) {
        continue;
      }
      EvidenceRole role = ROLES.get(given);
      if (role == null) {
        item.note(
            node.path("roles"),
            "role \"" + Text.escape(given, 60) + "\" is not one Graph documents; left out");
      } else if (!role.appliesTo(family)
          || (role == EvidenceRole.COMPROMISED
              && node.text("verdict").orElse("").equals("noThreatsFound"))) {
        item.note(
            node.path("roles"),
            "role " + given + " does not apply to this " + family + " evidence; left out");
      } else {
        roles.add(role);
      }
    }
    return roles;
  }

  /** Graph's evidence roles by their Graph names. */
  private static final Map<String, EvidenceRole> ROLES = graphRoleNames();

  private static Map<String, EvidenceRole> graphRoleNames() {
    Map<String, EvidenceRole> names = new LinkedHashMap<>();
    for (EvidenceRole role : EvidenceRole.values()) {
      StringBuilder camel = new StringBuilder();
      boolean upper = false;
      for (char c : role.name().toLowerCase(Locale.ROOT).toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          camel.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      names.put(camel.toString(), role);
    }
    return Map.copyOf(names);
  }

  private static AlertId alertId(Node alert, String name) {
    return required(alert, name, AlertId::of);
  }

  private static <T> T required(Node node, String name, Function<String, T> parse) {
    String text =
        node.text(name)
            .orElseThrow(() -> new DefenderFormatException(node.path(name), "is missing"));
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new DefenderFormatException(
          node.path(name),
          "value \""
              + Text.escape(text, 120)
              + "\" refused: "
              + Text.escape(String.valueOf(e.getMessage()), 300),
          e);
    }
  }

  /**
   * {@return a detail Parry's evidence accepts: control characters removed, cut to the longest
   * allowed}
   */
  private static String detail(String text) {
    String clean = Text.withoutControls(text);
    if (clean.length() <= MAX_DETAIL) {
      return clean;
    }
    int end = Character.isHighSurrogate(clean.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
    return clean.substring(0, end);
  }
}
