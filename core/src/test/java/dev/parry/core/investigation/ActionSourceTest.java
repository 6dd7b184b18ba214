package dev.parry.core.investigation;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.MESSAGE;
import static dev.parry.core.Fixtures.T0;
import static dev.parry.core.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every action says where it came from: the Action center's eight sources")
class ActionSourceTest {

  static final Actor ANALYST = Actor.principal(PrincipalName.of("alice@contoso.com"));
  static final RemediationAction ISOLATE = new IsolateDevice(DEVICE, IsolationType.FULL);
  static final RemediationAction DELETE = new SoftDeleteEmail(MESSAGE, false);
  static final RemediationAction DISABLE = new DisableUser(USER);

  Investigation investigation =
      Investigation.open(
              InvestigationId.of("inv-src"),
              AlertId.of("a-src"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              T0)
          .after();

  static Command.Proposal proposal(RemediationAction action) {
    return new Command.Proposal(
        new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, "test"), ApprovalRule.SINGLE);
  }

  ActionRecord propose(Command command) {
    Decision.Accepted accepted =
        assertInstanceOf(Decision.Accepted.class, investigation.decide(command, T0));
    investigation = accepted.after();
    InvestigationEvent.ActionProposed proposed =
        assertInstanceOf(
            InvestigationEvent.ActionProposed.class,
            accepted.events().get(accepted.events().size() - 1));
    ActionRecord action = investigation.action(proposed.actionId()).orElseThrow();
    assertEquals(proposed.source(), action.source(), "the event and the record agree");
    return action;
  }

  @Test
  @DisplayName(
      "the eight sources of Defender's Action center, two of them automated investigations")
  void eight() {
    assertEquals(
        List.of(
            "AUTOMATED_DEVICE_INVESTIGATION",
            "AUTOMATED_EMAIL_INVESTIGATION",
            "MANUAL_DEVICE_ACTION",
            "MANUAL_EMAIL_ACTION",
            "ADVANCED_HUNTING",
            "EXPLORER",
            "LIVE_RESPONSE",
            "LIVE_RESPONSE_API"),
        java.util.Arrays.stream(ActionSource.values()).map(Enum::name).toList());
    assertEquals(
        2,
        java.util.Arrays.stream(ActionSource.values()).filter(ActionSource::isAutomated).count());
  }

  @Test
  @DisplayName("a principal's action keeps the source it was requested from")
  void named() {
    assertEquals(
        ActionSource.LIVE_RESPONSE,
        propose(
                new Command.ProposeAction(
                    proposal(ISOLATE), ANALYST, "from the session", ActionSource.LIVE_RESPONSE))
            .source());
    assertEquals(
        ActionSource.EXPLORER,
        propose(
                new Command.ProposeAction(
                    proposal(DELETE), ANALYST, "from Explorer", ActionSource.EXPLORER))
            .source());
    assertEquals(
        ActionSource.ADVANCED_HUNTING,
        propose(
                new Command.ProposeAction(
                    proposal(DISABLE),
                    ANALYST,
                    "from a hunting query",
                    ActionSource.ADVANCED_HUNTING))
            .source());
  }

  @Test
  @DisplayName("without a source named, the requester and the family decide it")
  void implied() {
    assertEquals(
        ActionSource.MANUAL_DEVICE_ACTION,
        propose(new Command.ProposeAction(proposal(ISOLATE), ANALYST)).source());
    assertEquals(
        ActionSource.MANUAL_EMAIL_ACTION,
        propose(new Command.ProposeAction(proposal(DELETE), ANALYST)).source());
    assertEquals(
        ActionSource.MANUAL_DEVICE_ACTION,
        propose(new Command.ProposeAction(proposal(DISABLE), ANALYST)).source(),
        "identity actions are filed with the device sources");
    investigation =
        Investigation.open(
                InvestigationId.of("inv-src-2"),
                AlertId.of("a-src-2"),
                AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                T0)
            .after();
    Evidence phish = Evidence.of(MESSAGE, Verdict.MALICIOUS, "phish", T0);
    ActionRecord automated =
        propose(
            Command.RecordEvidence.of(
                phish,
                new RemediationPlan(
                    List.of(new PlannedAction(DELETE, ApprovalMode.REQUIRES_APPROVAL, "phish")),
                    "phish"),
                ApprovalRule.SINGLE));
    assertEquals(ActionSource.AUTOMATED_EMAIL_INVESTIGATION, automated.source());
    assertEquals(
        ActionSource.AUTOMATED_DEVICE_INVESTIGATION,
        ActionSource.of(Actor.system(), EntityFamily.DEVICE));
    assertEquals(
        ActionSource.AUTOMATED_DEVICE_INVESTIGATION,
        ActionSource.of(Actor.system(), EntityFamily.IDENTITY));
  }

  @Test
  @DisplayName(
      "a source that does not suit the requester or the family is refused, naming the source")
  void refused() {
    for (Runnable bad :
        List.<Runnable>of(
            () -> new Command.ProposeAction(proposal(ISOLATE), ANALYST, "", ActionSource.EXPLORER),
            () ->
                new Command.ProposeAction(
                    proposal(DELETE), ANALYST, "", ActionSource.LIVE_RESPONSE_API),
            () ->
                new Command.ProposeAction(
                    proposal(DISABLE), ANALYST, "", ActionSource.MANUAL_EMAIL_ACTION),
            () ->
                new Command.ProposeAction(
                    proposal(ISOLATE), ANALYST, "", ActionSource.AUTOMATED_DEVICE_INVESTIGATION),
            () ->
                new Command.ProposeAction(
                    proposal(ISOLATE), Actor.system(), "", ActionSource.MANUAL_DEVICE_ACTION),
            () ->
                new InvestigationEvent.ActionProposed(
                    investigation.id(),
                    T0,
                    Actor.system(),
                    new ActionId(investigation.id(), 1),
                    ISOLATE,
                    ApprovalMode.AUTOMATIC,
                    "t",
                    ApprovalRule.SINGLE,
                    null,
                    null,
                    "",
                    ActionSource.LIVE_RESPONSE))) {
      InvalidInputException e = assertThrows(InvalidInputException.class, bad::run);
      assertTrue(e.getMessage().startsWith("source "), e.getMessage());
    }
    assertTrue(investigation.actions().isEmpty());
  }
}
