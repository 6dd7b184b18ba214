package dev.parry.spi.store;

import dev.parry.core.error.UnavailableException;

/**
 * The store could not be read or written: the database refused, failed or could not be reached. An
 * append is one transaction, so it was written whole or not at all; if the connection broke while
 * the database committed, the caller cannot tell which, and a retry of the same decision then meets
 * a version conflict (or a refusal, for a decision already taken) rather than a duplicate. The
 * cause carries the driver's error. An {@link UnavailableException}: retryable, HTTP 503.
 */
public final class StoreUnavailableException extends UnavailableException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the store was doing
   * @param cause the driver's error
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
