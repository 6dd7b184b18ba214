package dev.parry.spi.defender;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.internal.Text;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps one item of a Defender for Endpoint alert's {@code evidence} array (flat members, typed by
 * {@code entityType}) to the entity Parry acts on. Files, processes and registry entries in this
 * shape carry no device id of their own: they are on the alert's device ({@code machineId}).
 */
final class EndpointEvidence {

  private EndpointEvidence() {}

  /**
   * {@return the entity the item describes, or null for a type Parry takes no action on (noted as
   * dropped)}
   *
   * @param device the alert's device, or null if the alert names none
   * @throws Item.Skip if a member the entity needs is missing or refused
   */
  static @Nullable Entity entity(Item item, @Nullable DeviceId device) {
    Node node = item.node;
    return switch (item.type.toLowerCase(Locale.ROOT)) {
      case "file" -> GraphEvidence.file(item, node, node.path(), requireDevice(node, device));
      case "process" ->
          GraphEvidence.process(
              item, node, requireDevice(node, device), node, GraphEvidence.ProcessNames.ENDPOINT);
      case "registry", "registrykey", "registryvalue" ->
          GraphEvidence.registry(
              item,
              node,
              requireDevice(node, device),
              node.has("registryValueName") || node.has("registryValue"));
      case "user" -> GraphEvidence.user(item, node, node.path());
      case "url" -> Url.of(item.require(node, "url", WebUrl::of));
      case "ip" -> item.require(node, "ipAddress", IpAddress::of);
      default -> {
        item.drop(
            node.path("entityType"),
            item.type.isEmpty()
                ? "names no entity type"
                : "Parry takes no remediation action on " + Text.escape(item.type, 200));
        yield null;
      }
    };
  }

  private static DeviceId requireDevice(Node node, @Nullable DeviceId device) {
    if (device == null) {
      throw new Item.Skip(
          "$.machineId", "is missing, and " + node.path() + " is on the alert's device");
    }
    return device;
  }
}
