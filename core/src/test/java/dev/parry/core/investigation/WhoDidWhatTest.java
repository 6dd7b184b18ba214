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
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Who did what to an action, and why")
class WhoDidWhatTest {

  static final InvestigationId ID = InvestigationId.of("inv-who");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");
  static final PrincipalName BOB = PrincipalName.of("bob@contoso.com");
  static final RemediationAction ISOLATE = new IsolateDevice(DEVICE, IsolationType.FULL);
  static final RemediationAction OTHER = new IsolateDevice(Device.of(DeviceId.of("b4e8d20f"), DeviceName.of("ws-043")),
      IsolationType.FULL);

  Investigation investigation;
  Instant now = T0;

  @BeforeEach
  void open() {
    investigation = Investigation.open(ID, AlertId.of("alert-who"), AutomationLevel.FULL,
        Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), now).after();
  }

  Decision.Accepted accept(Command command) {
    now = now.plusSeconds(60);
    Decision.Accepted accepted = assertInstanceOf(Decision.Accepted.class, investigation.decide(command, now),
        () -> "expected acceptance of " + command);
    investigation = accepted.after();
    return accepted;
  }

  ActionId request(ApprovalMode mode, PrincipalName requester, String comment) {
    accept(new Command.ProposeAction(new Command.Proposal(new PlannedAction(ISOLATE, mode, "manual"),
        ApprovalRule.SINGLE), Actor.principal(requester), comment));
    return investigation.actions().get(investigation.actions().size() - 1).id();
  }

  ActionRecord action(ActionId id) {
    return investigation.action(id).orElseThrow();
  }

  @Test
  @DisplayName("the requester's comment is kept on the action and on its proposal, through every later change")
  void requestComment() {
    ActionId id = request(ApprovalMode.AUTOMATIC, ALICE, "contain before the call");
    assertEquals("contain before the call", action(id).requestComment());
    Decision.Accepted accepted = accept(new Command.ProposeAction(new Command.Proposal(new PlannedAction(OTHER,
        ApprovalMode.REQUIRES_APPROVAL, "manual"), ApprovalRule.SINGLE), Actor.principal(BOB), "by hand"));
    InvestigationEvent.ActionProposed proposed = assertInstanceOf(InvestigationEvent.ActionProposed.class,
        accepted.events().get(0));
    assertEquals("by hand", proposed.comment());
    accept(new Command.Start(id));
    accept(new Command.Succeed(id, "isolated"));
    assertEquals("contain before the call", action(id).requestComment(), "kept after the executor's outcome");
    assertEquals("isolated", action(id).note());
  }

  @Test
  @DisplayName("a request comment holding a control character is refused, naming the field")
  void requestCommentValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Command.ProposeAction(
        new Command.Proposal(new PlannedAction(ISOLATE, ApprovalMode.AUTOMATIC, "manual"), ApprovalRule.SINGLE),
        Actor.principal(ALICE), "line\nbreak"));
    assertTrue(e.getMessage().startsWith("comment"), e.getMessage());
  }
}
