package dev.parry.core.policy;

import static dev.parry.core.Fixtures.DEVICE;
import static dev.parry.core.Fixtures.MESSAGE;
import static dev.parry.core.Fixtures.T0;
import static dev.parry.core.Fixtures.USER;
import static dev.parry.core.Fixtures.fileAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.automation.FolderExclusion;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The standard remediation policy reproduces core/DOMAIN.md D9, D10, D12 and D19")
class StandardRemediationPolicyTest {

  private static final RemediationPolicy POLICY = RemediationPolicy.standard();

  /**
   * A user is reported compromised: the role COMPROMISED, with a malicious verdict (what
   * COMPROMISED reads as).
   */
  private static final Verdict COMPROMISED = Verdict.MALICIOUS;

  private static Evidence evidence(Entity entity, Verdict verdict) {
    Evidence evidence = Evidence.of(entity, verdict, "", T0);
    return entity.family() == EntityFamily.IDENTITY
        ? evidence.withRoles(EvidenceRole.COMPROMISED)
        : evidence;
  }

  private static RemediationPlan plan(Entity entity, Verdict verdict, AutomationContext context) {
    return POLICY.plan(evidence(entity, verdict), context);
  }

  private static RemediationPlan plan(Entity entity, Verdict verdict, AutomationLevel level) {
    return plan(entity, verdict, AutomationContext.of(level));
  }

  /** "none", "automatic", "pending" or "mixed", for a whole plan. */
  private static String outcome(RemediationPlan plan) {
    Set<ApprovalMode> modes =
        plan.actions().stream().map(PlannedAction::mode).collect(Collectors.toSet());
    if (modes.isEmpty()) {
      return "none";
    }
    if (modes.size() > 1) {
      return "mixed";
    }
    return modes.contains(ApprovalMode.AUTOMATIC) ? "automatic" : "pending";
  }

  @Nested
  @DisplayName("The outcome table (core/DOMAIN.md D9)")
  class SeedTable {

    @Test
    @DisplayName("malicious file or process on a device in a Full group: automatic")
    void maliciousDeviceFull() {
      assertEquals(
          "automatic",
          outcome(plan(fileAt("C:\\Temp\\x.exe"), Verdict.MALICIOUS, AutomationLevel.FULL)));
      assertEquals(
          "automatic",
          outcome(
              plan(
                  DeviceProcess.of(
                      Fixtures.DEVICE_ID, 7, Fixtures.T0, WindowsPath.of("C:\\Temp\\x.exe")),
                  Verdict.MALICIOUS,
                  AutomationLevel.FULL)));
    }

    @Test
    @DisplayName(
        "an action that lacks what its executor needs waits, saying what: a kill without the creation"
            + " time, a stop and quarantine without the SHA-1")
    void missingForExecutionWaits() {
      RemediationPlan kill =
          plan(
              new DeviceProcess(Fixtures.DEVICE_ID, 7, WindowsPath.of("C:\\Temp\\x.exe")),
              Verdict.MALICIOUS,
              AutomationLevel.FULL);
      assertEquals("pending", outcome(kill));
      assertTrue(
          kill.actions().get(0).reason().contains("creation time"), kill.actions().get(0).reason());
      RemediationPlan stop =
          plan(DeviceFile.anywhere(Fixtures.HASH), Verdict.MALICIOUS, AutomationLevel.FULL);
      assertEquals("pending", outcome(stop));
      assertTrue(stop.actions().get(0).reason().contains("SHA1"), stop.actions().get(0).reason());
    }

    @ParameterizedTest(name = "whatever the device group, even at {0}")
    @EnumSource(AutomationLevel.class)
    @DisplayName(
        "compromised user: the automatic actions run automatically under the default identity automation")
    void compromisedUser(AutomationLevel level) {
      RemediationPlan plan = plan(USER, COMPROMISED, level);
      assertEquals(
          List.of(ApprovalMode.AUTOMATIC, ApprovalMode.AUTOMATIC, ApprovalMode.REQUIRES_APPROVAL),
          plan.actions().stream().map(PlannedAction::mode).collect(Collectors.toList()));
    }

    @ParameterizedTest(name = "whatever the device group, even at {0}")
    @EnumSource(AutomationLevel.class)
    @DisplayName(
        "malicious email content (message, URL, attachment): pending approval under the default email automation")
    void maliciousEmail(AutomationLevel level) {
      for (Entity entity : Fixtures.oneOfEach()) {
        if (entity.family() == EntityFamily.EMAIL && !Fixtures.plansNothing(entity)) {
          assertEquals(
              "pending", outcome(plan(entity, Verdict.MALICIOUS, level)), entity.toString());
        }
      }
    }

