package dev.parry.core.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.entity.Entity;
import dev.parry.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Verdicts are Graph's four and apply to every entity; compromise is an evidence role (core/DOMAIN.md D7, D8)")
class VerdictTest {

  @Test
  @DisplayName("every verdict applies to every entity, suspicious and malicious users included")
  void applicability() {
    for (Verdict verdict : Verdict.values()) {
      for (Entity entity : Fixtures.oneOfEach()) {
        assertTrue(verdict.appliesTo(entity.family()));
        assertEquals(verdict, Evidence.of(entity, verdict, "", Fixtures.T0).verdict());
      }
    }
    assertEquals(
        List.of("MALICIOUS", "SUSPICIOUS", "NO_THREATS_FOUND", "UNKNOWN"),
        Arrays.stream(Verdict.values()).map(Enum::name).toList(),
        "Graph's verdicts, no 'compromised'");
  }

  @Test
  @DisplayName("a suspicious user is evidence like any other, and a threat")
  void suspiciousUser() {
    Evidence evidence =
        Evidence.of(Fixtures.USER, Verdict.SUSPICIOUS, "Suspicious sign-in", Fixtures.T0);
    assertTrue(evidence.isThreat());
    assertFalse(evidence.isCompromise());
  }

  @Test
  @DisplayName(
      "compromise is the role COMPROMISED, on users and devices, and makes the evidence a threat")
  void compromiseRole() {
    for (Entity entity : List.<Entity>of(Fixtures.USER, Fixtures.DEVICE)) {
      for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS, Verdict.UNKNOWN)) {
        Evidence evidence =
            Evidence.of(entity, verdict, "", Fixtures.T0).withRoles(EvidenceRole.COMPROMISED);
        assertTrue(evidence.isCompromise());
        assertTrue(evidence.isThreat());
        assertEquals(Set.of(EvidenceRole.COMPROMISED), evidence.roles());
      }
    }
    assertFalse(Evidence.of(Fixtures.USER, Verdict.UNKNOWN, "", Fixtures.T0).isThreat());
  }

  @Test
  @DisplayName("a compromised email is refused with a typed error naming the role and the family")
  void compromisedEmail() {
    RoleNotApplicableException e =
        assertThrows(
            RoleNotApplicableException.class,
            () ->
                Evidence.of(Fixtures.MESSAGE, Verdict.MALICIOUS, "", Fixtures.T0)
                    .withRoles(EvidenceRole.COMPROMISED));
    assertEquals(EvidenceRole.COMPROMISED, e.role());
    assertEquals(
        "role COMPROMISED does not apply to EMAIL entities (EmailMessage)", e.getMessage());
  }

  @Test
  @DisplayName(
      "an IP address or a domain cannot be compromised: web and mail indicators are of the email family")
  void compromisedIndicator() {
    for (Entity entity : List.<Entity>of(Fixtures.IP, Fixtures.DOMAIN)) {
      RoleNotApplicableException e =
          assertThrows(
              RoleNotApplicableException.class,
              () ->
                  Evidence.of(entity, Verdict.SUSPICIOUS, "", Fixtures.T0)
                      .withRoles(EvidenceRole.COMPROMISED));
      assertEquals(
          "role COMPROMISED does not apply to EMAIL entities ("
              + entity.getClass().getSimpleName()
              + ")",
          e.getMessage());
    }
  }

  @Test
  @DisplayName(
      "an OAuth application can be compromised, as Entra ID Protection says of workload identities")
  void compromisedApp() {
    Evidence evidence =
        Evidence.of(Fixtures.OAUTH_APP, Verdict.UNKNOWN, "", Fixtures.T0)
            .withRoles(EvidenceRole.COMPROMISED);
    assertTrue(evidence.isCompromise());
    assertTrue(evidence.isThreat());
  }

  @Test
  @DisplayName("compromised with no threats found contradicts itself and is refused")
  void compromisedButClean() {
    RoleNotApplicableException e =
        assertThrows(
            RoleNotApplicableException.class,
            () ->
                Evidence.of(Fixtures.USER, Verdict.NO_THREATS_FOUND, "", Fixtures.T0)
                    .withRoles(EvidenceRole.COMPROMISED));
    assertEquals("role COMPROMISED contradicts verdict NO_THREATS_FOUND", e.getMessage());
  }

  @Test
  @DisplayName("other roles are kept as given and change nothing")
  void otherRoles() {
    Evidence evidence =
        Evidence.of(Fixtures.MESSAGE, Verdict.UNKNOWN, "", Fixtures.T0)
            .withRoles(EvidenceRole.ATTACKED, EvidenceRole.CONTEXTUAL);
    assertEquals(Set.of(EvidenceRole.ATTACKED, EvidenceRole.CONTEXTUAL), evidence.roles());
    assertFalse(evidence.isThreat());
  }

  @Test
  @DisplayName("evidence detail is limited and free of control characters")
  void detailLimits() {
    assertThrows(
        InvalidInputException.class,
        () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "x".repeat(1025), Fixtures.T0));
    assertThrows(
        InvalidInputException.class,
        () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "line\r\nforged", Fixtures.T0));
    assertThrows(
        InvalidInputException.class,
        () -> Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, "", null));
  }

  @Test
  @DisplayName("only malicious and suspicious verdicts are threats")
  void threats() {
    assertEquals(true, Verdict.MALICIOUS.isThreat());
    assertEquals(true, Verdict.SUSPICIOUS.isThreat());
    assertEquals(false, Verdict.NO_THREATS_FOUND.isThreat());
    assertEquals(false, Verdict.UNKNOWN.isThreat());
  }

  @Test
  @DisplayName(
      "evidence keeps its detail exactly, and its toString shows overrides and invisible characters escaped")
  void detailIsKeptAndShownEscaped() {
    String detail = "Trojan:Win32/\u202Eexe.fdp\u200B\uD800";
    Evidence evidence = Evidence.of(Fixtures.DEVICE, Verdict.MALICIOUS, detail, Fixtures.T0);
    assertEquals(detail, evidence.detail());
    String shown = evidence.toString();
    assertTrue(shown.contains("Trojan:Win32/\\u202eexe.fdp\\u200b\\ud800"), shown);
    assertTrue(shown.chars().noneMatch(c -> c == 0x202E || c == 0x200B || c == 0xD800), shown);
  }
}
