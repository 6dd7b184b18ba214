package dev.parry.core.entity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One copy of an email message: the message (by network message id) in one recipient's mailbox.
 *
 * <p>The key includes the recipient, so each copy is de-duplicated on its own; {@link #toString()}
 * redacts the addresses.
 *
 * @param id the network message id
 * @param recipient the mailbox this copy is in
 * @param sender the sender, or null if unknown
 */
public record EmailMessage(NetworkMessageId id, SmtpAddress recipient, @Nullable SmtpAddress sender)
    implements EmailContent {

  /**
   * Validates the message.
   *
   * @throws NullPointerException if {@code id} or {@code recipient} is null
   */
  public EmailMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recipient, "recipient");
  }

  /**
   * {@return the copy of message {@code id} in {@code recipient}'s mailbox, sender unknown}
   *
   * <pre>{@code EmailMessage copy = EmailMessage.of(NetworkMessageId.of(guid), SmtpAddress.of("alice@contoso.com"));}</pre>
   *
   * @param id the network message id
   * @param recipient the recipient
   */
  public static EmailMessage of(NetworkMessageId id, SmtpAddress recipient) {
    return new EmailMessage(id, recipient, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("email:" + id.value() + ":" + recipient.value());
  }
}