    @ParameterizedTest(name = "at level {0}")
    @EnumSource(
        value = AutomationLevel.class,
        names = "NO_AUTOMATED_RESPONSE",
        mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("suspicious device or email content: pending approval")
    void suspicious(AutomationLevel level) {
      for (Entity entity : Fixtures.oneOfEach()) {
        if (entity.family() != EntityFamily.IDENTITY && !Fixtures.plansNothing(entity)) {
          assertEquals(
              "pending", outcome(plan(entity, Verdict.SUSPICIOUS, level)), entity.toString());
        }
      }
    }

    @ParameterizedTest(name = "verdict {0}")
    @EnumSource(
        value = Verdict.class,
        names = {"NO_THREATS_FOUND", "UNKNOWN"})
    @DisplayName("no threats found (and unknown): no action")
    void noThreats(Verdict verdict) {
      for (Entity entity : Fixtures.oneOfEach()) {
        if (verdict.appliesTo(entity.family())) {
          RemediationPlan plan =
              POLICY.plan(
                  Evidence.of(entity, verdict, "", T0), AutomationContext.of(AutomationLevel.FULL));
          assertEquals("none", outcome(plan));
          assertTrue(plan.summary().contains(verdict.name()), plan.summary());
        }
      }
    }
  }

  @Nested
  @DisplayName("What the seed lists, and what AIR leaves to analysts")
  class Truthful {

    /** Each planned action as {@code KIND MODE}, in order. */
    private List<String> described(RemediationPlan plan) {
      return plan.actions().stream()
          .map(p -> p.action().kind() + " " + p.mode())
          .collect(Collectors.toList());
    }

    @Test
    @DisplayName(
        "a compromised user is confirmed compromised and disabled automatically; the password reset waits")
    void compromisedUser() {
      assertEquals(
          List.of(
              "MARK_USER_COMPROMISED AUTOMATIC",
              "DISABLE_USER AUTOMATIC",
              "RESET_PASSWORD REQUIRES_APPROVAL"),
          described(plan(USER, COMPROMISED, AutomationLevel.FULL)));
    }

    @Test
    @DisplayName("a malicious whole device is isolated only upon approval, even in a Full group")
    void wholeDevice() {
      assertEquals(
          List.of("ISOLATE_DEVICE REQUIRES_APPROVAL"),
          described(plan(DEVICE, Verdict.MALICIOUS, AutomationLevel.FULL)));
    }
  }

  @Nested
  @DisplayName("Level by verdict (core/DOMAIN.md D12)")
  class LevelByVerdict {

    @ParameterizedTest(name = "{0}, {1} file in {2}: {3}")
    @CsvSource({
      "FULL, MALICIOUS, C:/Windows/evil.dll, automatic",
      "FULL, MALICIOUS, C:/Users/a/Downloads/x.exe, automatic",
      "FULL, MALICIOUS, C:/Data/x.exe, automatic",
      "FULL, SUSPICIOUS, C:/Data/x.exe, pending",
      "FULL, NO_THREATS_FOUND, C:/Data/x.exe, none",
      "SEMI_ALL_FOLDERS, MALICIOUS, C:/Windows/evil.dll, pending",
      "SEMI_ALL_FOLDERS, MALICIOUS, C:/Users/a/Downloads/x.exe, pending",
      "SEMI_ALL_FOLDERS, MALICIOUS, C:/Data/x.exe, pending",
      "SEMI_ALL_FOLDERS, SUSPICIOUS, C:/Data/x.exe, pending",
      "SEMI_ALL_FOLDERS, NO_THREATS_FOUND, C:/Data/x.exe, none",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Windows/evil.dll, pending",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Program Files/x/evil.dll, pending",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Users/a/Downloads/x.exe, automatic",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Windows/Temp/x.exe, pending",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Program Files (x86)/x/evil.dll, pending",
      "SEMI_CORE_FOLDERS, MALICIOUS, C:/Data/x.exe, automatic",
      "SEMI_CORE_FOLDERS, SUSPICIOUS, C:/Data/x.exe, pending",
      "SEMI_CORE_FOLDERS, NO_THREATS_FOUND, C:/Data/x.exe, none",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Users/a/AppData/Local/Temp/x.exe, automatic",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Users/a/Downloads/x.exe, automatic",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Windows/Temp/x.exe, automatic",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Program Files/x/evil.dll, automatic",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Program Files (x86)/x/evil.dll, automatic",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Windows/System32/evil.dll, pending",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Windows/evil.dll, pending",
      "SEMI_NON_TEMP_FOLDERS, MALICIOUS, C:/Data/x.exe, pending",
      "SEMI_NON_TEMP_FOLDERS, SUSPICIOUS, C:/Users/a/Downloads/x.exe, pending",
      "SEMI_NON_TEMP_FOLDERS, NO_THREATS_FOUND, C:/Data/x.exe, none",
      "NO_AUTOMATED_RESPONSE, MALICIOUS, C:/Data/x.exe, none",
      "NO_AUTOMATED_RESPONSE, SUSPICIOUS, C:/Data/x.exe, none",
      "NO_AUTOMATED_RESPONSE, NO_THREATS_FOUND, C:/Data/x.exe, none"
    })
    @DisplayName("the level-by-verdict table for files")
    void table(AutomationLevel level, Verdict verdict, String path, String expected) {
      assertEquals(expected, outcome(plan(fileAt(path), verdict, level)));
    }

