package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The Internet message id of an email message (its {@code Message-ID} header, such as {@code
 * <MW4PR12MB5678@MW4PR12MB5678.namprd12.prod.outlook.com>}), kept exactly as given: it names the
 * message across organisations, where the network message id is Exchange's own.
 *
 * @param value 1-998 characters, no whitespace and no spoofing characters
 */
public record InternetMessageId(String value) {

  /** The longest id accepted: {@value} (a header line's limit). */
  public static final int MAX_LENGTH = 998;

  /**
   * Validates the id.
   *
   * @param value 1-998 characters, no whitespace and no spoofing characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, too long, or holds whitespace or a spoofing
   *     character
   */
  public InternetMessageId {
    Text.requireIdentifier("internetMessageId", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(
          "internetMessageId",
          value,
          "internetMessageId must not contain whitespace, was: " + Text.show(value));
    }
  }

  /**
   * {@return the id for {@code value}}
   *
   * <pre>{@code InternetMessageId id = InternetMessageId.of("<MW4PR12MB5678@contoso.com>");}</pre>
   *
   * @param value the id
   * @throws InvalidInputException if the value is not valid
   */
  public static InternetMessageId of(String value) {
    return new InternetMessageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
