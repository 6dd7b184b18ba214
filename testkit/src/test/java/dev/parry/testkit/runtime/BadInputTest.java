package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.PROCESS;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.core.verdict.VerdictNotApplicableException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvestigationRefusedException;
import dev.parry.runtime.Limits;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    runtime.reportEvidence(kill, evidence(parry, new dev.parry.core.entity.DeviceProcess(SERVER.id(), 9,
        PROCESS.imagePath()), Verdict.MALICIOUS));
    killed = runtime.approve(runtime.investigation(kill, ParryHarness.ANALYST).orElseThrow().actions().get(0).id(), ANALYST, "");
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
    cases.add(new Case("null investigation id", NullPointerException.class, "", () -> runtime.open(null, AlertId.of("a"), null)));
    cases.add(new Case("empty investigation id", IllegalArgumentException.class, "investigationId", () -> InvestigationId.of("")));
    cases.add(new Case("investigation id with CR/LF", IllegalArgumentException.class, "investigationId",
        () -> InvestigationId.of("inv\r\nforged")));
    cases.add(new Case("1 MB investigation id", IllegalArgumentException.class, "investigationId", () -> InvestigationId.of(MEGABYTE)));
    cases.add(new Case("malformed SHA-256", IllegalArgumentException.class, "sha256", () -> Sha256.of("abc")));
    cases.add(new Case("malformed SMTP address", IllegalArgumentException.class, "smtpAddress", () -> SmtpAddress.of("bob@")));
    cases.add(new Case("malformed principal name", IllegalArgumentException.class, "principalName",
        () -> PrincipalName.of("alice\nadmin")));
    cases.add(new Case("posing as the system", IllegalArgumentException.class, "reserved", () -> Caller.of("System")));
    cases.add(new Case("malformed UPN", IllegalArgumentException.class, "userPrincipalName", () -> UserPrincipalName.of("carol")));
    cases.add(new Case("relative path", IllegalArgumentException.class, "windowsPath", () -> WindowsPath.of("temp\\x.exe")));
    cases.add(new Case("path with '..'", IllegalArgumentException.class, "windowsPath", () -> WindowsPath.of("C:\\a\\..\\x.exe")));
    cases.add(new Case("compromised email", VerdictNotApplicableException.class, "COMPROMISED",
        () -> Evidence.of(MESSAGE, Verdict.COMPROMISED, "", parry.clock().instant())));
    cases.add(new Case("1 MB evidence detail", IllegalArgumentException.class, "detail",
        () -> Evidence.of(SERVER, Verdict.MALICIOUS, MEGABYTE, parry.clock().instant())));
    cases.add(new Case("file path without device", IllegalArgumentException.class, "device",
        () -> new DeviceFile(Samples.HASH, null, null, WindowsPath.of("C:\\x.exe"))));
    // operations
    cases.add(new Case("duplicate investigation id", InvestigationRefusedException.class, "already exists",
        () -> runtime.open(open, AlertId.of("a"), SERVER)));
    cases.add(new Case("no automated response group", InvestigationRefusedException.class, "NO_AUTOMATED_RESPONSE",
        () -> runtime.open(InvestigationId.of("inv-kiosk"), AlertId.of("a"), Samples.KIOSK)));
    cases.add(new Case("evidence to an unknown investigation", UnknownInvestigationException.class, "nope",
        () -> runtime.reportEvidence(InvestigationId.of("nope"), evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(new Case("evidence to a complete investigation", CommandRejectedException.class, "INVESTIGATION_COMPLETE",
        () -> runtime.reportEvidence(complete, evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(new Case("zero devices in scope", IllegalArgumentException.class, "devicesInScope",
        () -> runtime.reportEvidence(open, evidence(parry, SERVER, Verdict.MALICIOUS), 0)));
    cases.add(new Case("analysis finished twice", CommandRejectedException.class, "ANALYSIS_ALREADY_FINISHED",
        () -> runtime.finishAnalysis(complete, AnalysisOutcome.PARTIAL)));
    cases.add(new Case("approve an unknown action", CommandRejectedException.class, "UNKNOWN_ACTION",
        () -> runtime.approve(new ActionId(open, 99), ANALYST, "")));
    cases.add(new Case("approve in an unknown investigation", UnknownInvestigationException.class, "ghost",
        () -> runtime.approve(new ActionId(InvestigationId.of("ghost"), 1), ANALYST, "")));
    cases.add(new Case("approve an already rejected action", CommandRejectedException.class, "REJECTED",
        () -> runtime.approve(rejected.id(), ANALYST, "")));
    cases.add(new Case("reject an already rejected action", CommandRejectedException.class, "ILLEGAL_TRANSITION",
        () -> runtime.reject(rejected.id(), ANALYST, "")));
    cases.add(new Case("approve with a 1 MB comment", IllegalArgumentException.class, "comment",
        () -> runtime.approve(pending.id(), ANALYST, MEGABYTE)));
    cases.add(new Case("approve with a CR/LF comment", IllegalArgumentException.class, "comment",
        () -> runtime.approve(pending.id(), ANALYST, "ok\r\nforged")));
    cases.add(new Case("approve as nobody", NullPointerException.class, "caller", () -> runtime.approve(pending.id(), null, "")));
    cases.add(new Case("approve without permission", AccessDeniedException.class, "may not APPROVE",
        () -> runtime.approve(pending.id(), Caller.of("guest@contoso.com"), "")));
    cases.add(new Case("approve no action", IllegalArgumentException.class, "at least one",
        () -> runtime.approveAll(List.of(), ANALYST, "")));
    cases.add(new Case("undo an irreversible action", CommandRejectedException.class, "NOT_REVERSIBLE",
        () -> runtime.undo(killed.id(), ANALYST, "")));
    cases.add(new Case("undo a pending action", CommandRejectedException.class, "ILLEGAL_TRANSITION",
        () -> runtime.undo(pending.id(), ANALYST, "")));
    cases.add(new Case("cancel a pending action", CommandRejectedException.class, "ILLEGAL_TRANSITION",
        () -> runtime.cancel(pending.id(), ANALYST, "")));
    cases.add(new Case("terminate a complete investigation", CommandRejectedException.class, "INVESTIGATION_COMPLETE",
        () -> runtime.terminate(complete, ANALYST, "")));
    cases.add(new Case("manual action with a 1 MB comment", IllegalArgumentException.class, "comment",
        () -> runtime.takeAction(new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, MEGABYTE, false)));
    cases.add(new Case("manual action without an action", NullPointerException.class, "action",
        () -> runtime.takeAction(null, ANALYST, "", false)));
    cases.add(new Case("false positive with a CR/LF comment", IllegalArgumentException.class, "comment",
        () -> runtime.reportFalsePositive(SERVER, ANALYST, "a\nb")));
    cases.add(new Case("break glass for no time", IllegalArgumentException.class, "duration",
        () -> runtime.breakGlass(ANALYST, DeviceId.of("d"), Duration.ZERO, "x")));
    cases.add(new Case("break glass for negative time", IllegalArgumentException.class, "duration",
        () -> runtime.breakGlass(ANALYST, DeviceId.of("d"), Duration.ofSeconds(-1), "x")));
    cases.add(new Case("pause automation without a reason", IllegalArgumentException.class, "reason",
        () -> runtime.pauseAutomation(ANALYST, null, "")));
    cases.add(new Case("query with a forged cursor", IllegalArgumentException.class, "cursor",
        () -> runtime.actions(ActionQuery.pending().cursor("1:2:../../etc").build(), ANALYST)));
    cases.add(new Case("query page of 0", IllegalArgumentException.class, "limit", () -> ActionQuery.pending().limit(0).build()));
    cases.add(new Case("query page of 1,001", IllegalArgumentException.class, "limit",
        () -> ActionQuery.pending().limit(1001).build()));
    cases.add(new Case("negative backoff", IllegalArgumentException.class, "backoffBase",
        () -> Limits.defaults().withBackoff(Duration.ofSeconds(-1), Duration.ofMinutes(1))));
    cases.add(new Case("zero attempts", IllegalArgumentException.class, "maxAttempts", () -> Limits.defaults().withMaxAttempts(0)));
    cases.add(new Case("kill process with no process id", IllegalArgumentException.class, "processId",
        () -> new KillProcess(new dev.parry.core.entity.DeviceProcess(SERVER.id(), -1, PROCESS.imagePath()))));
    // operations added with the safety guards, time boxes and audit trail
    cases.add(new Case("extend a time box by a negative amount", IllegalArgumentException.class, "extra",
        () -> runtime.extendTimeBox(killed.id(), Duration.ofMinutes(-5), ANALYST, "")));
    cases.add(new Case("extend an action that has no time box", CommandRejectedException.class, "ILLEGAL_TRANSITION",
        () -> runtime.extendTimeBox(killed.id(), Duration.ofMinutes(5), ANALYST, "")));
    cases.add(new Case("time-box an irreversible manual action", IllegalArgumentException.class, "KILL_PROCESS",
        () -> runtime.takeAction(new KillProcess(PROCESS), ANALYST, "", false, Duration.ofHours(1))));
    cases.add(new Case("time-box a manual action for no time", IllegalArgumentException.class, "timeBox",
        () -> runtime.takeAction(new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, "", false, Duration.ZERO)));
    cases.add(new Case("configure a zero pending expiry", IllegalArgumentException.class, "ISOLATE_DEVICE",
        () -> ParryRuntime.builder().pendingExpiry(dev.parry.core.action.ActionKind.ISOLATE_DEVICE, Duration.ZERO)));
    cases.add(new Case("configure a negative time box", IllegalArgumentException.class, "ISOLATE_DEVICE",
        () -> ParryRuntime.builder().timeBox(dev.parry.core.action.ActionKind.ISOLATE_DEVICE, Duration.ofHours(-1))));
    cases.add(new Case("empty runtime instance name", IllegalArgumentException.class, "owner",
        () -> ParryRuntime.builder().instanceName("")));
    cases.add(new Case("runtime instance name with CR/LF", IllegalArgumentException.class, "owner",
        () -> ParryRuntime.builder().instanceName("pod-1\r\nFAKE")));
    cases.add(new Case("zero dispatch lease", IllegalArgumentException.class, "lease",
        () -> ParryRuntime.builder().dispatchLease(Duration.ZERO)));
    cases.add(new Case("empty evidence report", IllegalArgumentException.class, "1-1000",
        () -> runtime.reportEvidence(open, List.of())));
    cases.add(new Case("claim with a negative lease", IllegalArgumentException.class, "lease",
        () -> parry.store().claim(killed.id(), "someone", parry.clock().instant(), Duration.ofSeconds(-1))));
    cases.add(new Case("dry run on an unknown investigation", UnknownInvestigationException.class, "nope",
        () -> runtime.dryRun(InvestigationId.of("nope"), evidence(parry, SERVER, Verdict.MALICIOUS))));
    cases.add(new Case("audit trail without permission", AccessDeniedException.class, "VIEW",
        () -> runtime.auditTrail(open, Caller.of("guest@contoso.com"))));
    cases.add(new Case("audit verification without permission", AccessDeniedException.class, "VIEW",
        () -> runtime.verifyAuditTrail(open, Caller.of("guest@contoso.com"))));
    cases.add(new Case("CSV export without permission", AccessDeniedException.class, "VIEW",
        () -> runtime.exportCsv(ActionQuery.history().build(), Caller.of("guest@contoso.com"))));
    cases.add(new Case("pause automation without permission", AccessDeniedException.class, "MANAGE_SAFETY",
        () -> runtime.pauseAutomation(Caller.of("guest@contoso.com", dev.parry.spi.auth.Permission.ACTIVE_REMEDIATION),
            null, "x")));
    cases.add(new Case("false negative without permission", AccessDeniedException.class, "REQUEST_ACTION",
        () -> runtime.reportFalseNegative(SERVER, Caller.of("guest@contoso.com"), "")));
    return cases.stream().map(Arguments::of);
  }

  /** What must not change: every stored event, every backend effect and call, the queued work. */
  String snapshot() {
    StringBuilder out = new StringBuilder();
    for (ActionRecord action : parry.store().queryActions(ActionQuery.all().limit(1000).build()).items()) {
      out.append(action).append('\n');
    }
    for (String id : List.of("inv-open", "inv-kill", "inv-done", "inv-kiosk", "nope", "ghost")) {
      out.append(parry.store().events(InvestigationId.of(id)).size()).append(' ');
    }
    // the guards: a paused kill switch would turn this automatic isolation into a pending one
    out.append(runtime.dryRun(complete, evidence(parry, WORKSTATION, Verdict.MALICIOUS)).actions().get(0).mode())
        .append(' ');
    out.append(parry.events().size()).append(' ').append(parry.devices().effects()).append(parry.devices().calls().size())
        .append(parry.mail().effects()).append(parry.scheduler().pending()).append(runtime.allowIndicators());
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
      assertTrue(bad.type().isInstance(e), () -> bad.name() + ": expected " + bad.type().getSimpleName() + " but got " + e);
      String message = String.valueOf(e.getMessage());
      assertTrue(message.contains(bad.mentions()), () -> bad.name() + ": message should mention '" + bad.mentions()
          + "': " + message);
      assertTrue(message.length() < 1000, () -> bad.name() + ": message too long (" + message.length() + ")");
      assertTrue(message.chars().noneMatch(c -> c == '\r' || c == '\n'), () -> bad.name() + ": raw CR/LF in message");
    }
    parry.settle();
    assertEquals(before, snapshot(), () -> bad.name() + " changed the state");
  }
}
