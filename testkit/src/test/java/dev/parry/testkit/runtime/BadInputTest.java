package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.PROCESS;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.IdentityProviderName;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.SuspendUserInProvider;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.ScheduledTaskPath;
import dev.parry.core.entity.SecurityIdentifier;
import dev.parry.core.entity.ServiceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.entity.WindowsService;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.RoleNotApplicableException;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.generate.HostileText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at every public entry point: each gets a typed error that names the problem, and the
 * state before and after is the same (stored events, backend effects, queued work).
 */
@DisplayName("Bad input gets a typed error naming the problem, and nothing changes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  static final String MEGABYTE = "x".repeat(1 << 20);

  ParryHarness parry;
  ParryRuntime runtime;
  InvestigationId open;
  InvestigationId complete;
  ActionRecord pending;
  ActionRecord rejected;
  ActionRecord killed;

  @BeforeAll
  void setUp() {
    parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));
    runtime = parry.runtime();
    open = open(parry, "inv-open", SERVER);
    runtime.reportEvidence(open, evidence(parry, SERVER, Verdict.MALICIOUS));
    runtime.reportEvidence(open, evidence(parry, PROCESS, Verdict.MALICIOUS));
    pending = runtime.investigation(open, ParryHarness.ANALYST).orElseThrow().actions().get(0);
    rejected = runtime.investigation(open, ParryHarness.ANALYST).orElseThrow().actions().get(1);
    runtime.reject(rejected.id(), ANALYST, "");
    InvestigationId kill = open(parry, "inv-kill", SERVER);
    runtime.reportEvidence(
        kill,
        evidence(
            parry,
            new dev.parry.core.entity.DeviceProcess(
                SERVER.id(), 9, PROCESS.imagePath(), PROCESS.creationTime(), null, null),
            Verdict.MALICIOUS));
    killed =
        runtime.approve(
            runtime.investigation(kill, ParryHarness.ANALYST).orElseThrow().actions().get(0).id(),
            ANALYST,
            "");
    complete = open(parry, "inv-done", WORKSTATION);
    runtime.finishAnalysis(complete, AnalysisOutcome.COMPLETED);
    parry.settle();
  }

  @AfterAll
  void tearDown() {
    parry.close();
  }

  record Case(String name, Class<? extends Throwable> type, String mentions, Runnable call) {
    @Override
    public String toString() {
      return name;
    }
  }

  Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    // identifiers and values built from outside
    cases.add(
        new Case(
            "null investigation id",
            InvalidInputException.class,
            "",
            () -> runtime.open(null, AlertId.of("a"), null)));
    cases.add(
        new Case(
            "empty investigation id",
            InvalidInputException.class,
            "investigationId",
            () -> InvestigationId.of("")));
    cases.add(
        new Case(
            "investigation id with CR/LF",
            InvalidInputException.class,
            "investigationId",
            () -> InvestigationId.of("inv\r\nforged")));
    cases.add(
        new Case(
            "1 MB investigation id",
            InvalidInputException.class,
            "investigationId",
            () -> InvestigationId.of(MEGABYTE)));
    cases.add(
        new Case(
            "malformed SHA-256", InvalidInputException.class, "sha256", () -> Sha256.of("abc")));
    cases.add(
        new Case(
            "malformed SMTP address",
            InvalidInputException.class,
            "smtpAddress",
            () -> SmtpAddress.of("bob@")));
    cases.add(
        new Case(
            "malformed principal name",
            InvalidInputException.class,
            "principalName",
            () -> PrincipalName.of("alice\nadmin")));
    cases.add(
        new Case(
            "posing as the system",
            InvalidInputException.class,
            "reserved",
            () -> Caller.of("System")));
    cases.add(
        new Case(
            "malformed UPN",
            InvalidInputException.class,
            "userPrincipalName",
            () -> UserPrincipalName.of("carol")));
    cases.add(
        new Case(
            "relative path",
            InvalidInputException.class,
            "windowsPath",
            () -> WindowsPath.of("temp\\x.exe")));
    cases.add(
        new Case(
            "path climbing above its root with '..'",
            InvalidInputException.class,
            "windowsPath",
            () -> WindowsPath.of("C:\\a\\..\\..\\x.exe")));
    cases.add(
        new Case(
            "compromised email",
            RoleNotApplicableException.class,
            "COMPROMISED",
            () ->
                Evidence.of(MESSAGE, Verdict.MALICIOUS, "", parry.clock().instant())
                    .withRoles(EvidenceRole.COMPROMISED)));
    cases.add(
        new Case(
            "system pseudo-identity as a user",
            InvalidInputException.class,
            "S-1-5-18",
            () -> UserAccount.of(SecurityIdentifier.of("S-1-5-18"))));
    cases.add(
        new Case(
            "1 MB evidence detail",
            InvalidInputException.class,
            "detail",
            () -> Evidence.of(SERVER, Verdict.MALICIOUS, MEGABYTE, parry.clock().instant())));
    cases.add(
        new Case(
            "file path without device",
            InvalidInputException.class,
            "device",
            () -> new DeviceFile(Samples.HASH, null, null, WindowsPath.of("C:\\x.exe"))));
    // operations
    cases.add(
        new Case(
            "duplicate investigation id",
            InvestigationRefusedException.class,
            "already exists",
            () -> runtime.open(open, AlertId.of("a"), SERVER)));
    cases.add(
        new Case(
            "no automated response group",
            InvestigationRefusedException.class,
            "NO_AUTOMATED_RESPONSE",
            () -> runtime.open(InvestigationId.of("inv-kiosk"), AlertId.of("a"), Samples.KIOSK)));
    cases.add(
        new Case(
            "evidence to an unknown investigation",
            UnknownInvestigationException.class,
            "nope",
            () ->
                runtime.reportEvidence(
                    InvestigationId.of("nope"), evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(
        new Case(
            "evidence to a complete investigation",
            CommandRejectedException.class,
            "INVESTIGATION_COMPLETE",
            () -> runtime.reportEvidence(complete, evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(
        new Case(
            "zero devices in scope",
            InvalidInputException.class,
            "devicesInScope",
            () -> runtime.reportEvidence(open, evidence(parry, SERVER, Verdict.MALICIOUS), 0)));
    cases.add(
        new Case(
            "analysis finished twice",
            CommandRejectedException.class,
            "ANALYSIS_ALREADY_FINISHED",
            () -> runtime.finishAnalysis(complete, AnalysisOutcome.PARTIAL)));
    cases.add(
        new Case(
            "approveAll naming one action twice",
            InvalidInputException.class,
            "ids[1]",
            () -> runtime.approveAll(List.of(pending.id(), pending.id()), ANALYST, "")));
    cases.add(
        new Case(
            "undoAll naming one action twice",
            InvalidInputException.class,
            "ids[1]",
            () -> runtime.undoAll(List.of(killed.id(), killed.id()), ANALYST, "x")));
    cases.add(
        new Case(
            "approve an unknown action",
            dev.parry.runtime.UnknownActionException.class,
            "no action",
            () -> runtime.approve(new ActionId(open, 99), ANALYST, "")));
    cases.add(
        new Case(
            "approve in an unknown investigation",
            UnknownInvestigationException.class,
            "ghost",
            () -> runtime.approve(new ActionId(InvestigationId.of("ghost"), 1), ANALYST, "")));
    cases.add(
        new Case(
            "approve an already rejected action",
            CommandRejectedException.class,
            "REJECTED",
            () -> runtime.approve(rejected.id(), ANALYST, "")));
    cases.add(
        new Case(
            "reject an already rejected action",
            CommandRejectedException.class,
            "ILLEGAL_TRANSITION",
            () -> runtime.reject(rejected.id(), ANALYST, "")));
    cases.add(
        new Case(
            "approve with a 1 MB comment",
            InvalidInputException.class,
            "comment",
            () -> runtime.approve(pending.id(), ANALYST, MEGABYTE)));
    cases.add(
        new Case(
            "approve with a CR/LF comment",
            InvalidInputException.class,
            "comment",
            () -> runtime.approve(pending.id(), ANALYST, "ok\r\nforged")));
    cases.add(
        new Case(
            "approve as nobody",
            InvalidInputException.class,
            "caller",
            () -> runtime.approve(pending.id(), null, "")));
    cases.add(
        new Case(
            "approve without permission",
            AccessDeniedException.class,
            "may not APPROVE",
            () -> runtime.approve(pending.id(), Caller.of("guest@contoso.com"), "")));
    cases.add(
        new Case(
            "approve no action",
            InvalidInputException.class,
            "at least one",
            () -> runtime.approveAll(List.of(), ANALYST, "")));
    cases.add(
        new Case(
            "undo an irreversible action",
            CommandRejectedException.class,
            "NOT_REVERSIBLE",
            () -> runtime.undo(killed.id(), ANALYST, "")));
    cases.add(
        new Case(
            "undo a pending action",
            CommandRejectedException.class,
            "ILLEGAL_TRANSITION",
            () -> runtime.undo(pending.id(), ANALYST, "")));
    cases.add(
        new Case(
            "cancel a pending action",
            CommandRejectedException.class,
            "ILLEGAL_TRANSITION",
            () -> runtime.cancel(pending.id(), ANALYST, "")));
    cases.add(
        new Case(
            "terminate a complete investigation",
            CommandRejectedException.class,
            "INVESTIGATION_COMPLETE",
            () -> runtime.terminate(complete, ANALYST, "")));
    cases.add(
        new Case(
            "manual action with a 1 MB comment",
            InvalidInputException.class,
            "comment",
            () ->
                runtime.takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, MEGABYTE, false)));
    cases.add(
        new Case(
            "manual action without an action",
            InvalidInputException.class,
            "action",
            () -> runtime.takeAction(null, ANALYST, "contain", false)));
    cases.add(
        new Case(
            "manual action without a comment",
            InvalidInputException.class,
            "comment",
            () ->
                runtime.takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, "", false)));
    cases.add(
        new Case(
            "false negative with a blank comment",
            InvalidInputException.class,
            "comment",
            () -> runtime.reportFalseNegative(SERVER, ANALYST, "  ")));
    cases.add(
        new Case(
            "false positive with a CR/LF comment",
            InvalidInputException.class,
            "comment",
            () -> runtime.reportFalsePositive(SERVER, ANALYST, "a\nb")));
    cases.add(
        new Case(
            "break glass for no time",
            InvalidInputException.class,
            "duration",
            () -> runtime.breakGlass(ANALYST, DeviceId.of("d"), Duration.ZERO, "x")));
    cases.add(
        new Case(
            "break glass for negative time",
            InvalidInputException.class,
            "duration",
            () -> runtime.breakGlass(ANALYST, DeviceId.of("d"), Duration.ofSeconds(-1), "x")));
    cases.add(
        new Case(
            "pause automation without a reason",
            InvalidInputException.class,
            "reason",
            () -> runtime.pauseAutomation(ANALYST, null, "")));
    cases.add(
        new Case(
            "query with a forged cursor",
            InvalidInputException.class,
            "cursor",
            () -> runtime.actions(ActionQuery.pending().cursor("1:2:../../etc").build(), ANALYST)));
    cases.add(
        new Case(
            "query page of 0",
            InvalidInputException.class,
            "limit",
            () -> ActionQuery.pending().limit(0).build()));
    cases.add(
        new Case(
            "query page of 1,001",
            InvalidInputException.class,
            "limit",
            () -> ActionQuery.pending().limit(1001).build()));
    cases.add(
        new Case(
            "negative backoff",
            InvalidInputException.class,
            "backoffBase",
            () -> Limits.defaults().withBackoff(Duration.ofSeconds(-1), Duration.ofMinutes(1))));
    cases.add(
        new Case(
            "zero attempts",
            InvalidInputException.class,
            "maxAttempts",
            () -> Limits.defaults().withMaxAttempts(0)));
    cases.add(
        new Case(
            "kill process with no process id",
            InvalidInputException.class,
            "processId",
            () ->
                new KillProcess(
                    new dev.parry.core.entity.DeviceProcess(
                        SERVER.id(), -1, PROCESS.imagePath()))));
    // operations added with the safety guards, time boxes and audit trail
    cases.add(
        new Case(
            "extend a time box by a negative amount",
            InvalidInputException.class,
            "extra",
            () -> runtime.extendTimeBox(killed.id(), Duration.ofMinutes(-5), ANALYST, "")));
    cases.add(
        new Case(
            "extend an action that has no time box",
            CommandRejectedException.class,
            "ILLEGAL_TRANSITION",
            () -> runtime.extendTimeBox(killed.id(), Duration.ofMinutes(5), ANALYST, "")));
    cases.add(
        new Case(
            "time-box an irreversible manual action",
            InvalidInputException.class,
            "KILL_PROCESS",
            () ->
                runtime.takeAction(
                    new KillProcess(PROCESS), ANALYST, "kill", false, Duration.ofHours(1))));
    cases.add(
        new Case(
            "time-box a manual action for no time",
            InvalidInputException.class,
            "timeBox",
            () ->
                runtime.takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL),
                    ANALYST,
                    "contain",
                    false,
                    Duration.ZERO)));
    cases.add(
        new Case(
            "configure a zero pending expiry",
            InvalidInputException.class,
            "ISOLATE_DEVICE",
            () ->
                ParryRuntime.builder()
                    .pendingExpiry(
                        dev.parry.core.action.ActionKind.ISOLATE_DEVICE, Duration.ZERO)));
    cases.add(
        new Case(
            "configure a negative time box",
            InvalidInputException.class,
            "ISOLATE_DEVICE",
            () ->
                ParryRuntime.builder()
                    .timeBox(
                        dev.parry.core.action.ActionKind.ISOLATE_DEVICE, Duration.ofHours(-1))));
    cases.add(
        new Case(
            "empty runtime instance name",
            InvalidInputException.class,
            "instanceName",
            () -> ParryRuntime.builder().instanceName("")));
    cases.add(
        new Case(
            "runtime instance name with CR/LF",
            InvalidInputException.class,
            "instanceName",
            () -> ParryRuntime.builder().instanceName("pod-1\r\nFAKE")));
    cases.add(
        new Case(
            "zero dispatch lease",
            InvalidInputException.class,
            "lease",
            () -> ParryRuntime.builder().dispatchLease(Duration.ZERO)));
    cases.add(
        new Case(
            "empty evidence report",
            InvalidInputException.class,
            "1-1000",
            () -> runtime.reportEvidence(open, List.of())));
    cases.add(
        new Case(
            "claim with a negative lease",
            InvalidInputException.class,
            "lease",
            () ->
                parry
                    .store()
                    .claim(
                        killed.id(), "someone", parry.clock().instant(), Duration.ofSeconds(-1))));
    cases.add(
        new Case(
            "dry run on an unknown investigation",
            UnknownInvestigationException.class,
            "nope",
            () ->
                runtime.dryRun(
                    InvestigationId.of("nope"), evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(
        new Case(
            "audit trail without permission",
            AccessDeniedException.class,
            "VIEW",
            () -> runtime.auditTrail(open, Caller.of("guest@contoso.com"))));
    cases.add(
        new Case(
            "audit verification without permission",
            AccessDeniedException.class,
            "VIEW",
            () -> runtime.verifyAuditTrail(open, Caller.of("guest@contoso.com"))));
    cases.add(
        new Case(
            "CSV export without permission",
            AccessDeniedException.class,
            "VIEW",
            () ->
                runtime.exportCsv(ActionQuery.history().build(), Caller.of("guest@contoso.com"))));
    cases.add(
        new Case(
            "pause automation without permission",
            AccessDeniedException.class,
            "MANAGE_SAFETY",
            () ->
                runtime.pauseAutomation(
                    Caller.of(
                        "guest@contoso.com", dev.parry.spi.auth.Permission.ACTIVE_REMEDIATION),
                    null,
                    "x")));
    cases.add(
        new Case(
            "false negative without permission",
            AccessDeniedException.class,
            "REQUEST_ACTION",
            () -> runtime.reportFalseNegative(SERVER, Caller.of("guest@contoso.com"), "missed")));
    return cases.stream().map(Arguments::of);
  }

  /** An entry point that takes an identifier or a principal, given the text of one. */
  record Entry(String name, String field, java.util.function.Consumer<String> call) {}

  /**
   * Every public entry point that takes an identifier or a principal, fed one built from {@code
   * text}.
   */
  List<Entry> identifierEntries() {
    Caller admin = Caller.of("admin@contoso.com", Permission.SECURITY_ADMINISTRATOR);
    return List.of(
        new Entry(
            "open an investigation",
            "investigationId",
            t -> runtime.open(InvestigationId.of("inv-" + t), AlertId.of("a"), SERVER)),
        new Entry(
            "open for an alert",
            "alertId",
            t -> runtime.open(InvestigationId.of("inv-new"), AlertId.of("a-" + t), SERVER)),
        new Entry(
            "open on a device",
            "deviceName",
            t ->
                runtime.open(
                    InvestigationId.of("inv-new"),
                    AlertId.of("a"),
                    Device.of(DeviceId.of("d-new"), DeviceName.of("ws" + t)))),
        new Entry(
            "open on a tagged device",
            "deviceTag",
            t ->
                runtime.open(
                    InvestigationId.of("inv-new"),
                    AlertId.of("a"),
                    new Device(
                        DeviceId.of("d-new"),
                        DeviceName.of("ws-new"),
                        null,
                        Set.of(DeviceTag.of("fin" + t)),
                        OsPlatform.WINDOWS))),
        new Entry(
            "open on a device in a domain",
            "domainName",
            t ->
                runtime.open(
                    InvestigationId.of("inv-new"),
                    AlertId.of("a"),
                    new Device(
                        DeviceId.of("d-new"),
                        DeviceName.of("ws-new"),
                        DomainName.of("corp" + t),
                        Set.of(),
                        OsPlatform.WINDOWS))),
        new Entry(
            "evidence on a file path",
            "windowsPath",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        DeviceFile.onDevice(
                            Samples.HASH, SERVER.id(), WindowsPath.of("C:\\Temp\\a" + t + ".exe")),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a service",
            "serviceName",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        new WindowsService(SERVER.id(), ServiceName.of("Upd" + t), null),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a registry key",
            "registryKeyPath",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        new RegistryKey(SERVER.id(), RegistryKeyPath.of("HKLM\\Software\\Run" + t)),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a scheduled task",
            "scheduledTaskPath",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        new ScheduledTask(SERVER.id(), ScheduledTaskPath.of("\\Upd" + t)),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on an attachment",
            "fileName",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        new EmailAttachment(
                            Samples.HASH, FileName.of("invoice" + t + ".pdf"), MESSAGE),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a message",
            "networkMessageId",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        EmailMessage.of(
                            NetworkMessageId.of("0f8fad5b-d9cb-469f-" + t + "a165-70867728950e"),
                            SmtpAddress.of("bob@contoso.com")),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a mailbox",
            "smtpAddress",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        Mailbox.of(SmtpAddress.of("bob" + t + "@contoso.com")),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a cluster",
            "clusterId",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(parry, new EmailCluster(ClusterId.of("c" + t)), Verdict.MALICIOUS))),
        new Entry(
            "evidence on a URL",
            "url",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        Url.of(WebUrl.of("https://evil.example/re" + t + "set")),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a user",
            "userPrincipalName",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        UserAccount.of(UserPrincipalName.of("carol" + t + "@contoso.com")),
                        Verdict.MALICIOUS))),
        new Entry(
            "evidence on a user's object id",
            "objectId",
            t ->
                runtime.reportEvidence(
                    open,
                    evidence(
                        parry,
                        new UserAccount(
                            UserPrincipalName.of("carol@contoso.com"),
                            ObjectId.of("7c9e6679-7425-40de-" + t + "944b-e07fc1f90ae7")),
                        Verdict.MALICIOUS))),
        new Entry(
            "approve by action id",
            "investigation",
            t -> runtime.approve(ActionId.parse("inv-open" + t + "/1"), ANALYST, "")),
        new Entry(
            "approve as a principal",
            "principalName",
            t ->
                runtime.approve(
                    pending.id(),
                    Caller.of("alice" + t + "@contoso.com", Permission.SECURITY_ADMINISTRATOR),
                    "")),
        new Entry(
            "take an action on a device",
            "deviceName",
            t ->
                runtime.takeAction(
                    new IsolateDevice(
                        Device.of(DeviceId.of("d-x"), DeviceName.of("ws" + t)), IsolationType.FULL),
                    ANALYST,
                    "contain",
                    false)),
        new Entry(
            "suspend a user in a provider",
            "identityProviderName",
            t ->
                runtime.takeAction(
                    new SuspendUserInProvider(USER, IdentityProviderName.of("okta" + t)),
                    admin,
                    "suspend",
                    false)),
        new Entry(
            "report a false positive on a path",
            "windowsPath",
            t ->
                runtime.reportFalsePositive(
                    DeviceFile.onDevice(
                        Samples.HASH, SERVER.id(), WindowsPath.of("C:\\Temp\\m" + t + ".exe")),
                    ANALYST,
                    "")),
        new Entry(
            "break glass on a device",
            "deviceId",
            t -> runtime.breakGlass(admin, DeviceId.of("d" + t), Duration.ofHours(1), "x")),
        new Entry(
            "pause a device group",
            "deviceGroupName",
            t -> runtime.pauseAutomation(admin, DeviceGroupName.of("Servers" + t), "x")),
        new Entry(
            "query by entity",
            "entityKey",
            t ->
                runtime.actions(
                    ActionQuery.all().entity(EntityKey.of("device:d-srv-1" + t)).build(), ANALYST)),
        new Entry(
            "query by investigation",
            "investigationId",
            t ->
                runtime.actions(
                    ActionQuery.all().investigation(InvestigationId.of("inv-open" + t)).build(),
                    ANALYST)),
        new Entry(
            "claim a lease as an owner",
            "owner",
            t ->
                parry
                    .store()
                    .claim(
                        killed.id(),
                        "runtime" + t,
                        parry.clock().instant(),
                        Duration.ofSeconds(30))),
        new Entry(
            "name a runtime instance",
            "instanceName",
            t -> ParryRuntime.builder().instanceName("pod" + t)),
        new Entry(
            "name an executor",
            "executor name",
            t -> ParryRuntime.builder().executor("edr" + t, parry.devices().executor())),
        new Entry(
            "an executor's reference", "externalReference", t -> ExternalReference.of("job-" + t)),
        new Entry("an idempotency key", "idempotencyKey", t -> IdempotencyKey.of("inv-1/1" + t)));
  }

  Stream<Arguments> spoofedIdentifiers() {
    List<Arguments> out = new ArrayList<>();
    for (Entry entry : identifierEntries()) {
      for (HostileText.Sample spoof : HostileText.spoofing()) {
        out.add(Arguments.of(entry.name(), spoof));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("spoofedIdentifiers")
  @DisplayName(
      "each identifier and principal refuses each spoofing character, naming the field and showing it escaped")
  void spoofingRefused(String entryName, HostileText.Sample spoof) {
    Entry entry =
        identifierEntries().stream()
            .filter(e -> e.name().equals(entryName))
            .findFirst()
            .orElseThrow();
    String before = snapshot();
    try {
      entry.call().accept(spoof.text());
      fail(entryName + " accepted a " + spoof.name());
    } catch (InvalidInputException e) {
      String message = String.valueOf(e.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      assertTrue(
          lower.contains(entry.field().toLowerCase(Locale.ROOT)),
          () -> "should name " + entry.field() + ": " + message);
      StringBuilder escaped = new StringBuilder();
      spoof.text().chars().forEach(c -> escaped.append(String.format(Locale.ROOT, "\\u%04x", c)));
      assertTrue(lower.contains(escaped), () -> "should show " + escaped + ": " + message);
      assertTrue(
          spoof.text().chars().allMatch(c -> message.indexOf(c) < 0),
          () -> "the raw character is in: " + message);
    }
    parry.settle();
    assertEquals(
        before, snapshot(), () -> entryName + " with a " + spoof.name() + " changed the state");
  }

  /** What must not change: every stored event, every backend effect and call, the queued work. */
  String snapshot() {
    StringBuilder out = new StringBuilder();
    for (ActionRecord action :
        parry.store().queryActions(ActionQuery.all().limit(1000).build()).items()) {
      out.append(action).append('\n');
    }
    for (String id : List.of("inv-open", "inv-kill", "inv-done", "inv-kiosk", "nope", "ghost")) {
      out.append(parry.store().events(InvestigationId.of(id)).size()).append(' ');
    }
    // the guards: a paused kill switch would turn this automatic isolation into a pending one
    out.append(
            runtime
                .dryRun(complete, evidence(parry, WORKSTATION, Verdict.MALICIOUS))
                .actions()
                .get(0)
                .mode())
        .append(' ');
    out.append(parry.events().size())
        .append(' ')
        .append(parry.devices().effects())
        .append(parry.devices().calls().size())
        .append(parry.mail().effects())
        .append(parry.scheduler().pending())
        .append(runtime.allowIndicators(ParryHarness.ANALYST));
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("each bad input")
  void refused(Case bad) {
    String before = snapshot();
    try {
      bad.call().run();
      fail(bad.name() + ": no error");
    } catch (Throwable e) {
      assertTrue(
          bad.type().isInstance(e),
          () -> bad.name() + ": expected " + bad.type().getSimpleName() + " but got " + e);
      String message = String.valueOf(e.getMessage());
      assertTrue(
          message.contains(bad.mentions()),
          () -> bad.name() + ": message should mention '" + bad.mentions() + "': " + message);
      assertTrue(
          message.length() < 1000,
          () -> bad.name() + ": message too long (" + message.length() + ")");
      assertTrue(
          message.chars().noneMatch(c -> c == '\r' || c == '\n'),
          () -> bad.name() + ": raw CR/LF in message");
    }
    parry.settle();
    assertEquals(before, snapshot(), () -> bad.name() + " changed the state");
  }

  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.DisplayName(
      "approving a kill whose process lacks its creation time is refused, naming it, and nothing"
          + " changes; it was planned pending with that reason")
  void killWithoutCreationTime() {
    InvestigationId id = open(parry, "inv-kill-no-time", WORKSTATION);
    runtime.reportEvidence(
        id,
        evidence(
            parry,
            new dev.parry.core.entity.DeviceProcess(WORKSTATION.id(), 31337, PROCESS.imagePath()),
            Verdict.MALICIOUS));
    ActionRecord before =
        runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0);
    assertEquals(dev.parry.core.investigation.ActionStatus.PENDING_APPROVAL, before.status());
    assertTrue(before.reason().contains("creation time"), before.reason());
    CommandRejectedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CommandRejectedException.class, () -> runtime.approve(before.id(), ANALYST, ""));
    assertTrue(
        e.getMessage().contains("31337") && e.getMessage().contains("creation time"),
        e.getMessage());
    assertEquals(
        before, runtime.investigation(id, ParryHarness.ANALYST).orElseThrow().actions().get(0));
    assertEquals(dev.parry.core.investigation.RejectionReason.NOT_EXECUTABLE, e.reason());
    dev.parry.runtime.InvalidCommandException manual =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.parry.runtime.InvalidCommandException.class,
            () ->
                runtime.takeAction(
                    new dev.parry.core.action.KillProcess(
                        new dev.parry.core.entity.DeviceProcess(
                            WORKSTATION.id(), 31338, PROCESS.imagePath())),
                    ANALYST,
                    "kill it by hand",
                    false));
    assertTrue(
        manual.getMessage().contains("31338") && manual.getMessage().contains("creation time"),
        manual.getMessage());
    assertEquals("action", manual.field());
  }

  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.DisplayName(
      "a kill stored approved without its process's creation time (an earlier release approved it)"
          + " is never sent: the system cancels it, saying what it lacks")
  void storedKillWithoutCreationTimeIsNeverSent() {
    dev.parry.spi.store.InMemoryInvestigationStore store =
        dev.parry.spi.store.InMemoryInvestigationStore.create();
    try (ParryHarness stored = ParryHarness.onStore(store, b -> {})) {
      java.time.Instant t = stored.clock().instant();
      dev.parry.core.investigation.Decision.Accepted opened =
          dev.parry.core.investigation.Investigation.open(
              InvestigationId.of("inv-stored-kill"),
              dev.parry.core.investigation.AlertId.of("a"),
              dev.parry.core.automation.AutomationLevel.FULL,
              dev.parry.core.investigation.Investigation.DEFAULT_PENDING_EXPIRY,
              dev.parry.core.actor.Actor.system(),
              t);
      dev.parry.core.investigation.Decision.Accepted proposed =
          (dev.parry.core.investigation.Decision.Accepted)
              opened
                  .after()
                  .decide(
                      new dev.parry.core.investigation.Command.ProposeAction(
                          new dev.parry.core.investigation.Command.Proposal(
                              new dev.parry.core.policy.PlannedAction(
                                  new dev.parry.core.action.KillProcess(
                                      new dev.parry.core.entity.DeviceProcess(
                                          WORKSTATION.id(), 31337, PROCESS.imagePath())),
                                  dev.parry.core.policy.ApprovalMode.AUTOMATIC,
                                  "stored before the rule"),
                              dev.parry.core.investigation.ApprovalRule.SINGLE),
                          dev.parry.core.actor.Actor.system()),
                      t);
      java.util.List<dev.parry.core.investigation.InvestigationEvent> events =
          new java.util.ArrayList<>(opened.events());
      events.addAll(proposed.events());
      store.append(opened.after().id(), 0, events, proposed.after());
      stored.runtime().start();
      stored.advance(java.time.Duration.ofMinutes(2)); // the reconciler's next pass finds it due
      ActionRecord kill =
          stored
              .runtime()
              .investigation(opened.after().id(), ParryHarness.ANALYST)
              .orElseThrow()
              .actions()
              .get(0);
      assertEquals(dev.parry.core.investigation.ActionStatus.CANCELLED, kill.status());
      assertTrue(
          kill.note().contains("not sent") && kill.note().contains("creation time"), kill.note());
      assertEquals(java.util.List.of(), stored.devices().calls(), "nothing reached the executor");
    }
  }
}
