package dev.parry.core.entity;

/**
 * The three families of entities, one per executor SPI: devices (endpoints and what runs on them),
 * email (messages and mailboxes, and the web and mail indicators IP addresses and domains) and
 * identities (user accounts and OAuth applications). A family decides which automation level
 * governs an entity; IP addresses, domains and OAuth applications plan no action by default
 * (core/DOMAIN.md D23b).
 */
public enum EntityFamily {
  /**
   * Devices and the files, processes, services, drivers, registry keys and values and scheduled
   * tasks on them.
   */
  DEVICE,
  /** Email messages, clusters, attachments, URLs and mailboxes; IP addresses and domains. */
  EMAIL,
  /** User accounts and OAuth applications. */
  IDENTITY
}
