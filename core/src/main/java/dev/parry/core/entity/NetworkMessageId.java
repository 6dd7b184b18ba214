package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * The network message id Exchange gives one email message (shared by its copies in every
 * recipient's mailbox).
 *
 * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
 */
public record NetworkMessageId(String value) {

  /**
   * Validates the GUID, drops surrounding braces and puts it in lower case.
   *
   * @param value a GUID ({@code 8-4-4-4-12} hexadecimal digits), kept in lower case without braces
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not a GUID
   */
  public NetworkMessageId {
    value = Identifiers.requireGuid("networkMessageId", value);
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code NetworkMessageId id = NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e");}
   * </pre>
   *
   * @param value a GUID, with or without braces, either case
   * @throws InvalidInputException if the value is not a GUID
   */
  public static NetworkMessageId of(String value) {
    return new NetworkMessageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
