package dev.parry.core.entity;

/**
 * An entity in the mail system, or a web and mail indicator: messages, clusters, attachments, URLs
 * and mailboxes, and the IP addresses and domains alerts report.
 */
public sealed interface EmailEntity extends Entity
    permits EmailContent, EmailAttachment, Url, Mailbox, IpAddress, InternetDomain {

  @Override
  default EntityFamily family() {
    return EntityFamily.EMAIL;
  }
}
