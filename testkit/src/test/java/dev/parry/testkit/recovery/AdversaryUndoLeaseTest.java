package dev.parry.testkit.recovery;

import static dev.parry.testkit.recovery.AdversaryCancelWindowTest.ANALYST;
import static dev.parry.testkit.recovery.Rig.WORKSTATION;
import static dev.parry.testkit.recovery.Rig.WORKSTATION_2;
import static dev.parry.testkit.recovery.Rig.isolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.audit.ActionCenterCsv;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Promises (README "False positives", "Two runtimes"): the undo stored with a running action is
 * carried by whichever runtime can carry it, the lease a success keeps for it never locks the undo
 * away from every runtime, an undo waiting for a twin to settle costs nothing it does not use, and
 * the system's stored undo undoes only what the indicator rule covers.
 */
@DisplayName("Attack: the lease kept for a stored undo, the undo that waits, the system's undo")
class AdversaryUndoLeaseTest {

  private static final Caller CAROL =
      Caller.of("carol@contoso.com", Permission.SECURITY_ADMINISTRATOR);
  private static final Caller DAVE =
      Caller.of("dave@contoso.com", Permission.SECURITY_ADMINISTRATOR);

  private static long releaseCalls(Rig rig) {
    return rig.devices.calls().stream()
        .filter(c -> c.operation().equals("execute"))
        .filter(c -> c.request().purpose() == ExecutionPurpose.UNDO)
        .count();
  }

  private static boolean dueTo(InvestigationStore store, Rig rig, String owner, ActionId id) {
    return store.due(rig.clock.instant(), owner, 100).stream().anyMatch(a -> a.id().equals(id));
  }

  /**
   * The carrier records the marked action's success (undo in progress), but its scheduler refuses
   * every piece of work from then on (a saturated executor): it never starts the undo. The lease
   * the success's write kept must not stay with it, renewed: the second runtime, healthy, carries
   * the undo.
   */
  @Test
  @Timeout(60)
  @DisplayName(
      "a carrier that can start no work gives back the lease of the undo: the other runtime undoes")
  void carrierThatStartsNothingGivesTheLeaseBack() {
    try (Rig first = new Rig(401, b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 402, "rig-2");
      try {
        second.runtime.start();
        ActionId action = first.isolateWithCallOut("inv-lease-refused", WORKSTATION);
        assertEquals(ActionStatus.IN_PROGRESS, first.action(action).status());
        FalsePositiveReport report =
            second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        assertEquals(List.of(action), report.stillRunning(), report::toString);
        // from here on the first runtime's scheduler refuses all work (its timers still run)
        first.scheduler.refuseNext(Integer.MAX_VALUE, 0);
        first.advance(Duration.ofMinutes(20));
        ActionRecord after = first.action(action);
        InvestigationStore store = first.store.delegateStore();
        assertEquals(
            ActionStatus.UNDONE,
            after.status(),
            "the undo was never carried: "
                + after
                + " note="
                + after.note()
                + " release calls="
                + releaseCalls(first)
                + "; due to rig-2: "
                + dueTo(store, first, "rig-2", action)
                + ", due to rig: "
                + dueTo(store, first, "rig", action));
        assertFalse(first.devices.isInEffect(isolation(WORKSTATION)), "still isolated");
      } finally {
        second.close();
      }
    }
  }

  /**
   * Same, but the carrier is then closed. With a 10-minute dispatch lease the second runtime must
   * not wait for the lease of the undo to run out by itself.
   */
  @Test
  @Timeout(60)
  @DisplayName("closing the carrier gives back the lease it kept for an undo it had not started")
  void closeGivesBackTheKeptLease() {
    try (Rig first = new Rig(403, b -> b.dispatchLease(Duration.ofMinutes(10)))) {
      first.runtime.start();
      Rig second = new Rig(first, 404, "rig-2");
      try {
        second.runtime.start();
        ActionId action = first.isolateWithCallOut("inv-lease-close", WORKSTATION);
        second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        first.scheduler.refuseNext(Integer.MAX_VALUE, 0);
        first.advance(Duration.ofSeconds(61)); // the success lands with its undo; never started
        assertEquals(ActionStatus.UNDO_IN_PROGRESS, first.action(action).status());
        first.runtime.close();
        first.advance(Duration.ofMinutes(3));
        ActionRecord after = first.action(action);
        boolean dueToSecond = dueTo(first.store.delegateStore(), first, "rig-2", action);
        first.advance(Duration.ofMinutes(10));
        assertEquals(
            ActionStatus.UNDONE,
            after.status(),
            "3 minutes after the carrier closed, the undo is still locked by its lease: "
                + after
                + "; due to rig-2 then: "
                + dueToSecond
                + "; 10 minutes later (the lease ran out): "
                + first.action(action).status());
      } finally {
        second.close();
      }
    }
  }

