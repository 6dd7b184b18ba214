package dev.parry.core.investigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Action ids are made and read as every identifier is: {@code of}, and their text form reads back.
 */
@DisplayName("Action ids: of, and their text form")
class ActionIdTest {

  @Test
  void madeAndReadBack() {
    ActionId id = ActionId.of(InvestigationId.of("inv-2026-0001"), 3);
    assertEquals(id, ActionId.of("inv-2026-0001/3"));
    assertEquals(id, ActionId.of(id.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"inv", "inv/0", "inv/-1", "inv/+3", "/3", "inv/\u0663"})
  void badTextIsRefusedNamingIt(String text) {
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> ActionId.of(text));
    assertTrue(refused.getMessage().startsWith("actionId"), refused.getMessage());
  }
}
