package dev.parry.core.investigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName(
    "Defender's investigation states and Graph's per-evidence remediation statuses map as core/DOMAIN.md D31 and D31a say")
class DefenderStatusMappingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Queued, QUEUED",
    "Running, RUNNING",
    "PendingApproval, PENDING_APPROVAL",
    "PendingResource, PENDING_RESOURCE",
    "SuccessfullyRemediated, REMEDIATED",
    "PartiallyRemediated, PARTIALLY_REMEDIATED",
    "Benign, NO_THREATS_FOUND",
    "Failed, FAILED",
    "PartiallyInvestigated, PARTIALLY_INVESTIGATED",
    "TerminatedByUser, TERMINATED_BY_USER",
    "TerminatedBySystem, TERMINATED_BY_SYSTEM",
    "UnsupportedAlertType, UNSUPPORTED_ALERT_TYPE",
    "InnerFailure, FAILED",
    "Terminated, TERMINATED_BY_SYSTEM",
    "UnsupportedOs, n/a",
    "SuppressedAlert, n/a",
    "PreexistingAlert, n/a",
    "Unknown, n/a",
    "unknownFutureValue, n/a"
  })
  @DisplayName("each investigation state, row by row")
  void investigationStates(String api, String parry) {
    DefenderInvestigationState state = DefenderInvestigationState.fromApi(api);
    assertEquals(parry, state.parryStatus().map(Enum::name).orElse("n/a"));
    assertEquals(
        state,
        DefenderInvestigationState.fromApi(Character.toLowerCase(api.charAt(0)) + api.substring(1)),
        "Graph's camel case names the same state");
  }

  @Test
  @DisplayName("the rows cover every state of the API and of Graph, and nothing else")
  void everyState() {
    Set<String> api =
        Set.of(
            "Unknown",
            "Terminated",
            "SuccessfullyRemediated",
            "Benign",
            "Failed",
            "PartiallyRemediated",
            "Running",
            "PendingApproval",
            "PendingResource",
            "PartiallyInvestigated",
            "TerminatedByUser",
            "TerminatedBySystem",
            "Queued",
            "InnerFailure",
            "PreexistingAlert",
            "UnsupportedOs",
            "UnsupportedAlertType",
            "SuppressedAlert",
            "UnknownFutureValue");
    assertEquals(
        api,
        Arrays.stream(DefenderInvestigationState.values())
            .map(DefenderInvestigationState::apiName)
            .collect(Collectors.toSet()));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> DefenderInvestigationState.fromApi("Exploded"));
    assertTrue(e.getMessage().contains("'Exploded'"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "pendingApproval, PENDING_APPROVAL",
    "running, IN_PROGRESS",
    "remediated, SUCCEEDED",
    "declined, REJECTED",
    "unremediated, FAILED",
    "none, n/a",
    "prevented, n/a",
    "blocked, n/a",
    "notFound, n/a",
    "active, n/a",
    "partiallyRemediated, n/a",
    "unknownFutureValue, n/a"
  })
  @DisplayName("each per-evidence remediation status, row by row")
  void remediationStatuses(String graph, String parry) {
    assertEquals(
        parry,
        EvidenceRemediationStatus.fromGraph(graph).actionStatus().map(Enum::name).orElse("n/a"));
  }

  @Test
  @DisplayName("the rows cover every remediation status Graph defines")
  void everyRemediationStatus() {
    assertEquals(
        Set.of(
            "none",
            "remediated",
            "prevented",
            "blocked",
            "notFound",
            "unknownFutureValue",
            "active",
            "pendingApproval",
            "declined",
            "unremediated",
            "running",
            "partiallyRemediated"),
        Arrays.stream(EvidenceRemediationStatus.values())
            .map(EvidenceRemediationStatus::graphName)
            .collect(Collectors.toSet()));
    assertThrows(
        InvalidInputException.class, () -> EvidenceRemediationStatus.fromGraph("Remediated"));
  }
}
