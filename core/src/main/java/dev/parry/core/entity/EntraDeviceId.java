package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * A device's id in Microsoft Entra ID (Azure AD), Defender's {@code aadDeviceId}: an attribute of a
 * device, not its identity (Defender's own device id is).
 *
 * @param value a GUID, kept in lower case without braces
 */
public record EntraDeviceId(String value) {

  /**
   * Validates the id and puts it in lower case without braces.
   *
   * @param value a GUID, kept in lower case without braces
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not a GUID
   */
  public EntraDeviceId {
    value = Identifiers.requireGuid("entraDeviceId", value);
  }

  /**
   * {@return the id for {@code value}}
   *
   * <pre>{@code EntraDeviceId id = EntraDeviceId.of("80fe8ff8-2624-418e-9591-41f0491218f9");}</pre>
   *
   * @param value a GUID, with or without braces, in either case
   * @throws InvalidInputException if the value is not a GUID
   */
  public static EntraDeviceId of(String value) {
    return new EntraDeviceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
