package dev.parry.testkit.runtime;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import java.util.List;
import java.util.Set;

/** Sample entities and helpers for runtime tests. */
final class Samples {

  static final Device WORKSTATION =
      new Device(DeviceId.of("d-ws-1"), DeviceName.of("ws-1"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device SERVER =
      new Device(
          DeviceId.of("d-srv-1"),
          DeviceName.of("srv-1"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);
  static final Device KIOSK =
      new Device(
          DeviceId.of("d-kiosk-1"), DeviceName.of("kiosk-1"), null, Set.of(), OsPlatform.OTHER);
  static final Sha256 HASH =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  static final DeviceFile FILE =
      DeviceFile.onDevice(HASH, WORKSTATION.id(), WindowsPath.of("C:\\Temp\\x.exe"));
  static final DeviceProcess PROCESS =
      DeviceProcess.of(
          SERVER.id(),
          77,
          java.time.Instant.parse("2026-03-01T08:00:00Z"),
          WindowsPath.of("C:\\Temp\\m.exe"));

  /**
   * {@return the file {@code hash} names wherever it is, with the SHA-1 stop and quarantine needs}
   */
  static DeviceFile anywhere(Sha256 hash) {
    return new DeviceFile(
        hash, dev.parry.core.entity.Sha1.of(hash.hex().substring(0, 40)), null, null);
  }

  static final EmailMessage MESSAGE =
      EmailMessage.of(
          NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
          SmtpAddress.of("bob@contoso.com"));
  static final UserAccount USER = UserAccount.of(UserPrincipalName.of("carol@contoso.com"));

  /**
   * The default plan table, except that a malicious device is isolated automatically where its
   * group allows it: for the tests of dispatch, recovery and the safety guards, which need an
   * automatic device action that can be undone. By default isolating a whole device waits for
   * approval.
   */
  static final PlanTable ISOLATE_AUTOMATICALLY =
      PlanTable.defaults()
          .with(
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));

  private Samples() {}

  /** Servers need approval for everything; kiosks get no automated response; the rest is Full. */
  static DeviceGroups groups() {
    return DeviceGroups.of(
        AutomationLevel.FULL,
        List.of(
            new DeviceGroup(
                DeviceGroupName.of("Servers"),
                1,
                new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
                AutomationLevel.SEMI_ALL_FOLDERS),
            new DeviceGroup(
                DeviceGroupName.of("Kiosks"),
                2,
                new DeviceMatch("kiosk-", null, Set.of(), Set.of()),
                AutomationLevel.NO_AUTOMATED_RESPONSE)));
  }

  static InvestigationId open(ParryHarness parry, String id, Device device) {
    InvestigationId investigation = InvestigationId.of(id);
    parry.runtime().open(investigation, AlertId.of("alert-" + id), device);
    return investigation;
  }

  static Evidence evidence(ParryHarness parry, Entity entity, Verdict verdict) {
    return Evidence.of(entity, verdict, "test", parry.clock().instant());
  }
}
