package dev.parry.core.policy;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.BlockUrl;
import dev.parry.core.action.CollectInvestigationPackage;
import dev.parry.core.action.ContainDevice;
import dev.parry.core.action.ContainUser;
import dev.parry.core.action.DisableDriver;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.HardDeleteEmail;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.MarkUserCompromised;
import dev.parry.core.action.OffboardDevice;
import dev.parry.core.action.QuarantineAttachment;
import dev.parry.core.action.QuarantineEmail;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RemoveDelegation;
import dev.parry.core.action.RemoveRegistryKey;
import dev.parry.core.action.RemoveRegistryValue;
import dev.parry.core.action.RemoveScheduledTask;
import dev.parry.core.action.RequestSample;
import dev.parry.core.action.ResetPassword;
import dev.parry.core.action.RestrictCodeExecution;
import dev.parry.core.action.RevokeSessions;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.action.StopService;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailContent;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryValue;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.WindowsService;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a step of the {@link PlanTable} builds: the one action of a kind that remediates an entity.
 *
 * <p>A kind can act on some entity types only ({@link #targets}); for one entity it may still build
 * nothing when the entity lacks what the action needs ({@link #build}): quarantine needs a file's
 * path (a file known only by hash is stopped and quarantined instead), deleting the message that
 * carried a URL needs that message, turning off forwarding needs a forwarding address. Isolation is
 * full isolation, an antivirus scan a full scan, a deletion soft and without the sender's copy.
 * Counterparts (release, restore, enable), moving email (which needs a destination) and suspending
 * a user in another identity provider (which needs the provider) are never built from a table.
 */
final class StandardActions {

  private static final Set<Class<? extends Entity>> EMAIL_CARRIERS =
      Set.of(EmailMessage.class, EmailCluster.class, EmailAttachment.class, Url.class);

  private static final Map<ActionKind, Set<Class<? extends Entity>>> TARGETS =
      new EnumMap<>(ActionKind.class);

  static {
    for (ActionKind kind :
        new ActionKind[] {
          ActionKind.ISOLATE_DEVICE,
          ActionKind.CONTAIN_DEVICE,
          ActionKind.RESTRICT_CODE_EXECUTION,
          ActionKind.RUN_ANTIVIRUS_SCAN,
          ActionKind.COLLECT_INVESTIGATION_PACKAGE,
          ActionKind.OFFBOARD_DEVICE
        }) {
      TARGETS.put(kind, Set.of(Device.class));
    }
    TARGETS.put(ActionKind.QUARANTINE_FILE, Set.of(DeviceFile.class));
    TARGETS.put(ActionKind.STOP_AND_QUARANTINE_FILE, Set.of(DeviceFile.class));
    TARGETS.put(ActionKind.REQUEST_SAMPLE, Set.of(DeviceFile.class));
    TARGETS.put(ActionKind.KILL_PROCESS, Set.of(DeviceProcess.class));
    TARGETS.put(ActionKind.STOP_SERVICE, Set.of(WindowsService.class));
    TARGETS.put(ActionKind.DISABLE_DRIVER, Set.of(Driver.class));
    TARGETS.put(ActionKind.REMOVE_REGISTRY_KEY, Set.of(RegistryKey.class));
    TARGETS.put(ActionKind.REMOVE_REGISTRY_VALUE, Set.of(RegistryValue.class));
    TARGETS.put(ActionKind.REMOVE_SCHEDULED_TASK, Set.of(ScheduledTask.class));
    TARGETS.put(ActionKind.SOFT_DELETE_EMAIL, EMAIL_CARRIERS);
    TARGETS.put(ActionKind.HARD_DELETE_EMAIL, EMAIL_CARRIERS);
    TARGETS.put(ActionKind.QUARANTINE_EMAIL, EMAIL_CARRIERS);
    TARGETS.put(ActionKind.QUARANTINE_ATTACHMENT, Set.of(EmailAttachment.class));
    TARGETS.put(ActionKind.BLOCK_URL, Set.of(Url.class));
    TARGETS.put(ActionKind.TURN_OFF_EXTERNAL_FORWARDING, Set.of(Mailbox.class));
    TARGETS.put(ActionKind.REMOVE_DELEGATION, Set.of(Mailbox.class));
    for (ActionKind kind :
        new ActionKind[] {
          ActionKind.MARK_USER_COMPROMISED,
          ActionKind.DISABLE_USER,
          ActionKind.RESET_PASSWORD,
          ActionKind.REVOKE_SESSIONS,
          ActionKind.CONTAIN_USER
        }) {
      TARGETS.put(kind, Set.of(UserAccount.class));
    }
  }

  private StandardActions() {}

  /**
   * {@return whether a step of {@code kind} can act on entities of {@code type}}
   *
   * @param kind the kind
   * @param type a concrete entity type
   */
  static boolean targets(ActionKind kind, Class<? extends Entity> type) {
    Set<Class<? extends Entity>> types = TARGETS.get(kind);
    return types != null && types.contains(type);
  }

  /**
   * {@return the action of {@code kind} that remediates {@code entity}, or null if the kind does
   * not act on it or the entity lacks what the action needs}
   *
   * @param kind the kind
   * @param entity the entity
   */
  static @Nullable RemediationAction build(ActionKind kind, Entity entity) {
    return switch (kind) {
      case ISOLATE_DEVICE ->
          entity instanceof Device device ? new IsolateDevice(device, IsolationType.FULL) : null;
      case CONTAIN_DEVICE -> entity instanceof Device device ? new ContainDevice(device) : null;
      case RESTRICT_CODE_EXECUTION ->
          entity instanceof Device device ? new RestrictCodeExecution(device) : null;
      case RUN_ANTIVIRUS_SCAN ->
          entity instanceof Device device ? new RunAntivirusScan(device, ScanType.FULL) : null;
      case COLLECT_INVESTIGATION_PACKAGE ->
          entity instanceof Device device ? new CollectInvestigationPackage(device) : null;
      case OFFBOARD_DEVICE -> entity instanceof Device device ? new OffboardDevice(device) : null;
      case QUARANTINE_FILE ->
          entity instanceof DeviceFile file && file.path() != null
              ? new QuarantineFile(file)
              : null;
      case STOP_AND_QUARANTINE_FILE ->
          entity instanceof DeviceFile file && file.path() == null
              ? new StopAndQuarantineFile(file)
              : null;
      case REQUEST_SAMPLE -> entity instanceof DeviceFile file ? new RequestSample(file) : null;
      case KILL_PROCESS ->
          entity instanceof DeviceProcess process ? new KillProcess(process) : null;
      case STOP_SERVICE ->
          entity instanceof WindowsService service ? new StopService(service) : null;
      case DISABLE_DRIVER -> entity instanceof Driver driver ? new DisableDriver(driver) : null;
      case REMOVE_REGISTRY_KEY ->
          entity instanceof RegistryKey key ? new RemoveRegistryKey(key) : null;
      case REMOVE_REGISTRY_VALUE ->
          entity instanceof RegistryValue value ? new RemoveRegistryValue(value) : null;
      case REMOVE_SCHEDULED_TASK ->
          entity instanceof ScheduledTask task ? new RemoveScheduledTask(task) : null;
      case SOFT_DELETE_EMAIL -> {
        EmailContent content = carrier(entity);
        yield content == null ? null : new SoftDeleteEmail(content, false);
      }
      case HARD_DELETE_EMAIL -> {
        EmailContent content = carrier(entity);
        yield content == null ? null : new HardDeleteEmail(content);
      }
      case QUARANTINE_EMAIL -> {
        EmailContent content = carrier(entity);
        yield content == null ? null : new QuarantineEmail(content);
      }
      case QUARANTINE_ATTACHMENT ->
          entity instanceof EmailAttachment attachment
              ? new QuarantineAttachment(attachment)
              : null;
      case BLOCK_URL -> entity instanceof Url url ? new BlockUrl(url) : null;
      case TURN_OFF_EXTERNAL_FORWARDING ->
          entity instanceof Mailbox mailbox && mailbox.forwardsTo() != null
              ? new TurnOffExternalForwarding(mailbox)
              : null;
      case REMOVE_DELEGATION -> {
        SmtpAddress delegate = entity instanceof Mailbox mailbox ? mailbox.delegate() : null;
        yield delegate == null ? null : new RemoveDelegation((Mailbox) entity, delegate);
      }
      case MARK_USER_COMPROMISED ->
          entity instanceof UserAccount user ? new MarkUserCompromised(user) : null;
      case DISABLE_USER -> entity instanceof UserAccount user ? new DisableUser(user) : null;
      case RESET_PASSWORD -> entity instanceof UserAccount user ? new ResetPassword(user) : null;
      case REVOKE_SESSIONS -> entity instanceof UserAccount user ? new RevokeSessions(user) : null;
      case CONTAIN_USER -> entity instanceof UserAccount user ? new ContainUser(user) : null;
      case RELEASE_FROM_ISOLATION,
          RELEASE_FROM_CONTAINMENT,
          REMOVE_CODE_RESTRICTION,
          RESTORE_FILE,
          START_SERVICE,
          ENABLE_DRIVER,
          RESTORE_REGISTRY_KEY,
          RESTORE_REGISTRY_VALUE,
          RESTORE_SCHEDULED_TASK,
          MOVE_EMAIL,
          RELEASE_EMAIL_FROM_QUARANTINE,
          RELEASE_ATTACHMENT,
          UNBLOCK_URL,
          ENABLE_USER,
          RELEASE_USER_CONTAINMENT,
          SUSPEND_USER_IN_PROVIDER ->
          null;
    };
  }

  /** {@return the message or cluster an email entity is or travelled in, or null} */
  private static @Nullable EmailContent carrier(Entity entity) {
    if (entity instanceof EmailContent content) {
      return content;
    }
    if (entity instanceof EmailAttachment attachment) {
      return attachment.message();
    }
    return entity instanceof Url url ? url.foundIn() : null;
  }
}
