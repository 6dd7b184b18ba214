package dev.parry.core.investigation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every state of a Defender for Endpoint investigation (the investigation API's {@code state},
 * Graph's {@code investigationState}), with the Parry status it maps to, or none where it does not
 * apply. The table, with the reason for each row, is core/DOMAIN.md D31.
 *
 * <pre>{@code
 * Optional<InvestigationStatus> status = DefenderInvestigationState.fromApi("Benign").parryStatus(); // NO_THREATS_FOUND
 * }</pre>
 */
public enum DefenderInvestigationState {
  /** {@code Queued}. */
  QUEUED("Queued", InvestigationStatus.QUEUED),
  /** {@code Running}. */
  RUNNING("Running", InvestigationStatus.RUNNING),
  /** {@code PendingApproval}. */
  PENDING_APPROVAL("PendingApproval", InvestigationStatus.PENDING_APPROVAL),
  /** {@code PendingResource}. */
  PENDING_RESOURCE("PendingResource", InvestigationStatus.PENDING_RESOURCE),
  /** {@code SuccessfullyRemediated}. */
  SUCCESSFULLY_REMEDIATED("SuccessfullyRemediated", InvestigationStatus.REMEDIATED),
  /** {@code PartiallyRemediated}. */
  PARTIALLY_REMEDIATED("PartiallyRemediated", InvestigationStatus.PARTIALLY_REMEDIATED),
  /** {@code Benign}: no threats found. */
  BENIGN("Benign", InvestigationStatus.NO_THREATS_FOUND),
  /** {@code Failed}. */
  FAILED("Failed", InvestigationStatus.FAILED),
  /** {@code PartiallyInvestigated}. */
  PARTIALLY_INVESTIGATED("PartiallyInvestigated", InvestigationStatus.PARTIALLY_INVESTIGATED),
  /** {@code TerminatedByUser}. */
  TERMINATED_BY_USER("TerminatedByUser", InvestigationStatus.TERMINATED_BY_USER),
  /** {@code TerminatedBySystem}. */
  TERMINATED_BY_SYSTEM("TerminatedBySystem", InvestigationStatus.TERMINATED_BY_SYSTEM),
  /** {@code UnsupportedAlertType}. */
  UNSUPPORTED_ALERT_TYPE("UnsupportedAlertType", InvestigationStatus.UNSUPPORTED_ALERT_TYPE),
  /** {@code InnerFailure}: a failure inside Defender's analysis, read as a failed analysis. */
  INNER_FAILURE("InnerFailure", InvestigationStatus.FAILED),
  /** {@code Terminated}, by whom unsaid: read as terminated by the system. */
  TERMINATED("Terminated", InvestigationStatus.TERMINATED_BY_SYSTEM),
  /** {@code UnsupportedOs}: no investigation ran. Not applicable. */
  UNSUPPORTED_OS("UnsupportedOs", null),
  /** {@code SuppressedAlert}: no investigation ran. Not applicable. */
  SUPPRESSED_ALERT("SuppressedAlert", null),
  /** {@code PreexistingAlert}: the alert joined a running investigation. Not applicable. */
  PREEXISTING_ALERT("PreexistingAlert", null),
  /** {@code Unknown}. Not applicable: Parry derives its own status. */
  UNKNOWN("Unknown", null),
  /** Graph's {@code unknownFutureValue}, never a state. Not applicable. */
  UNKNOWN_FUTURE_VALUE("UnknownFutureValue", null);

  private final String apiName;
  private final @Nullable InvestigationStatus status;

  DefenderInvestigationState(String apiName, @Nullable InvestigationStatus status) {
    this.apiName = apiName;
    this.status = status;
  }

  /** {@return the name the investigation API gives this state} */
  public String apiName() {
    return apiName;
  }

  /**
   * {@return the Parry status this state maps to, or empty where it is not applicable
   * (core/DOMAIN.md D31)}
   */
  public Optional<InvestigationStatus> parryStatus() {
    return Optional.ofNullable(status);
  }

  /**
   * {@return the state the API or Graph calls {@code name}}, compared without regard to case
   * ({@code SuccessfullyRemediated} and Graph's {@code successfullyRemediated} are one state)
   *
   * @param name the state's name
   * @throws InvalidInputException if no state has that name
   */
  public static DefenderInvestigationState fromApi(String name) {
    Checks.notNull(name, "name");
    for (DefenderInvestigationState state : values()) {
      if (state.apiName.equalsIgnoreCase(name)) {
        return state;
      }
    }
    throw new InvalidInputException(
        "name",
        name,
        "investigation state is not one of Defender's, was: "
            + dev.parry.core.internal.Text.show(name));
  }
}
