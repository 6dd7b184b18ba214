package dev.parry.core.actor;

import dev.parry.core.internal.Text;

/**
 * The name of a person or service account acting in Parry (an analyst's sign-in name, for example).
 *
 * <p>The reserved name {@value #RESERVED_SYSTEM} is refused, so nobody can pose as the system.
 *
 * @param value 1-256 characters, no control characters, not {@value #RESERVED_SYSTEM} in any case
 */
public record PrincipalName(String value) {

  /** The name reserved for {@link Actor#system()}: {@value}. */
  public static final String RESERVED_SYSTEM = "system";

  /**
   * Validates the name.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is empty, longer than 256 characters, holds a control
   *     character, has surrounding whitespace or is the reserved system name
   */
  public PrincipalName {
    Text.require("principalName", value, 1, 256);
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException("principalName must not start or end with whitespace, was: " + Text.show(value));
    }
    if (value.equalsIgnoreCase(RESERVED_SYSTEM)) {
      throw new IllegalArgumentException("principalName '" + value + "' is reserved for the system");
    }
  }

  /**
   * {@return the principal name}
   *
   * <pre>{@code PrincipalName analyst = PrincipalName.of("alice@contoso.com");}</pre>
   *
   * @param value the name
   * @throws IllegalArgumentException if the name is not valid
   */
  public static PrincipalName of(String value) {
    return new PrincipalName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
