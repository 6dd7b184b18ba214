// Past 400 lines because it is the table of every stored name and version, kept in one place so
// that a review sees every name.
package dev.parry.spi.internal;

import static dev.parry.spi.internal.StoredType.constants;
import static dev.parry.spi.internal.StoredType.record;

import dev.parry.core.action.BlockUrl;
import dev.parry.core.action.CollectInvestigationPackage;
import dev.parry.core.action.ContainDevice;
import dev.parry.core.action.ContainUser;
import dev.parry.core.action.DisableDriver;
import dev.parry.core.action.DisableUser;
import dev.parry.core.action.EnableDriver;
import dev.parry.core.action.EnableUser;
import dev.parry.core.action.HardDeleteEmail;
import dev.parry.core.action.IdentityProviderName;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.action.MailFolder;
import dev.parry.core.action.MarkUserCompromised;
import dev.parry.core.action.MoveEmail;
import dev.parry.core.action.OffboardDevice;
import dev.parry.core.action.QuarantineAttachment;
import dev.parry.core.action.QuarantineEmail;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.ReleaseAttachment;
import dev.parry.core.action.ReleaseEmailFromQuarantine;
import dev.parry.core.action.ReleaseFromContainment;
import dev.parry.core.action.ReleaseFromIsolation;
import dev.parry.core.action.ReleaseUserContainment;
import dev.parry.core.action.RemoveCodeRestriction;
import dev.parry.core.action.RemoveDelegation;
import dev.parry.core.action.RemoveRegistryKey;
import dev.parry.core.action.RemoveRegistryValue;
import dev.parry.core.action.RemoveScheduledTask;
import dev.parry.core.action.RequestSample;
import dev.parry.core.action.ResetPassword;
import dev.parry.core.action.RestoreFile;
import dev.parry.core.action.RestoreRegistryKey;
import dev.parry.core.action.RestoreRegistryValue;
import dev.parry.core.action.RestoreScheduledTask;
import dev.parry.core.action.RestrictCodeExecution;
import dev.parry.core.action.RevokeSessions;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.action.StartService;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.action.StopService;
import dev.parry.core.action.SuspendUserInProvider;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.action.UnblockUrl;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
import dev.parry.core.entity.DeliveryLocation;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.InternetMessageId;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.Md5;
import dev.parry.core.entity.NetbiosDomain;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.ParentProcess;
import dev.parry.core.entity.PosixPath;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.RegistryValue;
import dev.parry.core.entity.RegistryValueType;
import dev.parry.core.entity.SamAccountName;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.ScheduledTaskPath;
import dev.parry.core.entity.SecurityIdentifier;
import dev.parry.core.entity.ServiceName;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.entity.WindowsService;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.investigation.Origin;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;

/**
 * The stored format: every type Parry stores, with the name it is stored under, its members' stored
 * names in the order they are written, and its format version. {@link RecordJson} writes and reads
 * the stored JSON, and the audit chain's canonical form hashes events, by these names alone; the
 * Java names of classes, components and constants may change without changing a stored byte or a
 * chain hash.
 *
 * <p>The names listed here are the Java names of the first release that stored each type: they must
 * never change, nor their order (the canonical form hashes members in it). The table is checked
 * when built (see {@link StoredTypes#of}), and the stored JSON codec refuses to start on a type it
 * does not list:
 *
 * <ul>
 *   <li>a new stored type: add it, under a name no type has had (its hash name, after the last
 *       {@code '$'}, too);
 *   <li>a new component: list its stored name, after the others ({@link
 *       StoredType#hashedWhenPresent} if it may hold no value, so that events stored before it hash
 *       as they did); one that an earlier release did not write and that may not be null needs a
 *       value for its absence in {@link StoredDefaults};
 *   <li>a renamed class: keep its entry and stored name; a renamed component or constant: keep its
 *       stored name and add {@link StoredType#renamed renamed(storedName, javaName)};
 *   <li>any other change to what a type stores (a member removed, retyped or given a new meaning):
 *       a new format version, with an {@link StoredType#upcaster upcaster} from the one before, and
 *       a new fixture of the stored format (see the test kit's store fixtures).
 * </ul>
 *
 * <p>The PostgreSQL schema scripts read a few stored names from the JSON (version 2: an action's
 * {@code proposedAt}, {@code updatedAt} and {@code timeBox}, an investigation's {@code
 * pendingExpiry}; version 5: a user's {@code objectId}): one more reason a stored name never
 * changes.
 *
 * <p>Every type here is at format version 1, written without a version member (a value without one
 * is at version 1). Version 1 includes what releases before this table wrote: members they lacked
 * read as {@link StoredDefaults} says.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because it is the table of every stored name and version, kept in one place so
 * that a review sees every name.
 */
