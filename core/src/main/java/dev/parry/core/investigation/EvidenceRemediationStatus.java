package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every per-evidence remediation status of Microsoft Graph's {@code
 * alertEvidence.remediationStatus}, with the status of the Parry action it maps to, or none where
 * it does not apply. The table, with the reason for each row, is core/DOMAIN.md D31a.
 *
 * <pre>{@code
 * Optional<ActionStatus> status = EvidenceRemediationStatus.fromGraph("declined").actionStatus(); // REJECTED
 * }</pre>
 */
public enum EvidenceRemediationStatus {
  /** {@code pendingApproval}. */
  PENDING_APPROVAL("pendingApproval", ActionStatus.PENDING_APPROVAL),
  /** {@code running}. */
  RUNNING("running", ActionStatus.IN_PROGRESS),
  /** {@code remediated}. */
  REMEDIATED("remediated", ActionStatus.SUCCEEDED),
  /** {@code declined}. */
  DECLINED("declined", ActionStatus.REJECTED),
  /** {@code unremediated}: tried, not done. */
  UNREMEDIATED("unremediated", ActionStatus.FAILED),
  /** {@code none}: no remediation. Not applicable. */
  NONE("none", null),
  /** {@code prevented}: protection stopped it. Not applicable. */
  PREVENTED("prevented", null),
  /** {@code blocked}: protection blocked it. Not applicable. */
  BLOCKED("blocked", null),
  /** {@code notFound}: the entity was gone. Not applicable. */
  NOT_FOUND("notFound", null),
  /** {@code active}: still active, nothing done. Not applicable. */
  ACTIVE("active", null),
  /** {@code partiallyRemediated}: a status across several actions. Not applicable. */
  PARTIALLY_REMEDIATED("partiallyRemediated", null),
  /** {@code unknownFutureValue}. Not applicable. */
  UNKNOWN_FUTURE_VALUE("unknownFutureValue", null);

  private final String graphName;
  private final @Nullable ActionStatus status;

  EvidenceRemediationStatus(String graphName, @Nullable ActionStatus status) {
    this.graphName = graphName;
    this.status = status;
  }

  /** {@return the name Graph gives this status} */
  public String graphName() {
    return graphName;
  }

  /**
   * {@return the status of the Parry action this maps to, or empty where it is not applicable
   * (core/DOMAIN.md D31a)}
   */
  public Optional<ActionStatus> actionStatus() {
    return Optional.ofNullable(status);
  }

  /**
   * {@return the status Graph calls {@code name}}
   *
   * @param name Graph's value, such as {@code notFound}
   * @throws InvalidInputException if Graph has no such status
   */
  public static EvidenceRemediationStatus fromGraph(String name) {
    Checks.notNull(name, "name");
    if (name.equals("notRemediated")) { // the alertEvidence reference spells it so on some pages
      return UNREMEDIATED;
    }
    for (EvidenceRemediationStatus value : values()) {
      if (value.graphName.equals(name)) {
        return value;
      }
    }
    throw new InvalidInputException(
        "name",
        name,
        "remediationStatus is not one of Graph's, was: " + dev.parry.core.internal.Text.show(name));
  }
}
