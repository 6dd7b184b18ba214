package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.NotFoundException;
import dev.parry.core.error.ParryException;
import dev.parry.core.error.UnavailableException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.RejectionReason;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.InvalidCommandException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RuntimeClosedException;
import dev.parry.runtime.UnknownActionException;
import dev.parry.spi.json.JsonFormatException;
import dev.parry.spi.json.ParryJson;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each refusal comes in the category its meaning says, so a service built on Parry answers it with
 * the right HTTP status: an unknown action is not found, a value the runtime never takes is invalid
 * input, a closed runtime is unavailable elsewhere, and the JSON reader names the member the domain
 * named.
 */
@DisplayName("Every refusal comes in the category its meaning says")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorCategoryTest {

  ParryHarness parry;
  ParryRuntime runtime;
  InvestigationId open;
  ActionId unknown;

  @BeforeAll
  void setUp() {
    parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));
    runtime = parry.runtime();
    open = open(parry, "inv-open", SERVER);
    runtime.reportEvidence(open, evidence(parry, SERVER, Verdict.MALICIOUS));
    unknown = new ActionId(open, 99);
  }

  ActionRecord action(ActionId id) {
    return runtime
        .investigation(id.investigation(), ANALYST)
        .orElseThrow()
        .action(id)
        .orElseThrow();
  }

  @AfterAll
  void tearDown() {
    parry.close();
  }

  Stream<Arguments> onUnknownAction() {
    List<Function<ActionId, Object>> calls =
        List.of(
            id -> runtime.approve(id, ANALYST, ""),
            id -> runtime.reject(id, ANALYST, ""),
            id -> runtime.undo(id, ANALYST, "x"),
            id -> runtime.cancel(id, ANALYST, "x"),
            id -> runtime.extendTimeBox(id, Duration.ofHours(1), ANALYST, "x"),
            id -> runtime.approveAll(List.of(id), ANALYST, ""),
            id -> runtime.rejectAll(List.of(id), ANALYST, ""),
            id -> runtime.undoAll(List.of(id), ANALYST, "x"));
    List<String> names =
        List.of(
            "approve",
            "reject",
            "undo",
            "cancel",
            "extendTimeBox",
            "approveAll",
            "rejectAll",
            "undoAll");
    return java.util.stream.IntStream.range(0, calls.size())
        .mapToObj(i -> Arguments.of(names.get(i), calls.get(i)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("onUnknownAction")
  @DisplayName("an action its investigation does not have is not found (404), naming the action")
  void unknownActionIsNotFound(String name, Function<ActionId, Object> call) {
    long before = parry.store().events(open).size();
    UnknownActionException e =
        assertThrows(UnknownActionException.class, () -> call.apply(unknown));
    assertTrue(e instanceof NotFoundException);
    assertEquals(ParryException.Category.NOT_FOUND, e.category());
    assertEquals(404, e.category().httpStatus());
    assertEquals(unknown, e.actionId());
    assertEquals(RejectionReason.UNKNOWN_ACTION, e.rejection().reason());
    assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
    assertEquals(before, parry.store().events(open).size(), "nothing was stored");
  }

  @Test
  @DisplayName(
      "a time box extended past the longest allowed is invalid input (400) naming extra, and the box is unchanged")
  void extensionPastTheMostIsInvalidInput() {
    ActionRecord isolation =
        runtime.takeAction(
            new IsolateDevice(WORKSTATION, IsolationType.FULL),
            ANALYST,
            "contain now",
            false,
            Duration.ofHours(1));
    parry.settle();
    assertEquals(ActionStatus.SUCCEEDED, action(isolation.id()).status());
    InvalidCommandException e =
        assertThrows(
            InvalidCommandException.class,
            () ->
                runtime.extendTimeBox(
                    isolation.id(), ParryRuntime.MAX_DURATION, ANALYST, "keep it"));
    assertEquals(400, e.category().httpStatus());
    assertEquals("extra", e.field());
    assertEquals(RejectionReason.INVALID_ARGUMENT, e.reason());
    assertEquals(Duration.ofHours(1), action(isolation.id()).timeBox());
  }

  @Test
  @DisplayName(
      "a closed runtime is unavailable (503) and says to retry on another instance, since it never reopens")
  void closedRuntime() {
    ParryHarness closing = ParryHarness.create();
    closing.close();
    RuntimeClosedException e =
        assertThrows(
            RuntimeClosedException.class,
            () -> closing.runtime().approve(new ActionId(open, 1), ANALYST, ""));
    assertTrue(e instanceof UnavailableException);
    assertEquals(503, e.category().httpStatus());
    assertTrue(e.getMessage().contains("another instance"), e.getMessage());
  }

  @Test
  @DisplayName("the JSON reader names the member the domain's refusal names, whatever its words")
  void jsonNamesTheRefusedMember() {
    runtime.approve(
        runtime.investigation(open, ANALYST).orElseThrow().actions().get(0).id(),
        ParryHarness.ANALYST,
        "looks right");
    String approved =
        ParryJson.write(runtime.investigation(open, ANALYST).orElseThrow().actions().get(0));
    String principal = "\"actor\":{\"type\":\"principal\",\"name\":\"" + ANALYST.name() + "\"}";
    assertTrue(approved.contains(principal), approved);
    String automated = approved.replace(principal, "\"actor\":{\"type\":\"system\"}");
    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> ParryJson.readActionRecord(automated));
    assertTrue(
        e.path().endsWith("].actor"),
        "the refusal names actor, in words that start otherwise: " + e.getMessage());
  }

  @Test
  @DisplayName(
      "an integer member written 1.0 or 4e2 is read as that integer, as JSON Schema's integer allows")
  void integralNumbers() {
    String body =
        "{\"entity\":{\"type\":\"process\",\"deviceId\":\"d\",\"processId\":%s,\"imagePath\":null,"
            + "\"creationTime\":null,\"commandLine\":null,\"parent\":null},\"comment\":\"x\"}";
    assertEquals(
        ParryJson.readFalsePositive(body.formatted("4")),
        ParryJson.readFalsePositive(body.formatted("4.0")));
    assertEquals(
        ParryJson.readFalsePositive(body.formatted("400")),
        ParryJson.readFalsePositive(body.formatted("4e2")));
    JsonFormatException tooBig =
        assertThrows(
            JsonFormatException.class, () -> ParryJson.readFalsePositive(body.formatted("4e30")));
    assertTrue(tooBig.getMessage().contains("out of range"), tooBig.getMessage());
  }

  @Test
  @DisplayName(
      "a request body past MAX_REQUEST_LENGTH is refused before it is parsed, as invalid input")
  void requestBodyCap() {
    String body =
        "{\"comment\":\"" + "x".repeat(ParryJson.MAX_REQUEST_LENGTH) + "\"}"; // parses fine
    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> ParryJson.readApprove(body));
    assertTrue(e instanceof InvalidInputException);
    assertEquals("$", e.path());
    assertTrue(
        e.getMessage().contains("longer than the " + ParryJson.MAX_REQUEST_LENGTH), e.getMessage());
  }
}