public final class StoredFormat {

  /** The stored types, by package of the domain. */
  public static final StoredTypes TYPES =
      StoredTypes.of(
          // investigation
          record(
              InvestigationEvent.Opened.class,
              "InvestigationEvent$Opened",
              "investigationId",
              "at",
              "actor",
              "alertId",
              "level",
              "origin",
              "pendingExpiry"),
          record(InvestigationId.class, "InvestigationId", "value"),
          record(AlertId.class, "AlertId", "value"),
          record(Origin.class, "Origin", "group", "device"),
          record(
              InvestigationEvent.EvidenceRecorded.class,
              "InvestigationEvent$EvidenceRecorded",
              "investigationId",
              "at",
              "actor",
              "evidence"),
          record(
              InvestigationEvent.NoActionPlanned.class,
              "InvestigationEvent$NoActionPlanned",
              "investigationId",
              "at",
              "actor",
              "evidence"),
          record(
              InvestigationEvent.AnalysisFinished.class,
              "InvestigationEvent$AnalysisFinished",
              "investigationId",
              "at",
              "actor",
              "outcome"),
          constants(
              AnalysisOutcome.class,
              "AnalysisOutcome",
              "COMPLETED",
              "PARTIAL",
              "FAILED",
              "UNSUPPORTED_ALERT_TYPE"),
          record(
              InvestigationEvent.Terminated.class,
              "InvestigationEvent$Terminated",
              "investigationId",
              "at",
              "actor",
              "comment"),
          record(
              InvestigationEvent.Completed.class,
              "InvestigationEvent$Completed",
              "investigationId",
              "at",
              "actor",
              "status"),
          constants(
              InvestigationStatus.class,
              "InvestigationStatus",
              "QUEUED",
              "RUNNING",
              "PENDING_APPROVAL",
              "PENDING_RESOURCE",
              "REMEDIATED",
              "PARTIALLY_REMEDIATED",
              "NO_THREATS_FOUND",
              "FAILED",
              "PARTIALLY_INVESTIGATED",
              "TERMINATED_BY_USER",
              "TERMINATED_BY_SYSTEM",
              "UNSUPPORTED_ALERT_TYPE",
              "NOT_REMEDIATED"),
          record(
              InvestigationEvent.ActionProposed.class,
              "InvestigationEvent$ActionProposed",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "action",
              "mode",
              "reason",
              "rule",
              "timeBox",
              "expiresAt",
              "comment",
              "source"),
          record(ActionId.class, "ActionId", "investigation", "sequence"),
          record(ApprovalRule.class, "ApprovalRule", "approvals", "requesterMayApprove"),
          constants(
              ActionSource.class,
              "ActionSource",
              "AUTOMATED_DEVICE_INVESTIGATION",
              "AUTOMATED_EMAIL_INVESTIGATION",
              "MANUAL_DEVICE_ACTION",
              "MANUAL_EMAIL_ACTION",
              "ADVANCED_HUNTING",
              "EXPLORER",
              "LIVE_RESPONSE",
              "LIVE_RESPONSE_API"),
          record(
              InvestigationEvent.TimeBoxExtended.class,
              "InvestigationEvent$TimeBoxExtended",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "extra",
              "comment"),
          record(
              InvestigationEvent.ApprovalGranted.class,
              "InvestigationEvent$ApprovalGranted",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "comment",
              "quorumReached"),
          record(
              InvestigationEvent.ActionRejected.class,
              "InvestigationEvent$ActionRejected",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "comment"),
          record(
              InvestigationEvent.ActionExpired.class,
              "InvestigationEvent$ActionExpired",
              "investigationId",
              "at",
              "actor",
              "actionId"),
          record(
              InvestigationEvent.ActionHeld.class,
              "InvestigationEvent$ActionHeld",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "reason",
              "expiresAt"),
          record(
              InvestigationEvent.ActionStarted.class,
              "InvestigationEvent$ActionStarted",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "attempt",
              "deadline"),
          record(
              InvestigationEvent.ActionSucceeded.class,
              "InvestigationEvent$ActionSucceeded",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "detail"),
          record(
              InvestigationEvent.ActionFailed.class,
              "InvestigationEvent$ActionFailed",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "reason"),
          record(
              InvestigationEvent.ActionTimedOut.class,
              "InvestigationEvent$ActionTimedOut",
              "investigationId",
              "at",
              "actor",
              "actionId"),
          record(
              InvestigationEvent.ActionCancelled.class,
              "InvestigationEvent$ActionCancelled",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "comment"),
          record(
              InvestigationEvent.UndoRequested.class,
              "InvestigationEvent$UndoRequested",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "comment"),
          record(
              InvestigationEvent.UndoOnSuccessRequested.class,
              "InvestigationEvent$UndoOnSuccessRequested",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "comment"),
          record(
              InvestigationEvent.ActionUndone.class,
              "InvestigationEvent$ActionUndone",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "detail"),
          record(
              InvestigationEvent.UndoFailed.class,
              "InvestigationEvent$UndoFailed",
              "investigationId",
              "at",
              "actor",
              "actionId",
              "reason"),
          record(
              Investigation.class,
              "Investigation",
              "id",
              "alertId",
              "level",
              "origin",
              "openedAt",
              "pendingExpiry",
              "version",
              "evidence",
              "threatsWithoutAction",
              "actions",
              "analysis",
              "terminatedBy",
              "completedAt"),
          record(
              ActionRecord.class,
              "ActionRecord",
              "id",
              "action",
              "mode",
              "reason",
              "rule",
              "requestedBy",
              "requestComment",
              "source",
              "proposedAt",
              "status",
              "steps",
              "attempts",
              "updatedAt",
              "updatedBy",
              "note",
              "timeBox",
              "expiresAt",
              "deadline",
              "undoAttempts"),
          constants(
              ActionStatus.class,
              "ActionStatus",
              "PENDING_APPROVAL",
              "APPROVED",
              "IN_PROGRESS",
              "SUCCEEDED",
              "FAILED",
              "TIMED_OUT",
              "CANCELLED",
              "REJECTED",
              "EXPIRED",
              "UNDO_IN_PROGRESS",
              "UNDONE",
              "UNDO_FAILED"),
          record(ActionStep.class, "ActionStep", "kind", "actor", "at", "comment"),
          constants(
              ActionStep.Kind.class,
              "ActionStep$Kind",
              "APPROVED",
              "REJECTED",
              "CANCELLED",
              "UNDO_REQUESTED",
              "UNDO_ON_SUCCESS",
              "TIME_BOX_EXTENDED"),

          // actor
          constants(Actor.SystemActor.class, "Actor$SystemActor", "INSTANCE"),
          record(Actor.Principal.class, "Actor$Principal", "name"),
          record(PrincipalName.class, "PrincipalName", "value"),

          // automation
          constants(
              AutomationLevel.class,
              "AutomationLevel",
              "FULL",
              "SEMI_ALL_FOLDERS",
              "SEMI_CORE_FOLDERS",
              "SEMI_NON_TEMP_FOLDERS",
              "NO_AUTOMATED_RESPONSE"),
          record(DeviceGroupName.class, "DeviceGroupName", "value"),

          // policy
          constants(ApprovalMode.class, "ApprovalMode", "AUTOMATIC", "REQUIRES_APPROVAL"),

          // verdict
          record(Evidence.class, "Evidence", "entity", "verdict", "detail", "observedAt")
              .hashedWhenPresent("roles"),
          constants(
              Verdict.class, "Verdict", "MALICIOUS", "SUSPICIOUS", "NO_THREATS_FOUND", "UNKNOWN"),
          constants(
              EvidenceRole.class,
              "EvidenceRole",
              "UNKNOWN",
              "CONTEXTUAL",
              "SCANNED",
              "SOURCE",
              "DESTINATION",
              "CREATED",
              "ADDED",
              "COMPROMISED",
              "EDITED",
              "ATTACKED",
              "ATTACKER",
              "COMMAND_AND_CONTROL",
              "LOADED",
              "SUSPICIOUS",
              "POLICY_VIOLATOR"),

          // entity
          record(Device.class, "Device", "id", "name", "domain", "tags", "os")
              .hashedWhenPresent("entraDeviceId", "rbacGroupName"),
          record(DeviceId.class, "DeviceId", "value"),
          record(DeviceName.class, "DeviceName", "value"),
          record(DomainName.class, "DomainName", "value"),
          record(DeviceTag.class, "DeviceTag", "value"),
          constants(
              OsPlatform.class,
              "OsPlatform",
              "WINDOWS",
              "WINDOWS_SERVER",
              "MACOS",
              "LINUX",
              "IOS",
              "ANDROID",
              "OTHER"),
          record(EntraDeviceId.class, "EntraDeviceId", "value"),
          record(RbacGroupName.class, "RbacGroupName", "value"),
          record(DeviceFile.class, "DeviceFile", "sha256", "sha1", "device", "path")
              .hashedWhenPresent("md5"),
          record(Sha256.class, "Sha256", "hex"),
          record(Sha1.class, "Sha1", "hex"),
          record(WindowsPath.class, "WindowsPath", "value"),
          record(PosixPath.class, "PosixPath", "value"),
          record(Md5.class, "Md5", "hex"),
          record(DeviceProcess.class, "DeviceProcess", "device", "processId", "imagePath")
              .hashedWhenPresent("creationTime", "commandLine", "parent"),
          record(ParentProcess.class, "ParentProcess", "processId", "creationTime", "imagePath"),
          record(WindowsService.class, "WindowsService", "device", "name", "binaryPath"),
          record(ServiceName.class, "ServiceName", "value"),
          record(Driver.class, "Driver", "device", "path"),
          record(RegistryKey.class, "RegistryKey", "device", "path"),
          record(RegistryKeyPath.class, "RegistryKeyPath", "value"),
          record(RegistryValue.class, "RegistryValue", "device", "keyPath", "name", "type", "data"),
          constants(
              RegistryValueType.class,
              "RegistryValueType",
              "NONE",
              "STRING",
              "EXPAND_STRING",
              "MULTI_STRING",
              "BINARY",
              "DWORD",
              "DWORD_BIG_ENDIAN",
              "QWORD",
              "LINK",
              "UNKNOWN"),
          record(ScheduledTask.class, "ScheduledTask", "device", "path"),
          record(ScheduledTaskPath.class, "ScheduledTaskPath", "value"),
          record(EmailMessage.class, "EmailMessage", "id", "recipient", "sender")
              .hashedWhenPresent("internetMessageId", "displaySender", "deliveryLocation"),
          record(NetworkMessageId.class, "NetworkMessageId", "value"),
          record(SmtpAddress.class, "SmtpAddress", "value"),
          record(InternetMessageId.class, "InternetMessageId", "value"),
          constants(
              DeliveryLocation.class,
              "DeliveryLocation",
              "UNKNOWN",
              "INBOX",
              "JUNK_FOLDER",
              "DELETED_FOLDER",
              "QUARANTINE",
              "ON_PREMISES_OR_EXTERNAL",
              "FAILED",
              "DROPPED",
              "FORWARDED",
              "OTHERS"),
          record(EmailCluster.class, "EmailCluster", "id")
              .hashedWhenPresent("query", "clusterBy", "clusterByValue"),
          record(ClusterId.class, "ClusterId", "value"),
          record(EmailAttachment.class, "EmailAttachment", "sha256", "fileName", "message"),
          record(FileName.class, "FileName", "value"),
          record(Url.class, "Url", "url", "foundIn"),
          record(WebUrl.class, "WebUrl", "value"),
          record(Mailbox.class, "Mailbox", "address", "forwardsTo", "delegate")
              .hashedWhenPresent("owner"),
          record(UserAccount.class, "UserAccount", "upn", "objectId")
              .hashedWhenPresent("sid", "accountName", "domain"),
          record(UserPrincipalName.class, "UserPrincipalName", "value"),
          record(ObjectId.class, "ObjectId", "value"),
          record(SecurityIdentifier.class, "SecurityIdentifier", "value"),
          record(SamAccountName.class, "SamAccountName", "value"),
          record(NetbiosDomain.class, "NetbiosDomain", "value"),
          record(IpAddress.class, "IpAddress", "value"),
          record(InternetDomain.class, "InternetDomain", "domain"),
          record(
              OAuthApplication.class,
              "OAuthApplication",
              "appId",
              "servicePrincipalId",
              "displayName",
              "publisher"),
          record(ApplicationId.class, "ApplicationId", "value"),

          // action
          record(IsolateDevice.class, "IsolateDevice", "device", "isolationType"),
          constants(IsolationType.class, "IsolationType", "FULL", "SELECTIVE"),
          record(ReleaseFromIsolation.class, "ReleaseFromIsolation", "device"),
          record(ContainDevice.class, "ContainDevice", "device"),
          record(ReleaseFromContainment.class, "ReleaseFromContainment", "device"),
          record(RestrictCodeExecution.class, "RestrictCodeExecution", "device"),
          record(RemoveCodeRestriction.class, "RemoveCodeRestriction", "device"),
          record(RunAntivirusScan.class, "RunAntivirusScan", "device", "scanType"),
          constants(ScanType.class, "ScanType", "QUICK", "FULL"),
          record(CollectInvestigationPackage.class, "CollectInvestigationPackage", "device"),
          record(OffboardDevice.class, "OffboardDevice", "device"),
          record(StopAndQuarantineFile.class, "StopAndQuarantineFile", "file"),
          record(QuarantineFile.class, "QuarantineFile", "file"),
          record(RestoreFile.class, "RestoreFile", "file"),
          record(RequestSample.class, "RequestSample", "file"),
          record(KillProcess.class, "KillProcess", "process"),
          record(StopService.class, "StopService", "service"),
          record(StartService.class, "StartService", "service"),
          record(DisableDriver.class, "DisableDriver", "driver"),
          record(EnableDriver.class, "EnableDriver", "driver"),
          record(RemoveRegistryKey.class, "RemoveRegistryKey", "registryKey"),
          record(RestoreRegistryKey.class, "RestoreRegistryKey", "registryKey"),
          record(RemoveRegistryValue.class, "RemoveRegistryValue", "registryValue"),
          record(RestoreRegistryValue.class, "RestoreRegistryValue", "registryValue"),
          record(RemoveScheduledTask.class, "RemoveScheduledTask", "task"),
          record(RestoreScheduledTask.class, "RestoreScheduledTask", "task"),
          record(SoftDeleteEmail.class, "SoftDeleteEmail", "content", "includeSenderCopy"),
          record(HardDeleteEmail.class, "HardDeleteEmail", "content"),
          record(MoveEmail.class, "MoveEmail", "content", "destination"),
          constants(MailFolder.class, "MailFolder", "INBOX", "JUNK", "DELETED_ITEMS"),
          record(QuarantineEmail.class, "QuarantineEmail", "content"),
          record(ReleaseEmailFromQuarantine.class, "ReleaseEmailFromQuarantine", "content"),
          record(QuarantineAttachment.class, "QuarantineAttachment", "attachment"),
          record(ReleaseAttachment.class, "ReleaseAttachment", "attachment"),
          record(BlockUrl.class, "BlockUrl", "url"),
          record(UnblockUrl.class, "UnblockUrl", "url"),
          record(TurnOffExternalForwarding.class, "TurnOffExternalForwarding", "mailbox"),
          record(RemoveDelegation.class, "RemoveDelegation", "mailbox", "delegate"),
          record(DisableUser.class, "DisableUser", "user"),
          record(EnableUser.class, "EnableUser", "user"),
          record(ResetPassword.class, "ResetPassword", "user"),
          record(RevokeSessions.class, "RevokeSessions", "user"),
          record(MarkUserCompromised.class, "MarkUserCompromised", "user"),
          record(ContainUser.class, "ContainUser", "user"),
          record(ReleaseUserContainment.class, "ReleaseUserContainment", "user"),
          record(SuspendUserInProvider.class, "SuspendUserInProvider", "user", "provider"),
          record(IdentityProviderName.class, "IdentityProviderName", "value"));

  private StoredFormat() {}
}
