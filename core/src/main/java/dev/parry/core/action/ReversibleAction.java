package dev.parry.core.action;

/**
 * An action that can be undone from the history. Its {@link #inverse()} targets the same entity.
 * Exactly the kinds whose {@link ActionKind#isReversible()} is true implement this interface.
 */
public sealed interface ReversibleAction extends RemediationAction
    permits BlockUrl,
        ContainDevice,
        ContainUser,
        DisableDriver,
        DisableUser,
        IsolateDevice,
        QuarantineAttachment,
        QuarantineEmail,
        QuarantineFile,
        RemoveRegistryKey,
        RemoveRegistryValue,
        RemoveScheduledTask,
        RestrictCodeExecution,
        SoftDeleteEmail,
        StopAndQuarantineFile,
        StopService {

  /** {@return the action that undoes this one, on the same target} */
  RemediationAction inverse();
}
