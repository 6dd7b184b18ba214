package dev.parry.runtime;

import dev.parry.core.error.UnavailableException;

/**
 * Thrown by a call on a runtime that was closed. An {@link UnavailableException} (HTTP 503): a
 * closed runtime never opens again, so the call is retryable on another runtime, another instance
 * of the service, not on this one. A service shutting down answers 503 while its load balancer
 * moves callers elsewhere.
 */
public final class RuntimeClosedException extends UnavailableException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RuntimeClosedException() {
    super("the runtime was closed: retry on another instance");
  }
}
