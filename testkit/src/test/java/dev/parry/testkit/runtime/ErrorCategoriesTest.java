package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.error.ConflictException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.NotFoundException;
import dev.parry.core.error.ParryException;
import dev.parry.core.error.ParryException.Category;
import dev.parry.core.error.PermissionDeniedException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.InvalidCommandException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.UnknownActionException;
import dev.parry.runtime.UnknownInvestigationException;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
  @DisplayName(
      "a closed runtime is unavailable (503), says to retry on another instance, and fails open waits alike")
  void closedRuntimeIsUnavailable() {
    java.util.concurrent.CompletableFuture<?> waiting =
        parry.runtime().whenComplete(id, ParryHarness.ANALYST);
    parry.runtime().close();
    java.util.concurrent.ExecutionException failed =
        assertThrows(java.util.concurrent.ExecutionException.class, waiting::get);
    assertTrue(
        failed.getCause() instanceof dev.parry.runtime.RuntimeClosedException, failed::toString);
    dev.parry.runtime.RuntimeClosedException e =
        assertThrows(
            dev.parry.runtime.RuntimeClosedException.class,
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
    assertTrue(e.getMessage().contains("another instance"), e.getMessage());
    assertThrows(
        dev.parry.runtime.RuntimeClosedException.class,
        () -> parry.runtime().approve(pending.id(), ParryHarness.ANALYST, ""));
  }

  static Stream<Arguments> onUnknownAction() {
    return Stream.of(
        Arguments.of("approve", call((r, id) -> r.approve(id, ParryHarness.ANALYST, ""))),
        Arguments.of("reject", call((r, id) -> r.reject(id, ParryHarness.ANALYST, ""))),
        Arguments.of("undo", call((r, id) -> r.undo(id, ParryHarness.ANALYST, "x"))),
        Arguments.of("cancel", call((r, id) -> r.cancel(id, ParryHarness.ANALYST, "x"))),
        Arguments.of(
            "extendTimeBox",
            call((r, id) -> r.extendTimeBox(id, Duration.ofHours(1), ParryHarness.ANALYST, "x"))),
        Arguments.of(
            "approveAll", call((r, id) -> r.approveAll(List.of(id), ParryHarness.ANALYST, ""))),
        Arguments.of(
            "rejectAll", call((r, id) -> r.rejectAll(List.of(id), ParryHarness.ANALYST, ""))),
        Arguments.of(
            "undoAll", call((r, id) -> r.undoAll(List.of(id), ParryHarness.ANALYST, "x"))));
  }

  static BiConsumer<ParryRuntime, ActionId> call(BiConsumer<ParryRuntime, ActionId> call) {
    return call;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("onUnknownAction")
  @DisplayName(
      "an action its investigation does not have is not found (404), naming it, and nothing changes")
  void unknownActionIsNotFound(String name, BiConsumer<ParryRuntime, ActionId> call) {
    ActionId unknown = new ActionId(id, 99);
    int before = parry.store().events(id).size();
    UnknownActionException e =
        assertThrows(UnknownActionException.class, () -> call.accept(parry.runtime(), unknown));
    assertEquals(Category.NOT_FOUND, e.category());
    assertEquals(unknown, e.actionId());
    assertEquals(RejectionReason.UNKNOWN_ACTION, e.reason());
    assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
    assertEquals(before, parry.store().events(id).size(), "nothing was stored");
  }

  @Test
  @DisplayName(
      "a time box extended past the longest allowed is invalid input (400) naming extra, and the box is unchanged")
  void extensionPastTheMostIsInvalidInput() {
    ActionRecord isolation =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(WORKSTATION, IsolationType.FULL),
                ParryHarness.ANALYST,
                "contain now",
                false,
                Duration.ofHours(1));
    parry.settle();
    InvalidCommandException e =
        assertThrows(
            InvalidCommandException.class,
            () ->
                parry
                    .runtime()
                    .extendTimeBox(
                        isolation.id(), ParryRuntime.MAX_DURATION, ParryHarness.ANALYST, "keep"));
    assertEquals(Category.INVALID_INPUT, e.category());
    assertEquals("extra", e.field());
    assertEquals(RejectionReason.INVALID_ARGUMENT, e.reason());
    assertEquals(
        Duration.ofHours(1),
        parry
            .runtime()
            .investigation(isolation.id().investigation(), ParryHarness.ANALYST)
            .orElseThrow()
            .action(isolation.id())
            .orElseThrow()
            .timeBox());
  }

  @Test
  @DisplayName(
      "extending an undone time box past the most allowed is refused for its status (409), not its size")
  void extensionOfAnUndoneBoxIsAConflict() {
    ActionRecord isolation =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(WORKSTATION, IsolationType.FULL),
                ParryHarness.ANALYST,
                "contain now",
                false,
                Duration.ofHours(1));
    parry.settle();
    parry.runtime().undo(isolation.id(), ParryHarness.ANALYST, "released");
    parry.settle();
    CommandRejectedException e =
        assertThrows(
            CommandRejectedException.class,
            () ->
                parry
                    .runtime()
                    .extendTimeBox(
                        isolation.id(), ParryRuntime.MAX_DURATION, ParryHarness.ANALYST, "keep"));
    assertEquals(RejectionReason.ILLEGAL_TRANSITION, e.reason(), e.getMessage());
  }

  @Test
  @DisplayName(
      "approving a rejected action is refused for what it is, not as an action that cannot be carried out")
  void notExecutableOnlyForPending() {
    parry.runtime().reject(pending.id(), ParryHarness.ANALYST, "no");
    CommandRejectedException e =
        assertThrows(
            CommandRejectedException.class,
            () -> parry.runtime().approve(pending.id(), ParryHarness.ANALYST, ""));
    assertEquals(RejectionReason.ILLEGAL_TRANSITION, e.reason());
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
