package dev.parry.spi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC "Stored format", versions: a value is read through the upcasters from the version it was
 * written at to the current one; a value without a version is at version 1.
 */
@DisplayName("A stored value of an earlier format version reads through its type's upcasters")
class StoredVersionsTest {

  /**
   * A one-member record: written bare at version 1, as an object with its version from version 2.
   */
  record Label(String value) {}

  /** A record holding one. */
  record Card(Label label, String title) {}

  /** Version 2 of a label stores its text as "text" where version 1 stored it bare. */
  static final StoredType LABEL =
      StoredType.record(Label.class, "Label", "text")
          .renamed("text", "value")
          .upcaster(
              members ->
                  members); // the bare value reaches it as {"text": value}: nothing to change

  /** Version 2 of a card stores its title as "title" where version 1 stored "heading". */
  static final StoredType CARD =
      StoredType.record(Card.class, "Card", "label", "title")
          .upcaster(members -> rename(members, "heading", "title"));

  static final RecordJson JSON = new RecordJson(StoredTypes.of(LABEL, CARD), Card.class);

  static Map<String, @Nullable Object> rename(
      Map<String, @Nullable Object> members, String from, String to) {
    if (!members.containsKey(from)) {
      throw new IllegalArgumentException("no " + from);
    }
    Map<String, @Nullable Object> next = new LinkedHashMap<>(members);
    next.put(to, next.remove(from));
    return next;
  }

  @Test
  @DisplayName(
      "a type past version 1 writes its version; a one-member record is then written as an object")
  void writesItsVersion() {
    assertEquals(2, CARD.version());
    assertEquals(
        "{\"@type\":\"Card\",\"@version\":2,\"label\":{\"@version\":2,\"text\":\"x\"},\"title\":\"t\"}",
        JSON.write(new Card(new Label("x"), "t")));
    assertEquals(
        new Card(new Label("x"), "t"),
        JSON.read(JSON.write(new Card(new Label("x"), "t")), Card.class));
  }

  @Test
  @DisplayName(
      "a value without a version is at version 1 and reads through every upcaster, bare values included")
  void versionOneReadsThroughTheUpcasters() {
    assertEquals(
        new Card(new Label("x"), "t"),
        JSON.read("{\"@type\":\"Card\",\"label\":\"x\",\"heading\":\"t\"}", Card.class));
    assertEquals(
        new Card(new Label("x"), "t"),
        JSON.read(
            "{\"@type\":\"Card\",\"@version\":1,\"label\":{\"@version\":1,\"text\":\"x\"},\"heading\":\"t\"}",
            Card.class));
  }

  @Test
  @DisplayName(
      "a version this release does not know, and a value an upcaster cannot read, are refused with the"
          + " place named")
  void refusals() {
    IllegalArgumentException later =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JSON.read(
                    "{\"@type\":\"Card\",\"@version\":3,\"label\":\"x\",\"title\":\"t\"}",
                    Card.class));
    assertTrue(
        later
            .getMessage()
            .contains("$.@version: 3 is not a version of Card this release reads (1 to 2)"),
        later.getMessage());
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JSON.read(
                    "{\"@type\":\"Card\",\"@version\":\"1\",\"label\":\"x\",\"title\":\"t\"}",
                    Card.class));
    assertTrue(zero.getMessage().contains("is not a version of Card"), zero.getMessage());
    IllegalArgumentException broken =
        assertThrows(
            IllegalArgumentException.class,
            () -> JSON.read("{\"@type\":\"Card\",\"label\":\"x\",\"title\":\"t\"}", Card.class));
    assertTrue(
        broken.getMessage().contains("$: cannot read version 1 of Card as version 2: no heading"),
        broken.getMessage());
  }

  @Test
  @DisplayName("an enum has no version: its constants are stored by name for good")
  void enumsHaveNoVersion() {
    StoredType state = StoredType.constants(Thread.State.class, "State", "NEW");
    assertThrows(IllegalArgumentException.class, () -> state.upcaster(members -> members));
  }
}
