package dev.parry.core.automation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The name of a device group.
 *
 * @param value 1-128 characters, no spoofing characters (the identifier rule of {@link
 *     dev.parry.core.entity})
 */
public record DeviceGroupName(String value) {

  /**
   * Validates the name.
   *
   * @param value 1-128 characters, no spoofing characters (the identifier rule of {@link
   *     dev.parry.core.entity})
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than 128 characters or holds a spoofing
   *     character
   */
  public DeviceGroupName {
    Text.requireIdentifier("deviceGroupName", value, 1, 128);
  }

  /**
   * {@return the name}
   *
   * <pre>{@code DeviceGroupName servers = DeviceGroupName.of("Tier-0 servers");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the name is not valid
   */
  public static DeviceGroupName of(String value) {
    return new DeviceGroupName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
