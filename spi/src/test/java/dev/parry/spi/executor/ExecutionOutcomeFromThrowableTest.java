package dev.parry.spi.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.internal.Text;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "A failure made from an exception carries a clean reason, whatever the exception's message")
class ExecutionOutcomeFromThrowableTest {

  private static ExecutionOutcome.Failed retryable(Throwable error) {
    return (ExecutionOutcome.Failed) ExecutionOutcome.retryableFailure(error, null);
  }

  @Test
  @DisplayName("names the exception and its message")
  void namesTheExceptionAndItsMessage() {
    assertEquals(
        "ConnectException: Connection refused",
        retryable(new ConnectException("Connection refused")).reason());
  }

  @Test
  @DisplayName("a null message gives the exception's name")
  void nullMessage() {
    assertEquals("NullPointerException", retryable(new NullPointerException()).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "\u202e\u200b"})
  @DisplayName("an empty or blank message gives the exception's name")
  void emptyMessage(String message) {
    assertEquals("IOException", retryable(new IOException(message)).reason());
  }

  @Test
  @DisplayName("newlines and other control characters become spaces")
  void newlines() {
    String reason =
        retryable(new IOException("HTTP 503\r\nRetry-After: 30\tmaybe\u2028later\u0000")).reason();
    assertEquals("IOException: HTTP 503 Retry-After: 30 maybe later", reason);
  }

  @Test
  @DisplayName("characters that make text look like other text are replaced")
  void spoofing() {
    String reason =
        retryable(new IOException("device \u202eexe.txt\u200b ok\u00a0now \ud800 end")).reason();
    assertEquals(-1, Text.firstSpoofing(reason), reason);
    assertEquals("IOException: device \ufffdexe.txt\ufffd ok now \ufffd end", reason);
  }

  @Test
  @DisplayName("a message too long is cut to the limit without splitting a character")
  void tooLong() {
    String reason =
        retryable(new IOException("x".repeat(1994) + "\ud83d\ude00".repeat(100))).reason();
    assertTrue(reason.length() <= 2000, "length " + reason.length());
    assertTrue(reason.endsWith("…"), reason);
    assertFalse(Character.isHighSurrogate(reason.charAt(reason.length() - 2)), reason);
  }

  @Test
  @DisplayName("the wrappers a CompletableFuture adds are looked through")
  void unwraps() {
    Throwable wrapped =
        new CompletionException(new ExecutionException(new ConnectException("refused")));
    assertEquals("ConnectException: refused", retryable(wrapped).reason());
    ExecutionOutcome outcome =
        CompletableFuture.<ExecutionOutcome>failedFuture(new ConnectException("down"))
            .thenApply(x -> x)
            .exceptionally(e -> ExecutionOutcome.retryableFailure(e, Duration.ofSeconds(5)))
            .join();
    assertEquals(
        new ExecutionOutcome.Failed("ConnectException: down", true, Duration.ofSeconds(5)),
        outcome);
  }

  @Test
  @DisplayName(
      "failed(Throwable) is not retryable; an anonymous exception class is named by its type")
  void failedIsNotRetryable() {
    ExecutionOutcome.Failed failed =
        (ExecutionOutcome.Failed) ExecutionOutcome.failed(new IllegalStateException() {});
    assertFalse(failed.retryable());
    assertEquals("IllegalStateException", failed.reason());
  }
}
