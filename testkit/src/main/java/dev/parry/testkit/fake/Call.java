package dev.parry.testkit.fake;

import dev.parry.spi.executor.ExecutionRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * One call a fake executor received, recorded for assertions.
 *
 * @param operation {@code execute}, {@code status} or {@code cancel}
 * @param request the request (its idempotency key and attempt included)
 * @param at when the call arrived, on the fake's clock
 */
public record Call(String operation, ExecutionRequest request, Instant at) {

  /**
   * Validates.
   *
   * @param operation {@code execute}, {@code status} or {@code cancel}
   * @param request the request (its idempotency key and attempt included)
   * @param at when the call arrived, on the fake's clock
   * @throws NullPointerException if a component is null
   */
  public Call {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(at, "at");
  }
}
