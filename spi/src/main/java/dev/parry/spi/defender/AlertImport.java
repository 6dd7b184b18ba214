package dev.parry.spi.defender;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.DefenderInvestigationState;
import dev.parry.core.investigation.EvidenceRemediationStatus;
import dev.parry.core.verdict.Evidence;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one Defender alert gives Parry: the alert's id, the device it is about, the evidence Parry
 * can act on, and every item or member it could not map.
 *
 * <pre>{@code
 * AlertImport alert = DefenderAlerts.fromGraphAlert(json);
 * Device device = alert.deviceId().map(inventory::device).orElse(null);   // the device with its tags
 * runtime.open(id, alert.alertId(), device);
 * if (!alert.evidence().isEmpty()) {
 *   runtime.reportEvidence(id, alert.evidence());
 * }
 * }</pre>
 *
 * @param alertId the alert's id
 * @param alertDeviceId the device the alert is about, or null when it names none or several. The
 *     alert does not carry the device's tags, which the protected-asset guard reads: open the
 *     investigation with the device as your inventory (or {@link
 *     DefenderAlerts#fromEndpointMachine}) knows it, never with one built from the alert
 * @param evidence the evidence Parry can act on, in the alert's order (copied)
 * @param remediationStatuses what Defender says it did about each piece of evidence, in the order
 *     of {@code evidence} (copied; {@code NONE} where the shape says nothing): see the domain
 *     reference for what each means in Parry
 * @param investigationState the state of Defender's own automated investigation of the alert, or
 *     null when the shape has none (a Graph alert)
 * @param unmapped what was left out and why, in the alert's order (copied)
 */
public record AlertImport(
    AlertId alertId,
    @Nullable DeviceId alertDeviceId,
    List<Evidence> evidence,
    List<EvidenceRemediationStatus> remediationStatuses,
    @Nullable DefenderInvestigationState investigationState,
    List<Unmapped> unmapped) {

  /**
   * Validates the import and copies its lists.
   *
   * @param alertId the alert's id
   * @param alertDeviceId the device the alert is about, or null when it names none or several. The
   *     alert does not carry the device's tags, which the protected-asset guard reads: open the
   *     investigation with the device as your inventory (or {@link
   *     DefenderAlerts#fromEndpointMachine}) knows it, never with one built from the alert
   * @param evidence the evidence Parry can act on, in the alert's order (copied)
   * @param remediationStatuses what Defender says it did about each piece of evidence, in the order
   *     of {@code evidence} (copied; {@code NONE} where the shape says nothing): see the domain
   *     reference for what each means in Parry
   * @param investigationState the state of Defender's own automated investigation of the alert, or
   *     null when the shape has none (a Graph alert)
   * @param unmapped what was left out and why, in the alert's order (copied)
   * @throws InvalidInputException if a component other than the device and state is null
   * @throws InvalidInputException if there is not one status per piece of evidence
   */
  public AlertImport {
    Checks.notNull(alertId, "alertId");
    evidence = Checks.listOf(evidence, "evidence");
    remediationStatuses = Checks.listOf(remediationStatuses, "remediationStatuses");
    unmapped = Checks.listOf(unmapped, "unmapped");
    if (remediationStatuses.size() != evidence.size()) {
      throw new InvalidInputException(
          "remediationStatuses",
          null,
          "one remediation status per piece of evidence: "
              + evidence.size()
              + " pieces, "
              + remediationStatuses.size()
              + " statuses");
    }
  }

  /** {@return the device the alert is about, or empty when it names none or several} */
  public Optional<DeviceId> deviceId() {
    return Optional.ofNullable(alertDeviceId);
  }

  /** {@return whether every evidence item and member was mapped} */
  public boolean complete() {
    return unmapped.isEmpty();
  }
}
