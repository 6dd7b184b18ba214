package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * The application (client) id of an app registered in Microsoft Entra ID: one id for the app in
 * every tenant, unlike the object id of its service principal in one tenant.
 *
 * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
 */
public record ApplicationId(String value) {

  /**
   * Validates the GUID, drops surrounding braces and puts it in lower case.
   *
   * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not a GUID, naming the value
   */
  public ApplicationId {
    value = Identifiers.requireGuid("applicationId", value);
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code ApplicationId appId = ApplicationId.of("00000003-0000-0000-c000-000000000000");}
   * </pre>
   *
   * @param value a GUID, with or without braces, either case
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the value is not a GUID
   */
  public static ApplicationId of(String value) {
    return new ApplicationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
