package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.json.ParryJson;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Writing a list sizes its buffer from what it writes, not from the length the list claims. */
@DisplayName("Writing a very long list does not size its buffer from the list's length")
class ParryJsonLongListTest {

  /** A list that claims millions of actions and holds null, so that writing stops at once. */
  private static final List<ActionRecord> CLAIMS_MILLIONS =
      new AbstractList<>() {
        @Override
        public ActionRecord get(int index) {
          return null;
        }

        @Override
        public int size() {
          return 9_000_000;
        }
      };

  @Test
  @DisplayName("a list of nine million actions reaches the element check, not an array-size error")
  void longList() {
    assertThrows(InvalidInputException.class, () -> ParryJson.writeActions(CLAIMS_MILLIONS));
  }
}
