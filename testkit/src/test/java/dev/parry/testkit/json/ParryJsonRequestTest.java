package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
    "Request bodies read as documented, and a bad body fails naming the member and the value")
class ParryJsonRequestTest {

  private static final String DEVICE =
      "{\"type\":\"device\",\"id\":\"a3f7c19e\",\"name\":\"ws-042\",\"domain\":null,"
          + "\"tags\":[],\"os\":\"WINDOWS\",\"entraDeviceId\":null,\"rbacGroupName\":null}";
  private static final String ISOLATE =
      "{\"kind\":\"ISOLATE_DEVICE\",\"target\":" + DEVICE + ",\"isolationType\":\"FULL\"}";

  @Test
  @DisplayName("a manual action reads with its options, and the ones left out take their defaults")
  void manualAction() {
    ManualActionRequest body =
        ParryJson.readManualAction(
            "{\"action\":"
                + ISOLATE
                + ",\"justification\":\"ransomware spreading\",\"twoStep\":true,\"timeBox\":\"PT4H\",\"source\":\"LIVE_RESPONSE\"}");
    assertEquals(
        new IsolateDevice(
            Device.of(DeviceId.of("a3f7c19e"), dev.parry.core.entity.DeviceName.of("ws-042")),
            IsolationType.FULL),
        body.action());
    assertEquals("ransomware spreading", body.justification());
    assertTrue(body.twoStep());
    assertEquals(Duration.ofHours(4), body.timeBox());
    assertEquals(ActionSource.LIVE_RESPONSE, body.source());

    ManualActionRequest plain =
        ParryJson.readManualAction("{\"action\":" + ISOLATE + ",\"justification\":\"why\"}");
    assertFalse(plain.twoStep());
    assertNull(plain.timeBox());
    assertNull(plain.source());
    assertEquals(ActionSource.MANUAL_DEVICE_ACTION, plain.effectiveSource());
  }

  @Test
  @DisplayName("approve, reject and undo take an empty body: the comment or reason is empty then")
  void emptyBodies() {
    assertEquals("", ParryJson.readApprove("{}").comment());
    assertEquals("", ParryJson.readReject("{}").reason());
    assertEquals("", ParryJson.readUndo(" { } ").reason());
    assertEquals("looks right", ParryJson.readApprove("{\"comment\":\"looks right\"}").comment());
  }

