package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.ConflictException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.NotFoundException;
import dev.parry.core.error.ParryException;
import dev.parry.core.error.ParryException.Category;
import dev.parry.core.error.PermissionDeniedException;
import dev.parry.core.error.UnavailableException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.testkit.ParryHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each kind of failure a caller meets comes as its Parry category, with what a service needs to
 * answer it.
 */
@DisplayName("Errors come as Parry categories a service can map")
class ErrorCategoriesTest {

  ParryHarness parry;
  InvestigationId id;
  ActionRecord pending;

  @BeforeEach
  void setUp() {
    parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));
    id = open(parry, "inv-errors", SERVER);
    parry.runtime().reportEvidence(id, evidence(parry, SERVER, Verdict.MALICIOUS));
    pending = parry.pending().get(0);
  }

  @AfterEach
  void tearDown() {
    parry.close();
  }

  @Test
  @DisplayName(
      "approving with a null comment is invalid input naming the comment, and the action stays pending")
  void nullCommentIsInvalidInput() {
    int events = parry.events().size();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> parry.runtime().approve(pending.id(), ANALYST, null));
    assertEquals("comment", e.field());
    assertEquals(Category.INVALID_INPUT, e.category());
    assertEquals(400, e.category().httpStatus());
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
    assertEquals(events, parry.events().size());
  }

  @Test
  @DisplayName("an unknown investigation is not found (404)")
  void unknownInvestigationIsNotFound() {
    ParryException e =
        assertThrows(
            UnknownInvestigationException.class,
            () ->
                parry
                    .runtime()
                    .reportEvidence(
                        InvestigationId.of("ghost"), evidence(parry, SERVER, Verdict.MALICIOUS)));
    assertTrue(e instanceof NotFoundException);
    assertEquals(Category.NOT_FOUND, e.category());
    assertEquals(404, e.category().httpStatus());
    assertThrows(
        NotFoundException.class,
        () -> parry.runtime().whenComplete(InvestigationId.of("ghost"), ANALYST));
  }

  @Test
  @DisplayName("a caller without the permission is denied (403), and nothing changes")
  void deniedIsAccessDenied() {
    AccessDeniedException e =
        assertThrows(
            AccessDeniedException.class,
            () -> parry.runtime().approve(pending.id(), Caller.of("guest@contoso.com"), "ok"));
    assertTrue(e instanceof PermissionDeniedException);
    assertEquals(Category.ACCESS_DENIED, e.category());
    assertEquals(403, e.category().httpStatus());
    assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
  }

  @Test
  @DisplayName("a command the state refuses is a conflict (409) carrying its typed reason")
  void refusedCommandIsConflictWithReason() {
    parry.runtime().reject(pending.id(), ANALYST, "");
    CommandRejectedException e =
        assertThrows(
            CommandRejectedException.class,
            () -> parry.runtime().approve(pending.id(), ANALYST, ""));
    assertTrue(e instanceof ConflictException);
    assertEquals(Category.CONFLICT, e.category());
    assertEquals(409, e.category().httpStatus());
    assertEquals(RejectionReason.ILLEGAL_TRANSITION, e.reason());
    assertFalse(e.isRetryable());
  }

  @Test
  @DisplayName("a closed runtime is unavailable (503)")
  void closedRuntimeIsUnavailable() {
    parry.runtime().close();
    UnavailableException e =
        assertThrows(
            UnavailableException.class,
            () ->
                parry
                    .runtime()
                    .open(
                        InvestigationId.of("late"),
                        dev.parry.core.investigation.AlertId.of("a"),
                        SERVER));
    assertEquals(Category.UNAVAILABLE, e.category());
    assertEquals(503, e.category().httpStatus());
    assertTrue(e.isRetryable());
  }

  @Test
  @DisplayName(
      "invalid input shows its value escaped and cut, and its message holds no raw control character")
  void invalidValueIsEscapedAndCut() {
    String hostile = "a\r\nforged\u202Etxt.exe" + "x".repeat(10_000);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceId.of(hostile));
    assertEquals("deviceId", e.field());
    String value = e.value().orElseThrow();
    assertTrue(value.startsWith("a\\u000d\\u000aforged\\u202etxt.exe"), value);
    assertTrue(
        value.endsWith("...") && value.length() < 6 * InvalidInputException.MAX_VALUE_LENGTH,
        "value is " + value.length() + " long");
    assertTrue(
        e.getMessage().chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202E),
        e.getMessage());
    assertTrue(e.getMessage().length() <= ParryException.MAX_MESSAGE_LENGTH + 3);
  }
}
