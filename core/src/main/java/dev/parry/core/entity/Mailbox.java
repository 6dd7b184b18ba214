package dev.parry.core.entity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox and the configuration an investigation found suspicious in it.
 *
 * <p>An external forwarding address leads to "turn off external forwarding", a delegate to "remove
 * delegation". The key is the address alone: the findings describe the mailbox, they do not name it.
 *
 * @param address the mailbox's primary address
 * @param forwardsTo the external address mail is forwarded to, or null if none was found
 * @param delegate a delegate with access to the mailbox that was found suspicious, or null
 */
public record Mailbox(SmtpAddress address, @Nullable SmtpAddress forwardsTo, @Nullable SmtpAddress delegate)
    implements EmailEntity {

  /**
   * Validates the mailbox.
   *
   * @throws NullPointerException if {@code address} is null
   */
  public Mailbox {
    Objects.requireNonNull(address, "address");
  }

  /**
   * {@return a mailbox with no findings}
   *
   * @param address the mailbox's address
   */
  public static Mailbox of(SmtpAddress address) {
    return new Mailbox(address, null, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("mailbox:" + address.value());
  }
}
