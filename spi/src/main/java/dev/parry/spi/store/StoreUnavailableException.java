package dev.parry.spi.store;

/**
 * The store could not be read or written: the database refused, failed or could not be reached.
 * Nothing was written by the call that threw (an append is one transaction), so the caller may try
 * again. The cause carries the driver's error.
 */
public final class StoreUnavailableException extends RuntimeException {

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
