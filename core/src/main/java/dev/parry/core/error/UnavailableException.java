package dev.parry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Something Parry depends on failed or could not be reached (the store, for example), or the
 * runtime was closed. The same call may succeed later, or elsewhere: a closed runtime never opens
 * again, so a call it refused is retried on another instance. HTTP 503.
 */
public non-sealed class UnavailableException extends ParryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public UnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what happened
   * @param cause what was thrown, or null
   */
  public UnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final Category category() {
    return Category.UNAVAILABLE;
  }
}
