package dev.parry.core.policy;

import dev.parry.core.action.BlockUrl;
import dev.parry.core.action.DisableDriver;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RemoveDelegation;
import dev.parry.core.action.RemoveRegistryKey;
import dev.parry.core.action.RemoveScheduledTask;
import dev.parry.core.action.RevokeSessions;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.action.StopService;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailContent;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.entity.WindowsService;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard remediation policy, {@link RemediationPolicy#standard()}. Its rules, in the order
 * they are applied:
 *
 * <ol>
 *   <li>No threat, no action: {@code NO_THREATS_FOUND} and {@code UNKNOWN} plan nothing.
 *   <li>{@link AutomationLevel#NO_AUTOMATED_RESPONSE}: no investigation, so nothing is taken or
 *       pending, whatever the family.
 *   <li>An allow indicator covering the entity plans nothing.
 *   <li>A file path covered by an automation exclusion plans nothing (AIR ignores excluded items).
 *       A path an exclusion only might cover (an 8.3 short name, a volume named without its letter,
 *       see {@link dev.parry.core.automation.AutomationExclusions#mightExclude}) is planned, and every
 *       action needs approval.
 *   <li>Threat to action: a device is isolated (full); a file copy with a path is quarantined, a file
 *       known only by hash (or without a path) is stopped and quarantined; a process is killed; a
 *       service stopped; a driver disabled; a registry key or a scheduled task removed; email content
 *       and the message carrying a malicious attachment are soft-deleted; a URL is blocked and the
 *       message carrying it soft-deleted; a mailbox loses its external forwarding and its suspicious
 *       delegate; a compromised user is disabled and their sessions revoked.
 *   <li>Approval, per action: email actions always need approval (Defender for Office 365 takes no
 *       action automatically); kinds that may never run automatically need approval; suspicious
 *       verdicts need approval; compromised users are remediated automatically; malicious device
 *       entities follow the automation level: {@code FULL} automatic, {@code SEMI_ALL_FOLDERS}
 *       approval, {@code SEMI_CORE_FOLDERS} approval for a file in a core folder,
 *       {@code SEMI_NON_TEMP_FOLDERS} automatic only for a file in a temp folder, each level asking
 *       its own list ({@link dev.parry.core.automation.FolderClassifier}: a file can be in both). Under the two
 *       folder levels an entity with no file path (a device, a registry key, a scheduled task) needs
 *       approval: with no folder to judge, Parry takes the cautious side.
 *   <li>Scope: an entity seen on {@value AutomationContext#SCOPE_APPROVAL_THRESHOLD} or more devices
 *       needs approval for every action.
 * </ol>
 */
public final class StandardRemediationPolicy implements RemediationPolicy {

  static final StandardRemediationPolicy INSTANCE = new StandardRemediationPolicy();

  private static final String EMAIL_NEVER_AUTOMATIC =
      "email remediation is never automatic: it waits for approval";
  private static final String SUSPICIOUS = "suspicious verdicts always need approval";
  private static final String COMPROMISED = "compromised users are remediated automatically";
  private static final String FULL = "malicious entity in a Full automation group: remediated automatically";
  private static final String SEMI_ALL = "Semi (all folders) automation requires approval for any remediation";
  private static final String SEMI_CORE_IN_CORE = "file is in a core folder and Semi (core folders) requires approval";
  private static final String SEMI_CORE_OUTSIDE = "file is outside core folders: Semi (core folders) remediates it automatically";
  private static final String SEMI_NON_TEMP_IN_TEMP = "file is in a temp folder: Semi (non-temp folders) remediates it automatically";
  private static final String SEMI_NON_TEMP_OUTSIDE = "file is outside temp folders and Semi (non-temp folders) requires approval";
  private static final String MAY_BE_EXCLUDED = "file path may lie in an automation folder exclusion (a short name or"
      + " a volume Parry cannot resolve): approval decides";
  private static final String NO_PATH = "no file path to judge under a folder-based Semi level: approval required";

  private StandardRemediationPolicy() {}

  @Override
  public RemediationPlan plan(Evidence evidence, AutomationContext context) {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(context, "context");
    Verdict verdict = evidence.verdict();
    if (!verdict.isThreat()) {
      return RemediationPlan.nothing("verdict " + verdict + " calls for no action");
    }
    if (context.level() == AutomationLevel.NO_AUTOMATED_RESPONSE) {
      return RemediationPlan.nothing("automation level NO_AUTOMATED_RESPONSE: no investigation, nothing taken or pending");
    }
    Entity entity = evidence.entity();
    AllowIndicator allowing = context.allowing(entity);
    if (allowing != null) {
      return RemediationPlan.nothing("allowed by indicator " + allowing);
    }
    Optional<WindowsPath> path = entity instanceof DeviceEntity onDevice ? onDevice.filePath() : Optional.empty();
    if (path.isPresent() && context.exclusions().excludes(path.get())) {
      return RemediationPlan.nothing("file path is covered by an automation folder exclusion");
    }
    boolean mayBeExcluded = path.isPresent() && context.exclusions().mightExclude(path.get());
    List<RemediationAction> actions = remediationsFor(entity);
    if (actions.isEmpty()) {
      return RemediationPlan.nothing("no remediation applies to this " + entity.getClass().getSimpleName());
    }
    List<PlannedAction> planned = new ArrayList<>(actions.size());
    for (RemediationAction action : actions) {
      PlannedAction decided = decide(action, verdict, path, context);
      if (mayBeExcluded) {
        decided = decided.requiringApproval(MAY_BE_EXCLUDED);
      }
      if (context.devicesInScope() >= AutomationContext.SCOPE_APPROVAL_THRESHOLD) {
        decided = decided.requiringApproval("entity seen on " + context.devicesInScope() + " devices (scope of "
            + AutomationContext.SCOPE_APPROVAL_THRESHOLD + " or more needs approval)");
      }
      planned.add(decided);
    }
    return new RemediationPlan(planned, summary(verdict, entity.family(), planned.size()));
  }

  /** Summaries are few; they are built once, not on every plan. */
  private static final Map<Verdict, Map<EntityFamily, List<String>>> SUMMARIES = new EnumMap<>(Verdict.class);

  static {
    for (Verdict verdict : Verdict.values()) {
      Map<EntityFamily, List<String>> byFamily = new EnumMap<>(EntityFamily.class);
      for (EntityFamily family : EntityFamily.values()) {
        List<String> byCount = new ArrayList<>();
        for (int count = 0; count < 4; count++) {
          byCount.add(verdict + " " + family + " entity: " + count + " action(s) planned");
        }
        byFamily.put(family, List.copyOf(byCount));
      }
      SUMMARIES.put(verdict, byFamily);
    }
  }

  private static String summary(Verdict verdict, EntityFamily family, int count) {
    return count < 4 ? Objects.requireNonNull(Objects.requireNonNull(SUMMARIES.get(verdict)).get(family)).get(count)
        : verdict + " " + family + " entity: " + count + " action(s) planned";
  }

  private static PlannedAction decide(RemediationAction action, Verdict verdict, Optional<WindowsPath> path,
      AutomationContext context) {
    if (action.family() == EntityFamily.EMAIL) {
      return new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, EMAIL_NEVER_AUTOMATIC);
    }
    if (!action.kind().mayRunAutomatically()) {
      return new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, action.kind() + " never runs automatically");
    }
    if (verdict == Verdict.SUSPICIOUS) {
      return new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SUSPICIOUS);
    }
    if (verdict == Verdict.COMPROMISED) {
      return new PlannedAction(action, ApprovalMode.AUTOMATIC, COMPROMISED);
    }
    return switch (context.level()) {
      case FULL -> new PlannedAction(action, ApprovalMode.AUTOMATIC, FULL);
      case SEMI_CORE_FOLDERS -> path.isEmpty()
          ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, NO_PATH)
          : context.folders().isInCoreFolder(path.get())
              ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SEMI_CORE_IN_CORE)
              : new PlannedAction(action, ApprovalMode.AUTOMATIC, SEMI_CORE_OUTSIDE);
      case SEMI_NON_TEMP_FOLDERS -> path.isEmpty()
          ? new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, NO_PATH)
          : context.folders().isInTempFolder(path.get())
              ? new PlannedAction(action, ApprovalMode.AUTOMATIC, SEMI_NON_TEMP_IN_TEMP)
              : new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SEMI_NON_TEMP_OUTSIDE);
      case SEMI_ALL_FOLDERS, NO_AUTOMATED_RESPONSE -> new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, SEMI_ALL);
    };
  }

  /** The threat-to-action mapping: what remediates each kind of entity. */
  static List<RemediationAction> remediationsFor(Entity entity) {
    if (entity instanceof Device device) {
      return List.of(new IsolateDevice(device, IsolationType.FULL));
    }
    if (entity instanceof DeviceFile file) {
      return List.of(file.path() != null ? new QuarantineFile(file) : new StopAndQuarantineFile(file));
    }
    if (entity instanceof DeviceProcess deviceProcess) {
      return List.of(new KillProcess(deviceProcess));
    }
    if (entity instanceof WindowsService windowsService) {
      return List.of(new StopService(windowsService));
    }
    if (entity instanceof Driver driver) {
      return List.of(new DisableDriver(driver));
    }
    if (entity instanceof RegistryKey registryKey) {
      return List.of(new RemoveRegistryKey(registryKey));
    }
    if (entity instanceof ScheduledTask scheduledTask) {
      return List.of(new RemoveScheduledTask(scheduledTask));
    }
    if (entity instanceof EmailContent content) {
      return List.of(new SoftDeleteEmail(content, false));
    }
    if (entity instanceof EmailAttachment emailAttachment) {
      return List.of(new SoftDeleteEmail(emailAttachment.message(), false));
    }
    if (entity instanceof Url url) {
      return url.foundIn() == null
          ? List.of(new BlockUrl(url))
          : List.of(new BlockUrl(url), new SoftDeleteEmail(url.foundIn(), false));
    }
    if (entity instanceof Mailbox mailbox) {
      List<RemediationAction> out = new ArrayList<>(2);
      if (mailbox.forwardsTo() != null) {
        out.add(new TurnOffExternalForwarding(mailbox));
      }
      if (mailbox.delegate() != null) {
        out.add(new RemoveDelegation(mailbox, mailbox.delegate()));
      }
      return List.copyOf(out);
    }
    UserAccount user = (UserAccount) entity;
    return List.of(new DisableUser(user), new RevokeSessions(user));
  }

  @Override
  public String toString() {
    return "RemediationPolicy.standard()";
  }
}
