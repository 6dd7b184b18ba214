package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.safety.SafetyOverride;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Safety guards turn automatic actions into pending ones, with the reason, and never drop them")
class SafetyGuardsTest {

  static final DeviceGroupName LAB = DeviceGroupName.of("Lab");
  static final Device DC =
      new Device(
          DeviceId.of("d-dc-01"),
          DeviceName.of("dc-01"),
          null,
          Set.of(DeviceTag.of("tier-0")),
          OsPlatform.WINDOWS);

  final List<SafetyOverride> overrides = new ArrayList<>();
  final AtomicInteger devices = new AtomicInteger();
  ParryHarness parry =
      ParryHarness.create(
          b ->
              b.planTable(Samples.ISOLATE_AUTOMATICALLY)
                  .deviceGroups(
                      DeviceGroups.of(
                          AutomationLevel.FULL,
                          List.of(
                              new DeviceGroup(
                                  LAB,
                                  1,
                                  new DeviceMatch("lab-", null, Set.of(), Set.of()),
                                  AutomationLevel.FULL))))
                  .safetyGuards(
                      SafetyGuards.builder()
                          .limit(
                              BlastRadiusLimit.of(
                                  BlastRadiusLimit.Scope.KIND, 2, Duration.ofHours(1)))
                          .protectTag(DeviceTag.of("tier-0"))
                          .build())
                  .listener(
                      new RuntimeListener() {
                        @Override
                        public void onEvent(InvestigationEvent event) {}

                        @Override
                        public void onSafetyOverride(SafetyOverride override) {
                          overrides.add(override);
                        }
                      }));

  @AfterEach
  void close() {
    parry.close();
  }

  Device fresh(String prefix) {
    int n = devices.incrementAndGet();
    return Device.of(DeviceId.of("d-" + prefix + n), DeviceName.of(prefix + n));
  }

