package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.internal.RecordJson;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Values an earlier release stored read back as that release meant them")
class EarlierReleasesTest {

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);
  static final Instant T = Instant.parse("2026-04-01T08:00:00Z");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");
  static final IsolateDevice ISOLATE = new IsolateDevice(Device.of(DeviceId.of("d-old"), DeviceName.of("ws-old")),
      IsolationType.FULL);

  Investigation investigation = Investigation.open(InvestigationId.of("inv-old"), AlertId.of("a-old"),
      AutomationLevel.FULL, Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), T).after();

  Decision.Accepted decide(Command command) {
    Decision.Accepted accepted = (Decision.Accepted) investigation.decide(command, T);
    investigation = accepted.after();
    return accepted;
  }

  /** {@return {@code json} without the member {@code name} and its string value} */
  static String without(String json, String name) {
    String stripped = json.replaceAll(",\"" + name + "\":\"(?:[^\"\\\\]|\\\\.)*\"", "");
    assertFalse(stripped.contains("\"" + name + "\""), () -> name + " is still in " + stripped);
    return stripped;
  }

  @Test
  @DisplayName("an action and its proposal stored before request comments were kept read with an empty comment")
  void beforeRequestComments() {
    InvestigationEvent proposed = decide(new Command.ProposeAction(new Command.Proposal(new PlannedAction(ISOLATE,
        ApprovalMode.REQUIRES_APPROVAL, "manual"), ApprovalRule.SINGLE), Actor.principal(ALICE), "")).events().get(0);
    ActionRecord action = investigation.action(new ActionId(investigation.id(), 1)).orElseThrow();
    String storedEvent = without(JSON.write(proposed), "comment");
    String storedAction = without(JSON.write(action), "requestComment");
    assertEquals(proposed, JSON.read(storedEvent, InvestigationEvent.class));
    assertEquals(action, JSON.read(storedAction, ActionRecord.class));
    assertTrue(JSON.read(storedAction, ActionRecord.class).requestComment().isEmpty());
  }
}
