package dev.parry.core.action;

import dev.parry.core.entity.EmailEntity;

/**
 * An action on email or a mailbox, run by an email executor. Email actions never run automatically.
 */
public sealed interface EmailAction extends RemediationAction
    permits SoftDeleteEmail,
        HardDeleteEmail,
        MoveEmail,
        QuarantineEmail,
        ReleaseEmailFromQuarantine,
        QuarantineAttachment,
        ReleaseAttachment,
        BlockUrl,
        UnblockUrl,
        TurnOffExternalForwarding,
        RemoveDelegation {

  @Override
  EmailEntity target();
}
