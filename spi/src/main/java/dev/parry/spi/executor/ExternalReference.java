package dev.parry.spi.executor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * A backend's reference to work it is still doing (a machine action id, for example), returned with
 * {@link ExecutionOutcome.InProgress} and handed back when Parry polls.
 *
 * @param value 1-512 characters, no control characters
 */
public record ExternalReference(String value) {

  /**
   * Validates the reference.
   *
   * @param value 1-512 characters, no control characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than 512 characters or holds a spoofing
   *     character (the identifier rule of {@link dev.parry.core.entity})
   */
  public ExternalReference {
    Text.requireIdentifier("externalReference", value, 1, 512);
  }

  /**
   * {@return the reference}
   *
   * @param value the backend's reference
   * @throws InvalidInputException if the reference is not valid
   */
  public static ExternalReference of(String value) {
    return new ExternalReference(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