  static Stream<Arguments> badBodies() {
    Function<String, Object> approve = ParryJson::readApprove;
    Function<String, Object> reject = ParryJson::readReject;
    Function<String, Object> manual = ParryJson::readManualAction;
    Function<String, Object> extend = ParryJson::readExtendTimeBox;
    Function<String, Object> falsePositive = ParryJson::readFalsePositive;
    return Stream.of(
        Arguments.of("not JSON", approve, "{\"comment\": \"x\"", "$", "malformed JSON at offset"),
        Arguments.of(
            "a member twice",
            approve,
            "{\"comment\":\"a\",\"comment\":\"b\"}",
            "$",
            "appears twice"),
        Arguments.of(
            "an array for a body", approve, "[]", "$", "expected an object, was: an array"),
        Arguments.of("null for a body", approve, "null", "$", "must not be null"),
        Arguments.of(
            "a number for a comment",
            approve,
            "{\"comment\":5}",
            "$.comment",
            "expected a string, was: 5"),
        Arguments.of(
            "null for a reason", reject, "{\"reason\":null}", "$.reason", "must not be null"),
        Arguments.of(
            "a control character in a reason",
            reject,
            "{\"reason\":\"ok\\u0007\"}",
            "$.reason",
            "\\u0007"),
        Arguments.of(
            "a misspelled member",
            reject,
            "{\"reasno\":\"x\"}",
            "$.reasno",
            "unknown member 'reasno'"),
        Arguments.of(
            "a hostile member name",
            reject,
            "{\"\\u202ereason\":\"x\"}",
            "$.\\u202ereason",
            "unknown member '\\u202ereason'"),
        Arguments.of(
            "a time box extension without its length",
            extend,
            "{\"comment\":\"x\"}",
            "$.extra",
            "missing"),
        Arguments.of(
            "a time box extension past ten years",
            extend,
            "{\"extra\":\"PT87601H\"}",
            "$.extra",
            "extra must be positive and at most PT87600H, was: PT87601H"),
        Arguments.of(
            "no justification",
            manual,
            "{\"action\":" + ISOLATE + "}",
            "$.justification",
            "missing"),
        Arguments.of(
            "a blank justification",
            manual,
            "{\"action\":" + ISOLATE + ",\"justification\":\" \"}",
            "$.justification",
            "must hold visible text"),
        Arguments.of(
            "an unknown kind",
            manual,
            "{\"action\":{\"kind\":\"NUKE_DEVICE\"},\"justification\":\"x\"}",
            "$.action.kind",
            "'NUKE_DEVICE' is not one of [ISOLATE_DEVICE,"),
        Arguments.of(
            "no kind",
            manual,
            "{\"action\":{\"target\":" + DEVICE + "},\"justification\":\"x\"}",
            "$.action.kind",
            "missing"),
        Arguments.of(
            "a target of the wrong type",
            manual,
            "{\"action\":"
                + ISOLATE.replace("\"device\"", "\"mailbox\"")
                + ",\"justification\":\"x\"}",
            "$.action.target.type",
            "'mailbox' is not one of [device]"),
        Arguments.of(
            "a device id with a right-to-left override",
            manual,
            "{\"action\":"
                + ISOLATE.replace("a3f7c19e", "a3f7\\u202ec19e")
                + ",\"justification\":\"x\"}",
            "$.action.target.id",
            "'a3f7\\u202ec19e' refused"),
        Arguments.of(
            "an unknown isolation type",
            manual,
            "{\"action\":" + ISOLATE.replace("FULL", "PARTIAL") + ",\"justification\":\"x\"}",
            "$.action.isolationType",
            "'PARTIAL' is not one of [FULL, SELECTIVE]"),
        Arguments.of(
            "a time box that is not ISO-8601",
            manual,
            "{\"action\":" + ISOLATE + ",\"justification\":\"x\",\"timeBox\":\"4 hours\"}",
            "$.timeBox",
            "'4 hours' is not an ISO-8601 duration"),
        Arguments.of(
            "a negative time box",
            manual,
            "{\"action\":" + ISOLATE + ",\"justification\":\"x\",\"timeBox\":\"-PT1H\"}",
            "$.timeBox",
            "timeBox must be positive"),
        Arguments.of(
            "a time box on a kind that cannot be undone",
            manual,
            "{\"action\":"
                + ISOLATE
                    .replace("ISOLATE_DEVICE", "RUN_ANTIVIRUS_SCAN")
                    .replace("isolationType\":\"FULL", "scanType\":\"QUICK")
                + ",\"justification\":\"x\",\"timeBox\":\"PT1H\"}",
            "$.timeBox",
            "RUN_ANTIVIRUS_SCAN"),
        Arguments.of(
            "a source that does not take device actions",
            manual,
            "{\"action\":" + ISOLATE + ",\"justification\":\"x\",\"source\":\"EXPLORER\"}",
            "$.source",
            "EXPLORER does not take DEVICE"),
        Arguments.of(
            "an automated source",
            manual,
            "{\"action\":"
                + ISOLATE
                + ",\"justification\":\"x\",\"source\":\"AUTOMATED_DEVICE_INVESTIGATION\"}",
            "$.source",
            "must not be an automated investigation"),
        Arguments.of(
            "a string for twoStep",
            manual,
            "{\"action\":" + ISOLATE + ",\"justification\":\"x\",\"twoStep\":\"yes\"}",
            "$.twoStep",
            "expected true or false, was: 'yes'"),
        Arguments.of(
            "an entity without its type",
            falsePositive,
            "{\"entity\":{\"id\":\"a3f7c19e\"},\"comment\":\"x\"}",
            "$.entity.type",
            "missing"),
        Arguments.of(
            "an unknown entity type",
            falsePositive,
            "{\"entity\":{\"type\":\"spaceship\"},\"comment\":\"x\"}",
            "$.entity.type",
            "'spaceship' is not one of [device, file,"),
        Arguments.of(
            "a fraction for a number",
            falsePositive,
            "{\"entity\":{\"type\":\"process\",\"deviceId\":\"d\","
                + "\"processId\":1.5,\"imagePath\":null,\"creationTime\":null,\"commandLine\":null,\"parent\":null},"
                + "\"comment\":\"x\"}",
            "$.entity.processId",
            "expected an integer, was: 1.5"),
        Arguments.of(
            "a number past a long",
            falsePositive,
            "{\"entity\":{\"type\":\"process\",\"deviceId\":\"d\","
                + "\"processId\":99999999999999999999,\"imagePath\":null,\"creationTime\":null,\"commandLine\":null,"
                + "\"parent\":null},\"comment\":\"x\"}",
            "$.entity.processId",
            "99999999999999999999 is out of range"),
        Arguments.of(
            "an instant that is not ISO-8601",
            falsePositive,
            "{\"entity\":{\"type\":\"process\","
                + "\"deviceId\":\"d\",\"processId\":4,\"imagePath\":null,\"creationTime\":\"yesterday\","
                + "\"commandLine\":null,\"parent\":null},\"comment\":\"x\"}",
            "$.entity.creationTime",
            "'yesterday' is not an ISO-8601 instant"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  @DisplayName(
      "a bad body fails with a JsonFormatException naming the member and showing the value escaped")
  void badBody(String name, Function<String, Object> read, String body, String path, String shown) {
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> read.apply(body), body);
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    assertTrue(
        e.getMessage().contains(shown), () -> "expected '" + shown + "' in: " + e.getMessage());
    assertTrue(
        e.getMessage()
            .chars()
            .allMatch(
                c -> c >= 0x20 && c != 0x7f && !Character.isSurrogate((char) c) && c != 0x202e),
        () -> "unescaped character in: " + e.getMessage());
  }

  @Test
  @DisplayName(
      "the reader names the member the domain's refusal names, whatever the words of its message")
  void namesTheRefusedMember() {
    ActionRecord approved = approvedAction();
    String json = ParryJson.write(approved);
    String principal = "\"actor\":{\"type\":\"principal\",\"name\":\"reviewer@contoso.com\"}";
    assertTrue(json.contains(principal), json);
    String automated = json.replace(principal, "\"actor\":{\"type\":\"system\"}");
    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> ParryJson.readActionRecord(automated));
    assertTrue(
        e.path().endsWith("[0].actor"),
        "the refusal names actor, in words that start otherwise: " + e.getMessage());
  }

  private static ActionRecord approvedAction() {
    try (dev.parry.testkit.ParryHarness parry = dev.parry.testkit.ParryHarness.create()) {
      dev.parry.core.investigation.InvestigationId id =
          dev.parry.core.investigation.InvestigationId.of("inv-json");
      dev.parry.core.entity.Device device =
          dev.parry.core.entity.Device.of(
              dev.parry.core.entity.DeviceId.of("d-1"),
              dev.parry.core.entity.DeviceName.of("ws-1"));
      parry.runtime().open(id, dev.parry.core.investigation.AlertId.of("a"), device);
      ActionRecord taken =
          parry
              .runtime()
              .takeAction(
                  new dev.parry.core.action.IsolateDevice(
                      device, dev.parry.core.action.IsolationType.FULL),
                  dev.parry.testkit.ParryHarness.ANALYST,
                  "contain",
                  true);
      return parry
          .runtime()
          .approve(taken.id(), dev.parry.testkit.ParryHarness.SECOND_ANALYST, "agreed");
    }
  }

  static final String PROCESS_BODY =
      "{\"entity\":{\"type\":\"process\",\"deviceId\":\"d\",\"processId\":%s,\"imagePath\":null,"
          + "\"creationTime\":null,\"commandLine\":null,\"parent\":null},\"comment\":\"x\"}";

  @Test
  @DisplayName(
      "an integer member takes 4, 4.0 and 4e0 alike, and the largest long; a fraction and a number past a long are refused")
  void integralNumbers() {
    assertEquals(
        ParryJson.readFalsePositive(PROCESS_BODY.formatted("4")),
        ParryJson.readFalsePositive(PROCESS_BODY.formatted("4.0")));
    assertEquals(
        ParryJson.readFalsePositive(PROCESS_BODY.formatted("400")),
        ParryJson.readFalsePositive(PROCESS_BODY.formatted("4e2")));
    ParryJson.readFalsePositive(PROCESS_BODY.formatted(Long.MAX_VALUE));
    JsonFormatException fraction =
        assertThrows(
            JsonFormatException.class,
            () -> ParryJson.readFalsePositive(PROCESS_BODY.formatted("4.5")));
    assertTrue(fraction.getMessage().contains("expected an integer"), fraction.getMessage());
    JsonFormatException tooBig =
        assertThrows(
            JsonFormatException.class,
            () -> ParryJson.readFalsePositive(PROCESS_BODY.formatted("4e30")));
    assertTrue(tooBig.getMessage().contains("out of range"), tooBig.getMessage());
  }

  @Test
  @DisplayName(
      "a request body of MAX_REQUEST_LENGTH characters is read; one more is refused before parsing")
  void requestBodyCap() {
    String body = "{\"comment\":\"ok\"}";
    String padded = body + " ".repeat(ParryJson.MAX_REQUEST_LENGTH - body.length());
    assertEquals("ok", ParryJson.readApprove(padded).comment());
    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> ParryJson.readApprove(padded + " "));
    assertEquals("$", e.path());
    assertTrue(
        e.getMessage().contains("longer than the " + ParryJson.MAX_REQUEST_LENGTH), e.getMessage());
  }

  @Test
  @DisplayName(
      "a JsonFormatException is invalid input naming the member, so a service answers it 400 like any other")
  void isInvalidInput() {
    dev.parry.core.error.InvalidInputException e =
        assertThrows(
            dev.parry.core.error.InvalidInputException.class,
            () -> ParryJson.readUndo("{\"x\":1}"));
    assertTrue(e instanceof JsonFormatException);
    assertEquals(dev.parry.core.error.ParryException.Category.INVALID_INPUT, e.category());
    assertTrue(e.field().startsWith("$"), e.field());
  }
}
