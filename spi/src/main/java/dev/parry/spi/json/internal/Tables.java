// Past 400 lines because it is the table of every JSON name, kept in one place so that a review
// sees every name.
package dev.parry.spi.json.internal;

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
import dev.parry.core.action.KillProcess;
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
import dev.parry.core.action.RemediationAction;
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
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.action.StartService;
import dev.parry.core.action.StopAndQuarantineFile;
import dev.parry.core.action.StopService;
import dev.parry.core.action.SuspendUserInProvider;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.action.UnblockUrl;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.ClusterId;
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
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.EntraDeviceId;
import dev.parry.core.entity.FileName;
import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.InternetMessageId;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.Md5;
import dev.parry.core.entity.NetbiosDomain;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.ParentProcess;
import dev.parry.core.entity.PosixPath;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryKeyPath;
import dev.parry.core.entity.RegistryValue;
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
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.investigation.Origin;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Evidence;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.json.ApproveRequest;
import dev.parry.spi.json.CancelRequest;
import dev.parry.spi.json.ErrorBody;
import dev.parry.spi.json.ExtendTimeBoxRequest;
import dev.parry.spi.json.FalsePositiveRequest;
import dev.parry.spi.json.ManualActionRequest;
import dev.parry.spi.json.RejectRequest;
import dev.parry.spi.json.UndoRequest;
import dev.parry.spi.safety.ControlChange;

/**
 * The JSON names of every type {@link ParryJson} writes or reads, declared one by one: a member's
 * JSON name is written here, never taken from the Java component, so renaming a component fails the
 * codec's checks instead of changing the JSON. Declaring a type with a component left out fails as
 * well, and so does a member whose type is not declared.
 *
 * <p>Past 400 lines because it is the table of every JSON name, kept in one place so that a review
 * sees every name.
 */
public final class Tables {

  private Tables() {}

  /** The codec of the documented JSON form. */
  public static final Codec CODEC = declare();

