package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Who did what to an action, and why")
class WhoDidWhatTest {

  static final InvestigationId ID = InvestigationId.of("inv-who");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");
  static final PrincipalName BOB = PrincipalName.of("bob@contoso.com");
  static final RemediationAction ISOLATE = new IsolateDevice(DEVICE, IsolationType.FULL);
  static final RemediationAction OTHER =
      new IsolateDevice(
          Device.of(DeviceId.of("b4e8d20f"), DeviceName.of("ws-043")), IsolationType.FULL);

  Investigation investigation;
  Instant now = T0;

  @BeforeEach
  void open() {
    investigation =
        Investigation.open(
                ID,
                AlertId.of("alert-who"),
                AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                now)
            .after();
  }

  Decision.Accepted accept(Command command) {
    now = now.plusSeconds(60);
    Decision.Accepted accepted =
        assertInstanceOf(
            Decision.Accepted.class,
            investigation.decide(command, now),
            () -> "expected acceptance of " + command);
    investigation = accepted.after();
    return accepted;
  }

  ActionId request(ApprovalMode mode, PrincipalName requester, String comment) {
    accept(
        new Command.ProposeAction(
            new Command.Proposal(new PlannedAction(ISOLATE, mode, "manual"), ApprovalRule.SINGLE),
            Actor.principal(requester),
            comment));
    return investigation.actions().get(investigation.actions().size() - 1).id();
  }

  ActionRecord action(ActionId id) {
    return investigation.action(id).orElseThrow();
  }

  @Test
  @DisplayName(
      "the requester's comment is kept on the action and on its proposal, through every later change")
  void requestComment() {
    ActionId id = request(ApprovalMode.AUTOMATIC, ALICE, "contain before the call");
    assertEquals("contain before the call", action(id).requestComment());
    Decision.Accepted accepted =
        accept(
            new Command.ProposeAction(
                new Command.Proposal(
                    new PlannedAction(OTHER, ApprovalMode.REQUIRES_APPROVAL, "manual"),
                    ApprovalRule.SINGLE),
                Actor.principal(BOB),
                "by hand"));
    InvestigationEvent.ActionProposed proposed =
        assertInstanceOf(InvestigationEvent.ActionProposed.class, accepted.events().get(0));
    assertEquals("by hand", proposed.comment());
    accept(new Command.Start(id));
    accept(new Command.Succeed(id, "isolated"));
    assertEquals(
        "contain before the call",
        action(id).requestComment(),
        "kept after the executor's outcome");
    assertEquals("isolated", action(id).note());
  }

