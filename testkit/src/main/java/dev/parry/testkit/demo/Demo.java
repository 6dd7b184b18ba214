package dev.parry.testkit.demo;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.PrincipalName;
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
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.defender.AlertImport;
import dev.parry.spi.defender.DefenderAlerts;
import dev.parry.spi.defender.Unmapped;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The demo: plays the seed scenarios end to end on the fake backends with a virtual clock, then
 * prints the action center (pending and history) and each investigation's final status.
 */
public final class Demo {

  private static final Device WORKSTATION =
      new Device(
          DeviceId.of("d-ws-042"), DeviceName.of("ws-042"), null, Set.of(), OsPlatform.WINDOWS);
  private static final Device LAPTOP =
      new Device(
          DeviceId.of("d-ws-077"), DeviceName.of("ws-077"), null, Set.of(), OsPlatform.WINDOWS);
  private static final Device SERVER =
      new Device(
          DeviceId.of("d-sql-01"),
          DeviceName.of("sql-01"),
          null,
          Set.of(),
          OsPlatform.WINDOWS_SERVER);
  private static final Sha256 TROJAN =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  /** A Graph security alert with its evidence, in the documented shape. */
  private static final String GRAPH_ALERT =
      """
      {"@odata.type": "#microsoft.graph.security.alert", "id": "da638300112233445566_1122334455",
       "title": "Suspicious DLL dropped", "threatDisplayName": "Trojan:Win32/Dll.Sideload",
       "createdDateTime": "2026-11-20T08:15:30Z",
       "evidence": [
         {"@odata.type": "#microsoft.graph.security.deviceEvidence", "verdict": "unknown", "roles": [],
          "remediationStatus": "none", "mdeDeviceId": "5c1e7b2d9a0f4e3d8c7b6a5f4e3d2c1b0a9f8e7d",
          "hostName": "", "deviceDnsName": "", "osPlatform": "Windows11", "rbacGroupName": "UnassignedGroup"},
         {"@odata.type": "#microsoft.graph.security.fileEvidence", "verdict": "malicious", "roles": [],
          "remediationStatus": "none", "mdeDeviceId": "5c1e7b2d9a0f4e3d8c7b6a5f4e3d2c1b0a9f8e7d",
          "fileDetails": {"sha1": "7b502c3a1f48c8609ae212cdfb639dee39673f5e", "sha256": null,
                          "fileName": "version.dll", "filePath": "C:\\\\Users\\\\dana\\\\AppData\\\\Local\\\\Temp"}},
         {"@odata.type": "#microsoft.graph.security.kubernetesPodEvidence", "verdict": "unknown", "roles": [],
          "remediationStatus": "none", "name": "web-1"}]}
      """;

  private final PrintStream out;
  private final List<InvestigationId> investigations = new ArrayList<>();

