package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.internal.RecordJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Values an earlier release stored read back as that release meant them")
class EarlierReleasesTest {

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);
  static final Instant T = Instant.parse("2026-04-01T08:00:00Z");
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");
  static final PrincipalName BOB = PrincipalName.of("bob@contoso.com");
  static final IsolateDevice ISOLATE =
      new IsolateDevice(
          Device.of(DeviceId.of("d-old"), DeviceName.of("ws-old")), IsolationType.FULL);

  Investigation investigation =
      Investigation.open(
              InvestigationId.of("inv-old"),
              AlertId.of("a-old"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              T)
          .after();

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
  @DisplayName(
      "an investigation stored before threats without an action were kept reads them from its evidence:"
          + " a threat no action targets is one, so the status does not claim no threats were found")
  void beforeThreatsWithoutAction() {
    DeviceFile planned =
        DeviceFile.onDevice(
            Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            DeviceId.of("d-old"),
            WindowsPath.of("C:\\Temp\\a.exe"));
    DeviceFile unplanned =
        DeviceFile.onDevice(
            Sha256.of("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"),
            DeviceId.of("d-old"),
            WindowsPath.of("C:\\Temp\\b.exe"));
    decide(
        new Command.RecordEvidence(
            Evidence.of(planned, Verdict.MALICIOUS, "t", T),
            List.of(
                new Command.Proposal(
                    new PlannedAction(
                        new QuarantineFile(planned), ApprovalMode.REQUIRES_APPROVAL, "policy"),
                    ApprovalRule.SINGLE)),
            Actor.system()));
    decide(
        new Command.RecordEvidence(
            Evidence.of(unplanned, Verdict.MALICIOUS, "t", T), List.of(), Actor.system()));
    decide(
        new Command.RecordEvidence(
            Evidence.of(unplanned, Verdict.NO_THREATS_FOUND, "clean copy", T),
            List.of(),
            Actor.system()));
    assertEquals(1, investigation.threatsWithoutAction().size());
    String now = JSON.write(investigation);
    String old = now.replaceAll(",\"threatsWithoutAction\":\\[.*?\\](?=,\"actions\")", "");
    assertFalse(old.contains("threatsWithoutAction"), old);

    Investigation read = JSON.read(old, Investigation.class);

    assertEquals(investigation.threatsWithoutAction(), read.threatsWithoutAction());
    assertEquals(investigation, read);
  }

  @Test
  @DisplayName(
      "an action and its proposal stored before request comments were kept read with an empty comment")
  void beforeRequestComments() {
    InvestigationEvent proposed =
        decide(
                new Command.ProposeAction(
                    new Command.Proposal(
                        new PlannedAction(ISOLATE, ApprovalMode.REQUIRES_APPROVAL, "manual"),
                        ApprovalRule.SINGLE),
                    Actor.principal(ALICE),
                    ""))
            .events()
            .get(0);
    ActionRecord action = investigation.action(new ActionId(investigation.id(), 1)).orElseThrow();
    String storedEvent = without(JSON.write(proposed), "comment");
    String storedAction = without(JSON.write(action), "requestComment");
    assertEquals(proposed, JSON.read(storedEvent, InvestigationEvent.class));
    assertEquals(action, JSON.read(storedAction, ActionRecord.class));
    assertTrue(JSON.read(storedAction, ActionRecord.class).requestComment().isEmpty());
  }

  /** {@return an action as an earlier release stored it: the approvers' names, no steps} */
  static String storedWithApprovers(
      ActionStatus status, Actor updatedBy, String note, String... approvers) {
    ActionRecord current =
        new ActionRecord(
            new ActionId(InvestigationId.of("inv-old"), 1),
            ISOLATE,
            ApprovalMode.REQUIRES_APPROVAL,
            "manual",
            new ApprovalRule(2, true),
            Actor.principal(ALICE),
            "",
            ActionSource.MANUAL_DEVICE_ACTION,
            T,
            status,
            List.of(),
            1,
            T.plusSeconds(60),
            updatedBy,
            note,
            null,
            null,
            null,
            0);
    StringBuilder names = new StringBuilder();
    for (String name : approvers) {
      names.append(names.length() == 0 ? "" : ",").append('"').append(name).append('"');
    }
    String json = JSON.write(current);
    assertTrue(json.contains("\"steps\":[]"), json);
    return json.replace("\"steps\":[]", "\"approvers\":[" + names + "]");
  }

  static ActionStep approval(String name, String comment) {
    return new ActionStep(
        ActionStep.Kind.APPROVED,
        Actor.principal(PrincipalName.of(name)),
        T.plusSeconds(60),
        comment);
  }

  @Test
  @DisplayName(
      "an action stored before steps were kept reads its approvers as approvals, and its last change exactly")
  void beforeSteps() {
    assertEquals(
        List.of(approval("alice@contoso.com", "looks bad")),
        JSON.read(
                storedWithApprovers(
                    ActionStatus.PENDING_APPROVAL,
                    Actor.principal(ALICE),
                    "looks bad",
                    "alice@contoso.com"),
                ActionRecord.class)
            .steps(),
        "a pending action's last change was its last approval, comment included");
    assertEquals(
        List.of(approval("alice@contoso.com", ""), approval("bob@contoso.com", "")),
        JSON.read(
                storedWithApprovers(
                    ActionStatus.SUCCEEDED,
                    Actor.system(),
                    "isolated",
                    "alice@contoso.com",
                    "bob@contoso.com"),
                ActionRecord.class)
            .steps(),
        "approvals without their comments once the action moved on");
    assertEquals(
        List.of(
            new ActionStep(
                ActionStep.Kind.REJECTED, Actor.principal(BOB), T.plusSeconds(60), "benign")),
        JSON.read(
                storedWithApprovers(ActionStatus.REJECTED, Actor.principal(BOB), "benign"),
                ActionRecord.class)
            .steps(),
        "a rejection was its last change");
    assertEquals(
        List.of(
            approval("alice@contoso.com", ""),
            new ActionStep(
                ActionStep.Kind.UNDO_REQUESTED,
                Actor.principal(BOB),
                T.plusSeconds(60),
                "false alarm")),
        JSON.read(
                storedWithApprovers(
                    ActionStatus.UNDO_IN_PROGRESS,
                    Actor.principal(BOB),
                    "false alarm",
                    "alice@contoso.com"),
                ActionRecord.class)
            .steps(),
        "an undo in progress was asked for by its last change");
    assertEquals(
        List.of(approval("alice@contoso.com", "")),
        JSON.read(
                storedWithApprovers(
                    ActionStatus.UNDONE, Actor.system(), "released", "alice@contoso.com"),
                ActionRecord.class)
            .steps(),
        "who asked for a finished undo was not kept");
  }

  @Test
  @DisplayName(
      "an action and its proposal stored before sources were typed take the source their requester and family imply")
  void beforeSources() {
    InvestigationEvent manual =
        decide(
                new Command.ProposeAction(
                    new Command.Proposal(
                        new PlannedAction(ISOLATE, ApprovalMode.REQUIRES_APPROVAL, "manual"),
                        ApprovalRule.SINGLE),
                    Actor.principal(ALICE),
                    "contain"))
            .events()
            .get(0);
    SoftDeleteEmail delete =
        new SoftDeleteEmail(
            EmailMessage.of(
                NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                SmtpAddress.of("bob@contoso.com")),
            false);
    InvestigationEvent automated =
        decide(
                new Command.ProposeAction(
                    new Command.Proposal(
                        new PlannedAction(delete, ApprovalMode.REQUIRES_APPROVAL, "phish"),
                        ApprovalRule.SINGLE),
                    Actor.system()))
            .events()
            .get(0);
    for (InvestigationEvent event : List.of(manual, automated)) {
      assertEquals(
          event, JSON.read(without(JSON.write(event), "source"), InvestigationEvent.class));
    }
    for (ActionRecord action : investigation.actions()) {
      ActionRecord read = JSON.read(without(JSON.write(action), "source"), ActionRecord.class);
      assertEquals(action, read);
    }
    assertEquals(ActionSource.MANUAL_DEVICE_ACTION, investigation.actions().get(0).source());
    assertEquals(
        ActionSource.AUTOMATED_EMAIL_INVESTIGATION, investigation.actions().get(1).source());
  }

  @Test
  @DisplayName(
      "entities of the device family stored before any-hash files, POSIX paths and process creation"
          + " times read as the same entities: paths written bare are Windows paths, new attributes absent")
  void deviceFamilyBeforeFilesByAnyHash() {
    String file =
        "{\"@type\":\"DeviceFile\",\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
            + "\"sha1\":null,\"device\":\"d-old\",\"path\":\"C:\\\\Temp\\\\x.exe\"}";
    assertEquals(
        DeviceFile.onDevice(
            Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            DeviceId.of("d-old"),
            WindowsPath.of("C:\\Temp\\x.exe")),
        JSON.read(file, Entity.class));
    String process =
        "{\"@type\":\"KillProcess\",\"process\":{\"device\":\"d-old\",\"processId\":4242,"
            + "\"imagePath\":\"C:\\\\Temp\\\\m.exe\"}}";
    KillProcess kill = JSON.read(process, KillProcess.class);
    assertEquals(
        new KillProcess(
            new DeviceProcess(DeviceId.of("d-old"), 4242, WindowsPath.of("C:\\Temp\\m.exe"))),
        kill);
    assertTrue(
        kill.missingForExecution().isPresent(),
        "a kill stored without the creation time is never sent");
    String device =
        "{\"@type\":\"Device\",\"id\":\"d-old\",\"name\":\"ws-old\",\"domain\":null,\"tags\":[],"
            + "\"os\":\"WINDOWS\"}";
    assertEquals(ISOLATE.device(), JSON.read(device, Entity.class));
  }

  @Test
  @DisplayName(
      "a whole investigation stored with old-shape device entities reads back equal to the one built today")
  void storedInvestigationWithOldShapes() {
    decide(
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(
                    new KillProcess(
                        new DeviceProcess(
                            DeviceId.of("d-old"), 7, WindowsPath.of("C:\\Temp\\m.exe"))),
                    ApprovalMode.REQUIRES_APPROVAL,
                    "manual"),
                ApprovalRule.SINGLE),
            Actor.principal(ALICE),
            ""));
    String now = JSON.write(investigation);
    String old =
        now.replaceAll("\\{\"@type\":\"WindowsPath\",\"value\":(\"(?:[^\"\\\\]|\\\\.)*\")\\}", "$1")
            .replace(",\"creationTime\":null,\"commandLine\":null,\"parent\":null", "")
            .replace(",\"entraDeviceId\":null,\"rbacGroupName\":null", "");
    assertFalse(old.contains("WindowsPath") || old.contains("creationTime"), old);
    assertEquals(investigation, JSON.read(old, Investigation.class));
  }
}