  private static Codec declare() {
    Codec c = new Codec();
    // identifiers: written as their value
    c.scalars(
        InvestigationId.class,
        AlertId.class,
        DeviceGroupName.class,
        DeviceId.class,
        DeviceName.class,
        DomainName.class,
        DeviceTag.class,
        EntraDeviceId.class,
        RbacGroupName.class,
        Sha256.class,
        Sha1.class,
        Md5.class,
        ServiceName.class,
        RegistryKeyPath.class,
        ScheduledTaskPath.class,
        NetworkMessageId.class,
        SmtpAddress.class,
        InternetMessageId.class,
        ClusterId.class,
        FileName.class,
        WebUrl.class,
        UserPrincipalName.class,
        ObjectId.class,
        SecurityIdentifier.class,
        SamAccountName.class,
        NetbiosDomain.class,
        ApplicationId.class,
        IdentityProviderName.class,
        PrincipalName.class,
        ChainHash.class);
    c.scalar(EntityKey.class, EntityKey::value, EntityKey::of);

    c.family(Actor.class, "type")
        .constant(Actor.system(), "system")
        .variant(Actor.Principal.class, "principal", "name");

    c.family(FilePath.class, "type")
        .variant(WindowsPath.class, "windows", "path=value")
        .variant(PosixPath.class, "posix", "path=value");

    c.family(Entity.class, "type")
        .variant(
            Device.class,
            "device",
            "id",
            "name",
            "domain",
            "tags",
            "os",
            "entraDeviceId",
            "rbacGroupName")
        .variant(DeviceFile.class, "file", "sha256", "sha1", "deviceId=device", "path", "md5")
        .variant(
            DeviceProcess.class,
            "process",
            "deviceId=device",
            "processId",
            "imagePath",
            "creationTime",
            "commandLine",
            "parent")
        .variant(WindowsService.class, "service", "deviceId=device", "name", "binaryPath")
        .variant(Driver.class, "driver", "deviceId=device", "path")
        .variant(RegistryKey.class, "registryKey", "deviceId=device", "path")
        .variant(
            RegistryValue.class,
            "registryValue",
            "deviceId=device",
            "keyPath",
            "name",
            "valueType=type",
            "data")
        .variant(ScheduledTask.class, "scheduledTask", "deviceId=device", "path")
        .variant(
            EmailMessage.class,
            "emailMessage",
            "networkMessageId=id",
            "recipient",
            "sender",
            "internetMessageId",
            "displaySender",
            "deliveryLocation")
        .variant(
            EmailCluster.class,
            "emailCluster",
            "clusterId=id",
            "query",
            "clusterBy",
            "clusterByValue")
        .variant(EmailAttachment.class, "emailAttachment", "sha256", "fileName", "message")
        .variant(Url.class, "url", "url", "foundIn")
        .variant(Mailbox.class, "mailbox", "address", "forwardsTo", "delegate", "owner")
        .variant(IpAddress.class, "ipAddress", "address=value")
        .variant(InternetDomain.class, "domain", "domain")
        .variant(
            UserAccount.class, "userAccount", "upn", "objectId", "sid", "accountName", "domain")
        .variant(
            OAuthApplication.class,
            "oauthApplication",
            "appId",
            "servicePrincipalId",
            "displayName",
            "publisher");
    c.record(ParentProcess.class, "processId", "creationTime", "imagePath");

    c.family(RemediationAction.class, "kind")
        .variant(IsolateDevice.class, "ISOLATE_DEVICE", "target=device", "isolationType")
        .variant(ReleaseFromIsolation.class, "RELEASE_FROM_ISOLATION", "target=device")
        .variant(ContainDevice.class, "CONTAIN_DEVICE", "target=device")
        .variant(ReleaseFromContainment.class, "RELEASE_FROM_CONTAINMENT", "target=device")
        .variant(RestrictCodeExecution.class, "RESTRICT_CODE_EXECUTION", "target=device")
        .variant(RemoveCodeRestriction.class, "REMOVE_CODE_RESTRICTION", "target=device")
        .variant(RunAntivirusScan.class, "RUN_ANTIVIRUS_SCAN", "target=device", "scanType")
        .variant(
            CollectInvestigationPackage.class, "COLLECT_INVESTIGATION_PACKAGE", "target=device")
        .variant(OffboardDevice.class, "OFFBOARD_DEVICE", "target=device")
        .variant(StopAndQuarantineFile.class, "STOP_AND_QUARANTINE_FILE", "target=file")
        .variant(QuarantineFile.class, "QUARANTINE_FILE", "target=file")
        .variant(RestoreFile.class, "RESTORE_FILE", "target=file")
        .variant(RequestSample.class, "REQUEST_SAMPLE", "target=file")
        .variant(KillProcess.class, "KILL_PROCESS", "target=process")
        .variant(StopService.class, "STOP_SERVICE", "target=service")
        .variant(StartService.class, "START_SERVICE", "target=service")
        .variant(DisableDriver.class, "DISABLE_DRIVER", "target=driver")
        .variant(EnableDriver.class, "ENABLE_DRIVER", "target=driver")
        .variant(RemoveRegistryKey.class, "REMOVE_REGISTRY_KEY", "target=registryKey")
        .variant(RestoreRegistryKey.class, "RESTORE_REGISTRY_KEY", "target=registryKey")
        .variant(RemoveRegistryValue.class, "REMOVE_REGISTRY_VALUE", "target=registryValue")
        .variant(RestoreRegistryValue.class, "RESTORE_REGISTRY_VALUE", "target=registryValue")
        .variant(RemoveScheduledTask.class, "REMOVE_SCHEDULED_TASK", "target=task")
        .variant(RestoreScheduledTask.class, "RESTORE_SCHEDULED_TASK", "target=task")
        .variant(SoftDeleteEmail.class, "SOFT_DELETE_EMAIL", "target=content", "includeSenderCopy")
        .variant(HardDeleteEmail.class, "HARD_DELETE_EMAIL", "target=content")
        .variant(MoveEmail.class, "MOVE_EMAIL", "target=content", "destination")
        .variant(QuarantineEmail.class, "QUARANTINE_EMAIL", "target=content")
        .variant(
            ReleaseEmailFromQuarantine.class, "RELEASE_EMAIL_FROM_QUARANTINE", "target=content")
        .variant(QuarantineAttachment.class, "QUARANTINE_ATTACHMENT", "target=attachment")
        .variant(ReleaseAttachment.class, "RELEASE_ATTACHMENT", "target=attachment")
        .variant(BlockUrl.class, "BLOCK_URL", "target=url")
        .variant(UnblockUrl.class, "UNBLOCK_URL", "target=url")
        .variant(TurnOffExternalForwarding.class, "TURN_OFF_EXTERNAL_FORWARDING", "target=mailbox")
        .variant(RemoveDelegation.class, "REMOVE_DELEGATION", "target=mailbox", "delegate")
        .variant(DisableUser.class, "DISABLE_USER", "target=user")
        .variant(EnableUser.class, "ENABLE_USER", "target=user")
        .variant(ResetPassword.class, "RESET_PASSWORD", "target=user")
        .variant(RevokeSessions.class, "REVOKE_SESSIONS", "target=user")
        .variant(MarkUserCompromised.class, "MARK_USER_COMPROMISED", "target=user")
        .variant(ContainUser.class, "CONTAIN_USER", "target=user")
        .variant(ReleaseUserContainment.class, "RELEASE_USER_CONTAINMENT", "target=user")
        .variant(
            SuspendUserInProvider.class, "SUSPEND_USER_IN_PROVIDER", "target=user", "provider");

    c.record(Evidence.class, "entity", "verdict", "detail", "observedAt", "roles");
    c.record(Origin.class, "deviceGroup=group", "device");
    c.record(ActionId.class, "investigationId=investigation", "sequence");
    c.record(ApprovalRule.class, "approvals", "requesterMayApprove");
    c.record(ActionStep.class, "kind", "actor", "at", "comment");
    c.record(
        ActionRecord.class,
        "id",
        "action",
        "approvalMode=mode",
        "reason",
        "approvalRule=rule",
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
        "undoAttempts");
    c.record(
        Investigation.class,
        "id",
        "alertId",
        "automationLevel=level",
        "origin",
        "openedAt",
        "pendingExpiry",
        "version",
        "evidence",
        "threatsWithoutAction",
        "actions",
        "analysis",
        "terminatedBy",
        "completedAt");
    c.derived(Investigation.class, "status", InvestigationStatus.class, Investigation::status);

    c.family(InvestigationEvent.class, "type")
        .variant(
            InvestigationEvent.Opened.class,
            "opened",
            "investigationId",
            "at",
            "actor",
            "alertId",
            "automationLevel=level",
            "origin",
            "pendingExpiry")
        .variant(
            InvestigationEvent.EvidenceRecorded.class,
            "evidenceRecorded",
            "investigationId",
            "at",
            "actor",
            "evidence")
        .variant(
            InvestigationEvent.NoActionPlanned.class,
            "noActionPlanned",
            "investigationId",
            "at",
            "actor",
            "evidence")
        .variant(
            InvestigationEvent.AnalysisFinished.class,
            "analysisFinished",
            "investigationId",
            "at",
            "actor",
            "outcome")
        .variant(
            InvestigationEvent.Terminated.class,
            "terminated",
            "investigationId",
            "at",
            "actor",
            "comment")
        .variant(
            InvestigationEvent.Completed.class,
            "completed",
            "investigationId",
            "at",
            "actor",
            "status")
        .variant(
            InvestigationEvent.ActionProposed.class,
            "actionProposed",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "action",
            "approvalMode=mode",
            "reason",
            "approvalRule=rule",
            "timeBox",
            "expiresAt",
            "comment",
            "source")
        .variant(
            InvestigationEvent.TimeBoxExtended.class,
            "timeBoxExtended",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "extra",
            "comment")
        .variant(
            InvestigationEvent.ApprovalGranted.class,
            "approvalGranted",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "comment",
            "quorumReached")
        .variant(
            InvestigationEvent.ActionRejected.class,
            "actionRejected",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "comment")
        .variant(
            InvestigationEvent.ActionExpired.class,
            "actionExpired",
            "investigationId",
            "at",
            "actor",
            "actionId")
        .variant(
            InvestigationEvent.ActionHeld.class,
            "actionHeld",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "reason",
            "expiresAt")
        .variant(
            InvestigationEvent.ActionStarted.class,
            "actionStarted",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "attempt",
            "deadline")
        .variant(
            InvestigationEvent.ActionSucceeded.class,
            "actionSucceeded",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "detail")
        .variant(
            InvestigationEvent.ActionFailed.class,
            "actionFailed",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "reason")
        .variant(
            InvestigationEvent.ActionTimedOut.class,
            "actionTimedOut",
            "investigationId",
            "at",
            "actor",
            "actionId")
        .variant(
            InvestigationEvent.ActionCancelled.class,
            "actionCancelled",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "comment")
        .variant(
            InvestigationEvent.UndoRequested.class,
            "undoRequested",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "comment")
        .variant(
            InvestigationEvent.UndoOnSuccessRequested.class,
            "undoOnSuccessRequested",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "comment")
        .variant(
            InvestigationEvent.ActionUndone.class,
            "actionUndone",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "detail")
        .variant(
            InvestigationEvent.UndoFailed.class,
            "undoFailed",
            "investigationId",
            "at",
            "actor",
            "actionId",
            "reason");
    c.record(AuditRecord.class, "version", "event", "hash");

    c.family(Verification.class, "result")
        .variant(Verification.Intact.class, "intact", "records", "predating", "anchored")
        .variant(
            Verification.Broken.class,
            "broken",
            "version",
            "problem",
            "expected",
            "stored",
            "detail");

    c.family(AllowIndicator.class, "type")
        .variant(AllowIndicator.FileHash.class, "fileHash", "sha256")
        .variant(AllowIndicator.FileHashes.class, "fileHashes", "sha256", "sha1")
        .variant(AllowIndicator.ExactUrl.class, "url", "url")
        .variant(AllowIndicator.Domain.class, "domain", "domain")
        .variant(AllowIndicator.FileSha1.class, "fileSha1", "sha1")
        .variant(AllowIndicator.Sender.class, "sender", "sender")
        .variant(AllowIndicator.ExactEntity.class, "entity", "entityKey=key");
    c.record(
        FalsePositiveReport.class, "rejected", "undone", "cancelled", "stillRunning", "allowed");
    c.record(
        RuntimeHealth.class,
        "started",
        "lastPass",
        "lag",
        "consecutiveFailures",
        "failedPasses",
        "interval",
        "unanchored");
    c.derived(RuntimeHealth.class, "healthy", boolean.class, RuntimeHealth::isHealthy);
    c.record(ActionPage.class, "items", "nextCursor");
    c.record(PlannedAction.class, "action", "mode", "reason");
    c.record(RemediationPlan.class, "actions", "summary");
    c.record(
        ControlChange.class,
        "sequence",
        "kind",
        "group",
        "device",
        "indicator",
        "scope",
        "until",
        "principal",
        "at",
        "reason");
    c.record(
        ErrorBody.class, "category", "status", "message", "retryable", "field", "value", "reason");

    c.record(ApproveRequest.class, "comment?");
    c.record(RejectRequest.class, "reason?");
    c.record(UndoRequest.class, "reason?");
    c.record(CancelRequest.class, "reason?");
    c.record(ExtendTimeBoxRequest.class, "extra", "comment?");
    c.record(
        ManualActionRequest.class, "action", "justification", "twoStep?", "timeBox?", "source?");
    c.record(FalsePositiveRequest.class, "entity", "comment");
    return c.check();
  }
}