  ActionRecord isolate(Device device) {
    InvestigationId id = open(parry, "inv-" + device.id().value(), device);
    parry.runtime().reportEvidence(id, evidence(parry, device, Verdict.MALICIOUS));
    parry.settle();
    return parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0);
  }

  @Test
  @DisplayName(
      "blast-radius breaker: past 2 automatic isolations an hour, the third waits; an hour later it runs again")
  void breaker() {
    assertEquals(ActionStatus.SUCCEEDED, isolate(fresh("ws-")).status());
    assertEquals(ActionStatus.SUCCEEDED, isolate(fresh("ws-")).status());
    ActionRecord third = isolate(fresh("ws-"));
    assertEquals(ActionStatus.PENDING_APPROVAL, third.status());
    assertTrue(third.reason().startsWith("blast radius"), third.reason());
    parry.advance(Duration.ofHours(1));
    assertEquals(ActionStatus.SUCCEEDED, isolate(fresh("ws-")).status());
  }

  @Test
  @DisplayName(
      "protected assets always wait; a break-glass override opens them for its duration and is audited")
  void protectedAssets() {
    ActionRecord held = isolate(DC);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status());
    assertTrue(held.reason().contains("protected asset"), held.reason());
    parry
        .runtime()
        .breakGlass(ANALYST, DC.id(), Duration.ofMinutes(30), "active ransomware on the DC");
    assertEquals(1, overrides.size());
    assertEquals(SafetyOverride.Kind.BREAK_GLASS, overrides.get(0).kind());
    InvestigationId during = open(parry, "inv-dc-2", DC);
    parry
        .runtime()
        .reportEvidence(
            during,
            evidence(
                parry,
                DeviceFile.onDevice(Samples.HASH, DC.id(), WindowsPath.of("C:\\Temp\\r.exe")),
                Verdict.MALICIOUS));
    assertEquals(
        ApprovalMode.AUTOMATIC,
        parry
            .runtime()
            .investigation(during, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .mode());
    parry.advance(Duration.ofMinutes(31));
    InvestigationId after = open(parry, "inv-dc-3", DC);
    parry.runtime().reportEvidence(after, evidence(parry, DC, Verdict.MALICIOUS));
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        parry
            .runtime()
            .investigation(after, ParryHarness.ANALYST)
            .orElseThrow()
            .actions()
            .get(0)
            .status());
  }

  @Test
  @DisplayName(
      "kill switch: paused globally or per device group, automatic actions wait; resumed, they run")
  void killSwitch() {
    parry.runtime().pauseAutomation(ANALYST, null, "suspected bad signature update");
    ActionRecord paused = isolate(fresh("ws-"));
    assertEquals(ActionStatus.PENDING_APPROVAL, paused.status());
    assertTrue(paused.reason().contains("kill switch"), paused.reason());
    parry.runtime().resumeAutomation(ANALYST, null, "update rolled back");
    assertEquals(ActionStatus.SUCCEEDED, isolate(fresh("ws-")).status());
    parry.runtime().pauseAutomation(ANALYST, LAB, "lab rebuild");
    ActionRecord lab = isolate(fresh("lab-"));
    assertEquals(ActionStatus.PENDING_APPROVAL, lab.status());
    assertTrue(lab.reason().contains("'Lab'"), lab.reason());
    assertEquals(3, overrides.size());
  }

  @Test
  @DisplayName(
      "an investigation keeps the group and device it opened with: after a restart the same guards apply")
  void originSurvivesRestart() {
    Device lab = fresh("lab-");
    InvestigationId inLab = open(parry, "inv-origin-lab", lab);
    InvestigationId onDc = open(parry, "inv-origin-dc", DC);
    parry.restart();
    parry.runtime().pauseAutomation(ANALYST, LAB, "lab rebuild");
    parry.runtime().reportEvidence(inLab, evidence(parry, lab, Verdict.MALICIOUS));
    ActionRecord paused =
        parry.runtime().investigation(inLab, ParryHarness.ANALYST).orElseThrow().actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, paused.status());
    assertTrue(paused.reason().contains("'Lab'"), paused.reason());
    parry
        .runtime()
        .reportEvidence(
            onDc,
            evidence(
                parry,
                DeviceFile.onDevice(Samples.HASH, DC.id(), WindowsPath.of("C:\\Temp\\r.exe")),
                Verdict.MALICIOUS));
    ActionRecord file =
        parry.runtime().investigation(onDc, ParryHarness.ANALYST).orElseThrow().actions().get(0);
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        file.status(),
        "a file on the alert's tier-0 device is protected");
    assertTrue(file.reason().contains("protected tag"), file.reason());
  }

  @Test
  @DisplayName(
      "dry run: the plan with the guards' reasons, nothing stored, no breaker capacity used")
  void dryRun() {
    InvestigationId id = open(parry, "inv-dry", DC);
    int events = parry.runtime().history(id, ParryHarness.ANALYST).size();
    RemediationPlan plan = parry.runtime().dryRun(id, evidence(parry, DC, Verdict.MALICIOUS));
    assertEquals(ApprovalMode.REQUIRES_APPROVAL, plan.actions().get(0).mode());
    assertTrue(plan.actions().get(0).reason().contains("protected asset"));
    assertEquals(
        events,
        parry.runtime().history(id, ParryHarness.ANALYST).size(),
        "a dry run stores nothing");
    InvestigationId other = open(parry, "inv-dry-2", WS);
    for (int i = 0; i < 5; i++) {
      assertEquals(
          ApprovalMode.AUTOMATIC,
          parry
              .runtime()
              .dryRun(other, evidence(parry, WS, Verdict.MALICIOUS))
              .actions()
              .get(0)
              .mode(),
          "dry runs do not use up the blast radius");
    }
  }

  static final Device WS = Device.of(DeviceId.of("d-ws-dry"), DeviceName.of("ws-dry"));

  @Test
  @DisplayName(
      "only Security Administrators manage the guards; a denial is typed and changes nothing")
  void authorization() {
    Caller remediator = Caller.of("r@contoso.com", Permission.ACTIVE_REMEDIATION);
    assertThrows(
        AccessDeniedException.class, () -> parry.runtime().pauseAutomation(remediator, null, "x"));
    assertThrows(
        AccessDeniedException.class,
        () -> parry.runtime().breakGlass(remediator, DC.id(), Duration.ofMinutes(5), "x"));
    assertTrue(overrides.isEmpty());
    assertEquals(ActionStatus.SUCCEEDED, isolate(fresh("ws-")).status());
    assertThrows(
        InvalidInputException.class,
        () -> parry.runtime().breakGlass(ANALYST, DC.id(), Duration.ZERO, "x"));
  }
}