    @Test
    @DisplayName(
        "each Semi folder level asks its own question of its own list: a file can be in both")
    void eachLevelItsOwnList() {
      FolderClassifier folders =
          FolderClassifier.of(List.of("/apps"), List.of("/apps/cache", "/scratch"));
      AutomationContext core =
          AutomationContext.of(AutomationLevel.SEMI_CORE_FOLDERS).withFolders(folders);
      AutomationContext nonTemp =
          AutomationContext.of(AutomationLevel.SEMI_NON_TEMP_FOLDERS).withFolders(folders);
      DeviceFile inBoth = fileAt("C:\\Apps\\Cache\\x.exe");
      assertEquals("pending", outcome(plan(inBoth, Verdict.MALICIOUS, core)), "in a core folder");
      assertEquals(
          "automatic", outcome(plan(inBoth, Verdict.MALICIOUS, nonTemp)), "in a temp folder");
      DeviceFile coreOnly = fileAt("C:\\Apps\\x.exe");
      assertEquals("pending", outcome(plan(coreOnly, Verdict.MALICIOUS, core)));
      assertEquals("pending", outcome(plan(coreOnly, Verdict.MALICIOUS, nonTemp)));
      DeviceFile tempOnly = fileAt("C:\\Scratch\\x.exe");
      assertEquals("automatic", outcome(plan(tempOnly, Verdict.MALICIOUS, core)));
      assertEquals("automatic", outcome(plan(tempOnly, Verdict.MALICIOUS, nonTemp)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "FULL, automatic",
      "SEMI_ALL_FOLDERS, pending",
      "SEMI_CORE_FOLDERS, pending",
      "SEMI_NON_TEMP_FOLDERS, pending",
      "NO_AUTOMATED_RESPONSE, none"
    })
    @DisplayName("entities without a file path (a registry key) under each level")
    void withoutPath(AutomationLevel level, String expected) {
      Entity key = new RegistryKey(Fixtures.DEVICE_ID, RegistryKeyPath.of("HKLM\\Software\\Run"));
      assertEquals(expected, outcome(plan(key, Verdict.MALICIOUS, level)));
    }

    @Test
    @DisplayName(
        "a device group at no automated response plans nothing for device entities; email and identity follow their own automation")
    void noAutomatedResponse() {
      for (Entity entity : Fixtures.oneOfEach()) {
        Verdict verdict = Verdict.MALICIOUS;
        RemediationPlan plan = plan(entity, verdict, AutomationLevel.NO_AUTOMATED_RESPONSE);
        assertEquals(
            entity.family() == EntityFamily.DEVICE || Fixtures.plansNothing(entity),
            plan.isEmpty(),
            entity.toString());
        if (entity.family() == EntityFamily.DEVICE) {
          assertTrue(plan.summary().contains("NO_AUTOMATED_RESPONSE"), plan.summary());
        }
      }
    }

    @Test
    @DisplayName(
        "email or identity automation at no automated response plans nothing for that family only")
    void familyOff() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withEmailAutomation(AutomationLevel.NO_AUTOMATED_RESPONSE)
              .withIdentityAutomation(AutomationLevel.NO_AUTOMATED_RESPONSE);
      for (Entity entity : Fixtures.oneOfEach()) {
        Verdict verdict = Verdict.MALICIOUS;
        RemediationPlan plan = plan(entity, verdict, context);
        assertEquals(entity.family() != EntityFamily.DEVICE, plan.isEmpty(), entity.toString());
        if (plan.isEmpty()) {
          assertTrue(plan.summary().contains("automation NO_AUTOMATED_RESPONSE"), plan.summary());
        }
      }
    }

