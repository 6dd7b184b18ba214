package dev.parry.core.entity;

import dev.parry.core.internal.Checks;
import java.util.Set;

/**
 * Something an investigation gathers evidence about and a remediation action can target.
 *
 * <p>The hierarchy is sealed in three families, one per executor SPI: {@link DeviceEntity}, {@link
 * EmailEntity} and {@link IdentityEntity}. Every entity is an immutable record whose identifiers
 * were validated when it was built.
 *
 * <pre>{@code
 * Entity device = Device.of(DeviceId.of("a3f7c19e"), DeviceName.of("ws-042"));
 * EntityKey key = device.key();          // device:a3f7c19e
 * EntityFamily family = device.family(); // DEVICE
 * }</pre>
 */
public sealed interface Entity permits DeviceEntity, EmailEntity, IdentityEntity {

  /** {@return the family this entity belongs to, which decides the executor that acts on it} */
  EntityFamily family();

  /** {@return the stable key that identifies this entity, for de-duplication} */
  EntityKey key();

  /**
   * {@return whether this entity and {@code other} are the same thing in the world}, as far as
   * their identifiers tell: what an investigation de-duplicates actions by. Two reports of one
   * thing may carry different identifiers (a user by object id and UPN, then by UPN alone; a file
   * by its SHA-256 and SHA-1, then by its SHA-1 alone); an entity type whose reports can differ so
   * overrides this ({@link UserAccount#sameAs}, {@link DeviceFile#sameAs}). The default compares
   * keys.
   *
   * <p>The answer is symmetric, and equal keys always answer true.
   *
   * <pre>{@code
   * UserAccount.of(objectId).withUpn(upn).sameAs(UserAccount.of(upn));         // true
   * DeviceFile.anywhere(sha1).sameAs(new DeviceFile(sha256, sha1, null, null));  // true
   * }</pre>
   *
   * @param other the other entity
   * @throws dev.parry.core.error.InvalidInputException if {@code other} is null
   */
  default boolean sameAs(Entity other) {
    return key().equals(Checks.notNull(other, "other").key());
  }

  /**
   * {@return every key this entity could have been stored under}: its {@link #key()}, and for an
   * entity reports can name by different identifiers, the key each identifier alone gives (a user
   * by its object id, SID, UPN and account name; a file by its SHA-256 and by its SHA-1). What
   * finds the actions and the indicators recorded about it under another of its names.
   */
  default Set<EntityKey> keys() {
    return Set.of(key());
  }
}
