package dev.parry.spi.executor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The key an executor de-duplicates requests by. It is the same for every attempt of one action
 * (and after a restart), and differs between the action and its undo. Executing the same key twice
 * must have its effect once.
 *
 * @param value 1-300 characters, no control characters
 */
public record IdempotencyKey(String value) {

  /**
   * Validates the key.
   *
   * @param value 1-300 characters, no control characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than 300 characters or holds a spoofing
   *     character (the identifier rule of {@link dev.parry.core.entity})
   */
  public IdempotencyKey {
    Text.requireIdentifier("idempotencyKey", value, 1, 300);
  }

  /**
   * {@return the key}
   *
   * <pre>{@code IdempotencyKey key = IdempotencyKey.of("inv-1/3:execute");}</pre>
   *
   * @param value the key
   * @throws InvalidInputException if the key is not valid
   */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
