package dev.parry.core.action;

import dev.parry.core.entity.IdentityEntity;

/** An action on a user account, run by an identity executor. */
public sealed interface IdentityAction extends RemediationAction
    permits DisableUser,
        EnableUser,
        ResetPassword,
        RevokeSessions,
        MarkUserCompromised,
        ContainUser,
        ReleaseUserContainment,
        SuspendUserInProvider {

  @Override
  IdentityEntity target();
}
