package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * The identifier a device backend gives a device (Defender's machine id, for example).
 *
 * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
 */
public record DeviceId(String value) {

  /** The longest identifier accepted: {@value}. */
  public static final int MAX_LENGTH = 128;

  /**
   * Validates the identifier.
   *
   * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH} or holds another
   *     character
   */
  public DeviceId {
    Identifiers.requireToken("deviceId", value, MAX_LENGTH);
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code DeviceId id = DeviceId.of("a3f7c19e");}</pre>
   *
   * @param value the identifier
   * @throws InvalidInputException if the value is not a valid device id
   */
  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
