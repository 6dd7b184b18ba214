package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.ParryHarness.SECOND_ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.runtime.UnknownActionException;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial tests of the one-action approve/reject/undo path, the engine's single-command path,
 * the store's due index, the missing-hash check, approvalCount and NtfsNames.key (change
 * 1903368..122682f).
 */
@DisplayName("Adversary: approving, rejecting and undoing one action keep every promise")
class AdversaryOneActionTest {

  ParryHarness parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));

  @AfterEach
  void close() {
    parry.close();
  }

  /** The stored version and events of an investigation, to compare before and after. */
  record Snapshot(long version, List<InvestigationEvent> events) {}

  Snapshot snapshot(InvestigationId id) {
    Investigation state = parry.store().load(id).orElseThrow();
    return new Snapshot(state.version(), List.copyOf(parry.store().events(id)));
  }

  /** A pending isolation of the server (servers need approval for everything). */
  ActionRecord pendingIsolation(String inv) {
    InvestigationId id = open(parry, inv, SERVER);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.MALICIOUS));
    return parry.runtime().investigation(id, ANALYST).orElseThrow().actions().stream()
        .filter(a -> a.status() == ActionStatus.PENDING_APPROVAL)
        .findFirst()
        .orElseThrow();
  }

  void unchangedAfter(InvestigationId id, Class<? extends Throwable> type, Runnable attack) {
    Snapshot before = snapshot(id);
    Throwable thrown = assertThrows(Throwable.class, attack::run);
    assertTrue(type.isInstance(thrown), () -> "expected " + type + " but was " + thrown);
    assertEquals(before, snapshot(id), "state unchanged by " + thrown);
  }

  // ---- authorization ---------------------------------------------------------------------------

  @Test
  @DisplayName("callers without the permission for the kind cannot approve, reject or undo it")
  void unauthorizedCallers() {
    ActionRecord pending = pendingIsolation("inv-auth");
    InvestigationId inv = pending.id().investigation();
    Caller reader = Caller.of("reader@contoso.com", Permission.READ);
    Caller purger = Caller.of("purger@contoso.com", Permission.SEARCH_AND_PURGE);
    for (Caller caller : List.of(reader, purger)) {
      unchangedAfter(
          inv,
          AccessDeniedException.class,
          () -> parry.runtime().approve(pending.id(), caller, ""));
      unchangedAfter(
          inv, AccessDeniedException.class, () -> parry.runtime().reject(pending.id(), caller, ""));
    }
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
    // succeeded: a global administrator may approve and reject but not undo
    parry.approve(pending.id());
    assertEquals(ActionStatus.SUCCEEDED, parry.action(pending.id()).status());
    Caller global = Caller.of("global@contoso.com", Permission.GLOBAL_ADMINISTRATOR);
    for (Caller caller : List.of(reader, purger, global)) {
      unchangedAfter(
          inv, AccessDeniedException.class, () -> parry.runtime().undo(pending.id(), caller, ""));
    }
    assertTrue(parry.devices().isIsolated(SERVER.id()));
    assertEquals(7, parry.denials().size(), () -> "denials reported: " + parry.denials());
  }

  @Test
  @DisplayName("a global administrator may approve (the kind's APPROVE rule is used, not UNDO's)")
  void globalAdministratorApproves() {
    ActionRecord pending = pendingIsolation("inv-global");
    Caller global = Caller.of("global@contoso.com", Permission.GLOBAL_ADMINISTRATOR);
    parry.runtime().approve(pending.id(), global, "ok");
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(pending.id()).status());
  }

  @Test
  @DisplayName("two-step: the requester cannot approve its own action, in any letter case")
  void twoStepSamePrincipal() {
    ActionRecord twoStep =
        parry
            .runtime()
            .takeAction(new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, "c", true);
    InvestigationId inv = twoStep.id().investigation();
    Caller shouting =
        Caller.of(
            "ANALYST@CONTOSO.COM",
            Permission.SECURITY_ADMINISTRATOR,
            Permission.ACTIVE_REMEDIATION,
            Permission.READ);
    Caller mixed =
        Caller.of("Analyst@Contoso.Com", Permission.SECURITY_ADMINISTRATOR, Permission.READ);
    for (Caller same : List.of(ANALYST, shouting, mixed)) {
      unchangedAfter(
          inv,
          CommandRejectedException.class,
          () -> parry.runtime().approve(twoStep.id(), same, ""));
    }
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(twoStep.id()).status());
    parry.runtime().approve(twoStep.id(), SECOND_ANALYST, "");
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(twoStep.id()).status());
    assertEquals(1, parry.action(twoStep.id()).approvalCount());
  }

  @Test
  @DisplayName("an action approved by a person is never run again as automation")
  void approvedIsNotAutomation() {
    ActionRecord pending = pendingIsolation("inv-auto");
    assertEquals(0, pending.approvalCount());
    ActionRecord after = parry.approve(pending.id());
    assertEquals(1, after.approvalCount());
    assertEquals(after.approvers().size(), after.approvalCount());
    // a second approval of a decided action is refused and stores nothing
    unchangedAfter(
        pending.id().investigation(),
        CommandRejectedException.class,
        () -> parry.runtime().approve(pending.id(), SECOND_ANALYST, ""));
  }

  @Test
  @DisplayName("four eyes: the same principal in another case does not count twice")
  void fourEyesSamePrincipalOtherCase() {
    parry.close();
    parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .approvalRules(
                        dev.parry.spi.auth.ApprovalRules.defaults()
                            .with(
                                dev.parry.core.action.ActionKind.ISOLATE_DEVICE,
                                new dev.parry.core.investigation.ApprovalRule(2, false))));
    ActionRecord pending = pendingIsolation("inv-4eyes");
    InvestigationId inv = pending.id().investigation();
    ActionRecord once = parry.runtime().approve(pending.id(), ANALYST, "one");
    assertEquals(ActionStatus.PENDING_APPROVAL, once.status());
    assertEquals(1, once.approvalCount());
    Caller shouting =
        Caller.of("ANALYST@CONTOSO.COM", Permission.SECURITY_ADMINISTRATOR, Permission.READ);
    for (Caller same : List.of(ANALYST, shouting)) {
      unchangedAfter(
          inv,
          CommandRejectedException.class,
          () -> parry.runtime().approve(pending.id(), same, ""));
    }
    parry.settle();
    assertFalse(parry.devices().isIsolated(SERVER.id()), "one principal is not four eyes");
    ActionRecord twice = parry.runtime().approve(pending.id(), SECOND_ANALYST, "two");
    assertEquals(2, twice.approvalCount());
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(pending.id()).status());
    assertTrue(parry.devices().isIsolated(SERVER.id()));
  }

  @Test
  @DisplayName("four eyes on a manual action: the requester never counts, in any case")
  void fourEyesRequester() {
    parry.close();
    parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .approvalRules(
                        dev.parry.spi.auth.ApprovalRules.defaults()
                            .with(
                                dev.parry.core.action.ActionKind.ISOLATE_DEVICE,
                                new dev.parry.core.investigation.ApprovalRule(2, false))));
    ActionRecord manual =
        parry
            .runtime()
            .takeAction(new IsolateDevice(WORKSTATION, IsolationType.FULL), ANALYST, "c", true);
    Caller shouting =
        Caller.of("Analyst@CONTOSO.com", Permission.SECURITY_ADMINISTRATOR, Permission.READ);
    unchangedAfter(
        manual.id().investigation(),
        CommandRejectedException.class,
        () -> parry.runtime().approve(manual.id(), shouting, ""));
    assertEquals(0, parry.action(manual.id()).approvalCount());
  }

  @Test
  @DisplayName("unknown investigations and a closed runtime: typed errors")
  void unknownAndClosed() {
    ActionId nowhere = new ActionId(InvestigationId.of("no-such-investigation"), 1);
    assertThrows(
        dev.parry.runtime.UnknownInvestigationException.class,
        () -> parry.runtime().approve(nowhere, ANALYST, ""));
    assertThrows(
        dev.parry.runtime.UnknownInvestigationException.class,
        () -> parry.runtime().reject(nowhere, ANALYST, ""));
    assertThrows(
        dev.parry.runtime.UnknownInvestigationException.class,
        () -> parry.runtime().undo(nowhere, ANALYST, ""));
    ActionRecord pending = pendingIsolation("inv-closed");
    Snapshot before = snapshot(pending.id().investigation());
    parry.runtime().close();
    assertThrows(
        dev.parry.runtime.RuntimeClosedException.class,
        () -> parry.runtime().approve(pending.id(), ANALYST, ""));
    assertThrows(
        dev.parry.runtime.RuntimeClosedException.class,
        () -> parry.runtime().reject(pending.id(), ANALYST, ""));
    assertThrows(
        dev.parry.runtime.RuntimeClosedException.class,
        () -> parry.runtime().undo(pending.id(), ANALYST, ""));
    assertEquals(before, snapshot(pending.id().investigation()));
  }

  @Test
  @DisplayName("approve(id) and approveAll([id]) answer every attack with the same error type")
  void oneAndListOfOneAgree() {
    ActionRecord pending = pendingIsolation("inv-parity");
    ActionId id = pending.id();
    Caller reader = Caller.of("reader@contoso.com", Permission.READ);
    ActionId ghost = new ActionId(id.investigation(), 77);
    record Attack(ActionId id, Caller caller, String comment) {}
    List<Attack> attacks =
        List.of(
            new Attack(id, reader, ""),
            new Attack(id, ANALYST, "bad\u0007"),
            new Attack(id, ANALYST, "z".repeat(2001)),
            new Attack(id, reader, "bad\u0007"),
            new Attack(ghost, ANALYST, ""),
            new Attack(ghost, reader, ""));
    for (Attack attack : attacks) {
      for (String op : List.of("approve", "reject", "undo")) {
        Snapshot before = snapshot(id.investigation());
        Throwable single =
            assertThrows(
                Throwable.class,
                () -> {
                  switch (op) {
                    case "approve" ->
                        parry.runtime().approve(attack.id(), attack.caller(), attack.comment());
                    case "reject" ->
                        parry.runtime().reject(attack.id(), attack.caller(), attack.comment());
                    default -> parry.runtime().undo(attack.id(), attack.caller(), attack.comment());
                  }
                });
        Throwable list =
            assertThrows(
                Throwable.class,
                () -> {
                  switch (op) {
                    case "approve" ->
                        parry
                            .runtime()
                            .approveAll(List.of(attack.id()), attack.caller(), attack.comment());
                    case "reject" ->
                        parry
                            .runtime()
                            .rejectAll(List.of(attack.id()), attack.caller(), attack.comment());
                    default ->
                        parry
                            .runtime()
                            .undoAll(List.of(attack.id()), attack.caller(), attack.comment());
                  }
                });
        assertEquals(
            list.getClass(),
            single.getClass(),
            () -> op + " " + attack + ": " + single + " vs " + list);
        assertEquals(before, snapshot(id.investigation()));
      }
    }
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(id).status());
  }

  @Test
  @DisplayName(
      "a caller who may not do an operation on any kind of action is denied it whether or not the"
          + " action or its investigation exists: a denial tells nothing about what is stored")
  void existenceNotToldToTheUnauthorized() {
    ActionRecord pending = pendingIsolation("inv-exists");
    Caller nobody = Caller.of("nobody@contoso.com");
    ActionId ghost = new ActionId(pending.id().investigation(), 55);
    ActionId nowhere = new ActionId(InvestigationId.of("inv-nowhere"), 1);
    ParryRuntime runtime = parry.runtime();
    List<java.util.function.Function<ActionId, org.junit.jupiter.api.function.Executable>> methods =
        List.of(
            id -> () -> runtime.approve(id, nobody, ""),
            id -> () -> runtime.approveAll(List.of(id), nobody, ""),
            id -> () -> runtime.reject(id, nobody, ""),
            id -> () -> runtime.rejectAll(List.of(id), nobody, ""),
            id -> () -> runtime.undo(id, nobody, ""),
            id -> () -> runtime.undoAll(List.of(id), nobody, ""),
            id -> () -> runtime.cancel(id, nobody, ""),
            id -> () -> runtime.extendTimeBox(id, java.time.Duration.ofHours(1), nobody, ""));
    for (var method : methods) {
      AccessDeniedException stored =
          assertThrows(AccessDeniedException.class, method.apply(pending.id()));
      assertTrue(stored.kind().isEmpty(), stored::getMessage);
      for (ActionId missing : List.of(ghost, nowhere)) {
        AccessDeniedException denied =
            assertThrows(AccessDeniedException.class, method.apply(missing), missing::toString);
        assertEquals(stored.getMessage(), denied.getMessage());
        assertEquals(stored.kind(), denied.kind());
      }
    }
    // two actions of different kinds: still a denial, not an error naming both kinds
    InvestigationId files = open(parry, "inv-exists-file", SERVER);
    runtime.reportEvidence(
        files, evidence(parry, DeviceFile.anywhere(Samples.HASH), Verdict.MALICIOUS));
    ActionRecord stop = pendingOf(files, "STOP_AND_QUARANTINE_FILE");
    AccessDeniedException mixed =
        assertThrows(
            AccessDeniedException.class,
            () -> runtime.approveAll(List.of(pending.id(), stop.id()), nobody, ""));
    assertTrue(mixed.kind().isEmpty(), mixed::getMessage);
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
    // a caller who may approve some kind still learns that an action does not exist, and is
    // denied by the kind on one it may not undo
    assertThrows(UnknownActionException.class, () -> runtime.approve(ghost, ANALYST, ""));
    assertThrows(
        dev.parry.runtime.UnknownInvestigationException.class,
        () -> runtime.approve(nowhere, ANALYST, ""));
    Caller global = Caller.of("global@contoso.com", Permission.GLOBAL_ADMINISTRATOR);
    assertThrows(UnknownActionException.class, () -> runtime.reject(ghost, global, ""));
    AccessDeniedException undo =
        assertThrows(AccessDeniedException.class, () -> runtime.undo(ghost, global, ""));
    assertTrue(undo.kind().isEmpty(), undo::getMessage);
  }

  // ---- not executable --------------------------------------------------------------------------

  ActionRecord pendingOf(InvestigationId id, String kind) {
    return parry.runtime().investigation(id, ANALYST).orElseThrow().actions().stream()
        .filter(a -> a.action().kind().name().equals(kind))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + kind + " in " + parry.runtime().investigation(id, ANALYST)));
  }

  void refusedAsNotExecutable(ActionRecord action) {
    InvestigationId inv = action.id().investigation();
    assertEquals(ActionStatus.PENDING_APPROVAL, action.status(), action::toString);
    Snapshot before = snapshot(inv);
    CommandRejectedException e =
        assertThrows(
            CommandRejectedException.class,
            () -> parry.runtime().approve(action.id(), ANALYST, ""));
    assertEquals(RejectionReason.NOT_EXECUTABLE, e.rejection().reason(), e::getMessage);
    assertEquals(action.id(), e.rejection().action());
    assertEquals(before, snapshot(inv));
    // the list path refuses the same
    CommandRejectedException all =
        assertThrows(
            CommandRejectedException.class,
            () -> parry.runtime().approveAll(List.of(action.id()), ANALYST, ""));
    assertEquals(RejectionReason.NOT_EXECUTABLE, all.rejection().reason());
    assertEquals(before, snapshot(inv));
    // rejecting it is allowed
    assertEquals(
        ActionStatus.REJECTED, parry.runtime().reject(action.id(), ANALYST, "outside").status());
  }

  @Test
  @DisplayName("approving a file action without the SHA-1 its kind needs is NOT_EXECUTABLE")
  void fileWithoutSha1() {
    InvestigationId id = open(parry, "inv-sha", SERVER);
    parry
        .runtime()
        .reportEvidence(id, evidence(parry, DeviceFile.anywhere(Samples.HASH), Verdict.MALICIOUS));
    ActionRecord stop = pendingOf(id, "STOP_AND_QUARANTINE_FILE");
    assertTrue(stop.action().missingForExecution().isPresent());
    assertTrue(
        stop.action().missingForExecution().orElseThrow().contains("SHA1"),
        stop.action().missingForExecution()::toString);
    refusedAsNotExecutable(stop);
  }

  @Test
  @DisplayName("approving KILL_PROCESS without a creation time is NOT_EXECUTABLE")
  void killWithoutCreationTime() {
    InvestigationId id = open(parry, "inv-kill", SERVER);
    DeviceProcess noTime =
        new DeviceProcess(SERVER.id(), 4242, WindowsPath.of("C:\\Temp\\m.exe"), null, null, null);
    parry.runtime().reportEvidence(id, evidence(parry, noTime, Verdict.MALICIOUS));
    refusedAsNotExecutable(pendingOf(id, "KILL_PROCESS"));
  }

  @Test
  @DisplayName("approving an action no executor runs is NOT_EXECUTABLE")
  void noExecutor() {
    Clock clock = Clock.systemUTC();
    try (ParryRuntime runtime =
        ParryRuntime.builder()
            .clock(clock)
            .deviceGroups(Samples.groups())
            .executor("m", FakeMail.create(clock).executor())
            .requiredKinds(java.util.Set.of())
            .build()) {
      runtime.start();
      InvestigationId id = InvestigationId.of("inv-noexec");
      runtime.open(id, AlertId.of("a"), SERVER);
      runtime.reportEvidence(id, Evidence.of(SERVER, Verdict.MALICIOUS, "", clock.instant()));
      ActionRecord pending =
          runtime.investigation(id, ANALYST).orElseThrow().actions().stream()
              .filter(a -> a.status() == ActionStatus.PENDING_APPROVAL)
              .findFirst()
              .orElseThrow();
      long version = runtime.investigation(id, ANALYST).orElseThrow().version();
      CommandRejectedException e =
          assertThrows(
              CommandRejectedException.class, () -> runtime.approve(pending.id(), ANALYST, ""));
      assertEquals(RejectionReason.NOT_EXECUTABLE, e.rejection().reason(), e::getMessage);
      assertEquals(version, runtime.investigation(id, ANALYST).orElseThrow().version());
    }
  }

  // ---- hostile input ---------------------------------------------------------------------------

  @Test
  @DisplayName("hostile comments, ids and callers: typed errors naming the value, nothing stored")
  void hostileInput() {
    ActionRecord pending = pendingIsolation("inv-hostile");
    ActionId id = pending.id();
    InvestigationId inv = id.investigation();
    String tooLong = "x".repeat(2001);
    List<String> bad = new ArrayList<>(List.of("a\u0000b", "line\nbreak", "\u001b[31m", tooLong));
    bad.add(null);
    for (String comment : bad) {
      for (String op : List.of("approve", "reject")) {
        Snapshot before = snapshot(inv);
        InvalidInputException e =
            assertThrows(
                InvalidInputException.class,
                () -> {
                  if (op.equals("approve")) {
                    parry.runtime().approve(id, ANALYST, comment);
                  } else {
                    parry.runtime().reject(id, ANALYST, comment);
                  }
                },
                () -> op + " with " + comment);
        assertEquals("comment", e.field(), e::getMessage);
        assertEquals(before, snapshot(inv));
      }
    }
    // exactly the limit is fine
    assertThrows(InvalidInputException.class, () -> parry.runtime().approve(null, ANALYST, ""));
    assertThrows(InvalidInputException.class, () -> parry.runtime().approve(id, null, ""));
    assertThrows(InvalidInputException.class, () -> parry.runtime().reject(null, ANALYST, ""));
    assertThrows(InvalidInputException.class, () -> parry.runtime().undo(null, ANALYST, ""));
    assertThrows(InvalidInputException.class, () -> parry.runtime().undo(id, null, ""));
    // an unknown action in a known investigation
    ActionId ghost = new ActionId(inv, 999);
    for (Runnable r :
        List.<Runnable>of(
            () -> parry.runtime().approve(ghost, ANALYST, ""),
            () -> parry.runtime().reject(ghost, ANALYST, ""),
            () -> parry.runtime().undo(ghost, ANALYST, ""))) {
      Snapshot before = snapshot(inv);
      UnknownActionException e = assertThrows(UnknownActionException.class, r::run);
      assertTrue(e.getMessage().contains(ghost.toString()), e::getMessage);
      assertEquals(before, snapshot(inv));
    }
    // hostile undo comment on a succeeded action
    parry.approve(id);
    for (String comment : bad) {
      Snapshot before = snapshot(inv);
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> parry.runtime().undo(id, ANALYST, comment));
      assertEquals("comment", e.field());
      assertEquals(before, snapshot(inv));
    }
    assertEquals(
        ActionStatus.UNDO_IN_PROGRESS,
        parry.runtime().undo(id, ANALYST, "y".repeat(2000)).status());
  }

  // ---- store faults ----------------------------------------------------------------------------

  @Test
  @DisplayName("a store failing at the approval's append: nothing changes, the retry works")
  void failingAppend() {
    parry.close();
    FaultyStore faulty = FaultyStore.wrapping(InMemoryInvestigationStore.create(), 7);
    parry = ParryHarness.onStore(faulty, b -> b.deviceGroups(Samples.groups()));
    ActionRecord pending = pendingIsolation("inv-fail");
    InvestigationId inv = pending.id().investigation();
    faulty.failNext(FaultyStore.Call.APPEND, 1, false);
    Snapshot before = snapshot(inv);
    assertThrows(RuntimeException.class, () -> parry.runtime().approve(pending.id(), ANALYST, ""));
    assertEquals(before, snapshot(inv));
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
    parry.runtime().approve(pending.id(), ANALYST, "");
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(pending.id()).status());
    assertEquals(1, count(parry.store().events(inv), InvestigationEvent.ApprovalGranted.class));
  }

  @Test
  @DisplayName("a lost acknowledgement of the approval: a retry does not approve twice")
  void lostAck() {
    parry.close();
    FaultyStore faulty = FaultyStore.wrapping(InMemoryInvestigationStore.create(), 7);
    parry = ParryHarness.onStore(faulty, b -> b.deviceGroups(Samples.groups()));
    ActionRecord pending = pendingIsolation("inv-lost");
    InvestigationId inv = pending.id().investigation();
    faulty.failNext(FaultyStore.Call.APPEND, 1, true);
    assertThrows(RuntimeException.class, () -> parry.runtime().approve(pending.id(), ANALYST, ""));
    assertThrows(
        CommandRejectedException.class, () -> parry.runtime().approve(pending.id(), ANALYST, ""));
    parry.settle();
    parry.advance(Duration.ofMinutes(10)); // the reconciler finds the approved action
    assertEquals(1, count(parry.store().events(inv), InvestigationEvent.ApprovalGranted.class));
    assertEquals(ActionStatus.SUCCEEDED, parry.action(pending.id()).status());
  }

  /** Throws a conflict at the next {@code conflicts} appends, without writing. */
  static final class ConflictingStore extends ForwardingStore {
    final AtomicInteger conflicts = new AtomicInteger();

    ConflictingStore(InvestigationStore delegate) {
      super(delegate);
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      if (conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new ConcurrencyConflictException(id, expectedVersion, expectedVersion + 1);
      }
      return super.append(id, expectedVersion, events, after);
    }
  }

  @Test
  @DisplayName("conflicts at the approval's append are retried: one approval, no lost event")
  void conflictingAppend() {
    parry.close();
    ConflictingStore store = new ConflictingStore(InMemoryInvestigationStore.create());
    parry = ParryHarness.onStore(store, b -> b.deviceGroups(Samples.groups()));
    ActionRecord pending = pendingIsolation("inv-conflict");
    InvestigationId inv = pending.id().investigation();
    long eventsBefore = parry.store().events(inv).size();
    store.conflicts.set(3);
    ActionRecord after = parry.runtime().approve(pending.id(), ANALYST, "");
    assertNotEquals(ActionStatus.PENDING_APPROVAL, after.status());
    assertEquals(1, count(parry.store().events(inv), InvestigationEvent.ApprovalGranted.class));
    assertTrue(parry.store().events(inv).size() > eventsBefore);
    // too many conflicts: the typed conflict, nothing stored
    ActionRecord other = pendingIsolation("inv-conflict-2");
    Snapshot before = snapshot(other.id().investigation());
    store.conflicts.set(1000);
    assertThrows(
        ConcurrencyConflictException.class, () -> parry.runtime().reject(other.id(), ANALYST, ""));
    store.conflicts.set(0);
    assertEquals(before, snapshot(other.id().investigation()));
    assertEquals(ActionStatus.REJECTED, parry.runtime().reject(other.id(), ANALYST, "").status());
  }

  static long count(List<InvestigationEvent> events, Class<?> type) {
    return events.stream().filter(type::isInstance).count();
  }

  // ---- due work --------------------------------------------------------------------------------

  @Test
  @DisplayName("after approvals and rejections of some, the others still expire")
  void expiriesAfterDecisions() {
    List<ActionRecord> pending = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      pending.add(pendingIsolationOf("inv-exp-" + i));
    }
    for (int i = 0; i < 9; i++) {
      if (i % 3 == 0) {
        parry.runtime().approve(pending.get(i).id(), SECOND_ANALYST, "");
      } else if (i % 3 == 1) {
        parry.runtime().reject(pending.get(i).id(), ANALYST, "");
      }
    }
    parry.settle();
    parry.advance(Duration.ofDays(8));
    for (int i = 0; i < 9; i++) {
      ActionStatus status = parry.action(pending.get(i).id()).status();
      ActionStatus expected =
          i % 3 == 0
              ? ActionStatus.SUCCEEDED
              : i % 3 == 1 ? ActionStatus.REJECTED : ActionStatus.EXPIRED;
      assertEquals(expected, status, "action " + i);
    }
  }

  /** A pending isolation of a server of its own, so that each is its own entity. */
  ActionRecord pendingIsolationOf(String inv) {
    InvestigationId id = InvestigationId.of(inv);
    parry.runtime().open(id, AlertId.of("a-" + inv), SERVER);
    ActionRecord action =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(
                    new dev.parry.core.entity.Device(
                        dev.parry.core.entity.DeviceId.of("d-" + inv),
                        dev.parry.core.entity.DeviceName.of("srv-" + inv),
                        null,
                        java.util.Set.of(),
                        dev.parry.core.entity.OsPlatform.WINDOWS_SERVER),
                    IsolationType.FULL),
                ANALYST,
                "c",
                true);
    return action;
  }

  @Test
  @DisplayName("an approved time-boxed action is undone at its box's end; an extension moves it")
  void timeBoxAfterApproval() {
    parry.close();
    parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(Samples.groups())
                    .timeBox(dev.parry.core.action.ActionKind.ISOLATE_DEVICE, Duration.ofHours(4)));
    ActionRecord boxed =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "box",
                true,
                Duration.ofHours(1));
    assertEquals(ActionStatus.PENDING_APPROVAL, boxed.status());
    parry.runtime().approve(boxed.id(), SECOND_ANALYST, "");
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(boxed.id()).status());
    parry.advance(Duration.ofMinutes(30));
    parry.runtime().extendTimeBox(boxed.id(), Duration.ofHours(2), ANALYST, "more");
    parry.advance(Duration.ofMinutes(31)); // past the old end
    assertTrue(parry.devices().isIsolated(SERVER.id()), "the old end no longer undoes it");
    assertEquals(ActionStatus.SUCCEEDED, parry.action(boxed.id()).status());
    parry.advance(Duration.ofHours(2));
    assertFalse(parry.devices().isIsolated(SERVER.id()));
    assertEquals(ActionStatus.UNDONE, parry.action(boxed.id()).status());

    // the policy box of an approved, planned action
    InvestigationId id = open(parry, "inv-tb2", WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, WORKSTATION, Verdict.MALICIOUS));
    ActionRecord planned =
        parry.runtime().investigation(id, ANALYST).orElseThrow().actions().get(0);
    parry.approve(planned.id());
    assertTrue(parry.devices().isIsolated(WORKSTATION.id()));
    parry.advance(Duration.ofHours(4));
    assertFalse(parry.devices().isIsolated(WORKSTATION.id()));
  }

  @Test
  @DisplayName("an undo asked early of a time-boxed action leaves no due box end behind")
  void earlyUndoOfBoxed() {
    ActionRecord boxed =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "box",
                false,
                Duration.ofHours(1));
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, parry.action(boxed.id()).status());
    parry.runtime().undo(boxed.id(), ANALYST, "early");
    parry.settle();
    assertEquals(ActionStatus.UNDONE, parry.action(boxed.id()).status());
    // isolate again by hand, no box: the old box end must not release it
    ActionRecord again =
        parry
            .runtime()
            .takeAction(new IsolateDevice(SERVER, IsolationType.FULL), ANALYST, "again", false);
    parry.settle();
    parry.advance(Duration.ofHours(2));
    assertTrue(parry.devices().isIsolated(SERVER.id()));
    assertEquals(ActionStatus.SUCCEEDED, parry.action(again.id()).status());
  }

  @Test
  @DisplayName("two runtimes, many threads, different actions of one investigation: none lost")
  void twoRuntimesOneInvestigation() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    FakeDevices devices = FakeDevices.create(clock);
    List<ParryRuntime> runtimes = new ArrayList<>();
    try {
      startTwo(runtimes, store, clock, devices, "adv-one-");
      InvestigationId inv = InvestigationId.of("one-inv");
      runtimes.get(0).open(inv, AlertId.of("a"), SERVER);
      int actions = 24;
      for (int i = 0; i < actions; i++) {
        runtimes
            .get(i % 2)
            .reportEvidence(
                inv,
                Evidence.of(
                    DeviceProcess.of(
                        SERVER.id(),
                        5000 + i,
                        java.util.Objects.requireNonNull(Samples.PROCESS.creationTime()),
                        Samples.PROCESS.imagePath()),
                    Verdict.MALICIOUS,
                    "",
                    clock.instant()));
      }
      List<ActionId> ids =
          store.load(inv).orElseThrow().actions().stream()
              .filter(a -> a.status() == ActionStatus.PENDING_APPROVAL)
              .map(ActionRecord::id)
              .toList();
      assertEquals(actions, ids.size());
      int won =
          race(
              4,
              ids.size(),
              (worker, i) -> {
                ParryRuntime runtime = runtimes.get(worker % 2);
                Caller caller = analyst(worker);
                if ((i + worker) % 3 == 0) {
                  runtime.reject(ids.get(i), caller, "r" + worker);
                } else {
                  runtime.approve(ids.get(i), caller, "a" + worker);
                }
              });
      assertEquals(actions, won, "exactly one decision per action won");
      Settled settled = settled(store, inv);
      List<InvestigationEvent> second = settled.events();
      Investigation state = settled.state();
      assertEquals(second.size(), state.version());
      for (ActionId id : ids) {
        long decisions =
            second.stream()
                .filter(
                    e ->
                        (e instanceof InvestigationEvent.ApprovalGranted g
                                && g.actionId().equals(id))
                            || (e instanceof InvestigationEvent.ActionRejected r
                                && r.actionId().equals(id)))
                .count();
        assertEquals(1, decisions, () -> "decisions for " + id);
        assertNotEquals(
            ActionStatus.PENDING_APPROVAL, state.action(id).orElseThrow().status(), id::toString);
      }
    } finally {
      runtimes.forEach(ParryRuntime::close);
    }
  }

  @Test
  @DisplayName("an extended box survives a restart and ends at its new end")
  void extendedBoxAcrossRestart() {
    ActionRecord boxed =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "box",
                false,
                Duration.ofHours(1));
    parry.settle();
    parry.runtime().extendTimeBox(boxed.id(), Duration.ofHours(3), ANALYST, "more");
    parry.restart();
    parry.advance(Duration.ofHours(2));
    assertTrue(parry.devices().isIsolated(SERVER.id()), "moved past the first end");
    parry.advance(Duration.ofHours(2));
    assertFalse(parry.devices().isIsolated(SERVER.id()));
    assertEquals(ActionStatus.UNDONE, parry.action(boxed.id()).status());
  }

  /**
   * Starts two runtimes on {@code store}, named {@code prefix} and 0 or 1, sharing {@code devices},
   * and adds each to {@code runtimes} as it starts, for the caller to close.
   */
  static void startTwo(
      List<ParryRuntime> runtimes,
      InMemoryInvestigationStore store,
      Clock clock,
      FakeDevices devices,
      String prefix) {
    for (int r = 0; r < 2; r++) {
      ParryRuntime runtime =
          ParryRuntime.builder()
              .clock(clock)
              .store(store)
              .instanceName(prefix + r)
              .scheduler(TaskScheduler.threadPool(2))
              .deviceGroups(Samples.groups())
              .executor("d", devices.executor())
              .executor("m", FakeMail.create(clock).executor())
              .executor("i", FakeDirectory.create(clock).executor())
              .build();
      runtime.start();
      runtimes.add(runtime);
    }
  }

  /** One attempt by {@code worker} on the {@code index}-th action; a refusal loses the race. */
  interface Attempt {
    void run(int worker, int index);
  }

  /**
   * Starts {@code workers} threads at once, each making {@code attempt} on every index below {@code
   * count} in order: {@return how many attempts were not refused}
   */
  static int race(int workers, int count, Attempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < workers; t++) {
        int worker = t;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  int won = 0;
                  for (int i = 0; i < count; i++) {
                    try {
                      attempt.run(worker, i);
                      won++;
                    } catch (CommandRejectedException e) {
                      // lost the race
                    }
                  }
                  return won;
                }));
      }
      go.countDown();
      int won = 0;
      for (Future<Integer> result : results) {
        won += result.get(120, TimeUnit.SECONDS);
      }
      return won;
    } finally {
      pool.shutdownNow();
    }
  }

  static Caller analyst(int worker) {
    return Caller.of("analyst-" + worker + "@contoso.com", Permission.SECURITY_ADMINISTRATOR);
  }

  /** An investigation's events and state, read when no dispatch appended between them. */
  record Settled(List<InvestigationEvent> events, Investigation state) {}

  static Settled settled(InMemoryInvestigationStore store, InvestigationId id) {
    List<InvestigationEvent> first;
    List<InvestigationEvent> second;
    Investigation state;
    do {
      first = store.events(id);
      state = store.load(id).orElseThrow();
      second = store.events(id);
    } while (first.size() != second.size());
    return new Settled(second, state);
  }

  // ---- two runtimes, many threads --------------------------------------------------------------

  @Test
  @DisplayName("two runtimes on one store: each action approved/rejected once, undone once")
  void twoRuntimesRacing() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    FakeDevices devices = FakeDevices.create(clock);
    List<ParryRuntime> runtimes = new ArrayList<>();
    try {
      startTwo(runtimes, store, clock, devices, "adv-");
      int actions = 60;
      List<ActionId> ids = new ArrayList<>();
      for (int i = 0; i < actions; i++) {
        ParryRuntime runtime = runtimes.get(i % 2);
        InvestigationId id = InvestigationId.of("race2-" + i);
        runtime.open(id, AlertId.of("a"), SERVER);
        runtime.reportEvidence(
            id,
            Evidence.of(
                DeviceProcess.of(
                    SERVER.id(),
                    1000 + i,
                    java.util.Objects.requireNonNull(Samples.PROCESS.creationTime()),
                    Samples.PROCESS.imagePath()),
                Verdict.MALICIOUS,
                "",
                clock.instant()));
        ids.add(runtime.investigation(id, ANALYST).orElseThrow().actions().get(0).id());
      }
      int won =
          race(
              4,
              ids.size(),
              (worker, i) -> {
                ParryRuntime runtime = runtimes.get(worker % 2);
                if (worker % 2 == 0) {
                  runtime.approve(ids.get(i), analyst(worker), "");
                } else {
                  runtime.reject(ids.get(i), analyst(worker), "");
                }
              });
      assertEquals(actions, won, "exactly one decision per action won");
      for (ActionId id : ids) {
        List<InvestigationEvent> history = store.events(id.investigation());
        long decisions =
            count(history, InvestigationEvent.ApprovalGranted.class)
                + count(history, InvestigationEvent.ActionRejected.class);
        assertEquals(1, decisions, () -> "decisions for " + id + ": " + history);
        Settled settled = settled(store, id.investigation());
        assertEquals(
            settled.events().size(),
            settled.state().version(),
            () -> "version vs events for " + id);
      }
    } finally {
      runtimes.forEach(ParryRuntime::close);
    }
  }

  @Test
  @DisplayName("two runtimes racing to undo the same succeeded actions: one undo request each")
  void twoRuntimesUndoing() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    FakeDevices devices = FakeDevices.create(clock);
    List<ParryRuntime> runtimes = new ArrayList<>();
    try {
      startTwo(runtimes, store, clock, devices, "adv-u-");
      int actions = 20;
      List<ActionId> ids = new ArrayList<>();
      for (int i = 0; i < actions; i++) {
        ParryRuntime runtime = runtimes.get(i % 2);
        dev.parry.core.entity.Device device =
            new dev.parry.core.entity.Device(
                dev.parry.core.entity.DeviceId.of("d-u-" + i),
                dev.parry.core.entity.DeviceName.of("ws-u-" + i),
                null,
                java.util.Set.of(),
                dev.parry.core.entity.OsPlatform.WINDOWS);
        ids.add(
            runtime
                .takeAction(new IsolateDevice(device, IsolationType.FULL), ANALYST, "c", false)
                .id());
      }
      waitFor(
          () ->
              ids.stream()
                  .allMatch(
                      id ->
                          store
                                  .load(id.investigation())
                                  .orElseThrow()
                                  .action(id)
                                  .orElseThrow()
                                  .status()
                              == ActionStatus.SUCCEEDED));
      int won =
          race(
              4, ids.size(), (worker, i) -> runtimes.get(worker % 2).undo(ids.get(i), ANALYST, ""));
      assertEquals(actions, won);
      for (ActionId id : ids) {
        assertEquals(
            1, count(store.events(id.investigation()), InvestigationEvent.UndoRequested.class));
      }
    } finally {
      runtimes.forEach(ParryRuntime::close);
    }
  }

  static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(20);
    }
  }

  // ---- entity keys -----------------------------------------------------------------------------

  @Test
  @DisplayName("paths differing in ASCII case are one target; ß and SS are not")
  void pathKeys() {
    DeviceFile a =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\a.exe"));
    DeviceFile b =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("c:\\x\\A.EXE"));
    assertEquals(a.key(), b.key());
    DeviceFile sharp =
        DeviceFile.onDevice(
            Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\stra\u00dfe.exe"));
    DeviceFile ss =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\STRASSE.exe"));
    assertNotEquals(sharp.key(), ss.key());
    DeviceFile sharpUpper =
        DeviceFile.onDevice(
            Samples.HASH, WORKSTATION.id(), WindowsPath.of("c:\\x\\STRA\u00dfE.EXE"));
    assertEquals(sharp.key(), sharpUpper.key());
    DeviceFile kelvin =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\\u212a.exe"));
    DeviceFile k =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\k.exe"));
    assertNotEquals(kelvin.key(), k.key());
  }

  @Test
  @DisplayName("key and keyHash agree, ASCII or not, whatever the default locale")
  void keyAndHashAgree() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      List<String> names =
          List.of(
              "C:\\WINDOWS\\SYSTEM32\\CMD.EXE",
              "c:\\windows\\system32\\cmd.exe",
              "I",
              "i",
              "",
              "\u0130",
              "\u0131",
              "\u017f",
              "STRASSE",
              "stra\u00dfe",
              "\u212a",
              "\u007f\u0000A");
      for (String name : names) {
        assertEquals(NtfsNames.key(name).hashCode(), NtfsNames.keyHash(name), name);
        for (String other : names) {
          assertEquals(
              NtfsNames.equal(name, other),
              NtfsNames.key(name).equals(NtfsNames.key(other)),
              name + " vs " + other);
        }
      }
      assertEquals("c:\\windows\\i", NtfsNames.key("C:\\WINDOWS\\I"));
      assertEquals(NtfsNames.key("s"), NtfsNames.key("\u017f"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("two manual actions on C:\\X\\a.exe and c:\\x\\A.EXE on one device: one target")
  void sameTargetThroughRuntime() {
    DeviceFile a =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("C:\\X\\a.exe"));
    DeviceFile b =
        DeviceFile.onDevice(Samples.HASH, WORKSTATION.id(), WindowsPath.of("c:\\x\\A.EXE"));
    dev.parry.core.action.QuarantineFile qa = new dev.parry.core.action.QuarantineFile(a);
    dev.parry.core.action.QuarantineFile qb = new dev.parry.core.action.QuarantineFile(b);
    assertEquals(qa.key(), qb.key());
    Instant unused = parry.clock().instant();
    assertTrue(unused != null);
  }
}
