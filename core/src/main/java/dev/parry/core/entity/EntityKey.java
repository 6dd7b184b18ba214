package dev.parry.core.entity;

import dev.parry.core.internal.Text;

/**
 * A stable, printable key that identifies one entity, used to de-duplicate evidence and actions and
 * to match allow indicators. Two entities with equal keys are the same thing in the world.
 *
 * <p>A key is built from identifiers only (never from free text) and reads
 * {@code kind:identifier[@scope]}, for example {@code device:a3f7c19e} or
 * {@code file:e3b0...@a3f7c19e:C:\Temp\x.exe}. Keys of entities that carry personal data (mailboxes,
 * users) hold that data: treat a key as you treat the entity.
 *
 * @param value 1-40,000 characters without control characters
 */
public record EntityKey(String value) {

  /**
   * Validates the key.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is empty, too long or holds a control character
   */
  public EntityKey {
    Text.require("entityKey", value, 1, 40_000);
  }

  /**
   * {@return the key for {@code value}}
   *
   * <pre>{@code EntityKey key = EntityKey.of("device:a3f7c19e");}</pre>
   *
   * @param value the key
   * @throws IllegalArgumentException if the value is empty, too long or holds a control character
   */
  public static EntityKey of(String value) {
    return new EntityKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
