package dev.parry.core.entity;

/**
 * The three families of entities, one per executor SPI: devices (endpoints and what runs on them),
 * email (messages and mailboxes) and identities (user accounts).
 */
public enum EntityFamily {
  /** Devices and the files, processes, services, drivers, registry keys and scheduled tasks on them. */
  DEVICE,
  /** Email messages, clusters, attachments, URLs and mailboxes. */
  EMAIL,
  /** User accounts. */
  IDENTITY
}
