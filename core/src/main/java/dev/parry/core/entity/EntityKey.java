package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * A stable, printable key that identifies one entity, used to de-duplicate evidence and actions and
 * to match allow indicators. Two entities with equal keys are the same thing in the world.
 *
 * <p>A key is built from identifiers only (never from free text) and reads {@code
 * kind:identifier[@scope]}, for example {@code device:a3f7c19e} or {@code
 * file:e3b0...@a3f7c19e:C:\Temp\x.exe}. Keys of entities that carry personal data (mailboxes,
 * users) hold that data: treat a key as you treat the entity.
 *
 * <p>A value type: equal exactly when the values are equal.
 */
public final class EntityKey {

  /** The longest key, in characters. */
  public static final int MAX_LENGTH = 40_000;

  private final String value;

  private EntityKey(String value) {
    this.value = value;
  }

  /**
   * {@return the key for {@code value}}
   *
   * <pre>{@code EntityKey key = EntityKey.of("device:a3f7c19e");}</pre>
   *
   * @param value the key, 1-40,000 characters without spoofing characters (see the package
   *     documentation)
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the value is empty, too long or holds a spoofing character
   */
  public static EntityKey of(String value) {
    return new EntityKey(Text.requireIdentifier("entityKey", value, 1, MAX_LENGTH));
  }

  /**
   * {@return the key an entity builds from its own identifiers}: they were validated when the
   * entity was made, so only the length is checked here (an entity's key is built often, on every
   * de-duplication).
   *
   * @throws InvalidInputException if the key would be longer than {@value #MAX_LENGTH} characters
   */
  static EntityKey derived(String value) {
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "entityKey",
          value,
          "entityKey must be 1-"
              + MAX_LENGTH
              + " characters, was "
              + value.length()
              + ": "
              + Text.show(value));
    }
    return new EntityKey(value);
  }

  /** {@return the key's text} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EntityKey key && key.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
