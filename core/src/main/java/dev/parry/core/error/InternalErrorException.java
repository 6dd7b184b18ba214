package dev.parry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Not the caller's fault: Parry's setup or stored data is broken (an action kind with no executor,
 * a database schema of another version, a stored record Parry cannot read). Retrying will not help;
 * the message says what to fix. HTTP 500.
 */
public non-sealed class InternalErrorException extends ParryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public InternalErrorException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what happened
   * @param cause what was thrown, or null
   */
  public InternalErrorException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final Category category() {
    return Category.INTERNAL;
  }
}
