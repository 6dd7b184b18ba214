package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * A directory object id (the immutable id of a user account in Microsoft Entra ID, for example).
 *
 * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
 */
public record ObjectId(String value) {

  /**
   * Validates the GUID, drops surrounding braces and puts it in lower case.
   *
   * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not a GUID
   */
  public ObjectId {
    value = Identifiers.requireGuid("objectId", value);
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code ObjectId id = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");}</pre>
   *
   * @param value a GUID, with or without braces, either case
   * @throws InvalidInputException if the value is not a GUID
   */
  public static ObjectId of(String value) {
    return new ObjectId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
