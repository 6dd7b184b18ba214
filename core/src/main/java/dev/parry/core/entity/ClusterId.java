package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;

/**
 * The identifier of an email cluster: messages grouped by a shared attribute (sender, URL,
 * attachment).
 *
 * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
 */
public record ClusterId(String value) {

  /** The longest identifier accepted: {@value}. */
  public static final int MAX_LENGTH = 128;

  /**
   * Validates the identifier.
   *
   * @param value 1-128 characters: ASCII letters, digits, {@code . _ : -}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH} or holds another
   *     character
   */
  public ClusterId {
    Identifiers.requireToken("clusterId", value, MAX_LENGTH);
  }

  /**
   * {@return the identifier for {@code value}}
   *
   * <pre>{@code ClusterId id = ClusterId.of("cluster-7f3a");}</pre>
   *
   * @param value the identifier
   * @throws InvalidInputException if the value is not valid
   */
  public static ClusterId of(String value) {
    return new ClusterId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
