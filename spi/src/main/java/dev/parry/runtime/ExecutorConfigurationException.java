package dev.parry.runtime;

import dev.parry.core.error.InternalErrorException;

/**
 * Thrown when the runtime is built: an action kind it must be able to run has no executor, or two
 * executors claim the same kind. An {@link InternalErrorException}: the setup must be fixed, HTTP
 * 500.
 */
public final class ExecutorConfigurationException extends InternalErrorException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the kinds and executors
   */
  public ExecutorConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the provider or kind
   * @param cause what a provider threw
   */
  public ExecutorConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
