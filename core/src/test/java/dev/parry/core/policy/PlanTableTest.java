package dev.parry.core.policy;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.HASH;
import static dev.parry.core.Fixtures.MESSAGE;
import static dev.parry.core.Fixtures.T0;
import static dev.parry.core.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ImpactClass;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The plan table: which actions each entity type and verdict plans, as data (README, The plan table)")
class PlanTableTest {

  private static final RemediationPolicy POLICY = RemediationPolicy.standard();

  /**
   * Every fixture entity, plus the variants some steps need or skip: a file known only by hash, a
   * bare URL, a plain mailbox.
   */
  static List<Entity> samples() {
    List<Entity> out = new ArrayList<>(Fixtures.oneOfEach());
    out.add(DeviceFile.anywhere(HASH));
    out.add(DeviceFile.anywhere(Fixtures.SHA1));
    out.add(
        new dev.parry.core.entity.DeviceProcess(
            Fixtures.DEVICE_ID, 7, dev.parry.core.entity.WindowsPath.of("C:\\Temp\\x.exe")));
    out.add(Url.of(WebUrl.of("https://evil.example/clicked")));
    out.add(Mailbox.of(SmtpAddress.of("quiet@contoso.com")));
    return out;
  }

  /**
   * {@return the steps of {@code row} that build an action for {@code entity}, as {@code KIND
   * MODE}}; an action that lacks what its executor needs (a stop and quarantine without the SHA-1,
   * a kill without the creation time) waits whatever the row says
   */
  static List<String> expected(PlanTable.Row row, Entity entity) {
    List<String> out = new ArrayList<>();
    for (PlanTable.Step step : row.steps()) {
      var action = StandardActions.build(step.kind(), entity);
      if (action != null) {
        out.add(
            step.kind()
                + " "
                + (action.missingForExecution().isPresent()
                    ? ApprovalMode.REQUIRES_APPROVAL
                    : step.mode()));
      }
    }
    return out;
  }

  static List<String> planned(Entity entity, Verdict verdict, AutomationContext context) {
    return POLICY.plan(Evidence.of(entity, verdict, "", T0), context).actions().stream()
        .map(p -> p.action().kind() + " " + p.mode())
        .collect(Collectors.toList());
  }

  static List<String> plannedForCompromise(Entity entity, AutomationContext context) {
    return POLICY
        .plan(
            Evidence.of(entity, Verdict.MALICIOUS, "", T0).withRoles(EvidenceRole.COMPROMISED),
            context)
        .actions()
        .stream()
        .map(p -> p.action().kind() + " " + p.mode())
        .collect(Collectors.toList());
  }

  /** Full automation everywhere: each step's mode shows as the table says. */
  static final AutomationContext FULL_EVERYWHERE =
      AutomationContext.of(AutomationLevel.FULL)
          .withEmailAutomation(AutomationLevel.FULL)
          .withIdentityAutomation(AutomationLevel.FULL);

  @Nested
  @DisplayName("The default table")
  class Defaults {

