package dev.parry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The caller may not do what they asked. Nothing was changed; Parry records the denial where it
 * audits. HTTP 403.
 */
public non-sealed class PermissionDeniedException extends ParryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public PermissionDeniedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what happened
   * @param cause what was thrown, or null
   */
  public PermissionDeniedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final Category category() {
    return Category.ACCESS_DENIED;
  }
}
