package dev.parry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Limits are built from their defaults, one setting at a time")
class LimitsTest {

  @Test
  @DisplayName("a builder left alone builds the defaults, and the defaults are the documented ones")
  void builderStartsFromTheDefaults() {
    Limits limits = Limits.builder().build();
    assertEquals(Limits.defaults(), limits);
    assertEquals(Limits.defaults().hashCode(), limits.hashCode());
    assertEquals(5, limits.maxAttempts());
    assertEquals(Duration.ofSeconds(1), limits.backoffBase());
    assertEquals(Duration.ofMinutes(5), limits.backoffMax());
    assertEquals(Duration.ofMinutes(2), limits.attemptTimeout());
    assertEquals(Duration.ofDays(3), limits.actionTimeout());
    assertEquals(64, limits.maxConcurrentPerFamily());
    assertEquals(
        List.of(RateLimit.MACHINE_ACTION_API, RateLimit.MACHINE_ACTION_API_HOURLY),
        limits.rateLimits());
    assertEquals(Duration.ofDays(7), limits.pendingExpiry());
  }

  @Test
  @DisplayName("each setter changes its setting only, and a wither gives what the builder gives")
  void settersChangeOneSetting() {
    Limits built =
        Limits.builder()
            .maxAttempts(3)
            .backoffBase(Duration.ofSeconds(2))
            .backoffMax(Duration.ofMinutes(1))
            .attemptTimeout(Duration.ofSeconds(30))
            .actionTimeout(Duration.ofHours(6))
            .maxConcurrentPerFamily(8)
            .rateLimits(RateLimit.of(10, Duration.ofMinutes(1)))
            .pendingExpiry(Duration.ofDays(1))
            .build();
    Limits withered =
        Limits.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1))
            .withAttemptTimeout(Duration.ofSeconds(30))
            .withActionTimeout(Duration.ofHours(6))
            .withMaxConcurrentPerFamily(8)
            .withRateLimit(RateLimit.of(10, Duration.ofMinutes(1)))
            .withPendingExpiry(Duration.ofDays(1));
    assertEquals(built, withered);
    assertEquals(built, built.toBuilder().build(), "toBuilder keeps every setting");
    assertNotEquals(built, built.withMaxAttempts(4));
    assertEquals(
        Limits.defaults().withMaxAttempts(4).pendingExpiry(), Limits.defaults().pendingExpiry());
  }

  @Test
  @DisplayName("toString names every setting, as it did when limits were a record")
  void toStringNamesEverySetting() {
    assertEquals(
        "Limits[maxAttempts=5, backoffBase=PT1S, backoffMax=PT5M, attemptTimeout=PT2M, actionTimeout=PT72H,"
            + " maxConcurrentPerFamily=64, rateLimits=[RateLimit[permits=100, period=PT1M],"
            + " RateLimit[permits=1500, period=PT1H]], pendingExpiry=PT168H]",
        Limits.defaults().toString());
  }

  @Test
  @DisplayName(
      "a bad setting is refused at once, named with its value, and leaves the builder as it was")
  void badSettingsAreRefusedAtOnce() {
    Limits.Builder builder = Limits.builder().maxAttempts(2);
    assertMessage("maxAttempts must be 1 or more, was: 0", () -> builder.maxAttempts(0));
    assertMessage(
        "maxConcurrentPerFamily must be 1 or more, was: -1",
        () -> builder.maxConcurrentPerFamily(-1));
    assertMessage("backoffBase must be positive", () -> builder.backoffBase(Duration.ZERO));
    assertMessage("backoffMax must be positive", () -> builder.backoffMax(Duration.ofSeconds(-1)));
    assertMessage(
        "attemptTimeout must be positive", () -> builder.attemptTimeout(Duration.ofDays(3651)));
    assertMessage("actionTimeout must be positive", () -> builder.actionTimeout(Duration.ZERO));
    assertMessage("pendingExpiry must be positive", () -> builder.pendingExpiry(Duration.ZERO));
    assertMessage("at least one rate limit", () -> builder.rateLimits());
    assertMessage(
        "two rate limits have the period PT1M",
        () ->
            builder.rateLimits(
                RateLimit.MACHINE_ACTION_API, RateLimit.of(5, Duration.ofMinutes(1))));
    assertThrows(InvalidInputException.class, () -> builder.attemptTimeout(null));
    assertThrows(InvalidInputException.class, () -> builder.rateLimits((List<RateLimit>) null));
    assertEquals(
        Limits.defaults().withMaxAttempts(2), builder.build(), "refused settings changed nothing");
  }

  @Test
  @DisplayName(
      "the rate limits a builder was given are copied: changing the caller's list changes nothing")
  void rateLimitsAreCopied() {
    List<RateLimit> given = new java.util.ArrayList<>(List.of(RateLimit.MACHINE_ACTION_API));
    Limits limits = Limits.builder().rateLimits(given).build();
    given.add(RateLimit.MACHINE_ACTION_API_HOURLY);
    assertEquals(List.of(RateLimit.MACHINE_ACTION_API), limits.rateLimits());
    assertThrows(UnsupportedOperationException.class, () -> limits.rateLimits().clear());
  }

  private static void assertMessage(
      String expected, org.junit.jupiter.api.function.Executable call) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
