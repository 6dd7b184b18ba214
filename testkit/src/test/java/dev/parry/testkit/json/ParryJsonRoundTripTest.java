package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.spi.safety.ControlChange;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.random.Randomized;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Every result and request body written as JSON reads back equal and matches the schema in the jar")
class ParryJsonRoundTripTest {

  private static final Randomized RANDOMIZED = Randomized.cases(60);
  private static SchemaValidator schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ParryJson.class.getResourceAsStream(ParryJson.SCHEMA_RESOURCE),
            ParryJson.SCHEMA_RESOURCE)) {
      schema = SchemaValidator.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes each value, checks the text against the definition {@code def}, reads it back and
   * compares.
   */
  private static <T> void roundTrip(
      Gen<T> gen, Function<T, String> write, Function<String, T> read, String def) {
    RANDOMIZED.forAll(
        gen,
        value -> {
          String json = write.apply(value);
          List<String> errors = schema.errors(json, def);
          assertTrue(
              errors.isEmpty(), () -> def + " does not match the schema: " + errors + "\n" + json);
          assertEquals(value, read.apply(json), json);
          assertEquals(json, write.apply(read.apply(json)), "written again, the text changed");
        });
  }

  @Test
  @DisplayName("an action record, of every kind and status, with hostile free text")
  void actionRecords() {
    roundTrip(JsonValues.actions(), ParryJson::write, ParryJson::readActionRecord, "ActionRecord");
  }

  @Test
  @DisplayName("a page of actions, with and without a next cursor")
  void pages() {
    roundTrip(JsonValues.pages(), ParryJson::write, ParryJson::readActionPage, "ActionPage");
  }

  @Test
  @DisplayName("an investigation, in every status it reaches")
  void investigations() {
    roundTrip(
        JsonValues.investigations(),
        (Investigation i) -> ParryJson.write(i),
        ParryJson::readInvestigation,
        "Investigation");
  }

  @Test
  @DisplayName(
      "an investigation carries its status and the health whether it is healthy; a reader may leave them out,"
          + " and one that does not match is refused")
  void derivedMembers() {
    RANDOMIZED.forAll(
        JsonValues.investigations(),
        investigation -> {
          String json = ParryJson.write(investigation);
          String status = "\"status\":\"" + investigation.status() + "\"";
          assertTrue(json.endsWith("," + status + "}"), json);
          String without = json.substring(0, json.length() - status.length() - 2) + "}";
          assertEquals(investigation, ParryJson.readInvestigation(without));
          InvestigationStatus other =
              investigation.status() == InvestigationStatus.RUNNING
                  ? InvestigationStatus.REMEDIATED
                  : InvestigationStatus.RUNNING;
          JsonFormatException e =
              assertThrows(
                  JsonFormatException.class,
                  () ->
                      ParryJson.readInvestigation(
                          without.substring(0, without.length() - 1)
                              + ",\"status\":\""
                              + other
                              + "\"}"));
          assertEquals("$.status", e.path(), e.getMessage());
        });
    RANDOMIZED.forAll(
        JsonValues.healths(),
        health ->
            assertTrue(
                ParryJson.write(health).endsWith(",\"healthy\":" + health.isHealthy() + "}")));
  }

  @Test
  @DisplayName("every event of an investigation's history, one by one and as an array")
  void events() {
    RANDOMIZED.forAll(
        JsonValues.histories(),
        events -> {
          for (InvestigationEvent event : events) {
            String json = ParryJson.write(event);
            List<String> errors = schema.errors(json, "InvestigationEvent");
            assertTrue(
                errors.isEmpty(), () -> "event does not match the schema: " + errors + "\n" + json);
            assertEquals(event, ParryJson.readEvent(json), json);
          }
          assertEquals(events, ParryJson.readEvents(ParryJson.writeEvents(events)));
        });
  }

  @Test
  @DisplayName("an audit record, with and without its hash, and an audit trail")
  void auditRecords() {
    roundTrip(
        JsonValues.auditRecords(), ParryJson::write, ParryJson::readAuditRecord, "AuditRecord");
    RANDOMIZED.forAll(
        JsonValues.auditRecords().list(0, 4),
        trail -> assertEquals(trail, ParryJson.readAuditTrail(ParryJson.writeAuditTrail(trail))));
  }

  @Test
  @DisplayName("the verification of an audit trail, intact or broken")
  void verifications() {
    roundTrip(
        JsonValues.verifications(), ParryJson::write, ParryJson::readVerification, "Verification");
  }

  @Test
  @DisplayName("a false positive report, with every kind of allow indicator")
  void falsePositiveReports() {
    roundTrip(
        JsonValues.reports(),
        ParryJson::write,
        ParryJson::readFalsePositiveReport,
        "FalsePositiveReport");
  }

  @Test
  @DisplayName("what a dry run plans, with no action to several, with hostile text")
  void plans() {
    roundTrip(
        JsonValues.plans(), ParryJson::write, ParryJson::readRemediationPlan, "RemediationPlan");
  }

  @Test
  @DisplayName("safety control changes of every kind, one by one and as an array")
  void controlChanges() {
    RANDOMIZED.forAll(
        JsonValues.controlChanges().list(0, 5),
        (List<ControlChange> changes) -> {
          String json = ParryJson.writeControlChanges(changes);
          for (ControlChange change : changes) {
            String one = ParryJson.writeControlChanges(List.of(change));
            String item = one.substring(1, one.length() - 1);
            List<String> errors = schema.errors(item, "ControlChange");
            assertTrue(errors.isEmpty(), () -> "ControlChange: " + errors + "\n" + item);
          }
          assertEquals(changes, ParryJson.readControlChanges(json), json);
        });
  }

  @Test
  @DisplayName("a set of allow indicators: written sorted, so the same set gives the same text")
  void allowIndicators() {
    RANDOMIZED.forAll(
        JsonValues.allowIndicators(),
        (Set<AllowIndicator> indicators) -> {
          String json = ParryJson.writeAllowIndicators(indicators);
          assertEquals(indicators, ParryJson.readAllowIndicators(json), json);
          List<AllowIndicator> reversed = new ArrayList<>(indicators);
          java.util.Collections.reverse(reversed);
          assertEquals(json, ParryJson.writeAllowIndicators(new LinkedHashSet<>(reversed)));
          for (AllowIndicator indicator : indicators) {
            String one = ParryJson.writeAllowIndicators(Set.of(indicator));
            String item = one.substring(1, one.length() - 1);
            List<String> errors = schema.errors(item, "AllowIndicator");
            assertTrue(errors.isEmpty(), () -> "AllowIndicator: " + errors + "\n" + item);
          }
        });
  }

  @Test
  @DisplayName("an indicator named twice in an array is refused")
  void allowIndicatorTwice() {
    String one =
        ParryJson.writeAllowIndicators(
            Set.of(
                new AllowIndicator.FileSha1(
                    dev.parry.core.entity.Sha1.of("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"))));
    String twice = "[" + one.substring(1, one.length() - 1) + "," + one.substring(1);
    JsonFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            JsonFormatException.class, () -> ParryJson.readAllowIndicators(twice));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  @DisplayName(
      "an error body of every category carries its status, field, value and reason, and matches the schema")
  void errorBodies() {
    dev.parry.core.investigation.ActionId action =
        new dev.parry.core.investigation.ActionId(
            dev.parry.core.investigation.InvestigationId.of("inv-1"), 3);
    List<dev.parry.core.error.ParryException> errors =
        List.of(
            new dev.parry.core.error.InvalidInputException(
                "comment", "ok\u202Efdp.exe\r\n", "comment holds a control character"),
            new dev.parry.core.error.PermissionDeniedException("may not approve"),
            new dev.parry.runtime.UnknownActionException(action),
            new dev.parry.runtime.CommandRejectedException(
                new dev.parry.core.investigation.Rejection(
                    dev.parry.core.investigation.RejectionReason.ILLEGAL_TRANSITION,
                    "not pending",
                    action)),
            new dev.parry.runtime.RuntimeClosedException(),
            new dev.parry.core.error.InternalErrorException("schema of another version"));
    List<String> expected =
        List.of(
            "INVALID_INPUT 400 false comment",
            "ACCESS_DENIED 403 false null",
            "NOT_FOUND 404 false null",
            "CONFLICT 409 false null",
            "UNAVAILABLE 503 true null",
            "INTERNAL 500 false null");
    for (int i = 0; i < errors.size(); i++) {
      ErrorBody body = ErrorBody.of(errors.get(i));
      String json = ParryJson.write(body);
      List<String> problems = schema.errors(json, "ErrorBody");
      assertTrue(problems.isEmpty(), () -> "ErrorBody: " + problems + "\n" + json);
      assertEquals(body, ParryJson.readError(json), json);
      assertEquals(
          expected.get(i),
          body.category() + " " + body.status() + " " + body.retryable() + " " + body.field(),
          json);
      assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), () -> "escaped: " + json);
    }
    String shown = ErrorBody.of(errors.get(0)).value();
    assertTrue(
        shown != null
            && shown.toLowerCase(java.util.Locale.ROOT).startsWith("ok\\u202e")
            && shown.chars().noneMatch(c -> c < 0x20),
        () -> "the value is shown escaped: " + shown);
    assertEquals("UNKNOWN_ACTION", ErrorBody.of(errors.get(2)).reason());
    assertEquals("ILLEGAL_TRANSITION", ErrorBody.of(errors.get(3)).reason());
  }

  @Test
  @DisplayName("the runtime's health")
  void health() {
    roundTrip(JsonValues.healths(), ParryJson::write, ParryJson::readHealth, "RuntimeHealth");
  }

  @Test
  @DisplayName("a list of actions, as approveAll answers")
  void actionLists() {
    RANDOMIZED.forAll(
        JsonValues.actions().list(0, 4),
        (List<ActionRecord> actions) ->
            assertEquals(actions, ParryJson.readActions(ParryJson.writeActions(actions))));
  }

  @Test
  @DisplayName(
      "the body of a manual action: every kind, its target and options, with and without time box and source")
  void manualActions() {
    roundTrip(
        JsonValues.manualActions(),
        ParryJson::write,
        ParryJson::readManualAction,
        "ManualActionRequest");
  }

  @Test
  @DisplayName("the body of a false positive report, on every kind of entity")
  void falsePositives() {
    roundTrip(
        JsonValues.falsePositives(),
        ParryJson::write,
        ParryJson::readFalsePositive,
        "FalsePositiveRequest");
  }

  @Test
  @DisplayName(
      "the bodies of approve, reject, undo, cancel and time box extension, with hostile text")
  void decisions() {
    Gen<String> text = JsonValues::hostile;
    roundTrip(
        text.map(ApproveRequest::new), ParryJson::write, ParryJson::readApprove, "ApproveRequest");
    roundTrip(
        text.map(RejectRequest::new), ParryJson::write, ParryJson::readReject, "RejectRequest");
    roundTrip(text.map(UndoRequest::new), ParryJson::write, ParryJson::readUndo, "UndoRequest");
    roundTrip(
        text.map(CancelRequest::new), ParryJson::write, ParryJson::readCancel, "CancelRequest");
    roundTrip(
        random ->
            new ExtendTimeBoxRequest(
                Duration.ofSeconds(1 + random.nextInt(86_400 * 365)), JsonValues.hostile(random)),
        ParryJson::write,
        ParryJson::readExtendTimeBox,
        "ExtendTimeBoxRequest");
  }
}
