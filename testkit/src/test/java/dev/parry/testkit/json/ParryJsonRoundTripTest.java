package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.random.Randomized;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
