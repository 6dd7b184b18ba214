package dev.parry.core.entity;

import java.util.Objects;

/**
 * A file attached to a message.
 *
 * @param sha256 the attachment's SHA-256
 * @param fileName the attachment's file name, as the message names it
 * @param message the message copy it is attached to
 */
public record EmailAttachment(Sha256 sha256, FileName fileName, EmailMessage message) implements EmailEntity {

  /**
   * Validates the attachment.
   *
   * @param sha256 the attachment's SHA-256
   * @param fileName the attachment's file name, as the message names it
   * @param message the message copy it is attached to
   * @throws NullPointerException if a component is null
   */
  public EmailAttachment {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("attachment:" + sha256.hex() + "@" + message.key().value());
  }
}
