package dev.parry.testkit.runtime;

import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.PROCESS;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.ExecutorConfigurationException;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.time.TestClock;
import dev.parry.testkit.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Planning in the runtime: device groups govern devices only; kinds without an executor wait")
class PlanningTest {

  static List<String> described(Investigation investigation) {
    List<String> out = new ArrayList<>();
    for (ActionRecord action : investigation.actions()) {
      out.add(action.action().kind() + " " + action.mode() + " " + action.status());
    }
    return out;
  }

  @Nested
  @DisplayName("Email and identity automation are configured apart from device groups")
  class FamilyAutomation {

    @Test
    @DisplayName(
        "with ungrouped devices at no automated response, email and identity investigations still open and plan")
    void ungroupedOff() {
      try (ParryHarness parry =
          ParryHarness.create(
              b ->
                  b.deviceGroups(
                      DeviceGroups.of(AutomationLevel.NO_AUTOMATED_RESPONSE, List.of())))) {
        InvestigationId phish = Samples.open(parry, "inv-phish", null);
        parry.runtime().reportEvidence(phish, evidence(parry, MESSAGE, Verdict.MALICIOUS));
        assertEquals(
            List.of("SOFT_DELETE_EMAIL REQUIRES_APPROVAL PENDING_APPROVAL"),
            described(parry.runtime().investigation(phish, ParryHarness.ANALYST).orElseThrow()));
        InvestigationId identity = Samples.open(parry, "inv-identity", null);
        parry
            .runtime()
            .reportEvidence(
                identity,
                evidence(parry, USER, Verdict.MALICIOUS).withRoles(EvidenceRole.COMPROMISED));
        parry.settle();
        assertTrue(
            parry.directory().isDisabled(USER), "a compromised user is disabled automatically");
        parry.runtime().reportEvidence(identity, evidence(parry, Samples.FILE, Verdict.MALICIOUS));
        assertEquals(
            3,
            parry
                .runtime()
                .investigation(identity, ParryHarness.ANALYST)
                .orElseThrow()
                .actions()
                .size(),
            "device evidence with no device group to go by plans at the ungrouped devices' level: nothing");
        assertThrows(
            InvestigationRefusedException.class,
            () -> Samples.open(parry, "inv-device", WORKSTATION),
            "an alert about a device in a group with no automated response is still refused");
      }
    }

    @Test
    @DisplayName(
        "email automation FULL runs email remediation automatically; identity automation SEMI holds users")
    void configured() {
      try (ParryHarness parry =
          ParryHarness.create(
              b ->
                  b.emailAutomation(AutomationLevel.FULL)
                      .identityAutomation(AutomationLevel.SEMI_ALL_FOLDERS))) {
        InvestigationId id = Samples.open(parry, "inv-both", null);
        parry.runtime().reportEvidence(id, evidence(parry, MESSAGE, Verdict.MALICIOUS));
        parry
            .runtime()
            .reportEvidence(
                id, evidence(parry, USER, Verdict.MALICIOUS).withRoles(EvidenceRole.COMPROMISED));
        parry.settle();
        assertEquals(
            List.of(
                "SOFT_DELETE_EMAIL AUTOMATIC SUCCEEDED",
                "MARK_USER_COMPROMISED REQUIRES_APPROVAL PENDING_APPROVAL",
                "DISABLE_USER REQUIRES_APPROVAL PENDING_APPROVAL",
                "RESET_PASSWORD REQUIRES_APPROVAL PENDING_APPROVAL"),
            described(parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow()));
        assertTrue(parry.mail().isSoftDeleted(MESSAGE));
      }
    }