    @Test
    @DisplayName(
        "email automation FULL runs email remediation automatically; identity automation SEMI holds users for approval")
    void familyLevels() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.SEMI_ALL_FOLDERS)
              .withEmailAutomation(AutomationLevel.FULL)
              .withIdentityAutomation(AutomationLevel.SEMI_ALL_FOLDERS);
      assertEquals("automatic", outcome(plan(MESSAGE, Verdict.MALICIOUS, context)));
      assertEquals("pending", outcome(plan(MESSAGE, Verdict.SUSPICIOUS, context)));
      assertEquals("pending", outcome(plan(USER, COMPROMISED, context)));
      assertEquals("pending", outcome(plan(fileAt("C:\\Temp\\x.exe"), Verdict.MALICIOUS, context)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = AutomationLevel.class,
        names = {"SEMI_CORE_FOLDERS", "SEMI_NON_TEMP_FOLDERS"})
    @DisplayName("folder levels judge file paths: they cannot govern email or identities")
    void folderLevelsRefused(AutomationLevel level) {
      AutomationContext context = AutomationContext.of(AutomationLevel.FULL);
      InvalidInputException email =
          assertThrows(InvalidInputException.class, () -> context.withEmailAutomation(level));
      assertEquals(
          "emailAutomation must be FULL, SEMI_ALL_FOLDERS or NO_AUTOMATED_RESPONSE (folder levels judge file"
              + " paths on devices), was: "
              + level,
          email.getMessage());
      assertThrows(InvalidInputException.class, () -> context.withIdentityAutomation(level));
    }
  }

  @Nested
  @DisplayName("Threat to action mapping (core/DOMAIN.md D23 and D27)")
  class Mapping {

    @Test
    @DisplayName(
        "each entity type gets the remediation the default plan table names (PlanTableTest checks every row)")
    void mapping() {
      Map<Class<?>, List<ActionKind>> expected =
          Map.ofEntries(
              Map.entry(dev.parry.core.entity.Device.class, List.of(ActionKind.ISOLATE_DEVICE)),
              Map.entry(DeviceFile.class, List.of(ActionKind.QUARANTINE_FILE)),
              Map.entry(
                  dev.parry.core.entity.DeviceProcess.class, List.of(ActionKind.KILL_PROCESS)),
              Map.entry(
                  dev.parry.core.entity.WindowsService.class, List.of(ActionKind.STOP_SERVICE)),
              Map.entry(dev.parry.core.entity.Driver.class, List.of(ActionKind.DISABLE_DRIVER)),
              Map.entry(
                  dev.parry.core.entity.RegistryKey.class, List.of(ActionKind.REMOVE_REGISTRY_KEY)),
              Map.entry(
                  dev.parry.core.entity.RegistryValue.class,
                  List.of(ActionKind.REMOVE_REGISTRY_VALUE)),
              Map.entry(
                  dev.parry.core.entity.ScheduledTask.class,
                  List.of(ActionKind.REMOVE_SCHEDULED_TASK)),
              Map.entry(
                  dev.parry.core.entity.EmailMessage.class, List.of(ActionKind.SOFT_DELETE_EMAIL)),
              Map.entry(
                  dev.parry.core.entity.EmailCluster.class, List.of(ActionKind.SOFT_DELETE_EMAIL)),
              Map.entry(
                  dev.parry.core.entity.EmailAttachment.class,
                  List.of(ActionKind.SOFT_DELETE_EMAIL)),
              Map.entry(Url.class, List.of(ActionKind.BLOCK_URL, ActionKind.SOFT_DELETE_EMAIL)),
              Map.entry(
                  Mailbox.class,
                  List.of(ActionKind.TURN_OFF_EXTERNAL_FORWARDING, ActionKind.REMOVE_DELEGATION)),
              Map.entry(
                  dev.parry.core.entity.UserAccount.class,
                  List.of(
                      ActionKind.MARK_USER_COMPROMISED,
                      ActionKind.DISABLE_USER,
                      ActionKind.RESET_PASSWORD)),
              Map.entry(dev.parry.core.entity.IpAddress.class, List.of()),
              Map.entry(dev.parry.core.entity.InternetDomain.class, List.of()),
              Map.entry(dev.parry.core.entity.OAuthApplication.class, List.of()));
      for (Entity entity : Fixtures.oneOfEach()) {
        Verdict verdict = Verdict.MALICIOUS;
        List<ActionKind> kinds =
            plan(entity, verdict, AutomationLevel.FULL).actions().stream()
                .map(p -> p.action().kind())
                .collect(Collectors.toList());
        assertEquals(expected.get(entity.getClass()), kinds, entity.getClass().getSimpleName());
      }
    }

