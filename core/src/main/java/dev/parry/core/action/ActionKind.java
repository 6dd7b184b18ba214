package dev.parry.core.action;

import dev.parry.core.entity.EntityFamily;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every kind of remediation action, with what each declares: its family (and so its executor), its
 * impact, whether a policy may ever run it automatically, and its reversibility (the kind that
 * undoes it, or none).
 *
 * <p>The table follows the action catalogue of Defender XDR's Action center. Counterparts (release,
 * restore, enable) are {@link ImpactClass#RESTORATIVE}, are never planned automatically and are not
 * themselves undoable: undoing an undo is a new action. Offboarding a device and hard-deleting
 * (purging) email are never planned automatically either. Other email actions may run automatically
 * only where a service turned email automation up: by default they wait for approval, as in
 * Defender for Office 365 ({@code AutomationContext#emailAutomation()}).
 *
 * <pre>{@code
 * ActionKind.ISOLATE_DEVICE.inverse();            // Optional[RELEASE_FROM_ISOLATION]
 * ActionKind.KILL_PROCESS.isReversible();         // false
 * ActionKind.HARD_DELETE_EMAIL.mayRunAutomatically(); // false
 * }</pre>
 */
public enum ActionKind {
  /** {@link IsolateDevice}. */
  ISOLATE_DEVICE(
      EntityFamily.DEVICE,
      ImpactClass.CONTAINMENT,
      true,
      "RELEASE_FROM_ISOLATION",
      IsolateDevice.class),
  /** {@link ReleaseFromIsolation}. */
  RELEASE_FROM_ISOLATION(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, ReleaseFromIsolation.class),
  /** {@link ContainDevice}. */
  CONTAIN_DEVICE(
      EntityFamily.DEVICE,
      ImpactClass.CONTAINMENT,
      true,
      "RELEASE_FROM_CONTAINMENT",
      ContainDevice.class),
  /** {@link ReleaseFromContainment}. */
  RELEASE_FROM_CONTAINMENT(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, ReleaseFromContainment.class),
  /** {@link RestrictCodeExecution}. */
  RESTRICT_CODE_EXECUTION(
      EntityFamily.DEVICE,
      ImpactClass.CONTAINMENT,
      true,
      "REMOVE_CODE_RESTRICTION",
      RestrictCodeExecution.class),
  /** {@link RemoveCodeRestriction}. */
  REMOVE_CODE_RESTRICTION(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, RemoveCodeRestriction.class),
  /** {@link RunAntivirusScan}. */
  RUN_ANTIVIRUS_SCAN(
      EntityFamily.DEVICE, ImpactClass.INFORMATIONAL, true, null, RunAntivirusScan.class),
  /** {@link CollectInvestigationPackage}. */
  COLLECT_INVESTIGATION_PACKAGE(
      EntityFamily.DEVICE, ImpactClass.COLLECTION, true, null, CollectInvestigationPackage.class),
  /** {@link OffboardDevice}. */
  OFFBOARD_DEVICE(EntityFamily.DEVICE, ImpactClass.DESTRUCTIVE, false, null, OffboardDevice.class),
  /** {@link StopAndQuarantineFile}. */
  STOP_AND_QUARANTINE_FILE(
      EntityFamily.DEVICE,
      ImpactClass.CONTAINMENT,
      true,
      "RESTORE_FILE",
      StopAndQuarantineFile.class),
  /** {@link QuarantineFile}. */
  QUARANTINE_FILE(
      EntityFamily.DEVICE, ImpactClass.CONTAINMENT, true, "RESTORE_FILE", QuarantineFile.class),
  /** {@link RestoreFile}. */
  RESTORE_FILE(EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, RestoreFile.class),
  /** {@link RequestSample}. */
  REQUEST_SAMPLE(EntityFamily.DEVICE, ImpactClass.COLLECTION, true, null, RequestSample.class),
  /** {@link KillProcess}. */
  KILL_PROCESS(EntityFamily.DEVICE, ImpactClass.DESTRUCTIVE, true, null, KillProcess.class),
  /** {@link StopService}. */
  STOP_SERVICE(
      EntityFamily.DEVICE, ImpactClass.CONTAINMENT, true, "START_SERVICE", StopService.class),
  /** {@link StartService}. */
  START_SERVICE(EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, StartService.class),
  /** {@link DisableDriver}. */
  DISABLE_DRIVER(
      EntityFamily.DEVICE, ImpactClass.CONTAINMENT, true, "ENABLE_DRIVER", DisableDriver.class),
  /** {@link EnableDriver}. */
  ENABLE_DRIVER(EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, EnableDriver.class),
  /** {@link RemoveRegistryKey}. */
  REMOVE_REGISTRY_KEY(
      EntityFamily.DEVICE,
      ImpactClass.DESTRUCTIVE,
      true,
      "RESTORE_REGISTRY_KEY",
      RemoveRegistryKey.class),
  /** {@link RestoreRegistryKey}. */
  RESTORE_REGISTRY_KEY(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, RestoreRegistryKey.class),
  /** {@link RemoveRegistryValue}. */
  REMOVE_REGISTRY_VALUE(
      EntityFamily.DEVICE,
      ImpactClass.DESTRUCTIVE,
      true,
      "RESTORE_REGISTRY_VALUE",
      RemoveRegistryValue.class),
  /** {@link RestoreRegistryValue}. */
  RESTORE_REGISTRY_VALUE(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, RestoreRegistryValue.class),
  /** {@link RemoveScheduledTask}. */
  REMOVE_SCHEDULED_TASK(
      EntityFamily.DEVICE,
      ImpactClass.DESTRUCTIVE,
      true,
      "RESTORE_SCHEDULED_TASK",
      RemoveScheduledTask.class),
  /** {@link RestoreScheduledTask}. */
  RESTORE_SCHEDULED_TASK(
      EntityFamily.DEVICE, ImpactClass.RESTORATIVE, false, null, RestoreScheduledTask.class),
  /** {@link SoftDeleteEmail}. */
  SOFT_DELETE_EMAIL(
      EntityFamily.EMAIL, ImpactClass.CONTAINMENT, true, "MOVE_EMAIL", SoftDeleteEmail.class),
  /** {@link HardDeleteEmail}. */
  HARD_DELETE_EMAIL(
      EntityFamily.EMAIL, ImpactClass.DESTRUCTIVE, false, null, HardDeleteEmail.class),
  /** {@link MoveEmail}. */
  MOVE_EMAIL(EntityFamily.EMAIL, ImpactClass.CONTAINMENT, true, null, MoveEmail.class),
  /** {@link QuarantineEmail}. */
  QUARANTINE_EMAIL(
      EntityFamily.EMAIL,
      ImpactClass.CONTAINMENT,
      true,
      "RELEASE_EMAIL_FROM_QUARANTINE",
      QuarantineEmail.class),
  /** {@link ReleaseEmailFromQuarantine}. */
  RELEASE_EMAIL_FROM_QUARANTINE(
      EntityFamily.EMAIL, ImpactClass.RESTORATIVE, false, null, ReleaseEmailFromQuarantine.class),
  /** {@link QuarantineAttachment}. */
  QUARANTINE_ATTACHMENT(
      EntityFamily.EMAIL,
      ImpactClass.CONTAINMENT,
      true,
      "RELEASE_ATTACHMENT",
      QuarantineAttachment.class),
  /** {@link ReleaseAttachment}. */
  RELEASE_ATTACHMENT(
      EntityFamily.EMAIL, ImpactClass.RESTORATIVE, false, null, ReleaseAttachment.class),
  /** {@link BlockUrl}. */
  BLOCK_URL(EntityFamily.EMAIL, ImpactClass.CONTAINMENT, true, "UNBLOCK_URL", BlockUrl.class),
  /** {@link UnblockUrl}. */
  UNBLOCK_URL(EntityFamily.EMAIL, ImpactClass.RESTORATIVE, false, null, UnblockUrl.class),
  /** {@link TurnOffExternalForwarding}. */
  TURN_OFF_EXTERNAL_FORWARDING(
      EntityFamily.EMAIL, ImpactClass.CONTAINMENT, true, null, TurnOffExternalForwarding.class),
  /** {@link RemoveDelegation}. */
  REMOVE_DELEGATION(
      EntityFamily.EMAIL, ImpactClass.CONTAINMENT, true, null, RemoveDelegation.class),
  /** {@link DisableUser}. */
  DISABLE_USER(
      EntityFamily.IDENTITY, ImpactClass.CONTAINMENT, true, "ENABLE_USER", DisableUser.class),
  /** {@link EnableUser}. */
  ENABLE_USER(EntityFamily.IDENTITY, ImpactClass.RESTORATIVE, false, null, EnableUser.class),
  /** {@link ResetPassword}. */
  RESET_PASSWORD(EntityFamily.IDENTITY, ImpactClass.CONTAINMENT, true, null, ResetPassword.class),
  /** {@link RevokeSessions}. */
  REVOKE_SESSIONS(EntityFamily.IDENTITY, ImpactClass.CONTAINMENT, true, null, RevokeSessions.class),
  /** {@link MarkUserCompromised}. */
  MARK_USER_COMPROMISED(
      EntityFamily.IDENTITY, ImpactClass.INFORMATIONAL, true, null, MarkUserCompromised.class),
  /** {@link ContainUser}. */
  CONTAIN_USER(
      EntityFamily.IDENTITY,
      ImpactClass.CONTAINMENT,
      true,
      "RELEASE_USER_CONTAINMENT",
      ContainUser.class),
  /** {@link ReleaseUserContainment}. */
  RELEASE_USER_CONTAINMENT(
      EntityFamily.IDENTITY, ImpactClass.RESTORATIVE, false, null, ReleaseUserContainment.class),
  /** {@link SuspendUserInProvider}. */
  SUSPEND_USER_IN_PROVIDER(
      EntityFamily.IDENTITY, ImpactClass.CONTAINMENT, true, null, SuspendUserInProvider.class);

  private final EntityFamily family;
  private final ImpactClass impact;
  private final boolean mayRunAutomatically;
  private final @Nullable String inverseName;
  private final Class<? extends RemediationAction> recordType;

  ActionKind(
      EntityFamily family,
      ImpactClass impact,
      boolean mayRunAutomatically,
      @Nullable String inverseName,
      Class<? extends RemediationAction> recordType) {
    this.family = family;
    this.impact = impact;
    this.mayRunAutomatically = mayRunAutomatically;
    this.inverseName = inverseName;
    this.recordType = recordType;
  }

  /** {@return the entity family this kind acts on, which names its executor SPI} */
  public EntityFamily family() {
    return family;
  }

  /** {@return what this kind does to the world} */
  public ImpactClass impact() {
    return impact;
  }

  /**
   * {@return whether a policy may ever plan this kind as automatic; if false it always needs
   * approval}
   */
  public boolean mayRunAutomatically() {
    return mayRunAutomatically;
  }

  /** {@return whether a completed action of this kind can be undone} */
  public boolean isReversible() {
    return inverseName != null;
  }

  /** {@return the kind that undoes this one, or empty if this kind is irreversible} */
  public Optional<ActionKind> inverse() {
    return inverseName == null ? Optional.empty() : Optional.of(valueOf(inverseName));
  }

  /**
   * {@return the file hash this kind's backend needs}: {@link RequiredHash#SHA1} for stop and
   * quarantine (Defender's StopAndQuarantineFile takes a SHA-1), {@link RequiredHash#ANY} for the
   * other kinds that act on a file (AIR's quarantine of a copy, its restore, a sample request:
   * Defender finds a file by either hash), {@link RequiredHash#NONE} for the rest. A vendor whose
   * backend needs another hash reads {@code ExecutionRequest.file()} and fails the action with a
   * reason.
   */
  public RequiredHash requiredHash() {
    return switch (this) {
      case STOP_AND_QUARANTINE_FILE -> RequiredHash.SHA1;
      case QUARANTINE_FILE, RESTORE_FILE, REQUEST_SAMPLE -> RequiredHash.ANY;
      default -> RequiredHash.NONE;
    };
  }

  /** {@return the record class that represents actions of this kind} */
  public Class<? extends RemediationAction> recordType() {
    return recordType;
  }
}
