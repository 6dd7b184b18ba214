package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * One copy of an email message: the message (by network message id) in one recipient's mailbox.
 *
 * <p>The key includes the recipient, so each copy is de-duplicated on its own; the attributes after
 * the sender describe the message and do not enter the key. {@link #toString()} redacts the
 * addresses and the display sender.
 *
 * @param id the network message id
 * @param recipient the mailbox this copy is in
 * @param sender the sender's address (the {@code From} header, Graph's P2 sender), or null if
 *     unknown
 * @param internetMessageId the {@code Message-ID} header, or null if unknown
 * @param displaySender the sender's display name, as the recipient saw it: free text (an attacker
 *     writes it), 1-1,024 characters without control characters, or null if unknown
 * @param deliveryLocation where the copy was delivered, or null if unknown
 */
public record EmailMessage(
    NetworkMessageId id,
    SmtpAddress recipient,
    @Nullable SmtpAddress sender,
    @Nullable InternetMessageId internetMessageId,
    @Nullable String displaySender,
    @Nullable DeliveryLocation deliveryLocation)
    implements EmailContent {

  /** The longest display sender accepted: {@value}. */
  public static final int MAX_DISPLAY_SENDER_LENGTH = 1024;

  /**
   * Validates the message.
   *
   * @param id the network message id
   * @param recipient the mailbox this copy is in
   * @param sender the sender's address (the {@code From} header, Graph's P2 sender), or null if
   *     unknown
   * @param internetMessageId the {@code Message-ID} header, or null if unknown
   * @param displaySender the sender's display name, as the recipient saw it: free text (an attacker
   *     writes it), 1-1,024 characters without control characters, or null if unknown
   * @param deliveryLocation where the copy was delivered, or null if unknown
   * @throws InvalidInputException if {@code id} or {@code recipient} is null
   * @throws InvalidInputException if the display sender is empty, too long or holds a control
   *     character
   */
  public EmailMessage {
    Checks.notNull(id, "id");
    Checks.notNull(recipient, "recipient");
    if (displaySender != null) {
      Text.require("displaySender", displaySender, 1, MAX_DISPLAY_SENDER_LENGTH);
    }
  }

  /**
   * Builds a copy known by its ids and addresses only, as earlier releases did.
   *
   * @param id the network message id
   * @param recipient the recipient
   * @param sender the sender, or null
   */
  public EmailMessage(NetworkMessageId id, SmtpAddress recipient, @Nullable SmtpAddress sender) {
    this(id, recipient, sender, null, null, null);
  }

  /**
   * {@return the copy of message {@code id} in {@code recipient}'s mailbox, sender unknown}
   *
   * <pre>
   * {@code EmailMessage copy = EmailMessage.of(NetworkMessageId.of(guid), SmtpAddress.of("alice@contoso.com"));}
   * </pre>
   *
   * @param id the network message id
   * @param recipient the recipient
   */
  public static EmailMessage of(NetworkMessageId id, SmtpAddress recipient) {
    return new EmailMessage(id, recipient, null, null, null, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("email:" + id.value() + ":" + recipient.value());
  }

  /** {@return the copy for a log line: addresses redacted, the display sender left out} */
  @Override
  public String toString() {
    return "EmailMessage{id="
        + id
        + ", recipient="
        + recipient
        + ", sender="
        + sender
        + (internetMessageId == null
            ? ""
            : ", internetMessageId=" + Text.show(internetMessageId.value()))
        + (displaySender == null ? "" : ", displaySender=***")
        + (deliveryLocation == null ? "" : ", deliveryLocation=" + deliveryLocation)
        + "}";
  }
}