  /**
   * A first isolation succeeded; a second one of the same workstation is out at its executor and
   * never answers (four silent attempts, then it times out). The first one's undo waits for it. The
   * wait must not spend the family's rate limit, since nothing is sent meanwhile: with 40 calls an
   * hour and 7 calls needed in all, the twin must time out as it does without the undo, and an
   * isolation of another workstation after the wait must go out at once. Run first without the undo
   * (the control), then with it.
   */
  @Test
  @Timeout(60)
  @DisplayName("an undo waiting for a twin spends no rate-limit permit while it sends nothing")
  void waitingUndoSpendsNoRateLimit() {
    for (boolean undo : new boolean[] {false, true}) {
      try (Rig rig =
          new Rig(
              405,
              b -> b.limits(Rig.LIMITS.withRateLimit(RateLimit.of(40, Duration.ofHours(1)))))) {
        rig.runtime.start();
        ActionId first = rig.isolate("inv-rl-1", WORKSTATION);
        rig.settle();
        assertEquals(ActionStatus.SUCCEEDED, rig.action(first).status());
        rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofHours(2)), 4);
        ActionId twin = rig.isolate("inv-rl-2", WORKSTATION);
        rig.settle();
        assertEquals(ActionStatus.IN_PROGRESS, rig.action(twin).status());
        if (undo) {
          rig.runtime.undo(first, ANALYST, "wrong device");
        }
        rig.advance(Duration.ofMinutes(20));
        ActionRecord twinAfter = rig.action(twin);
        ActionId other = rig.isolate("inv-rl-3", WORKSTATION_2);
        rig.advance(Duration.ofMinutes(1));
        long calls = rig.devices.calls().size();
        ActionRecord a = rig.action(first);
        ActionRecord c = rig.action(other);
        String story =
            (undo ? "with the undo" : "control, no undo")
                + ": calls to the executor: "
                + calls
                + "\nfirst="
                + a
                + " note="
                + a.note()
                + "\ntwin after 20 min="
                + twinAfter
                + " note="
                + twinAfter.note()
                + "\nother="
                + c
                + " note="
                + c.note();
        assertFalse(twinAfter.status().isDispatched(), "twin starved: " + story);
        assertEquals(ActionStatus.SUCCEEDED, c.status(), "rate limit spent: " + story);
        if (undo) {
          assertEquals(ActionStatus.UNDONE, a.status(), story);
        }
      }
    }
  }

  /**
   * Bob may report false positives but may not undo anything. While his report records its
   * indicator, Carol takes a manual isolation of the workstation (an analyst's decision; a manual
   * action meets no indicator anyway). The report's second listing finds it: it is not automation,
   * so the system stores no undo for it, and Carol's isolation stands.
   */
  @Test
  @Timeout(60)
  @DisplayName(
      "an analyst's manual isolation taken during another's report stands: the report does not undo it")
  void manualActionDuringTheReportStands() {
    Caller bob = Caller.of("bob@contoso.com", Permission.SECURITY_ADMINISTRATOR);
    Authorizer noUndo =
        (caller, operation, kind) ->
            caller.name().equals(bob.name()) && operation == Operation.UNDO
                ? Optional.of("bob may not undo")
                : Authorizer.defaults().deny(caller, operation, kind);
    try (Rig first = new Rig(407, b -> b.authorizer(noUndo));
        Rig second = new Rig(first, 408, "rig-2")) {
      AtomicReference<ActionId> carols = new AtomicReference<>();
      ControlStore shared = first.store.delegateStore().controls().orElseThrow();
      ControlStore racing =
          HookedControls.hooked(
              shared,
              () -> {
                first.devices.inject(
                    ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 1);
                carols.set(
                    first
                        .runtime
                        .takeAction(isolation(WORKSTATION), CAROL, "I saw it beacon", false, null)
                        .id());
                first.settle();
              });
      second.runtime.close();
      second.runtime = second.build(b -> b.controls(racing));
      first.runtime.start();
      second.runtime.start();
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, bob, "lab machine");
      assertTrue(carols.get() != null, "Carol's isolation was taken during the report");
      assertFalse(report.cancelled().contains(carols.get()), "listed before the indicator");
      first.advance(Duration.ofMinutes(10));
      ActionRecord after = first.action(carols.get());
      assertEquals(
          ActionStatus.SUCCEEDED,
          after.status(),
          "Carol's manual isolation was undone through Bob's report (Bob may not undo): "
              + report
              + "\n"
              + after
              + " undoRequest="
              + after.undoRequest());
      assertTrue(first.devices.isInEffect(isolation(WORKSTATION)));
    }
  }

  /**
   * An isolation waits for approval; while the report records its indicator, Carol asks for it and
   * Dave approves it: an analyst's decision, which the report leaves alone. The report's second
   * listing finds it approved and stores nothing for it.
   */
  @Test
  @Timeout(60)
  @DisplayName("an isolation an analyst approves during the report stands")
  void approvedDuringTheReportStands() {
    try (Rig first = new Rig(409, b -> {});
        Rig second = new Rig(first, 410, "rig-2")) {
      AtomicReference<ActionId> approved = new AtomicReference<>();
      ControlStore shared = first.store.delegateStore().controls().orElseThrow();
      ControlStore racing =
          HookedControls.hooked(
              shared,
              () -> {
                first.devices.inject(
                    ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofMinutes(1)), 1);
                ActionId id =
                    first
                        .runtime
                        .takeAction(isolation(WORKSTATION), CAROL, "beaconing", true, null)
                        .id();
                first.runtime.approve(id, DAVE, "confirmed, isolate it");
                approved.set(id);
                first.settle();
              });
      second.runtime.close();
      second.runtime = second.build(b -> b.controls(racing));
      first.runtime.start();
      second.runtime.start();
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      first.advance(Duration.ofMinutes(10));
      ActionRecord after = first.action(approved.get());
      assertEquals(
          ActionStatus.SUCCEEDED,
          after.status(),
          "Dave's approval was undone by the system: "
              + report
              + "\n"
              + after
              + " undoRequest="
              + after.undoRequest());
    }
  }

  /** Counts the claims one owner makes of one action's lease. */
  private static final class OwnerClaims extends ForwardingStore {
    final AtomicLong claims = new AtomicLong();
    final AtomicReference<ActionId> watched = new AtomicReference<>();

    OwnerClaims(InvestigationStore delegate) {
      super(delegate);
    }

    @Override
    public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      if (action.equals(watched.get()) && owner.equals("rig")) {
        claims.incrementAndGet();
      }
      return super.claim(action, owner, now, lease);
    }
  }

  /**
   * The carrier cannot start the undo (its scheduler refuses work) and its store's claims fail: the
   * second runtime carries the undo, done. The carrier then recovers. It must not renew a lease of
   * the action, now UNDONE (the store grants a claim on any stored action): no lease on a finished
   * action, no store write each pass.
   */
  @Test
  @Timeout(60)
  @DisplayName("a runtime that recovers after another undid the action renews no lease of it")
  void noLeaseRenewedAfterAnUndoDoneElsewhere() {
    OwnerClaims backing = new OwnerClaims(InMemoryInvestigationStore.create());
    try (Rig first = new Rig(411, backing, "rig", b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 412, "rig-2");
      try {
        second.runtime.start();
        ActionId action = first.isolateWithCallOut("inv-lease-elsewhere", WORKSTATION);
        second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
        first.scheduler.refuseNext(Integer.MAX_VALUE, 0);
        first.advance(Duration.ofSeconds(61));
        assertNotEquals(ActionStatus.IN_PROGRESS, first.action(action).status(), "succeeded");
        first.store.failNext(dev.parry.testkit.fake.FaultyStore.Call.CLAIM, 1_000_000, false);
        first.advance(Duration.ofMinutes(5));
        assertEquals(
            ActionStatus.UNDONE, first.action(action).status(), "the second runtime undid it");
        first.store.heal();
        first.scheduler.heal();
        backing.watched.set(action);
        first.advance(Duration.ofMinutes(10));
        assertEquals(
            0,
            backing.claims.get(),
            "the first runtime renewed the lease of an UNDONE action "
                + backing.claims.get()
                + " times in 10 minutes");
      } finally {
        second.close();
      }
    }
  }

  /**
   * The undo waits for twins: isolations of the same workstation keep being decided, a new one
   * every five minutes, each out at its executor without an answer (it times out after its four
   * silent attempts, about ten minutes). The undo must not wait forever: it goes out once no twin
   * is in flight, or at its own deadline (an hour after it was asked) it ends honestly as
   * UNDO_FAILED; after 80 minutes it is not still in progress.
   */
  @Test
  @Timeout(60)
  @DisplayName("an undo waiting for a stream of twins is not starved past its deadline")
  void waitingUndoPastItsDeadline() {
    try (Rig rig = new Rig(413, b -> {})) {
      rig.runtime.start();
      ActionId first = rig.isolate("inv-dl-0", WORKSTATION);
      rig.settle();
      rig.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofHours(5)), 10_000);
      rig.isolate("inv-dl-1", WORKSTATION);
      rig.settle();
      rig.runtime.undo(first, ANALYST, "wrong device");
      for (int i = 2; i < 18; i++) {
        rig.advance(Duration.ofMinutes(5));
        rig.isolate("inv-dl-" + i, WORKSTATION);
        rig.settle();
      }
      ActionRecord a = rig.action(first); // 80 minutes after the undo was asked
      StringBuilder twins = new StringBuilder();
      for (int i = 1; i < 18; i++) {
        ActionRecord t = rig.action(new ActionId(InvestigationId.of("inv-dl-" + i), 1));
        twins.append("\n  ").append(t).append(" updated=").append(t.updatedAt());
      }
      String story =
          a
              + " updated="
              + a.updatedAt()
              + " note="
              + a.note()
              + " release calls="
              + rig.devices.calls().stream()
                  .filter(c -> c.request().purpose() == ExecutionPurpose.UNDO)
                  .map(c -> c.operation() + "@" + c.request().deadline())
                  .toList()
              + twins;
      assertTrue(
          a.status() == ActionStatus.UNDONE || a.status() == ActionStatus.UNDO_FAILED, story);
      if (a.status() == ActionStatus.UNDONE) {
        assertEquals(1, releaseCalls(rig), story);
      }
    }
  }

  /** Counts the claims any owner makes of a set of actions' leases. */
  private static final class SetClaims extends ForwardingStore {
    final AtomicLong claims = new AtomicLong();
    final java.util.Set<ActionId> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SetClaims(InvestigationStore delegate) {
      super(delegate);
    }

    @Override
    public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      if (watched.contains(action)) {
        claims.incrementAndGet();
      }
      return super.claim(action, owner, now, lease);
    }
  }

  /**
   * The follower path: a first isolation of the workstation is out at its executor; the report
   * lists it and stores its undo. While the report records its indicator, a second investigation
   * decides the same isolation on the carrier, which makes it a follower of the first (same target)
   * and the report's second listing stores the system's undo for it. The leader succeeds: the
   * follower's success is recorded with its undo too (undo in progress, the lease kept). Both must
   * end UNDONE with one release sent, and no lease of either may stay held and renewed afterwards.
   */
  @Test
  @Timeout(60)
  @DisplayName("a follower's success recorded with its undo: both undone, no lease left renewed")
  void followerSuccessWithItsUndo() {
    SetClaims backing = new SetClaims(InMemoryInvestigationStore.create());
    try (Rig first = new Rig(415, backing, "rig", b -> {});
        Rig second = new Rig(first, 416, "rig-2")) {
      ActionId follower = new ActionId(InvestigationId.of("inv-fol-2"), 1);
      ControlStore shared = first.store.delegateStore().controls().orElseThrow();
      ControlStore racing =
          HookedControls.hooked(
              shared,
              () -> {
                first.isolate(follower.investigation().value(), WORKSTATION);
                first.settle();
              });
      second.runtime.close();
      second.runtime = second.build(b -> b.controls(racing));
      first.runtime.start();
      second.runtime.start();
      ActionId leader = first.isolateWithCallOut("inv-fol-1", WORKSTATION);
      assertEquals(ActionStatus.IN_PROGRESS, first.action(leader).status());
      FalsePositiveReport report =
          second.runtime.reportFalsePositive(WORKSTATION, ANALYST, "lab machine");
      String before = report + " follower=" + first.action(follower);
      first.advance(Duration.ofMinutes(10));
      ActionRecord l = first.action(leader);
      ActionRecord f = first.action(follower);
      String story =
          before
              + "\nleader="
              + l
              + " note="
              + l.note()
              + "\nfollower="
              + f
              + " note="
              + f.note()
              + "\ncalls="
              + first.devices.calls().stream()
                  .map(c -> c.operation() + " " + c.request().action().kind())
                  .toList();
      assertEquals(ActionStatus.UNDONE, l.status(), story);
      assertEquals(ActionStatus.UNDONE, f.status(), story);
      assertFalse(first.devices.isInEffect(isolation(WORKSTATION)), story);
      assertEquals(1, releaseCalls(first), story);
      assertEquals(
          1, first.executes() - releaseCalls(first), "the follower sent its own: " + story);
      assertTrue(
          f.steps().stream().anyMatch(st -> st.kind() == ActionStep.Kind.UNDO_ON_SUCCESS),
          "the scenario needs the follower marked: " + story);
      backing.watched.add(leader);
      backing.watched.add(follower);
      first.advance(Duration.ofMinutes(10));
      assertEquals(0, backing.claims.get(), "leases of settled actions renewed: " + story);
    }
  }

  /**
   * The CSV's columns for an undo asked for while the action ran: who asked names the reporter, and
   * their comment, which looks like a formula, is there defused.
   */
  @Test
  @Timeout(60)
  @DisplayName("the CSV's undo-on-success columns name the reporter and defuse a formula comment")
  void csvColumnsForTheMark() {
    try (Rig rig = new Rig(417, b -> {})) {
      rig.runtime.start();
      ActionId action = rig.isolateWithCallOut("inv-fp-csv-formula", WORKSTATION);
      rig.runtime.reportFalsePositive(WORKSTATION, ANALYST, "=HYPERLINK(\"http://x\",\"a\")");
      String csv =
          rig.runtime.exportCsv(ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build(), ANALYST);
      List<String> lines = csv.lines().toList();
      int columns = lines.get(0).split(",", -1).length;
      String row =
          lines.stream()
              .filter(line -> line.startsWith(action.toString()))
              .findFirst()
              .orElseThrow();
      assertFalse(row.contains(",=HYPERLINK"), "formula not defused:\n" + csv);
      assertFalse(row.contains(",\"=HYPERLINK"), "formula not defused:\n" + csv);
      assertTrue(row.contains("analyst@contoso.com"), csv);
      assertTrue(row.contains(",\"'=HYPERLINK("), "the defused comment is missing:\n" + csv);
      assertEquals(ActionCenterCsv.HEADER.split(",", -1).length, columns, lines.get(0));
    }
  }

  /**
   * The twin the undo waits for is carried by a second runtime, which closes with its call out:
   * nobody carries the twin until the first runtime's reconciler resumes it. The undo must not wait
   * forever for a twin nobody carries: within ten minutes the twin settles and the undo completes
   * (kept for a twin that succeeded, or sent).
   */
  @Test
  @Timeout(60)
  @DisplayName("the twin's carrier closes with its call out: the undo still completes")
  void twinCarrierCloses() {
    try (Rig first = new Rig(419, b -> {})) {
      first.runtime.start();
      Rig second = new Rig(first, 420, "rig-2");
      try {
        second.runtime.start();
        ActionId a = first.isolate("inv-tc-1", WORKSTATION);
        first.settle();
        assertEquals(ActionStatus.SUCCEEDED, first.action(a).status());
        first.devices.inject(ActionKind.ISOLATE_DEVICE, Fault.latency(Duration.ofSeconds(90)), 1);
        ActionId twin = second.isolate("inv-tc-2", WORKSTATION);
        first.settle();
        assertEquals(ActionStatus.IN_PROGRESS, first.action(twin).status());
        second.runtime.close();
        first.runtime.undo(a, ANALYST, "wrong device");
        first.advance(Duration.ofMinutes(10));
        ActionRecord after = first.action(a);
        ActionRecord t = first.action(twin);
        String story = after + " note=" + after.note() + "\ntwin=" + t + " note=" + t.note();
        assertFalse(t.status().isDispatched(), story);
        assertEquals(ActionStatus.UNDONE, after.status(), story);
        assertEquals(
            t.status() == ActionStatus.SUCCEEDED,
            first.devices.isInEffect(isolation(WORKSTATION)),
            "isolated exactly when the twin holds it: " + story);
      } finally {
        second.close();
      }
    }
  }
}
