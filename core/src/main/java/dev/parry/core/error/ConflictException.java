package dev.parry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The request is well-formed but the current state refuses it: an action that is no longer pending,
 * an investigation that is complete, a version someone else wrote first. Nothing was changed;
 * reload and decide again. Subtypes carry the typed reason where there is one. HTTP 409.
 */
public non-sealed class ConflictException extends ParryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public ConflictException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what happened
   * @param cause what was thrown, or null
   */
  public ConflictException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final Category category() {
    return Category.CONFLICT;
  }
}
