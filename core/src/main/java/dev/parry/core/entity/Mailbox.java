package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox and the configuration an investigation found suspicious in it.
 *
 * <p>An external forwarding address leads to "turn off external forwarding", a delegate to "remove
 * delegation". The key is the address alone: the findings describe the mailbox, they do not name
 * it.
 *
 * @param address the mailbox's primary address
 * @param forwardsTo the external address mail is forwarded to, or null if none was found
 * @param delegate a delegate with access to the mailbox that was found suspicious, or null
 * @param owner the user account that owns the mailbox, when known (it names the mailbox's person,
 *     not the mailbox)
 */
public record Mailbox(
    SmtpAddress address,
    @Nullable SmtpAddress forwardsTo,
    @Nullable SmtpAddress delegate,
    @Nullable UserAccount owner)
    implements EmailEntity {

  /**
   * Validates the mailbox.
   *
   * @param address the mailbox's primary address
   * @param forwardsTo the external address mail is forwarded to, or null if none was found
   * @param delegate a delegate with access to the mailbox that was found suspicious, or null
   * @param owner the user account that owns the mailbox, when known (it names the mailbox's person,
   *     not the mailbox)
   * @throws InvalidInputException if {@code address} is null
   */
  public Mailbox {
    Checks.notNull(address, "address");
  }

  /**
   * Builds a mailbox whose owner is not known, as earlier releases did.
   *
   * @param address the mailbox's primary address
   * @param forwardsTo the external forwarding address, or null
   * @param delegate a suspicious delegate, or null
   */
  public Mailbox(
      SmtpAddress address, @Nullable SmtpAddress forwardsTo, @Nullable SmtpAddress delegate) {
    this(address, forwardsTo, delegate, null);
  }

  /**
   * {@return this mailbox linked to its owner}
   *
   * <pre>{@code Mailbox mailbox = Mailbox.of(address).ownedBy(UserAccount.of(objectId));}</pre>
   *
   * @param owner the user account that owns it
   * @throws InvalidInputException if {@code owner} is null
   */
  public Mailbox ownedBy(UserAccount owner) {
    return new Mailbox(
        address, forwardsTo, delegate, dev.parry.core.internal.Checks.notNull(owner, "owner"));
  }

  /**
   * {@return a mailbox with no findings}
   *
   * @param address the mailbox's address
   */
  public static Mailbox of(SmtpAddress address) {
    return new Mailbox(address, null, null, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("mailbox:" + address.value());
  }
}
