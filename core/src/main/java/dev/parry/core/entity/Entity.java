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
}
