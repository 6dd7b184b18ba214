package dev.parry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * What the caller named does not exist: an investigation the store does not hold, for example.
 * Nothing was changed. HTTP 404.
 */
public non-sealed class NotFoundException extends ParryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what happened
   * @param cause what was thrown, or null
   */
  public NotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final Category category() {
    return Category.NOT_FOUND;
  }
}