    @Test
    @DisplayName("holds exactly the rows the README documents")
    void documented() {
      List<String> rows =
          PlanTable.defaults().rows().stream()
              .map(
                  row ->
                      row.verdict() + " " + row.entityType().getSimpleName() + ": " + row.steps())
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              "MALICIOUS Device: [ISOLATE_DEVICE pending]",
              "MALICIOUS DeviceFile: [QUARANTINE_FILE automatic, STOP_AND_QUARANTINE_FILE automatic]",
              "MALICIOUS DeviceProcess: [KILL_PROCESS automatic]",
              "MALICIOUS WindowsService: [STOP_SERVICE automatic]",
              "MALICIOUS Driver: [DISABLE_DRIVER automatic]",
              "MALICIOUS RegistryKey: [REMOVE_REGISTRY_KEY automatic]",
              "MALICIOUS RegistryValue: [REMOVE_REGISTRY_VALUE automatic]",
              "MALICIOUS ScheduledTask: [REMOVE_SCHEDULED_TASK automatic]",
              "MALICIOUS EmailMessage: [SOFT_DELETE_EMAIL automatic]",
              "MALICIOUS EmailCluster: [SOFT_DELETE_EMAIL automatic]",
              "MALICIOUS EmailAttachment: [SOFT_DELETE_EMAIL automatic]",
              "MALICIOUS Url: [BLOCK_URL automatic, SOFT_DELETE_EMAIL automatic]",
              "MALICIOUS Mailbox: [TURN_OFF_EXTERNAL_FORWARDING automatic, REMOVE_DELEGATION automatic]",
              "SUSPICIOUS Device: [ISOLATE_DEVICE pending]",
              "SUSPICIOUS DeviceFile: [QUARANTINE_FILE pending, STOP_AND_QUARANTINE_FILE pending]",
              "SUSPICIOUS DeviceProcess: [KILL_PROCESS pending]",
              "SUSPICIOUS WindowsService: [STOP_SERVICE pending]",
              "SUSPICIOUS Driver: [DISABLE_DRIVER pending]",
              "SUSPICIOUS RegistryKey: [REMOVE_REGISTRY_KEY pending]",
              "SUSPICIOUS RegistryValue: [REMOVE_REGISTRY_VALUE pending]",
              "SUSPICIOUS ScheduledTask: [REMOVE_SCHEDULED_TASK pending]",
              "SUSPICIOUS EmailMessage: [SOFT_DELETE_EMAIL pending]",
              "SUSPICIOUS EmailCluster: [SOFT_DELETE_EMAIL pending]",
              "SUSPICIOUS EmailAttachment: [SOFT_DELETE_EMAIL pending]",
              "SUSPICIOUS Url: [BLOCK_URL pending, SOFT_DELETE_EMAIL pending]",
              "SUSPICIOUS Mailbox: [TURN_OFF_EXTERNAL_FORWARDING pending, REMOVE_DELEGATION pending]",
              "MALICIOUS UserAccount: [MARK_USER_COMPROMISED pending, DISABLE_USER pending, RESET_PASSWORD pending]",
              "SUSPICIOUS UserAccount: [MARK_USER_COMPROMISED pending, DISABLE_USER pending, RESET_PASSWORD pending]",
              "MALICIOUS IpAddress: []",
              "MALICIOUS InternetDomain: []",
              "MALICIOUS OAuthApplication: []",
              "SUSPICIOUS IpAddress: []",
              "SUSPICIOUS InternetDomain: []",
              "SUSPICIOUS OAuthApplication: []"),
          rows);
      assertEquals(
          List.of(
              "Row{COMPROMISED Device -> [ISOLATE_DEVICE pending]}",
              "Row{COMPROMISED UserAccount -> [MARK_USER_COMPROMISED automatic, DISABLE_USER automatic, RESET_PASSWORD pending]}"),
          PlanTable.defaults().compromiseRows().stream()
              .map(Object::toString)
              .collect(Collectors.toList()));
    }

    @Test
    @DisplayName(
        "a compromise (the role COMPROMISED) plans the compromise row whatever the verdict; a suspicious user waits")
    void compromiseRows() {
      AutomationContext defaults = AutomationContext.of(AutomationLevel.FULL);
      for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS, Verdict.UNKNOWN)) {
        RemediationPlan plan =
            POLICY.plan(
                Evidence.of(Fixtures.USER, verdict, "", T0).withRoles(EvidenceRole.COMPROMISED),
                defaults);
        assertEquals(
            List.of(
                "MARK_USER_COMPROMISED AUTOMATIC",
                "DISABLE_USER AUTOMATIC",
                "RESET_PASSWORD REQUIRES_APPROVAL"),
            plan.actions().stream()
                .map(p -> p.action().kind() + " " + p.mode())
                .collect(Collectors.toList()),
            "compromised, verdict " + verdict);
        assertEquals("COMPROMISED IDENTITY entity: 3 action(s) planned", plan.summary());
      }
      assertEquals(
          List.of(
              "MARK_USER_COMPROMISED REQUIRES_APPROVAL",
              "DISABLE_USER REQUIRES_APPROVAL",
              "RESET_PASSWORD REQUIRES_APPROVAL"),
          planned(Fixtures.USER, Verdict.SUSPICIOUS, defaults));
      assertEquals(
          List.of("ISOLATE_DEVICE REQUIRES_APPROVAL"),
          POLICY
              .plan(
                  Evidence.of(DEVICE, Verdict.UNKNOWN, "", T0).withRoles(EvidenceRole.COMPROMISED),
                  defaults)
              .actions()
              .stream()
              .map(p -> p.action().kind() + " " + p.mode())
              .collect(Collectors.toList()));
      PlanTable without = PlanTable.defaults().withoutCompromise(UserAccount.class);
      assertEquals(
          List.of(
              "MARK_USER_COMPROMISED REQUIRES_APPROVAL",
              "DISABLE_USER REQUIRES_APPROVAL",
              "RESET_PASSWORD REQUIRES_APPROVAL"),
          POLICY
              .plan(
                  Evidence.of(Fixtures.USER, Verdict.MALICIOUS, "", T0)
                      .withRoles(EvidenceRole.COMPROMISED),
                  defaults.withPlanTable(without))
              .actions()
              .stream()
              .map(p -> p.action().kind() + " " + p.mode())
              .collect(Collectors.toList()),
          "without a compromise row, the verdict's row plans");
      assertTrue(PlanTable.defaults().kinds().contains(ActionKind.MARK_USER_COMPROMISED));
    }

    @Test
    @DisplayName(
        "the policy plans exactly each row at full automation, for every sample entity of the row's type")
    void everyRowAtFull() {
      int checked = 0;
      for (PlanTable.Row row : PlanTable.defaults().rows()) {
        Set<ActionKind> exercised = EnumSet.noneOf(ActionKind.class);
        for (Entity entity : samples()) {
          if (entity.getClass() != row.entityType()) {
            continue;
          }
          List<String> expected = expected(row, entity);
          assertEquals(
              expected, planned(entity, row.verdict(), FULL_EVERYWHERE), row + " for " + entity);
          expected.forEach(
              step -> exercised.add(ActionKind.valueOf(step.substring(0, step.indexOf(' ')))));
          checked++;
        }
        Set<ActionKind> kinds =
            row.steps().stream()
                .map(PlanTable.Step::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ActionKind.class)));
        assertEquals(kinds, exercised, "every step of " + row + " was planned for some sample");
      }
      assertTrue(checked >= PlanTable.defaults().rows().size(), "checked " + checked);
    }

    @Test
    @DisplayName(
        "under the default automation, email waits for approval and every other row plans as written")
    void everyRowByDefault() {
      AutomationContext defaults = AutomationContext.of(AutomationLevel.FULL);
      for (PlanTable.Row row : PlanTable.defaults().rows()) {
        for (Entity entity : samples()) {
          if (entity.getClass() != row.entityType()) {
            continue;
          }
          List<String> expected =
              expected(row, entity).stream()
                  .map(
                      step ->
                          row.family() == EntityFamily.EMAIL
                              ? step.replace("AUTOMATIC", "REQUIRES_APPROVAL")
                              : step)
                  .collect(Collectors.toList());
          assertEquals(expected, planned(entity, row.verdict(), defaults), row + " for " + entity);
        }
      }
    }

    @Test
    @DisplayName(
        "every threat verdict that applies to a type has a row; a removed row plans nothing, and says so")
    void noRowNoPlan() {
      PlanTable table = PlanTable.defaults();
      for (Entity entity : samples()) {
        for (Verdict verdict : Verdict.values()) {
          if (!verdict.isThreat()
              || !verdict.appliesTo(entity.family())
              || table.row(entity.getClass(), verdict).isPresent()) {
            continue;
          }
          throw new AssertionError(
              "no default row for " + verdict + " " + entity.getClass().getSimpleName());
        }
      }
      PlanTable noDevices = table.without(Device.class, Verdict.MALICIOUS);
      RemediationPlan plan =
          POLICY.plan(
              Evidence.of(DEVICE, Verdict.MALICIOUS, "", T0),
              FULL_EVERYWHERE.withPlanTable(noDevices));
      assertTrue(plan.isEmpty());
      assertEquals("the plan table has no row for MALICIOUS Device", plan.summary());
    }

    @Test
    @DisplayName("the kinds the default table plans")
    void kinds() {
      assertEquals(
          EnumSet.of(
              ActionKind.ISOLATE_DEVICE,
              ActionKind.QUARANTINE_FILE,
              ActionKind.STOP_AND_QUARANTINE_FILE,
              ActionKind.KILL_PROCESS,
              ActionKind.STOP_SERVICE,
              ActionKind.DISABLE_DRIVER,
              ActionKind.REMOVE_REGISTRY_KEY,
              ActionKind.REMOVE_REGISTRY_VALUE,
              ActionKind.REMOVE_SCHEDULED_TASK,
              ActionKind.SOFT_DELETE_EMAIL,
              ActionKind.BLOCK_URL,
              ActionKind.TURN_OFF_EXTERNAL_FORWARDING,
              ActionKind.REMOVE_DELEGATION,
              ActionKind.MARK_USER_COMPROMISED,
              ActionKind.DISABLE_USER,
              ActionKind.RESET_PASSWORD),
          PlanTable.defaults().kinds());
    }
  }

  @Nested
  @DisplayName("Replacing rows")
  class Replacing {

    @Test
    @DisplayName("a replaced row is what the policy plans; the other rows stay")
    void with() {
      PlanTable table =
          PlanTable.defaults()
              .with(
                  PlanTable.Row.of(
                      Device.class,
                      Verdict.MALICIOUS,
                      PlanTable.Step.automatic(ActionKind.RUN_ANTIVIRUS_SCAN),
                      PlanTable.Step.pending(ActionKind.CONTAIN_DEVICE)));
      AutomationContext context = AutomationContext.of(AutomationLevel.FULL).withPlanTable(table);
      assertEquals(
          List.of("RUN_ANTIVIRUS_SCAN AUTOMATIC", "CONTAIN_DEVICE REQUIRES_APPROVAL"),
          planned(DEVICE, Verdict.MALICIOUS, context));
      assertEquals(PlanTable.defaults().rows().size(), table.rows().size());
      assertEquals(
          List.of("SOFT_DELETE_EMAIL REQUIRES_APPROVAL"),
          planned(MESSAGE, Verdict.MALICIOUS, context));
      assertEquals(
          table,
          PlanTable.of(table.rows(), table.compromiseRows()),
          "a table equals one of the same rows");
    }

    @Test
    @DisplayName("a row can add revoke sessions to compromised users")
    void revokeSessions() {
      PlanTable table =
          PlanTable.defaults()
              .with(
                  PlanTable.CompromiseRow.of(
                      UserAccount.class,
                      PlanTable.Step.automatic(ActionKind.MARK_USER_COMPROMISED),
                      PlanTable.Step.automatic(ActionKind.DISABLE_USER),
                      PlanTable.Step.automatic(ActionKind.REVOKE_SESSIONS),
                      PlanTable.Step.pending(ActionKind.RESET_PASSWORD)));
      assertEquals(
          List.of(
              "MARK_USER_COMPROMISED AUTOMATIC",
              "DISABLE_USER AUTOMATIC",
              "REVOKE_SESSIONS AUTOMATIC",
              "RESET_PASSWORD REQUIRES_APPROVAL"),
          plannedForCompromise(
              USER, AutomationContext.of(AutomationLevel.FULL).withPlanTable(table)));
    }

    @Test
    @DisplayName(
        "an automatic step still follows the device group's level; a pending step waits at every level")
    void levelsStillApply() {
      PlanTable table =
          PlanTable.defaults()
              .with(
                  PlanTable.Row.of(
                      Device.class,
                      Verdict.MALICIOUS,
                      PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));
      assertEquals(
          List.of("ISOLATE_DEVICE REQUIRES_APPROVAL"),
          planned(
              DEVICE,
              Verdict.MALICIOUS,
              AutomationContext.of(AutomationLevel.SEMI_ALL_FOLDERS).withPlanTable(table)));
      assertEquals(
          List.of("ISOLATE_DEVICE AUTOMATIC"),
          planned(
              DEVICE,
              Verdict.MALICIOUS,
              AutomationContext.of(AutomationLevel.FULL).withPlanTable(table)));
      PlannedAction held =
          POLICY
              .plan(Evidence.of(DEVICE, Verdict.MALICIOUS, "", T0), FULL_EVERYWHERE)
              .actions()
              .get(0);
      assertEquals(
          "the plan table holds ISOLATE_DEVICE for approval on a MALICIOUS Device", held.reason());
    }

    @Test
    @DisplayName("a table of no rows plans nothing")
    void empty() {
      assertTrue(
          plannedForCompromise(USER, FULL_EVERYWHERE.withPlanTable(PlanTable.of(List.of())))
              .isEmpty());
    }
  }

  @Nested
  @DisplayName("Rows are checked when built; each message shows the offending value")
  class Checks {

    @Test
    @DisplayName("a kind that cannot act on the type")
    void wrongTarget() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  PlanTable.Row.of(
                      EmailMessage.class,
                      Verdict.MALICIOUS,
                      PlanTable.Step.pending(ActionKind.KILL_PROCESS)));
      assertEquals("KILL_PROCESS cannot act on EmailMessage entities", e.getMessage());
      assertThrows(
          InvalidInputException.class,
          () ->
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.pending(ActionKind.RELEASE_FROM_ISOLATION)));
    }

    @Test
    @DisplayName("a verdict that calls for nothing, or does not apply to the family")
    void wrongVerdict() {
      InvalidInputException none =
          assertThrows(
              InvalidInputException.class,
              () -> PlanTable.Row.of(Device.class, Verdict.NO_THREATS_FOUND));
      assertTrue(none.getMessage().endsWith("was: NO_THREATS_FOUND for Device"), none.getMessage());
      InvalidInputException compromised =
          assertThrows(
              InvalidInputException.class, () -> PlanTable.CompromiseRow.of(EmailCluster.class));
      assertEquals("role COMPROMISED does not apply to EmailCluster", compromised.getMessage());
      InvalidInputException never =
          assertThrows(
              InvalidInputException.class,
              () ->
                  PlanTable.CompromiseRow.of(
                      Device.class, PlanTable.Step.automatic(ActionKind.OFFBOARD_DEVICE)));
      assertTrue(
          never.getMessage().startsWith("OFFBOARD_DEVICE never runs automatically"),
          never.getMessage());
    }

    @Test
    @DisplayName(
        "an automatic step for a kind that never runs automatically, or in a suspicious row")
    void wrongMode() {
      InvalidInputException never =
          assertThrows(
              InvalidInputException.class,
              () ->
                  PlanTable.Row.of(
                      Device.class,
                      Verdict.MALICIOUS,
                      PlanTable.Step.automatic(ActionKind.OFFBOARD_DEVICE)));
      assertTrue(
          never.getMessage().startsWith("OFFBOARD_DEVICE never runs automatically"),
          never.getMessage());
      InvalidInputException suspicious =
          assertThrows(
              InvalidInputException.class,
              () ->
                  PlanTable.Row.of(
                      Device.class,
                      Verdict.SUSPICIOUS,
                      PlanTable.Step.automatic(ActionKind.RUN_ANTIVIRUS_SCAN)));
      assertTrue(
          suspicious.getMessage().endsWith("was: RUN_ANTIVIRUS_SCAN automatic for Device"),
          suspicious.getMessage());
    }

    @Test
    @DisplayName(
        "a kind twice in a row, two rows for one pair, a type that is not an entity record")
    void duplicates() {
      assertThrows(
          InvalidInputException.class,
          () ->
              PlanTable.Row.of(
                  Device.class,
                  Verdict.MALICIOUS,
                  PlanTable.Step.pending(ActionKind.ISOLATE_DEVICE),
                  PlanTable.Step.automatic(ActionKind.ISOLATE_DEVICE)));
      PlanTable.Row row = PlanTable.Row.of(Device.class, Verdict.MALICIOUS);
      InvalidInputException twice =
          assertThrows(InvalidInputException.class, () -> PlanTable.of(List.of(row, row)));
      assertEquals("two rows for MALICIOUS Device", twice.getMessage());
      assertThrows(
          InvalidInputException.class, () -> PlanTable.Row.of(Entity.class, Verdict.MALICIOUS));
      assertThrows(
          InvalidInputException.class,
          () -> PlanTable.Row.of(Device.class, Verdict.MALICIOUS, (PlanTable.Step) null));
    }
  }

  @Test
  @DisplayName(
      "what a step can target agrees with what it builds, for every kind and sample entity")
  void targetsAgreeWithBuild() {
    for (ActionKind kind : ActionKind.values()) {
      for (Entity entity : samples()) {
        RemediationAction built = StandardActions.build(kind, entity);
        if (built != null) {
          assertTrue(StandardActions.targets(kind, entity.getClass()), kind + " on " + entity);
          assertEquals(kind, built.kind());
        }
      }
      if (kind.impact() == ImpactClass.RESTORATIVE) {
        assertFalse(
            samples().stream().anyMatch(e -> StandardActions.targets(kind, e.getClass())),
            kind.name());
      }
    }
    assertNotNull(
        StandardActions.build(ActionKind.SOFT_DELETE_EMAIL, new EmailCluster(ClusterId.of("c-2"))));
  }
}