    @Test
    @DisplayName("a file known only by hash is stopped and quarantined everywhere")
    void hashOnly() {
      RemediationPlan plan =
          plan(DeviceFile.anywhere(Fixtures.HASH), Verdict.MALICIOUS, AutomationLevel.FULL);
      assertEquals(ActionKind.STOP_AND_QUARANTINE_FILE, plan.actions().get(0).action().kind());
    }

    @Test
    @DisplayName("a clicked URL without a message is blocked only; a clean mailbox gets nothing")
    void urlAndMailbox() {
      assertEquals(
          List.of(ActionKind.BLOCK_URL),
          plan(Url.of(WebUrl.of("https://evil.example/")), Verdict.MALICIOUS, AutomationLevel.FULL)
              .actions()
              .stream()
              .map(p -> p.action().kind())
              .collect(Collectors.toList()));
      RemediationPlan clean =
          plan(
              Mailbox.of(SmtpAddress.of("c@contoso.com")), Verdict.MALICIOUS, AutomationLevel.FULL);
      assertTrue(clean.isEmpty(), clean.summary());
    }
  }

  @Nested
  @DisplayName("Exclusions, allow indicators and scope")
  class Guards {

    @Test
    @DisplayName("an excluded file plans nothing")
    void excluded() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withExclusions(
                  AutomationExclusions.builder().folder(WindowsPath.of("\\BuildAgent")).build());
      RemediationPlan plan = plan(fileAt("E:\\BuildAgent\\x.exe"), Verdict.MALICIOUS, context);
      assertTrue(plan.isEmpty());
      assertTrue(plan.summary().contains("exclusion"), plan.summary());
      assertEquals(
          "automatic", outcome(plan(fileAt("E:\\Other\\x.exe"), Verdict.MALICIOUS, context)));
    }

    @Test
    @DisplayName(
        "an excluded extension hides no file outside its folder: a malicious one elsewhere is remediated")
    void extensionHidesNothingElsewhere() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withExclusions(
                  AutomationExclusions.builder()
                      .add(FolderExclusion.of(WindowsPath.of("C:\\Images")).withExtensions("vhdx"))
                      .build());
      assertEquals(
          "automatic",
          outcome(plan(fileAt("C:\\Users\\a\\Downloads\\evil.vhdx"), Verdict.MALICIOUS, context)));
      assertEquals(
          "automatic", outcome(plan(fileAt("C:\\Images\\evil.exe"), Verdict.MALICIOUS, context)));
      assertTrue(plan(fileAt("C:\\Images\\disk.vhdx"), Verdict.MALICIOUS, context).isEmpty());
    }

