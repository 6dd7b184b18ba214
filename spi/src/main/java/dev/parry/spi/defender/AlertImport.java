package dev.parry.spi.defender;

import dev.parry.core.entity.Device;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.DefenderInvestigationState;
import dev.parry.core.investigation.EvidenceRemediationStatus;
import dev.parry.core.verdict.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one Defender alert gives Parry: the alert's id, the device it is about, the evidence Parry
 * can act on, and every item or member it could not map.
 *
 * <pre>{@code
 * AlertImport alert = DefenderAlerts.fromGraphAlert(json);
 * runtime.open(id, alert.alertId(), alert.device().orElse(null));
 * runtime.reportEvidence(id, alert.evidence());
 * }</pre>
 *
 * @param alertId the alert's id
 * @param alertDevice the device the alert is about, or null when it names none or several
 * @param evidence the evidence Parry can act on, in the alert's order (copied)
 * @param remediationStatuses what Defender says it did about each piece of evidence, in the order of
 *     {@code evidence} (copied; {@code NONE} where the shape says nothing): see the domain reference for
 *     what each means in Parry
 * @param investigationState the state of Defender's own automated investigation of the alert, or null
 *     when the shape has none (a Graph alert)
 * @param unmapped what was left out and why, in the alert's order (copied)
 */
public record AlertImport(AlertId alertId, @Nullable Device alertDevice, List<Evidence> evidence,
    List<EvidenceRemediationStatus> remediationStatuses, @Nullable DefenderInvestigationState investigationState,
    List<Unmapped> unmapped) {

  /**
   * Validates the import and copies its lists.
   *
   * @throws NullPointerException if a component other than the device and state is null
   * @throws IllegalArgumentException if there is not one status per piece of evidence
   */
  public AlertImport {
    Objects.requireNonNull(alertId, "alertId");
    evidence = List.copyOf(evidence);
    remediationStatuses = List.copyOf(remediationStatuses);
    unmapped = List.copyOf(unmapped);
    if (remediationStatuses.size() != evidence.size()) {
      throw new IllegalArgumentException("one remediation status per piece of evidence: " + evidence.size()
          + " pieces, " + remediationStatuses.size() + " statuses");
    }
  }

  /** {@return the device the alert is about, or empty when it names none or several} */
  public Optional<Device> device() {
    return Optional.ofNullable(alertDevice);
  }

  /** {@return whether every evidence item and member was mapped} */
  public boolean complete() {
    return unmapped.isEmpty();
  }
}