    @Test
    @DisplayName("the builder refuses a folder level for email or identities, naming it")
    void folderLevels() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> ParryRuntime.builder().emailAutomation(AutomationLevel.SEMI_CORE_FOLDERS));
      assertEquals(
          "emailAutomation must be FULL, SEMI_ALL_FOLDERS or NO_AUTOMATED_RESPONSE (folder levels judge file"
              + " paths on devices), was: SEMI_CORE_FOLDERS",
          e.getMessage());
      assertThrows(
          InvalidInputException.class,
          () -> ParryRuntime.builder().identityAutomation(AutomationLevel.SEMI_NON_TEMP_FOLDERS));
    }
  }

  /** A device executor that runs only what its vendor supports: quarantine and its undo. */
  static DeviceActionExecutor quarantineOnly(FakeDevices devices) {
    ActionExecutor all = devices.executor();
    return new DeviceActionExecutor() {
      @Override
      public Set<ActionKind> supportedKinds() {
        return EnumSet.of(ActionKind.QUARANTINE_FILE, ActionKind.RESTORE_FILE);
      }

      @Override
      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return all.execute(request);
      }

      @Override
      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return all.status(request, reference);
      }
    };
  }

  @Nested
  @DisplayName("Kinds without an executor")
  class WithoutExecutor {

    final TestClock clock = TestClock.create();
    final VirtualScheduler scheduler = VirtualScheduler.on(clock);
    final FakeDevices devices = FakeDevices.create(clock, scheduler);

    /**
     * A runtime whose only executor is a device vendor that quarantines files, and no email or
     * identity executor.
     */
    ParryRuntime partial() {
      ParryRuntime runtime =
          ParryRuntime.builder()
              .clock(clock)
              .scheduler(scheduler)
              .executor("vendor", quarantineOnly(devices))
              .requiredKinds(EnumSet.of(ActionKind.QUARANTINE_FILE, ActionKind.RESTORE_FILE))
              .build();
      runtime.start();
      return runtime;
    }

    @Test
    @DisplayName(
        "are planned pending approval with the reason 'no executor for KIND', and the investigation does not fail")
    void pending() {
      try (ParryRuntime runtime = partial()) {
        InvestigationId id = InvestigationId.of("inv-partial");
        runtime.open(id, AlertId.of("alert"), WORKSTATION);
        DeviceProcess process =
            DeviceProcess.of(
                WORKSTATION.id(),
                7,
                java.util.Objects.requireNonNull(PROCESS.creationTime()),
                PROCESS.imagePath());
        assertEquals(
            "no executor for KILL_PROCESS",
            runtime
                .dryRun(id, Evidence.of(process, Verdict.MALICIOUS, "", clock.instant()))
                .actions()
                .get(0)
                .reason());
        runtime.reportEvidence(id, Evidence.of(process, Verdict.MALICIOUS, "", clock.instant()));
        runtime.reportEvidence(
            id, Evidence.of(Samples.FILE, Verdict.MALICIOUS, "", clock.instant()));
        scheduler.runDue();
        Investigation investigation = runtime.investigation(id, ParryHarness.ANALYST).orElseThrow();
        assertEquals(
            List.of(
                "KILL_PROCESS REQUIRES_APPROVAL PENDING_APPROVAL",
                "QUARANTINE_FILE AUTOMATIC SUCCEEDED"),
            described(investigation));
        ActionRecord kill = investigation.actions().get(0);
        assertEquals("no executor for KILL_PROCESS", kill.reason());
        CommandRejectedException refused =
            assertThrows(
                CommandRejectedException.class,
                () -> runtime.approve(kill.id(), ParryHarness.ANALYST, "go"));
        assertEquals(RejectionReason.NOT_EXECUTABLE, refused.reason());
        assertEquals(409, refused.category().httpStatus(), "a state the request meets: a conflict");
        assertTrue(
            refused
                .getMessage()
                .contains("no executor for KILL_PROCESS: take the action outside Parry"),
            refused.getMessage());
        dev.parry.runtime.InvalidCommandException unsupported =
            assertThrows(
                dev.parry.runtime.InvalidCommandException.class,
                () ->
                    runtime.takeAction(
                        new dev.parry.core.action.KillProcess(process),
                        ParryHarness.ANALYST,
                        "by hand",
                        false));
        assertEquals("action", unsupported.field(), unsupported.getMessage());
        assertEquals("KILL_PROCESS", unsupported.value().orElseThrow());
        assertEquals(
            400, unsupported.category().httpStatus(), "a request this runtime never takes");
        assertEquals(RejectionReason.INVALID_ARGUMENT, unsupported.reason());
        runtime.reject(kill.id(), ParryHarness.ANALYST, "killed by hand on the host");
        runtime.finishAnalysis(id, AnalysisOutcome.COMPLETED);
        scheduler.runDue();
        Investigation after = runtime.investigation(id, ParryHarness.ANALYST).orElseThrow();
        assertTrue(after.isComplete(), after::toString);
        assertTrue(after.status() != InvestigationStatus.FAILED, after.status()::toString);
        assertEquals(1, devices.calls().size(), "only the quarantine was sent: " + devices.calls());
      }
    }

    @Test
    @DisplayName(
        "a family with no executor at all: a compromised user's actions all wait, never automatic")
    void wholeFamily() {
      try (ParryRuntime runtime = partial()) {
        InvestigationId id = InvestigationId.of("inv-user");
        runtime.open(id, AlertId.of("alert"), null);
        runtime.reportEvidence(
            id,
            Evidence.of(USER, Verdict.MALICIOUS, "", clock.instant())
                .withRoles(EvidenceRole.COMPROMISED));
        runtime.reportEvidence(id, Evidence.of(MESSAGE, Verdict.MALICIOUS, "", clock.instant()));
        scheduler.runDue();
        List<ActionRecord> actions =
            runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions();
        assertEquals(
            List.of(
                "no executor for MARK_USER_COMPROMISED",
                "no executor for DISABLE_USER",
                "no executor for RESET_PASSWORD",
                "no executor for SOFT_DELETE_EMAIL"),
            actions.stream().map(ActionRecord::reason).toList());
        actions.forEach(a -> assertEquals(ActionStatus.PENDING_APPROVAL, a.status()));
      }
    }

    @Test
    @DisplayName("the builder's error for a missing kind names requiredKinds as the fix")
    void builderNamesTheFix() {
      ExecutorConfigurationException e =
          assertThrows(
              ExecutorConfigurationException.class,
              () ->
                  ParryRuntime.builder()
                      .clock(clock)
                      .executor("vendor", quarantineOnly(devices))
                      .build());
      assertTrue(
          e.getMessage().contains("no executor for [BLOCK_URL, DISABLE_DRIVER"), e.getMessage());
      assertTrue(
          e.getMessage().contains("narrow requiredKinds(...) on the builder"), e.getMessage());
    }
  }
}
