package dev.parry.core.entity;

/** An entity in the mail system: messages, clusters, attachments, URLs and mailboxes. */
public sealed interface EmailEntity extends Entity permits EmailContent, EmailAttachment, Url, Mailbox {

  @Override
  default EntityFamily family() {
    return EntityFamily.EMAIL;
  }
}
