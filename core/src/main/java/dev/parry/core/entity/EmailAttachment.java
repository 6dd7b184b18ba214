package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * A file attached to a message.
 *
 * @param sha256 the attachment's SHA-256
 * @param fileName the attachment's file name, as the message names it
 * @param message the message copy it is attached to
 */
public record EmailAttachment(Sha256 sha256, FileName fileName, EmailMessage message)
    implements EmailEntity {

  /**
   * Validates the attachment.
   *
   * @param sha256 the attachment's SHA-256
   * @param fileName the attachment's file name, as the message names it
   * @param message the message copy it is attached to
   * @throws InvalidInputException if a component is null
   */
  public EmailAttachment {
    Checks.notNull(sha256, "sha256");
    Checks.notNull(fileName, "fileName");
    Checks.notNull(message, "message");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("attachment:" + sha256.hex() + "@" + message.key().value());
  }
}
