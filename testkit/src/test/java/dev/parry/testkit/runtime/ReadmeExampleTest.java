package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.automation.DeviceMatch;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's quick start runs as written, on real threads, from alert to remediated")
class ReadmeExampleTest {

  @Test
  @DisplayName(
      "three executors wired, an automatic quarantine and an approved isolation, both investigations remediated")
  void quickStart() throws InterruptedException {
    Clock clock = Clock.systemUTC();
    DeviceGroup serversGroup =
        new DeviceGroup(
            DeviceGroupName.of("Servers"),
            1,
            new DeviceMatch(null, null, Set.of(), Set.of(OsPlatform.WINDOWS_SERVER)),
            AutomationLevel.SEMI_ALL_FOLDERS);
    try (ParryRuntime parry =
        ParryRuntime.builder()
            .executor("edr", FakeDevices.create(clock).executor())
            .executor("mail", FakeMail.create(clock).executor())
            .executor("directory", FakeDirectory.create(clock).executor())
            .deviceGroups(DeviceGroups.of(AutomationLevel.FULL, List.of(serversGroup)))
            .scheduler(TaskScheduler.threadPool(2))
            .build()) {
      parry.start();

      InvestigationId id = InvestigationId.of("inv-2026-0001");
      Device device = Device.of(DeviceId.of("a3f7c19e"), DeviceName.of("ws-042"));
      parry.open(id, AlertId.of("da637851"), device);
      DeviceFile file =
          DeviceFile.onDevice(
              Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
              device.id(),
              WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe"));
      parry.reportEvidence(
          id, Evidence.of(file, Verdict.MALICIOUS, "Trojan:Win32/Wacatac", Instant.now()));
      parry.finishAnalysis(id, AnalysisOutcome.COMPLETED);

      InvestigationId server = InvestigationId.of("inv-2026-0002");
      Device sql =
          new Device(
              DeviceId.of("b81c"),
              DeviceName.of("sql-01"),
              null,
              Set.of(),
              OsPlatform.WINDOWS_SERVER);
      parry.open(server, AlertId.of("da637852"), sql);
      parry.reportEvidence(server, Evidence.of(sql, Verdict.MALICIOUS, "C2 beacon", Instant.now()));
      parry.finishAnalysis(server, AnalysisOutcome.COMPLETED);

      Caller alice = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);
      Page<ActionRecord> pending = parry.actions(ActionQuery.pending().limit(50).build(), alice);
      assertEquals(1, pending.items().size());
      parry.approve(pending.items().get(0).id(), alice, "confirmed with the user");

      awaitStatus(parry, id, InvestigationStatus.REMEDIATED);
      awaitStatus(parry, server, InvestigationStatus.REMEDIATED);
    }
  }

  /** Real threads: poll the store, bounded, as a caller of the asynchronous runtime would. */
  static void awaitStatus(ParryRuntime parry, InvestigationId id, InvestigationStatus expected)
      throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(20));
    while (parry.investigation(id, ParryHarness.ANALYST).orElseThrow().status() != expected
        && Instant.now().isBefore(end)) {
      Thread.sleep(5);
    }
    assertEquals(expected, parry.investigation(id, ParryHarness.ANALYST).orElseThrow().status());
  }
}
