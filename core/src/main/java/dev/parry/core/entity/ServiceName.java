package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The name of a Windows service. Compared case-insensitively.
 *
 * @param value 1-256 characters, no spoofing characters (see the package documentation), no '\\' or
 *     '/'
 */
public record ServiceName(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates the value.
   *
   * @param value 1-256 characters, no spoofing characters (see the package documentation), no '\\'
   *     or '/'
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH}, holds a
   *     spoofing character, or holds '\\' or '/'
   */
  public ServiceName {
    Text.requireIdentifier("serviceName", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(c -> "\\/".indexOf(c) >= 0)) {
      throw new InvalidInputException(
          "serviceName",
          value,
          "serviceName must not contain '\\' or '/', was: " + Text.show(value));
    }
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code ServiceName v = ServiceName.of("UpdaterSvc");}</pre>
   *
   * @param value the text
   * @throws InvalidInputException if the value is not valid
   */
  public static ServiceName of(String value) {
    return new ServiceName(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceName that && Text.equalsFolded(value, that.value);
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
