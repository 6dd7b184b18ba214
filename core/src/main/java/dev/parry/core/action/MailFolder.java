package dev.parry.core.action;

/** The folders email can be moved to. */
public enum MailFolder {
  /** The recipient's inbox. */
  INBOX,
  /** The junk email folder. */
  JUNK,
  /** The deleted items folder. */
  DELETED_ITEMS
}
