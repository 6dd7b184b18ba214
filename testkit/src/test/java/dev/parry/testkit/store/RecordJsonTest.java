package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroup;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Origin;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.internal.RecordJson;
import dev.parry.spi.internal.StoredType;
import dev.parry.spi.internal.StoredTypes;
import dev.parry.testkit.random.Randomized;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The stored form of events and investigations reads back exactly and refuses what the domain refuses")
class RecordJsonTest {

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);

  /** Free text, to exercise escaping. */
  public record Note(String text) {}

  /** A record with a list of free text. */
  public record Notes(List<Note> notes, long count) {}

  /** How the records of these tests are stored. */
  static final StoredTypes TEST_TYPES =
      StoredTypes.of(
          StoredType.record(Notes.class, "Notes", "notes", "count"),
          StoredType.record(Note.class, "Note", "text"),
          StoredType.record(Holder.class, "Holder", "task"));

  @Test
  @DisplayName("every event and every state of generated histories round-trips")
  void roundTrip() {
    Randomized.cases(400)
        .forAll(
            Histories.of("json", 40),
            history -> {
              for (Decision.Accepted accepted : history) {
                for (InvestigationEvent event : accepted.events()) {
                  assertEquals(
                      event,
                      JSON.read(JSON.write(event), InvestigationEvent.class),
                      event.toString());
                }
                assertEquals(
                    accepted.after(), JSON.read(JSON.write(accepted.after()), Investigation.class));
              }
            });
  }

  @Test
  @DisplayName(
      "any Java string, control characters and lone surrogates included, reads back unchanged as ASCII-safe text")
  void anyString() {
    RecordJson json = new RecordJson(TEST_TYPES, Notes.class);
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      char[] chars = new char[random.nextInt(20)];
      for (int c = 0; c < chars.length; c++) {
        chars[c] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      Notes notes =
          new Notes(List.of(new Note(new String(chars)), new Note("\"\\/")), random.nextLong());
      String text = json.write(notes);
      assertTrue(text.chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c)), text);
      assertEquals(notes, json.read(text, Notes.class));
    }
  }

  @Test
  @DisplayName(
      "malformed text, unknown types and values the domain refuses are refused with the place named")
  void refusals() {
    RecordJson json = new RecordJson(TEST_TYPES, Notes.class);
    for (String bad :
        List.of(
            "",
            "{",
            "{\"@type\":\"Notes\",\"notes\":[],\"count\":1} x",
            "[1,2",
            "{\"@type\":\"Notes\",\"notes\":[],\"count\":\"one\"}",
            "{\"@type\":\"Notes\",\"notes\":[],\"count\":1,\"count\":2}",
            "\"\\u12\"")) {
      assertThrows(IllegalArgumentException.class, () -> json.read(bad, Notes.class), bad);
    }
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> json.read("{\"@type\":\"java.lang.Runtime\"}", Notes.class));
    assertTrue(unknown.getMessage().contains("unknown or unexpected type"), unknown.getMessage());
    String opened = JSON.write(Histories.of("json", 0).next(new Random(1)).get(0).events().get(0));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> JSON.read(opened.replace("\"PT168H\"", "\"PT0S\""), InvestigationEvent.class));
    assertTrue(refused.getMessage().contains("Opened refused"), refused.getMessage());
    IllegalArgumentException badId =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JSON.read(
                    opened.replaceFirst(
                        "\"investigationId\":\"[^\"]*\"", "\"investigationId\":\"\""),
                    InvestigationEvent.class));
    assertTrue(badId.getMessage().contains("$.investigationId"), badId.getMessage());
    String current =
        JSON.write(
            new InvestigationEvent.Opened(
                InvestigationId.of("inv-old"),
                Instant.EPOCH,
                Actor.system(),
                AlertId.of("a"),
                AutomationLevel.FULL,
                Origin.ungrouped(),
                Investigation.DEFAULT_PENDING_EXPIRY));
    String beforeOrigins =
        current.replace(
            ",\"origin\":{\"group\":\"" + DeviceGroup.UNGROUPED_NAME + "\",\"device\":null}", "");
    IllegalArgumentException noOrigin =
        assertThrows(
            IllegalArgumentException.class,
            () -> JSON.read(beforeOrigins, InvestigationEvent.class));
    assertTrue(
        noOrigin.getMessage().contains("Opened refused")
            && noOrigin.getMessage().contains("origin"),
        "an event stored before origins were recorded is refused, naming the origin: "
            + noOrigin.getMessage());
  }

  @Test
  @DisplayName(
      "a threat that led to no action round-trips; a state stored before such threats were recorded reads with none")
  void threatsWithoutAction() {
    Investigation opened =
        Investigation.open(
                InvestigationId.of("inv-old"),
                AlertId.of("a"),
                AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                Instant.EPOCH)
            .after();
    Evidence threat =
        Evidence.of(
            Device.of(DeviceId.of("d-1"), DeviceName.of("ws-1")),
            Verdict.MALICIOUS,
            "beacon",
            Instant.EPOCH);
    Decision.Accepted recorded =
        (Decision.Accepted)
            opened.decide(
                new Command.RecordEvidence(threat, List.of(), Actor.system()), Instant.EPOCH);
    InvestigationEvent noAction = recorded.events().get(1);
    assertEquals(
        new InvestigationEvent.NoActionPlanned(opened.id(), Instant.EPOCH, Actor.system(), threat),
        noAction);
    assertEquals(noAction, JSON.read(JSON.write(noAction), InvestigationEvent.class));
    assertEquals(recorded.after(), JSON.read(JSON.write(recorded.after()), Investigation.class));
    String current = JSON.write(opened);
    assertTrue(current.contains(",\"threatsWithoutAction\":[]"), current);
    Investigation old =
        JSON.read(current.replace(",\"threatsWithoutAction\":[]", ""), Investigation.class);
    assertEquals(opened, old);
  }

  /** A type the codec must refuse to take on: not a record, enum or sealed interface. */
  public static final class Mutable {
    public String text = "";
  }

  /** A record reaching an open interface. */
  public record Holder(Runnable task) {}

  @Test
  @DisplayName(
      "only records, enums and sealed interfaces can be taken on: others are refused at construction")
  void onlyClosedTypes() {
    for (Class<?> type : List.of(Mutable.class, Holder.class, Runnable.class)) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> new RecordJson(TEST_TYPES, type));
      assertTrue(refused.getMessage().contains("cannot write"), refused.getMessage());
    }
  }
}