  @Test
  @DisplayName("a request comment holding a control character is refused, naming the field")
  void requestCommentValidated() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new Command.ProposeAction(
                    new Command.Proposal(
                        new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "manual"),
                        ApprovalRule.SINGLE),
                    Actor.principal(ALICE),
                    "line\nbreak"));
    assertTrue(e.getMessage().startsWith("comment"), e.getMessage());
  }

  @Test
  @DisplayName("every approval keeps its approver, time and comment after the action has run")
  void approvals() {
    accept(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(ISOLATE, ApprovalMode.REQUIRES_APPROVAL, "manual"),
                new ApprovalRule(2, true)),
            Actor.principal(ALICE),
            "please"));
    ActionId id = investigation.actions().get(0).id();
    accept(new Command.Approve(id, ALICE, "my own request"));
    Instant first = now;
    accept(new Command.Approve(id, BOB, "confirmed with the user"));
    Instant second = now;
    accept(new Command.Start(id));
    accept(new Command.Succeed(id, "isolated"));
    ActionRecord action = action(id);
    assertEquals(
        List.of(
            new ActionStep(
                ActionStep.Kind.APPROVED, Actor.principal(ALICE), first, "my own request"),
            new ActionStep(
                ActionStep.Kind.APPROVED, Actor.principal(BOB), second, "confirmed with the user")),
        action.approvals());
    assertEquals(List.of(ALICE, BOB), action.approvers());
    assertEquals(Actor.system(), action.updatedBy(), "the last change was the executor's");
    assertEquals("isolated", action.note());
  }

  @Test
  @DisplayName("a rejection and a cancellation keep who made them and why")
  void rejectionAndCancellation() {
    ActionId rejected = request(ApprovalMode.REQUIRES_APPROVAL, ALICE, "please");
    accept(new Command.Reject(rejected, Actor.principal(BOB), "benign admin tool"));
    assertEquals(
        Optional.of(
            new ActionStep(
                ActionStep.Kind.REJECTED, Actor.principal(BOB), now, "benign admin tool")),
        action(rejected).rejection());
    assertEquals(Optional.empty(), action(rejected).cancellation());

    ActionId cancelled = request(ApprovalMode.AUTOMATIC, BOB, "contain");
    accept(new Command.Cancel(cancelled, Actor.principal(ALICE), "wrong device"));
    assertEquals(
        Optional.of(
            new ActionStep(ActionStep.Kind.CANCELLED, Actor.principal(ALICE), now, "wrong device")),
        action(cancelled).cancellation());
    assertEquals(Optional.empty(), action(cancelled).rejection());
  }

  @Test
  @DisplayName(
      "an undo a principal asked for keeps their name and comment after the system carried it out")
  void undo() {
    ActionId id = request(ApprovalMode.AUTOMATIC, ALICE, "contain");
    accept(new Command.Start(id));
    accept(new Command.Succeed(id, "isolated"));
    accept(new Command.RequestUndo(id, Actor.principal(BOB), "false alarm"));
    Instant asked = now;
    accept(new Command.CompleteUndo(id, "released"));
    ActionRecord action = action(id);
    assertEquals(ActionStatus.UNDONE, action.status());
    assertEquals(Actor.system(), action.updatedBy(), "the system carried the undo out");
    assertEquals(
        Optional.of(
            new ActionStep(
                ActionStep.Kind.UNDO_REQUESTED, Actor.principal(BOB), asked, "false alarm")),
        action.undoRequest());
  }

  @Test
  @DisplayName(
      "a time box extension keeps its approver and comment; the box still counts from the success")
  void extension() {
    accept(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "manual"),
                ApprovalRule.SINGLE,
                Duration.ofHours(1)),
            Actor.principal(ALICE),
            "contain for an hour"));
    ActionId id = investigation.actions().get(0).id();
    accept(new Command.Start(id));
    accept(new Command.Succeed(id, "isolated"));
    Instant succeeded = now;
    accept(new Command.ExtendTimeBox(id, Duration.ofHours(2), BOB, "still cleaning up"));
    ActionRecord action = action(id);
    assertEquals(
        List.of(
            new ActionStep(
                ActionStep.Kind.TIME_BOX_EXTENDED, Actor.principal(BOB), now, "still cleaning up")),
        action.steps());
    assertEquals(Optional.of(succeeded.plus(Duration.ofHours(3))), action.timeBoxEnds());
  }

  @Test
  @DisplayName("replaying the events rebuilds every step")
  void replay() {
    List<InvestigationEvent> events =
        new ArrayList<>(
            Investigation.open(
                    ID,
                    AlertId.of("alert-who"),
                    AutomationLevel.FULL,
                    Investigation.DEFAULT_PENDING_EXPIRY,
                    Actor.system(),
                    T0)
                .events());
    ActionId id = new ActionId(ID, 1);
    for (Command command :
        List.<Command>of(
            new Command.ProposeAction(
                new Command.Proposal(
                    new PlannedAction(ISOLATE, ApprovalMode.REQUIRES_APPROVAL, "manual"),
                    ApprovalRule.SINGLE),
                Actor.principal(ALICE),
                "please"),
            new Command.Approve(id, BOB, "ok"),
            new Command.Start(id),
            new Command.Succeed(id, "done"),
            new Command.RequestUndo(id, Actor.principal(ALICE), "oops"),
            new Command.FailUndo(id, "offline"),
            new Command.RequestUndo(id, Actor.principal(BOB), "again"))) {
      events.addAll(accept(command).events());
    }
    assertEquals(investigation, Investigation.replay(events));
    assertEquals(
        "again",
        investigation.action(id).orElseThrow().undoRequest().orElseThrow().comment(),
        "the latest undo request");
    assertEquals(
        3,
        investigation.action(id).orElseThrow().steps().size(),
        "one approval, two undo requests");
  }

  @Test
  @DisplayName("an approval step must come from a principal; a step's comment is validated")
  void stepValidation() {
    assertThrows(
        InvalidInputException.class,
        () -> new ActionStep(ActionStep.Kind.APPROVED, Actor.system(), T0, ""));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new ActionStep(ActionStep.Kind.REJECTED, Actor.principal(ALICE), T0, "a\u0000b"));
    assertTrue(e.getMessage().startsWith("comment"), e.getMessage());
  }
}
