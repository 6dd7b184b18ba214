package dev.parry.testkit.observe;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What the instrumentation tests share; free of Micrometer, so the run without it can use it. */
final class ObserveSamples {

  static final Limits LIMITS =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofHours(1));
  static final PlanTable ISOLATE_AUTOMATICALLY =
      PlanTable.defaults()
          .with(
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));
  static final Device WORKSTATION = Device.of(DeviceId.of("d-ws-1"), DeviceName.of("ws-1"));

  /** Servers need approval; the rest is Full automation. */
  static final DeviceGroups GROUPS =
      DeviceGroups.of(
          AutomationLevel.FULL,
          List.of(
              new DeviceGroup(
                  DeviceGroupName.of("Servers"),
                  1,
                  new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                  AutomationLevel.SEMI_ALL_FOLDERS)));

  private ObserveSamples() {}

  /** Isolation of a malicious device: automatic on a workstation, held for approval on a server. */
  static void configure(ParryRuntime.Builder builder) {
    builder.limits(LIMITS).planTable(ISOLATE_AUTOMATICALLY).deviceGroups(GROUPS);
  }

  static Device server(String id) {
    return new Device(
        DeviceId.of(id), DeviceName.of("srv-" + id), null, Set.of(), OsPlatform.WINDOWS_SERVER);
  }

  static ActionRecord isolate(ParryHarness on, String id, Device device) {
    InvestigationId investigation = InvestigationId.of(id);
    on.runtime().open(investigation, AlertId.of("alert-" + id), device);
    on.runtime()
        .reportEvidence(
            investigation, Evidence.of(device, Verdict.MALICIOUS, "test", on.clock().instant()));
    return on.runtime()
        .investigation(investigation, ParryHarness.ANALYST)
        .orElseThrow()
        .actions()
        .get(0);
  }

  static ActionRecord reload(ParryHarness on, ActionRecord action) {
    return on.runtime()
        .investigation(action.id().investigation(), ParryHarness.ANALYST)
        .orElseThrow()
        .action(action.id())
        .orElseThrow();
  }
}
