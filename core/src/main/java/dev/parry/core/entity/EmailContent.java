package dev.parry.core.entity;

/**
 * Email that can be moved, deleted or quarantined: one message copy or a whole cluster of similar
 * messages.
 */
public sealed interface EmailContent extends EmailEntity permits EmailMessage, EmailCluster {}
