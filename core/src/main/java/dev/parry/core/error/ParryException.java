package dev.parry.core.error;

import dev.parry.core.internal.Text;

/**
 * The root of every error Parry throws on purpose. Each subtype is one {@link Category}: what the
 * caller can do about it, and the HTTP status a service would answer. Switch on {@link #category()}
 * or catch the subtype:
 *
 * <pre>{@code
 * try {
 *   runtime.approve(id, caller, comment);
 * } catch (ParryException e) {
 *   return Response.status(e.category().httpStatus()).entity(e.getMessage()).build();
 * }
 * }</pre>
 *
 * <p>The message is safe for a log line or an HTTP body: control characters, bidirectional controls
 * and other invisible characters are escaped as a backslash, a {@code u} and four hex digits, and
 * it is at most {@value #MAX_MESSAGE_LENGTH} characters long (then it ends in three dots).
 */
public abstract sealed class ParryException extends RuntimeException
    permits InvalidInputException,
        PermissionDeniedException,
        NotFoundException,
        ConflictException,
        UnavailableException,
        InternalErrorException {

  private static final long serialVersionUID = 1L;

  /** The longest message kept, in characters: {@value}. */
  public static final int MAX_MESSAGE_LENGTH = 2000;

  /** What a caller can do about an error, with the HTTP status a service would answer. */
  public enum Category {
    /** The caller passed a value Parry refuses; fix the input. HTTP 400. */
    INVALID_INPUT(400),
    /** The caller may not do this; nothing was changed. HTTP 403. */
    ACCESS_DENIED(403),
    /** What the caller named does not exist. HTTP 404. */
    NOT_FOUND(404),
    /** The request is valid but the current state refuses it; reload and decide again. HTTP 409. */
    CONFLICT(409),
    /** Something Parry depends on is down, or the runtime is closed; retry later. HTTP 503. */
    UNAVAILABLE(503),
    /**
     * Parry's setup or stored data is broken; not the caller's fault, a retry will not help. HTTP
     * 500.
     */
    INTERNAL(500);

    private final int httpStatus;

    Category(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** {@return the HTTP status a service would answer for an error of this category} */
    public int httpStatus() {
      return httpStatus;
    }
  }

  ParryException(String message) {
    super(safe(message));
  }

  ParryException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(safe(message), cause);
  }

  /** {@return the category: what a caller can do about this error} */
  public abstract Category category();

  /**
   * {@return whether the same call may succeed later unchanged, or on another instance}: true for
   * {@link Category#UNAVAILABLE} only
   */
  public boolean isRetryable() {
    return category() == Category.UNAVAILABLE;
  }

  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }

  private static String safe(String message) {
    return Text.escape(message, MAX_MESSAGE_LENGTH);
  }
}
