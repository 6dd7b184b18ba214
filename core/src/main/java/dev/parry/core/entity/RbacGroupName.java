package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The name of the device group Defender itself puts a device in (its {@code rbacGroupName}), as the
 * backend reports it. Compared case-insensitively. Device groups of Parry can match on it ({@code
 * DeviceMatch.rbacGroups}).
 *
 * @param value 1-255 characters, no spoofing characters (see the package documentation); spaces
 *     allowed
 */
public record RbacGroupName(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the value.
   *
   * @param value 1-255 characters, no spoofing characters (see the package documentation); spaces
   *     allowed
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH} or holds a
   *     spoofing character
   */
  public RbacGroupName {
    Text.requireIdentifier("rbacGroupName", value, 1, MAX_LENGTH);
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code RbacGroupName group = RbacGroupName.of("Tier 0 servers");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the value is not valid
   */
  public static RbacGroupName of(String value) {
    return new RbacGroupName(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RbacGroupName that && Text.equalsFolded(value, that.value);
  }

  @Override
  public int hashCode() {
    return Text.foldedHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
