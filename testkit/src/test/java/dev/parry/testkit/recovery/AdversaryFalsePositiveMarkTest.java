package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.AdversaryCancelWindowTest.ANALYST;
import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.json.ParryJson;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.FaultyStore;
import dev.parry.testkit.fake.ForwardingStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Promise (README "False positives"): an action whose executor cannot stop work already sent when a
 * false positive is reported is undone as soon as it succeeds, once, whoever reports and whatever
 * happens to the action or its investigation meanwhile.
 */
@DisplayName("Attack: the undo a false positive stores with an action still running")
class AdversaryFalsePositiveMarkTest {

  private static long undoCalls(Rig rig) {
    return rig.devices.calls().stream()
        .filter(c -> c.request().purpose() == ExecutionPurpose.UNDO)
        .count();
  }

  private static void assertUndoneOnce(Rig rig, ActionId action) {
    ActionRecord after = rig.action(action);
    assertEquals(ActionStatus.UNDONE, after.status(), after::toString);
    assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)), "still isolated");
    assertEquals(1, rig.devices.timesApplied(isolation(WORKSTATION)), "isolated once");
    assertEquals(1, undoCalls(rig), rig.devices.calls()::toString);
  }

  @Test
  @DisplayName("two runtimes report the same false positive while the call is out: one undo")
  void twoReportsOnTwoRuntimes() {
    try (Rig first = new Rig(311, b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 312, "rig-2");
      try {
        second.runtime.start();
        ActionId action = first.isolateWithCallOut("inv-fp-twice", WORKSTATION);
        assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
        FalsePositiveReport one =
            first.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        FalsePositiveReport two =
            second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine, again");
        assertEquals(List.of(action), one.stillRunning(), one::toString);
        assertEquals(List.of(action), two.stillRunning(), two::toString);
        long marks =
            first.action(action).steps().stream()
                .filter(s -> s.kind() == ActionStep.Kind.UNDO_ON_SUCCESS)
                .count();
        assertEquals(1, marks, "marked once");
        first.advance(Duration.ofMinutes(10));
        assertUndoneOnce(first, action);
        assertEquals("lab machine", first.action(action).undoRequest().orElseThrow().comment());
      } finally {
        second.close();
      }
    }
  }

  @Test
  @DisplayName("the investigation is terminated after the report: the success is still undone")
  void terminatedWhileMarked() {
    try (Rig rig = new Rig(313, b -> {})) {
      rig.runtime.start();
      ActionId action = rig.isolateWithCallOut("inv-fp-term", WORKSTATION);
      FalsePositiveReport report =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      rig.runtime.terminate(action.investigation(), ANALYST, "closing it");
      rig.advance(Duration.ofMinutes(10));
      assertUndoneOnce(rig, action);
    }
  }

  @Test
  @DisplayName("a report after the success was recorded but before its undo ran: one undo")
  void reportAgainAfterTheSuccess() {
    try (Rig rig = new Rig(314, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = rig.isolate("inv-fp-again", WORKSTATION);
      rig.settle();
      rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      // the undo's call is slow: it is out when the analyst reports again
      rig.devices.inject(
          ActionKind.RELEASE_FROM_ISOLATION, Fault.latency(Duration.ofMinutes(1)), 1);
      rig.advance(Duration.ofSeconds(61));
      assertEquals(
          ActionStatus.UNDO_IN_PROGRESS,
          rig.action(action).status(),
          rig.devices.calls()::toString);
      assertEquals(ActionStatus.UNDO_IN_PROGRESS, rig.action(action).status());
      FalsePositiveReport again =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertTrue(again.stillRunning().isEmpty(), again::toString);
      rig.advance(Duration.ofMinutes(10));
      assertUndoneOnce(rig, action);
    }
  }

  private static String schema() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ParryJson.class.getResourceAsStream(ParryJson.SCHEMA_RESOURCE),
            ParryJson.SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The mark is stored, replayed and written as JSON like every other step: the JSON reads back
   * equal, the stored events replay to the stored state, and the schema in the jar (what a service
   * validates the JSON against) names the new event and step.
   */
  @Test
  @DisplayName("the mark and its event read back as JSON, replay, and the jar's schema names them")
  void markAsJsonAndInTheSchema() throws IOException {
    try (Rig rig = new Rig(316, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = rig.isolate("inv-fp-json", WORKSTATION);
      rig.settle();
      String hostile = "lab \"machine\" \u202e\u00e9\ud83d\ude00 </script> \\ ${x}";
      rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, hostile);
      InvestigationStore store = rig.store.delegateStore();
      Investigation stored = store.load(action.investigation()).orElseThrow();
      List<InvestigationEvent> events = store.events(action.investigation());
      assertEquals(stored, Investigation.replay(events), "replayed");
      ActionRecord marked = stored.action(action).orElseThrow();
      assertEquals(hostile, marked.undoOnSuccess().orElseThrow().comment());
      assertEquals(marked, ParryJson.readActionRecord(ParryJson.write(marked)));
      assertEquals(stored, ParryJson.readInvestigation(ParryJson.write(stored)));
      assertEquals(events, ParryJson.readEvents(ParryJson.writeEvents(events)));
      String schema = schema();
      assertTrue(
          schema.contains("\"undoOnSuccessRequested\""),
          "the jar's JSON schema has no event undoOnSuccessRequested: "
              + ParryJson.write(events.get(events.size() - 1)));
      assertTrue(
          schema.contains("\"UNDO_ON_SUCCESS\""),
          "the jar's JSON schema has no step kind UNDO_ON_SUCCESS: " + ParryJson.write(marked));
    }
  }

  /**
   * The call is out when the false positive is reported (the report names the action still
   * running), and it answers only after the action's deadline: the runtime records the action timed
   * out, then the isolation takes effect at the executor. Nothing undoes it: the mark went with the
   * time-out, and a timed-out action cannot be undone.
   */
  @Test
  @DisplayName("a caller who may not undo the isolation is refused, and nothing is marked")
  void reportNeedsTheUndoItStores() {
    Caller bob = Caller.of("bob@contoso.com", Permission.SECURITY_ADMINISTRATOR);
    Authorizer noUndo =
        (caller, operation, kind) ->
            caller.name().equals(bob.name()) && operation == Operation.UNDO
                ? Optional.of("bob may not undo")
                : Authorizer.defaults().deny(caller, operation, kind);
    try (Rig rig = new Rig(318, b -> b.authorizer(noUndo))) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = rig.isolate("inv-fp-auth", WORKSTATION);
      rig.settle();
      assertThrows(
          AccessDeniedException.class,
          () -> rig.runtime.reportFalsePositive(WORKSTATION, bob, "lab machine"));
      assertTrue(rig.runtime.allowGrants(ANALYST).isEmpty(), "an indicator was recorded");
      ActionRecord after = rig.action(action);
      assertTrue(after.undoOnSuccess().isEmpty(), after.steps()::toString);
      rig.advance(Duration.ofMinutes(10));
      assertEquals(ActionStatus.SUCCEEDED, rig.action(action).status());
      assertTrue(rig.devices.isInEffect(isolation(WORKSTATION)));
    }
  }

  /**
   * Runs a hook once, just before the first append that records {@code ActionSucceeded}: that
   * runtime decided the success on a state read before the hook ran.
   */
  private static final class BeforeSuccessStore extends ForwardingStore {
    private final AtomicReference<Runnable> hook = new AtomicReference<>();

    BeforeSuccessStore(InvestigationStore delegate) {
      super(delegate);
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      if (events.stream().anyMatch(e -> e instanceof InvestigationEvent.ActionSucceeded)) {
        Runnable once = hook.getAndSet(null);
        if (once != null) {
          once.run();
        }
      }
      return super.append(id, expectedVersion, events, after);
    }
  }

  /**
   * The carrier decides the success on a state without the mark; the report, on another runtime,
   * stores the mark before that success is written. The success must not land without the undo.
   */
  @Test
  @Timeout(60)
  @DisplayName("the mark lands between the carrier's decision of the success and its write")
  void markLandsBetweenTheSuccessDecisionAndItsWrite() {
    BeforeSuccessStore hooked = new BeforeSuccessStore(InMemoryInvestigationStore.create());
    try (Rig first = new Rig(319, hooked, "rig", b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 320, "rig-2");
      try {
        second.runtime.start();
        ActionId action = first.isolateWithCallOut("inv-fp-between", WORKSTATION);
        assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
        List<FalsePositiveReport> reports = new ArrayList<>();
        hooked.hook.set(
            () ->
                reports.add(
                    second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine")));
        first.advance(Duration.ofMinutes(10));
        assertEquals(1, reports.size(), "the hook ran");
        assertUndoneOnce(first, action);
      } finally {
        second.close();
      }
    }
  }

  /**
   * Every way out of the store shows the marked action as it is stored: the action query, the due
   * work a reconciler reads, the CSV export and the audit chain.
   */
  @Test
  @DisplayName("queries, due work, the CSV export and the audit chain show the marked action")
  void markedActionInEveryView() {
    try (Rig rig = new Rig(322, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = rig.isolate("inv-fp-views", WORKSTATION);
      rig.settle();
      rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      InvestigationStore store = rig.store.delegateStore();
      ActionRecord stored = rig.action(action);
      assertTrue(stored.undoOnSuccess().isPresent());
      ActionQuery query = ActionQuery.all().investigation(action.investigation()).build();
      assertEquals(List.of(stored), rig.runtime.actions(query, ANALYST).items());
      assertEquals(List.of(stored), store.queryActions(query).items());
      List<ActionRecord> due =
          store.due(rig.clock.instant().plus(Duration.ofHours(2)), "someone-else", 100);
      for (ActionRecord d : due) {
        if (d.id().equals(action)) {
          assertEquals(stored, d, "due work");
        }
      }
      String csv = rig.runtime.exportCsv(query, ANALYST);
      assertTrue(csv.contains("inv-fp-views"), csv);
      assertTrue(rig.runtime.verifyAuditTrail(action.investigation(), ANALYST).isIntact());
      rig.advance(Duration.ofMinutes(10));
      assertUndoneOnce(rig, action);
      assertTrue(rig.runtime.verifyAuditTrail(action.investigation(), ANALYST).isIntact());
    }
  }

  /**
   * The report's write of the mark fails: landed with its acknowledgement lost, or not landed.
   * Either the report answers, or it throws and reporting again finishes it; in every case the
   * success is undone, once.
   */
  @Test
  @DisplayName("the write of the mark fails, landed or not: the success is still undone once")
  void markWriteFails() {
    for (boolean landed : new boolean[] {true, false}) {
      try (Rig rig = new Rig(landed ? 323 : 324, b -> {})) {
        rig.runtime.start();
        rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
        ActionId action = rig.isolate("inv-fp-write-" + landed, WORKSTATION);
        rig.settle();
        rig.store.failNext(FaultyStore.Call.APPEND, 1, landed);
        FalsePositiveReport report;
        try {
          report = rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        } catch (RuntimeException e) {
          rig.store.heal();
          report = rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        }
        assertEquals(List.of(action), report.stillRunning(), report::toString);
        long marks =
            rig.action(action).steps().stream()
                .filter(st -> st.kind() == ActionStep.Kind.UNDO_ON_SUCCESS)
                .count();
        assertEquals(1, marks, "landed " + landed + ": " + rig.action(action).steps());
        rig.advance(Duration.ofMinutes(10));
        assertUndoneOnce(rig, action);
      }
    }
  }

  /**
   * The workstation is isolated by a first investigation, and a second one's isolation of it is out
   * at its executor when the false positive is reported. The first's undo finds the second in
   * flight and waits for it; the second is marked, and then fails: it never isolated anything. The
   * isolation the first made must not outlive the report.
   */
  @Test
  @DisplayName("an undo kept for a marked twin that then fails leaves no isolation behind")
  void keptForAMarkedTwinThatFails() {
    try (Rig rig = new Rig(325, b -> {})) {
      rig.runtime.start();
      ActionId first = rig.isolate("inv-fp-twin-1", WORKSTATION);
      rig.settle();
      assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.neverAnswer(), 1);
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.fail("device offline"), 10);
      ActionId second = rig.isolate("inv-fp-twin-2", WORKSTATION);
      rig.settle();
      assertEquals(ActionStatus.IN_PROGRESS, rig.action(second).status());
      FalsePositiveReport report =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      rig.advance(Duration.ofMinutes(30));
      ActionRecord a = rig.action(first);
      ActionRecord b = rig.action(second);
      String story = report + "\n" + a + " " + a.note() + "\n" + b + " " + b.note();
      assertEquals(ActionStatus.UNDONE, a.status(), story);
      assertFalse(rig.devices.isInEffect(isolation(WORKSTATION)), "still isolated: " + story);
    }
  }

  /**
   * A time-boxed isolation is out at its executor when the false positive is reported: its success
   * is undone at once, and the end of its time box, later, undoes nothing more.
   */
  @Test
  @DisplayName(
      "a time-boxed action marked while it runs is undone once, not again at its box's end")
  void timeBoxedAction() {
    try (Rig rig = new Rig(326, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action =
          rig.runtime
              .takeAction(isolation(WORKSTATION), ANALYST, "contain it", false, Duration.ofHours(1))
              .id();
      rig.settle();
      assertEquals(ActionStatus.IN_PROGRESS, rig.action(action).status());
      FalsePositiveReport report =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      rig.advance(Duration.ofMinutes(10));
      assertUndoneOnce(rig, action);
      rig.advance(Duration.ofHours(3));
      assertUndoneOnce(rig, action);
      assertTrue(
          rig.store.delegateStore().due(rig.clock.instant(), "someone-else", 10).isEmpty(),
          "due work left");
    }
  }

  /**
   * Automation is paused after the report, while the call is still out: the success that follows
   * still brings the undo, during the pause or once automation resumes, and only once.
   */
  @Test
  @DisplayName("automation paused after the report: the success is still undone, once")
  void pausedAfterTheReport() {
    try (Rig rig = new Rig(327, b -> {})) {
      rig.runtime.start();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 5);
      ActionId action = rig.isolate("inv-fp-pause", WORKSTATION);
      rig.settle();
      FalsePositiveReport report =
          rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      assertEquals(List.of(action), report.stillRunning(), report::toString);
      rig.runtime.pauseAutomation(ANALYST, null, "incident review");
      rig.advance(Duration.ofMinutes(10));
      rig.runtime.resumeAutomation(ANALYST, null, "review done");
      rig.advance(Duration.ofMinutes(10));
      assertUndoneOnce(rig, action);
    }
  }
}