    @Test
    @DisplayName(
        "a file an exclusion might cover (a short name) is planned, and waits for approval")
    void mightBeExcluded() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withExclusions(
                  AutomationExclusions.builder().folder(WindowsPath.of("C:\\BuildAgent")).build());
      RemediationPlan plan = plan(fileAt("C:\\BUILDA~1\\x.exe"), Verdict.MALICIOUS, context);
      assertEquals("pending", outcome(plan));
      assertTrue(
          plan.actions().get(0).reason().contains("exclusion"), plan.actions().get(0).reason());
      assertTrue(
          plan(fileAt("\\\\localhost\\c$\\BuildAgent.\\x.exe"), Verdict.MALICIOUS, context)
              .isEmpty());
    }

    @Test
    @DisplayName(
        "a copy or a process whose path is unknown (not reported, or refused) waits for approval while any"
            + " folder is excluded: it may lie in one; with no exclusion it is planned as Full says")
    void unknownPathMayBeExcluded() {
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withExclusions(
                  AutomationExclusions.builder().folder(WindowsPath.of("C:\\BuildAgent")).build());
      DeviceFile copy = new DeviceFile(Fixtures.HASH, Fixtures.SHA1, Fixtures.DEVICE_ID, null);
      DeviceProcess process =
          new DeviceProcess(Fixtures.DEVICE_ID, 4242, null, Fixtures.T0, null, null);
      assertEquals("pending", outcome(plan(copy, Verdict.MALICIOUS, context)));
      assertEquals("pending", outcome(plan(process, Verdict.MALICIOUS, context)));
      assertEquals(
          "automatic",
          outcome(plan(copy, Verdict.MALICIOUS, AutomationContext.of(AutomationLevel.FULL))));
    }

    @Test
    @DisplayName("allow indicators by hash, URL, domain and entity plan nothing")
    void allowed() {
      Url url = Url.of(WebUrl.of("https://cdn.partner.example/file"));
      AutomationContext context =
          AutomationContext.of(AutomationLevel.FULL)
              .withAllowIndicators(
                  Set.of(
                      new AllowIndicator.FileHash(Fixtures.HASH),
                      new AllowIndicator.Domain(DomainName.of("partner.example")),
                      new AllowIndicator.ExactEntity(USER.key())));
      assertTrue(plan(fileAt("C:\\x.exe"), Verdict.MALICIOUS, context).isEmpty());
      assertTrue(plan(url, Verdict.MALICIOUS, context).isEmpty());
      assertTrue(plan(USER, COMPROMISED, context).isEmpty());
      assertEquals(
          "automatic",
          outcome(
              plan(
                  DeviceProcess.of(
                      Fixtures.DEVICE_ID, 7, Fixtures.T0, WindowsPath.of("C:\\Temp\\x.exe")),
                  Verdict.MALICIOUS,
                  context)));
      assertTrue(new AllowIndicator.ExactUrl(url.url()).covers(url));
      assertTrue(
          !new AllowIndicator.Domain(DomainName.of("partner.example"))
              .covers(Url.of(WebUrl.of("https://notpartner.example/"))));
    }

    @Test
    @DisplayName("an entity on 10 or more devices needs approval; 9 does not")
    void scope() {
      AutomationContext nine = AutomationContext.of(AutomationLevel.FULL).withDevicesInScope(9);
      AutomationContext ten = AutomationContext.of(AutomationLevel.FULL).withDevicesInScope(10);
      DeviceFile file = new DeviceFile(Fixtures.HASH, Fixtures.SHA1, null, null);
      assertEquals("automatic", outcome(plan(file, Verdict.MALICIOUS, nine)));
      RemediationPlan plan = plan(file, Verdict.MALICIOUS, ten);
      assertEquals("pending", outcome(plan));
      assertTrue(
          plan.actions().get(0).reason().contains("10 devices"), plan.actions().get(0).reason());
    }
  }

  @Test
  @DisplayName(
      "the irreversible preset holds kill process and confirm compromised for approval, nothing else changes")
  void irreversiblePreset() {
    RemediationPolicy strict = RemediationPolicy.irreversibleRequiresApproval();
    for (Entity entity : Fixtures.oneOfEach()) {
      Verdict verdict = Verdict.MALICIOUS;
      Evidence evidence = evidence(entity, verdict);
      RemediationPlan standard = POLICY.plan(evidence, AutomationContext.of(AutomationLevel.FULL));
      RemediationPlan held = strict.plan(evidence, AutomationContext.of(AutomationLevel.FULL));
      assertEquals(standard.actions().size(), held.actions().size());
      for (int i = 0; i < held.actions().size(); i++) {
        PlannedAction planned = held.actions().get(i);
        ApprovalMode expected =
            planned.action().kind().isReversible()
                ? standard.actions().get(i).mode()
                : ApprovalMode.REQUIRES_APPROVAL;
        assertEquals(expected, planned.mode(), planned.action().kind().name());
      }
    }
  }

  @Test
  @DisplayName("the policy is deterministic and every planned action carries a reason")
  void deterministic() {
    for (Entity entity : Fixtures.oneOfEach()) {
      Verdict verdict = Verdict.SUSPICIOUS;
      if (!verdict.appliesTo(entity.family())) {
        continue;
      }
      RemediationPlan a = plan(entity, verdict, AutomationLevel.SEMI_CORE_FOLDERS);
      assertEquals(a, plan(entity, verdict, AutomationLevel.SEMI_CORE_FOLDERS));
      a.actions().forEach(p -> assertTrue(!p.reason().isBlank()));
    }
  }
}
