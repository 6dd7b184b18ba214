package dev.parry.runtime;

/**
 * Thrown when the runtime is built: an action kind it must be able to run has no executor, or two
 * executors claim the same kind.
 */
public final class ExecutorConfigurationException extends IllegalStateException {

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
