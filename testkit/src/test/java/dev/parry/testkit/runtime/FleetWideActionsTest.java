package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Protected assets by any route: a protected device receives no automatic action, whether the
 * action names it or reaches it through a fleet-wide target (a file known by its hash alone).
 */
@DisplayName("A protected device receives no automatic action, named or reached fleet-wide")
class FleetWideActionsTest {

  static final DeviceTag TIER_0 = DeviceTag.of("tier-0");

  /** A domain controller protected by its id. */
  static final Device DC =
      new Device(
          DeviceId.of("d-dc-01"),
          DeviceName.of("dc-01"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);

  /** A domain controller protected by its tag. */
  static final Device TAGGED_DC =
      new Device(
          DeviceId.of("d-dc-02"),
          DeviceName.of("dc-02"),
          null,
          Set.of(TIER_0),
          OsPlatform.WINDOWS_SERVER);

  static final Device WS = Device.of(DeviceId.of("d-ws-01"), DeviceName.of("ws-01"));
  static final Sha256 OTHER_HASH =
      Sha256.of("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");
  static final String FLEET_REASON =
      "fleet-wide action would reach protected devices: approval required";

  static final SafetyGuards GUARDS =
      SafetyGuards.builder().protectDevice(DC.id()).protectTag(TIER_0).build();

  final List<ParryHarness> harnesses = new ArrayList<>();

  ParryHarness harness(SafetyGuards guards) {
    ParryHarness parry = ParryHarness.create(b -> b.safetyGuards(guards));
    enroll(parry);
    harnesses.add(parry);
    return parry;
  }

  static void enroll(ParryHarness parry) {
    parry.devices().enroll(DC).enroll(TAGGED_DC).enroll(WS);
  }

  @AfterEach
  void close() {
    harnesses.forEach(ParryHarness::close);
  }

  /** The alert is on {@code dc}; its evidence names the DC and a file known by its hash alone. */
  static InvestigationId alertOn(ParryHarness parry, String id, Device dc, Sha256 hash) {
    InvestigationId investigation = open(parry, id, dc);
    parry
        .runtime()
        .reportEvidence(
            investigation,
            List.of(
                evidence(parry, dc, Verdict.MALICIOUS),
                evidence(parry, Samples.anywhere(hash), Verdict.MALICIOUS)));
    parry.settle();
    return investigation;
  }

  static ActionRecord action(ParryHarness parry, InvestigationId id, ActionKind kind) {
    return parry.runtime().investigation(id, ANALYST).orElseThrow().actions().stream()
        .filter(a -> a.action().kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  static List<ExecutionRequest> quarantinesSent(ParryHarness parry) {
    return parry.devices().calls().stream()
        .filter(c -> c.operation().equals("execute"))
        .map(Call::request)
        .filter(r -> r.action().kind() == ActionKind.STOP_AND_QUARANTINE_FILE)
        .toList();
  }

  @Test
  @DisplayName(
      "the finding, by id: isolating the protected DC waits, and the fleet-wide quarantine planned from the same evidence leaves it untouched")
  void findingById() {
    ParryHarness parry = harness(SafetyGuards.builder().protectDevice(DC.id()).build());
    InvestigationId id = alertOn(parry, "inv-dc-id", DC, Samples.HASH);
    ActionRecord isolation = action(parry, id, ActionKind.ISOLATE_DEVICE);
    assertEquals(ActionStatus.PENDING_APPROVAL, isolation.status());
    assertFalse(parry.devices().isIsolated(DC.id()));
    assertFalse(
        parry.devices().isQuarantinedOn(Samples.HASH, DC.id()),
        "the fleet-wide quarantine reached the DC");
    assertTrue(
        parry.devices().isQuarantinedOn(Samples.HASH, WS.id()),
        "the rest of the fleet is remediated");
  }

  @Test
  @DisplayName(
      "the finding, by tag: a fleet-wide quarantine leaves every device carrying a protected tag untouched")
  void findingByTag() {
    ParryHarness parry = harness(SafetyGuards.builder().protectTag(TIER_0).build());
    InvestigationId id = alertOn(parry, "inv-dc-tag", TAGGED_DC, Samples.HASH);
    assertEquals(
        ActionStatus.PENDING_APPROVAL, action(parry, id, ActionKind.ISOLATE_DEVICE).status());
    assertFalse(
        parry.devices().isQuarantinedOn(Samples.HASH, TAGGED_DC.id()),
        "the fleet-wide quarantine reached the DC");
    assertTrue(parry.devices().isQuarantinedOn(Samples.HASH, WS.id()));
  }

  @Test
  @DisplayName(
      "an executor that does not honour exclusions gets no automatic fleet-wide action: it waits for approval, with the reason")
  void notHonouringIsHeld() {
    ParryHarness parry = harness(GUARDS);
    parry.devices().honourExclusions(false);
    InvestigationId id = alertOn(parry, "inv-held", DC, Samples.HASH);
    ActionRecord quarantine = action(parry, id, ActionKind.STOP_AND_QUARANTINE_FILE);
    assertEquals(ActionStatus.PENDING_APPROVAL, quarantine.status());
    assertEquals(FLEET_REASON, quarantine.reason());
    assertEquals(List.of(), quarantinesSent(parry));
    assertFalse(parry.devices().isQuarantinedOn(Samples.HASH, DC.id()));
    PlannedAction planned =
        parry
            .runtime()
            .dryRun(id, evidence(parry, Samples.anywhere(OTHER_HASH), Verdict.MALICIOUS))
            .actions()
            .get(0);
    assertEquals(ApprovalMode.REQUIRES_APPROVAL, planned.mode());
    assertEquals(FLEET_REASON, planned.reason(), "a dry run shows the same reason");
  }

  @Test
  @DisplayName(
      "without any protection configured, a fleet-wide action runs automatically even on an executor that does not honour exclusions")
  void noProtectionNoHold() {
    ParryHarness parry = harness(SafetyGuards.none());
    parry.devices().honourExclusions(false);
    InvestigationId id = alertOn(parry, "inv-unprotected", WS, Samples.HASH);
    assertEquals(
        ActionStatus.SUCCEEDED, action(parry, id, ActionKind.STOP_AND_QUARANTINE_FILE).status());
    assertEquals(DeviceExclusions.none(), quarantinesSent(parry).get(0).exclusions());
  }

  @Test
  @DisplayName(
      "an executor that honours exclusions gets the fleet-wide action automatically, with the protected ids and tags to leave out")
  void honouringIsDispatchedWithExclusions() {
    ParryHarness parry = harness(GUARDS);
    InvestigationId id = alertOn(parry, "inv-honoured", WS, Samples.HASH);
    ActionRecord quarantine = action(parry, id, ActionKind.STOP_AND_QUARANTINE_FILE);
    assertEquals(ApprovalMode.AUTOMATIC, quarantine.mode());
    assertEquals(ActionStatus.SUCCEEDED, quarantine.status());
    DeviceExclusions sent = quarantinesSent(parry).get(0).exclusions();
    assertEquals(DeviceExclusions.of(Set.of(DC.id()), Set.of(TIER_0), Set.of()), sent);
    assertFalse(parry.devices().isQuarantinedOn(Samples.HASH, DC.id()));
    assertFalse(parry.devices().isQuarantinedOn(Samples.HASH, TAGGED_DC.id()));
    assertTrue(parry.devices().isQuarantinedOn(Samples.HASH, WS.id()));
  }

  @Test
  @DisplayName(
      "an action on one device carries no exclusions: an approved isolation of the protected DC is not undone by them")
  void singleDeviceActionsCarryNone() {
    ParryHarness parry = harness(GUARDS);
    InvestigationId id = alertOn(parry, "inv-single", DC, Samples.HASH);
    ActionRecord approved = parry.approve(action(parry, id, ActionKind.ISOLATE_DEVICE).id());
    assertEquals(ActionStatus.SUCCEEDED, approved.status());
    assertTrue(parry.devices().isIsolated(DC.id()));
    assertTrue(
        parry.devices().calls().stream()
            .filter(c -> c.request().action().kind() == ActionKind.ISOLATE_DEVICE)
            .allMatch(c -> c.request().exclusions().isEmpty()));
  }

  @Test
  @DisplayName("a break-glass override lifts the device's exclusion until it ends")
  void breakGlassLiftsTheExclusion() {
    ParryHarness parry = harness(GUARDS);
    parry
        .runtime()
        .breakGlass(ANALYST, TAGGED_DC.id(), Duration.ofMinutes(30), "ransomware on dc-02");
    alertOn(parry, "inv-glass", WS, Samples.HASH);
    DeviceExclusions during = quarantinesSent(parry).get(0).exclusions();
    assertFalse(during.excludes(TAGGED_DC.id(), TAGGED_DC.tags()), during::toString);
    assertTrue(during.excludes(DC.id(), DC.tags()), "other protected devices stay excluded");
    assertTrue(parry.devices().isQuarantinedOn(Samples.HASH, TAGGED_DC.id()));
    assertFalse(parry.devices().isQuarantinedOn(Samples.HASH, DC.id()));
    parry.advance(Duration.ofMinutes(31));
    alertOn(parry, "inv-glass-after", WS, OTHER_HASH);
    DeviceExclusions after = quarantinesSent(parry).get(1).exclusions();
    assertTrue(after.excludes(TAGGED_DC.id(), TAGGED_DC.tags()), after::toString);
    assertFalse(parry.devices().isQuarantinedOn(OTHER_HASH, TAGGED_DC.id()));
  }

  @Test
  @DisplayName(
      "an approved fleet-wide action is sent with the exclusions too; the approver breaks glass to reach a protected device")
  void approvedIsSentWithExclusions() {
    ParryHarness parry = harness(GUARDS);
    ActionRecord taken =
        parry
            .runtime()
            .takeAction(
                new StopAndQuarantineFile(Samples.anywhere(Samples.HASH)),
                ANALYST,
                "outbreak",
                false);
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(taken.id()).status());
    assertEquals(
        DeviceExclusions.of(Set.of(DC.id()), Set.of(TIER_0), Set.of()),
        quarantinesSent(parry).get(0).exclusions());
    assertFalse(parry.devices().isQuarantinedOn(Samples.HASH, DC.id()));
    assertTrue(parry.devices().isQuarantinedOn(Samples.HASH, WS.id()));
  }

  @Test
  @DisplayName(
      "held for approval, then approved: an executor that does not honour exclusions still gets them in the request")
  void approvedAfterHoldCarriesExclusions() {
    ParryHarness parry = harness(GUARDS);
    parry.devices().honourExclusions(false);
    InvestigationId id = alertOn(parry, "inv-approved", WS, Samples.HASH);
    ActionRecord approved =
        parry.approve(action(parry, id, ActionKind.STOP_AND_QUARANTINE_FILE).id());
    assertEquals(ActionStatus.SUCCEEDED, approved.status());
    assertEquals(
        DeviceExclusions.of(Set.of(DC.id()), Set.of(TIER_0), Set.of()),
        quarantinesSent(parry).get(0).exclusions());
  }

  /**
   * Plans a fleet-wide quarantine on a runtime without protection and stops it before the dispatch
   * runs.
   */
  static ParryHarness plannedUnprotected(List<ParryHarness> harnesses) {
    ParryHarness before = ParryHarness.create(b -> {});
    harnesses.add(before);
    InvestigationId id = open(before, "inv-late", WS);
    before
        .runtime()
        .reportEvidence(id, evidence(before, Samples.anywhere(Samples.HASH), Verdict.MALICIOUS));
    ActionRecord planned = action(before, id, ActionKind.STOP_AND_QUARANTINE_FILE);
    assertEquals(ApprovalMode.AUTOMATIC, planned.mode());
    assertEquals(ActionStatus.APPROVED, planned.status(), "not dispatched yet");
    before.close();
    return before;
  }

  @Test
  @DisplayName(
      "protection configured after planning but before dispatch: an executor that does not honour exclusions has the action held at dispatch")
  void protectionAfterPlanningHoldsAtDispatch() {
    ParryHarness before = plannedUnprotected(harnesses);
    ParryHarness after = ParryHarness.onStore(before.store(), b -> b.safetyGuards(GUARDS));
    harnesses.add(after);
    enroll(after);
    after.devices().honourExclusions(false);
    after.settle();
    ActionRecord held =
        action(after, InvestigationId.of("inv-late"), ActionKind.STOP_AND_QUARANTINE_FILE);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
    assertEquals(FLEET_REASON, held.reason());
    assertTrue(
        after.events().stream()
            .anyMatch(
                e ->
                    e instanceof InvestigationEvent.ActionHeld h
                        && h.reason().equals(FLEET_REASON)));
    assertEquals(List.of(), quarantinesSent(after));
    assertFalse(after.devices().isQuarantinedOn(Samples.HASH, DC.id()));
  }

  @Test
  @DisplayName(
      "protection configured after planning but before dispatch: an executor that honours exclusions gets them at dispatch")
  void protectionAfterPlanningExcludesAtDispatch() {
    ParryHarness before = plannedUnprotected(harnesses);
    ParryHarness after = ParryHarness.onStore(before.store(), b -> b.safetyGuards(GUARDS));
    harnesses.add(after);
    enroll(after);
    after.settle();
    assertEquals(
        ActionStatus.SUCCEEDED,
        action(after, InvestigationId.of("inv-late"), ActionKind.STOP_AND_QUARANTINE_FILE)
            .status());
    assertFalse(after.devices().isQuarantinedOn(Samples.HASH, DC.id()));
    assertFalse(after.devices().isQuarantinedOn(Samples.HASH, TAGGED_DC.id()));
    assertTrue(after.devices().isQuarantinedOn(Samples.HASH, WS.id()));
  }
}
