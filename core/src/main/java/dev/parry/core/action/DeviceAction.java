package dev.parry.core.action;

import dev.parry.core.entity.DeviceEntity;

/** An action on a device or something on it, run by a device executor. */
public sealed interface DeviceAction extends RemediationAction
    permits IsolateDevice,
        ReleaseFromIsolation,
        ContainDevice,
        ReleaseFromContainment,
        RestrictCodeExecution,
        RemoveCodeRestriction,
        RunAntivirusScan,
        CollectInvestigationPackage,
        OffboardDevice,
        StopAndQuarantineFile,
        QuarantineFile,
        RestoreFile,
        RequestSample,
        KillProcess,
        StopService,
        StartService,
        DisableDriver,
        EnableDriver,
        RemoveRegistryKey,
        RestoreRegistryKey,
        RemoveRegistryValue,
        RestoreRegistryValue,
        RemoveScheduledTask,
        RestoreScheduledTask {

  @Override
  DeviceEntity target();
}
