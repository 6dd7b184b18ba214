package dev.parry.core.entity;

/**
 * Something an investigation gathers evidence about and a remediation action can target.
 *
 * <p>The hierarchy is sealed in three families, one per executor SPI: {@link DeviceEntity},
 * {@link EmailEntity} and {@link IdentityEntity}. Every entity is an immutable record whose
 * identifiers were validated when it was built.
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
   * {@return whether {@code other} is the same thing in the world as this entity}: what an
   * investigation de-duplicates actions by. Equal keys always mean the same thing; an entity whose
   * reports may name it by different identifiers says when else (a file reported once with its SHA-256
   * and SHA-1 and once with its SHA-1 alone, see {@link DeviceFile#sameAs}).
   *
   * <pre>{@code
   * DeviceFile.anywhere(sha1).sameAs(new DeviceFile(sha256, sha1, null, null));   // true
   * }</pre>
   *
   * @param other another entity
   */
  default boolean sameAs(Entity other) {
    return key().equals(other.key());
  }
}