  private Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    play(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /** Plays the demo, printing to {@code out}. */
  static void play(PrintStream out) {
    new Demo(out).run();
  }

  /** Device groups: workstations remediate automatically, servers need approval for everything. */
  static DeviceGroups groups() {
    return DeviceGroups.of(
        AutomationLevel.FULL,
        List.of(
            DeviceGroup.of(
                DeviceGroupName.of("Servers"),
                1,
                DeviceMatch.builder().platforms(Set.of(OsPlatform.WINDOWS_SERVER)).build(),
                AutomationLevel.SEMI_ALL_FOLDERS),
            DeviceGroup.of(
                DeviceGroupName.of("Workstations"),
                2,
                DeviceMatch.builder().namePrefix("ws-").build(),
                AutomationLevel.FULL)));
  }

  void run() {
    AtomicInteger manual = new AtomicInteger();
    try (ParryHarness harness =
        ParryHarness.create(
            builder ->
                builder
                    .deviceGroups(groups())
                    .manualInvestigationIds(
                        () -> InvestigationId.of("manual-" + manual.incrementAndGet())))) {
      ParryRuntime parry = harness.runtime();
      out.println(
          "Parry demo: automated investigation and response on fake backends, virtual clock at "
              + harness.clock().instant());
      out.println();

      step(
          "1. Malicious file on a workstation (group Workstations, Full): quarantined automatically");
      InvestigationId inv1 = open(parry, "inv-1-trojan", WORKSTATION);
      DeviceFile file =
          DeviceFile.onDevice(
              TROJAN,
              WORKSTATION.id(),
              WindowsPath.of("C:\\Users\\alice\\Downloads\\invoice.pdf.exe"));
      parry.reportEvidence(
          inv1,
          Evidence.of(file, Verdict.MALICIOUS, "Trojan:Win32/Wacatac", harness.clock().instant()));
      parry.finishAnalysis(inv1, AnalysisOutcome.COMPLETED);
      harness.settle();
      out.println("   file quarantined on the device: " + harness.devices().isQuarantined(TROJAN));

      step(
          "2. Malicious process on a server (group Servers, Semi): the action waits, an analyst approves");
      InvestigationId inv2 = open(parry, "inv-2-server", SERVER);
      DeviceProcess process =
          DeviceProcess.of(
                  SERVER.id(),
                  4242,
                  harness.clock().instant().minusSeconds(90),
                  WindowsPath.of("C:\\ProgramData\\svc\\miner.exe"))
              .withCommandLine("miner.exe --pool stratum+tcp://x:3333");
      parry.reportEvidence(
          inv2, Evidence.of(process, Verdict.MALICIOUS, "CoinMiner", harness.clock().instant()));
      parry.finishAnalysis(inv2, AnalysisOutcome.COMPLETED);
      ActionRecord kill = harness.pending().get(0);
      out.println("   pending: " + kill.action().kind() + " (" + kill.reason() + ")");
      harness.advance(Duration.ofMinutes(20));
      parry.approve(kill.id(), ParryHarness.ANALYST, "confirmed miner");
      harness.settle();

      step("3. Phishing email: held for approval, then rejected by an analyst (not remediated)");
      InvestigationId inv3 = open(parry, "inv-3-phish", null);
      EmailMessage phish =
          EmailMessage.of(
              NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
              SmtpAddress.of("bob@contoso.com"));
      parry.reportEvidence(
          inv3, Evidence.of(phish, Verdict.MALICIOUS, "Phish", harness.clock().instant()));
      parry.finishAnalysis(inv3, AnalysisOutcome.COMPLETED);
      ActionRecord delete = byInvestigation(harness, inv3).get(0);
      parry.reject(delete.id(), ParryHarness.ANALYST, "internal newsletter, not phishing");
      out.println("   message still in the inbox: " + !harness.mail().isSoftDeleted(phish));

      step(
          "4. Compromised user (a suspicious verdict, the role compromised): confirmed compromised and disabled"
              + " automatically; the password reset waits, then is approved; a later report under her UPN alone adds nothing");
      InvestigationId inv4 = open(parry, "inv-4-identity", null);
      UserAccount carol =
          UserAccount.of(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
              .withUpn(UserPrincipalName.of("carol@contoso.com"));
      parry.reportEvidence(
          inv4,
          Evidence.of(carol, Verdict.SUSPICIOUS, "impossible travel", harness.clock().instant())
              .withRoles(EvidenceRole.COMPROMISED));
      parry.reportEvidence(
          inv4,
          Evidence.of(
                  UserAccount.of(UserPrincipalName.of("carol@contoso.com")),
                  Verdict.SUSPICIOUS,
                  "password spray",
                  harness.clock().instant())
              .withRoles(EvidenceRole.COMPROMISED));
      parry.finishAnalysis(inv4, AnalysisOutcome.COMPLETED);
      harness.settle();
      out.println("   account disabled: " + harness.directory().isDisabled(carol));
      ActionRecord reset =
          byInvestigation(harness, inv4).stream()
              .filter(action -> action.status() == ActionStatus.PENDING_APPROVAL)
              .findFirst()
              .orElseThrow();
      out.println("   pending: " + reset.action().kind() + " (" + reset.reason() + ")");
      parry.approve(reset.id(), ParryHarness.ANALYST, "reset before re-enabling the account");
      harness.settle();

      step(
          "5. A device beaconing to C2 (group Workstations, Full): isolating the whole device waits for an analyst,"
              + " who approves; later undone from the history");
      InvestigationId inv5 = open(parry, "inv-5-isolate", LAPTOP);
      parry.reportEvidence(
          inv5, Evidence.of(LAPTOP, Verdict.MALICIOUS, "C2 beacon", harness.clock().instant()));
      parry.finishAnalysis(inv5, AnalysisOutcome.COMPLETED);
      harness.settle();
      ActionRecord isolation = byInvestigation(harness, inv5).get(0);
      out.println("   pending: " + isolation.action().kind() + " (" + isolation.reason() + ")");
      parry.approve(isolation.id(), ParryHarness.ANALYST, "beaconing confirmed");
      harness.settle();
      out.println("   isolated: " + harness.devices().isIsolated(LAPTOP.id()));
      parry.undo(isolation.id(), ParryHarness.ANALYST, "false alarm: sanctioned pen test");
      harness.settle();
      out.println("   isolated after undo: " + harness.devices().isIsolated(LAPTOP.id()));

      step(
          "6. A suspicious file nobody looks at: expires after the clock moves 7 days (counts as rejected: not remediated)");
      InvestigationId inv6 = open(parry, "inv-6-expiry", WORKSTATION);
      DeviceFile odd =
          DeviceFile.onDevice(
              Sha256.of("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"),
              WORKSTATION.id(),
              WindowsPath.of("C:\\Tools\\odd.exe"));
      parry.reportEvidence(
          inv6, Evidence.of(odd, Verdict.SUSPICIOUS, "rare binary", harness.clock().instant()));
      parry.finishAnalysis(inv6, AnalysisOutcome.COMPLETED);
      harness.advance(Duration.ofDays(7));

      step("7. A manual action with two-step approval: one analyst asks, another approves");
      ActionRecord scan =
          parry.takeAction(
              new RunAntivirusScan(SERVER, ScanType.FULL),
              ParryHarness.ANALYST,
              "full scan after the miner",
              true);
      investigations.add(scan.id().investigation());
      out.println("   requested by " + scan.requestedBy() + ", status " + scan.status());
      parry.approve(scan.id(), ParryHarness.SECOND_ANALYST, "go ahead");
      harness.settle();
      out.println(
          "   scan run on the server: "
              + harness.devices().isInEffect(new RunAntivirusScan(SERVER, ScanType.FULL)));
      out.println(
          "   (isolation "
              + (harness.devices().isInEffect(new IsolateDevice(LAPTOP, IsolationType.FULL))
                  ? "still in effect"
                  : "lifted")
              + " on ws-077)");

      step(
          "8. A Defender alert read as Graph returns it: a file known by its SHA-1 alone, on a device Defender"
              + " names with an empty host name, quarantined automatically; the Kubernetes pod it names is listed unmapped");
      AlertImport alert = DefenderAlerts.fromGraphAlert(GRAPH_ALERT);
      InvestigationId inv8 = InvestigationId.of("inv-8-defender");
      // the alert names the device by id; its tags are the inventory's (here the fake backend knows
      // none)
      parry.open(
          inv8,
          alert.alertId(),
          alert
              .deviceId()
              .map(id -> new Device(id, null, null, Set.of(), OsPlatform.WINDOWS, null, null))
              .orElse(null));
      investigations.add(inv8);
      parry.reportEvidence(inv8, alert.evidence());
      parry.finishAnalysis(inv8, AnalysisOutcome.COMPLETED);
      harness.settle();
      for (Unmapped gap : alert.unmapped()) {
        out.println(
            "   unmapped: evidence " + gap.index() + " (" + gap.type() + "): " + gap.reason());
      }
      out.println(
          "   imported: "
              + alert.evidence().size()
              + " pieces of evidence, device "
              + alert.deviceId().map(id -> id + " (Defender reports no name)").orElse("none"));

      out.println();
      printTable("ACTION CENTER: PENDING", harness, ActionQuery.pending().build());
      printTable("ACTION CENTER: HISTORY (newest first)", harness, ActionQuery.history().build());
      out.println("INVESTIGATIONS");
      out.println(
          String.format(
              "%-24s %-28s %-18s %-24s %s",
              "Investigation", "Device group", "Level", "Status", "Actions"));
      for (InvestigationId id : investigations) {
        Investigation investigation = parry.investigation(id, ParryHarness.ANALYST).orElseThrow();
        out.println(
            String.format(
                "%-24s %-28s %-18s %-24s %d",
                id,
                investigation.origin().group(),
                investigation.level(),
                investigation.status() + (investigation.isComplete() ? "" : " (open)"),
                investigation.actions().size()));
      }
    }
  }

  private InvestigationId open(ParryRuntime parry, String id, @Nullable Device device) {
    InvestigationId investigation = InvestigationId.of(id);
    parry.open(investigation, AlertId.of("alert-" + id), device);
    investigations.add(investigation);
    return investigation;
  }

  private static List<ActionRecord> byInvestigation(ParryHarness harness, InvestigationId id) {
    return harness
        .runtime()
        .actions(ActionQuery.all().investigation(id).build(), ParryHarness.ANALYST)
        .items();
  }

  private void step(String title) {
    out.println(title);
  }

  private void printTable(String title, ParryHarness harness, ActionQuery query) {
    Page<ActionRecord> page = harness.runtime().actions(query, ParryHarness.ANALYST);
    out.println(title + " (" + page.items().size() + ")");
    out.println(
        String.format(
            "%-18s %-26s %-34s %-16s %-30s %-20s %-22s %-22s %s",
            "Action",
            "Kind",
            "Target",
            "Status",
            "Source",
            "Requested by",
            "Approved by",
            "Rejected / undo by",
            "Updated"));
    for (ActionRecord action : page.items()) {
      String target = action.action().target().key().value();
      String approvers =
          action.mode() == ApprovalMode.AUTOMATIC
              ? "(automatic)"
              : action.approvers().isEmpty()
                  ? "-"
                  : String.join(
                      ", ", action.approvers().stream().map(PrincipalName::value).toList());
      String decided =
          action
              .rejection()
              .or(action::cancellation)
              .or(action::undoRequest)
              .map(step -> step.actor().toString())
              .orElse("-");
      out.println(
          String.format(
              "%-18s %-26s %-34s %-16s %-30s %-20s %-22s %-22s %s",
              action.id(),
              action.action().kind(),
              target.length() > 34 ? target.substring(0, 31) + "..." : target,
              action.status(),
              action.source(),
              action.requestedBy(),
              approvers,
              decided,
              action.updatedAt()));
    }
    out.println();
  }
}
