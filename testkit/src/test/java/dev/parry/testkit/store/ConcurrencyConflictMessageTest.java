package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.store.ConcurrencyConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A conflict's message says what moved")
class ConcurrencyConflictMessageTest {

  static final InvestigationId ID = InvestigationId.of("inv-1");

  @Test
  @DisplayName("another version: the stored one and the expected one")
  void anotherVersion() {
    ConcurrencyConflictException e = new ConcurrencyConflictException(ID, 3, 5);
    assertEquals("investigation inv-1 is at version 5, not the expected 3", e.getMessage());
  }

  @Test
  @DisplayName(
      "the expected version, changed under the append (its chain head or a lease): never 'at"
          + " version 4, not the expected 4'")
  void sameVersion() {
    ConcurrencyConflictException e = new ConcurrencyConflictException(ID, 4, 4);
    assertFalse(e.getMessage().contains("not the expected"), e.getMessage());
    assertTrue(e.getMessage().contains("inv-1") && e.getMessage().contains("4"), e.getMessage());
    assertEquals(4, e.actualVersion());
  }
}
