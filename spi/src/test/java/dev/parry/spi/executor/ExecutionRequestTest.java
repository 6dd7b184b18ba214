package dev.parry.spi.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An execution request is built from four required settings and defaults for the rest")
class ExecutionRequestTest {

  static final IsolateDevice ISOLATE =
      new IsolateDevice(
          Device.of(DeviceId.of("d-1"), DeviceName.of("laptop-1")), IsolationType.FULL);
  static final Instant DEADLINE = Instant.parse("2026-03-01T10:02:00Z");

  static ExecutionRequest.Builder minimal() {
    return ExecutionRequest.builder()
        .action(ISOLATE)
        .actionId(ActionId.of("inv-1/3"))
        .idempotencyKey(IdempotencyKey.of("inv-1/3:execute"))
        .deadline(DEADLINE);
  }

  @Test
  @DisplayName(
      "a request with only the required settings executes, on attempt 1, for the system, without a comment"
          + " or exclusions, in the action id's investigation")
  void defaults() {
    ExecutionRequest request = minimal().build();
    assertEquals(ISOLATE, request.action());
    assertEquals(ExecutionPurpose.EXECUTE, request.purpose());
    assertEquals(1, request.attempt());
    assertEquals(DEADLINE, request.deadline());
    assertEquals(Actor.system(), request.requestedBy());
    assertEquals("", request.comment());
    assertEquals(InvestigationId.of("inv-1"), request.investigationId());
    assertEquals(ActionId.of("inv-1/3"), request.actionId());
    assertEquals(DeviceExclusions.none(), request.exclusions());
  }

  @Test
  @DisplayName("a missing required setting is refused at build, naming it")
  void missingRequiredSetting() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                ExecutionRequest.builder()
                    .action(ISOLATE)
                    .actionId(ActionId.of("inv-1/3"))
                    .deadline(DEADLINE)
                    .build());
    assertTrue(e.getMessage().startsWith("idempotencyKey is not set"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> ExecutionRequest.builder().build());
  }

  @Test
  @DisplayName(
      "a bad attempt or comment is refused at once, showing the value, and leaves the builder as it was")
  void badValuesAreRefusedAtOnce() {
    ExecutionRequest.Builder builder = minimal().attempt(2).comment("approved");
    InvalidInputException attempt =
        assertThrows(InvalidInputException.class, () -> builder.attempt(0));
    assertEquals("attempt must be 1 or more, was: 0", attempt.getMessage());
    assertThrows(InvalidInputException.class, () -> builder.comment("x".repeat(2001)));
    assertThrows(InvalidInputException.class, () -> builder.comment("line\nbreak"));
    assertThrows(InvalidInputException.class, () -> builder.deadline(null));
    ExecutionRequest request = builder.build();
    assertEquals(2, request.attempt());
    assertEquals("approved", request.comment());
  }

  @Test
  @DisplayName("toBuilder keeps every setting, and equal settings make equal requests")
  void toBuilderRoundTrips() {
    DeviceExclusions exclusions =
        DeviceExclusions.of(Set.of(DeviceId.of("dc-1")), Set.of(DeviceTag.of("crown")), Set.of());
    ExecutionRequest request =
        minimal()
            .purpose(ExecutionPurpose.UNDO)
            .attempt(4)
            .requestedBy(
                Actor.principal(dev.parry.core.actor.PrincipalName.of("analyst@contoso.com")))
            .comment("approved by the SOC")
            .exclusions(exclusions)
            .build();
    ExecutionRequest copy = request.toBuilder().build();
    assertEquals(request, copy);
    assertEquals(request.hashCode(), copy.hashCode());
    assertNotEquals(request, request.toBuilder().attempt(5).build());
    assertEquals(
        minimal().exclusions(exclusions).build(), minimal().build().withExclusions(exclusions));
  }

  @Test
  @DisplayName("toString names the kind, key and action, and leaves the target and the comment out")
  void toStringLeavesTheTargetOut() {
    String text = minimal().comment("call jane.doe@contoso.com first").build().toString();
    assertEquals(
        "ExecutionRequest{kind=ISOLATE_DEVICE, purpose=EXECUTE, key="
            + IdempotencyKey.of("inv-1/3:execute")
            + ", attempt=1, deadline=2026-03-01T10:02:00Z, action=inv-1/3}",
        text);
    assertFalse(text.contains("laptop-1") || text.contains("jane.doe"), text);
  }
}
