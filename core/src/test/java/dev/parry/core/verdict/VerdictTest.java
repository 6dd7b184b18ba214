package dev.parry.core.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Verdicts apply only to the entity families core/DOMAIN.md D8 allows")
class VerdictTest {

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
      "MALICIOUS, DEVICE, true", "MALICIOUS, EMAIL, true", "MALICIOUS, IDENTITY, false",
      "SUSPICIOUS, DEVICE, true", "SUSPICIOUS, EMAIL, true", "SUSPICIOUS, IDENTITY, false",
      "NO_THREATS_FOUND, DEVICE, true", "NO_THREATS_FOUND, EMAIL, true", "NO_THREATS_FOUND, IDENTITY, false",
      "COMPROMISED, DEVICE, false", "COMPROMISED, EMAIL, false", "COMPROMISED, IDENTITY, true",
      "UNKNOWN, DEVICE, true", "UNKNOWN, EMAIL, true", "UNKNOWN, IDENTITY, true"})
  @DisplayName("the applicability table")
  void applicability(Verdict verdict, EntityFamily family, boolean applies) {
    assertEquals(applies, verdict.appliesTo(family));
    for (Entity entity : Fixtures.oneOfEach()) {
      if (entity.family() != family) {
        continue;
      }
      if (applies) {
        assertEquals(verdict, Evidence.of(entity, verdict, "", Fixtures.T0).verdict());
      } else {
        VerdictNotApplicableException e = assertThrows(VerdictNotApplicableException.class,
            () -> Evidence.of(entity, verdict, "detail", Fixtures.T0));
        assertEquals(verdict, e.verdict());
        assertEquals(family, e.family());
      }
    }
  }

  @Test
  @DisplayName("a compromised email is refused with a message naming both")
  void compromisedEmail() {
    VerdictNotApplicableException e = assertThrows(VerdictNotApplicableException.class,
        () -> Evidence.of(Fixtures.MESSAGE, Verdict.COMPROMISED, "", Fixtures.T0));
    assertEquals("verdict COMPROMISED does not apply to EMAIL entities", e.getMessage());
  }

  @Test
  @DisplayName("evidence detail is limited and free of control characters")
  void detailLimits() {
    assertThrows(IllegalArgumentException.class,
        () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "x".repeat(1025), Fixtures.T0));
    assertThrows(IllegalArgumentException.class,
        () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "line\r\nforged", Fixtures.T0));
    assertThrows(NullPointerException.class, () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "", null));
  }

  @Test
  @DisplayName("only malicious, suspicious and compromised are threats")
  void threats() {
    assertEquals(true, Verdict.MALICIOUS.isThreat());
    assertEquals(true, Verdict.SUSPICIOUS.isThreat());
    assertEquals(true, Verdict.COMPROMISED.isThreat());
    assertEquals(false, Verdict.NO_THREATS_FOUND.isThreat());
    assertEquals(false, Verdict.UNKNOWN.isThreat());
  }

  @Test
  @DisplayName("evidence keeps its detail exactly, and its toString shows overrides and invisible characters escaped")
  void detailIsKeptAndShownEscaped() {
    String detail = "Trojan:Win32/\u202Eexe.fdp\u200B\uD800";
    Evidence evidence = Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, detail, Fixtures.T0);
    assertEquals(detail, evidence.detail());
    String shown = evidence.toString();
    assertTrue(shown.contains("Trojan:Win32/\\u202eexe.fdp\\u200b\\ud800"), shown);
    assertTrue(shown.chars().noneMatch(c -> c == 0x202E || c == 0x200B || c == 0xD800), shown);
  }
}
