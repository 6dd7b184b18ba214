package dev.parry.spi.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.RegistryValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Attacks on README "Feeding Defender alerts to Parry" with documents a hostile or careless source
 * could send.
 */
@DisplayName("Attack: the Defender importer")
class DefenderImportAttackTest {

  /** {@return whether {@code text} holds a character that could break or reorder a log line} */
  private static boolean spoofs(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || c == '\u2028'
                    || c == '\u2029');
  }

  /*
   * Promise (Unmapped javadoc, README): "values from the alert are quoted and escaped" in reason. The break it guards against: the
   * reason for an evidence type Parry takes no action on embeds the @odata.type as given, so a type holding
   * a line break and a right-to-left override reaches the service's log line unescaped (the type component
   * is escaped, the reason is not).
   */
  @Test
  @DisplayName(
      "the reason for an unknown Graph evidence type escapes the type's spoofing characters")
  void graphUnknownTypeReasonIsEscaped() {
    String json =
        Fixtures.graph("odd-unknown-type")
            .replace("quantumEvidence", "quantum\\u202eEvidence\\n2026-11-20 WARN all clear");
    Unmapped gap = DefenderAlerts.fromGraphAlert(json).unmapped().get(0);

    assertFalse(spoofs(gap.type()), "the type is escaped: " + gap.type());
    assertFalse(spoofs(gap.reason()), "the reason carries the raw type: " + gap.reason());
  }

  /* Same promise and break for a Defender for Endpoint item's entityType. */
  @Test
  @DisplayName(
      "the reason for an unknown Defender for Endpoint entity type escapes the type's spoofing characters")
  void endpointUnknownTypeReasonIsEscaped() {
    String json =
        Fixtures.endpoint("alert")
            .replaceFirst(
                "\"entityType\": \"File\"",
                "\"entityType\": \"Fi\\\\u202ele\\\\r\\\\nFAKE LOG LINE\"");
    List<Unmapped> gaps = DefenderAlerts.fromEndpointAlert(json).unmapped();
    Unmapped gap =
        gaps.stream()
            .filter(Unmapped::dropped)
            .findFirst()
            .orElseThrow(() -> new AssertionError(gaps));

    assertFalse(spoofs(gap.reason()), "the reason carries the raw type: " + gap.reason());
  }

  /*
   * Promise (README): a document up to 16 MiB is read or refused with a DefenderFormatException; the reader is
   * strict so that hostile text cannot hurt it. The break it guards against: a number is handed to BigDecimal whatever its length, and
   * parsing n digits costs O(n^2): one member holding a million digits (1 MB, far below the 16 MiB limit) takes
   * about 14 seconds of CPU, and a 16 MiB document of digits about an hour. Readers such as Jackson cap a
   * number at 1,000 digits for this reason.
   */
  @Test
  @DisplayName("a member holding a number of a million digits is refused or skipped within seconds")
  void aHugeNumberDoesNotPinACpu() {
    String json =
        Fixtures.graph("odd-unknown-type")
            .replace("\"qubits\": 7", "\"qubits\": " + "9".repeat(1_000_000));

    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> {
          try {
            DefenderAlerts.fromGraphAlert(json);
          } catch (DefenderFormatException refused) {
            // refusing it is fine
          }
        });
  }

  /*
   * Promise (README): "one hostile file name cannot keep the rest of an alert out of Parry"; a member with a
   * spoofing character is left out of an item that still imports. The break it guards against: a process whose image name carries a
   * right-to-left override (the classic "invoice<RLO>fdp.exe" lure) loses its path and is then dropped whole,
   * because a process "needs its image path": the very malware that disguises its name is never killed, though
   * its id and creation time, all a kill needs (EXE-13), were reported.
   */
  @Test
  @DisplayName("a process whose image name carries a right-to-left override is still imported")
  void aProcessWithASpoofedImageNameIsImported() {
    String json =
        Fixtures.graph("processEvidence")
            .replace("\"fileName\": \"invoice.exe\"", "\"fileName\": \"invoice\\u202efdp.exe\"");
    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(1, imported.evidence().size(), "the process is dropped: " + imported.unmapped());
    assertInstanceOf(DeviceProcess.class, imported.evidence().get(0).entity());
  }

  /*
   * Promise (README): registry values are imported with key, name, type and data; a refused member is left out of
   * an item that still imports. The break it guards against: data holding a tab or a line break (attacker-written: the data of a Run
   * value is whatever the malware stored) makes the whole registry value drop, so writing "cmd.exe<TAB>/c x" keeps
   * a persistence entry out of remediation, although removing a value needs only its key and name.
   */
  @Test
  @DisplayName("a registry value whose data holds a tab is still imported")
  void aRegistryValueWithATabInItsDataIsImported() {
    String json =
        Fixtures.graph("registryValueEvidence")
            .replace("\"registryValue\": \"C:", "\"registryValue\": \"cmd.exe\\t/c C:");
    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    assertEquals(
        1, imported.evidence().size(), "the registry value is dropped: " + imported.unmapped());
    assertInstanceOf(RegistryValue.class, imported.evidence().get(0).entity());
  }

  /*
   * Promise (README): a refused member is listed with "the member's path". The break it guards against: a registry value whose name is
   * refused is reported at $.evidence[0].registryValue, the data, not at registryValueName.
   */
  @Test
  @DisplayName("a refused registry value name is reported at registryValueName")
  void aRefusedRegistryValueNameIsReportedAtItsOwnPath() {
    String json =
        Fixtures.graph("registryValueEvidence")
            .replace(
                "\"registryValueName\": \"Updater\"", "\"registryValueName\": \"Upd\\u202eater\"");
    AlertImport imported = DefenderAlerts.fromGraphAlert(json);

    Unmapped gap = imported.unmapped().get(0);
    assertEquals("$.evidence[0].registryValueName", gap.field(), gap.toString());
  }

  /*
   * Promise (README's mapping table): ipEvidence imports as an IpAddress (and dnsEvidence, oauthApplicationEvidence
   * as InternetDomain, OAuthApplication; an endpoint Ip item as IpAddress).
   * The break it guards against: no such entity exists and the importer drops these items as "Parry takes no remediation action on".
   */
  @Test
  @DisplayName("ipEvidence imports as evidence, as README's mapping table says")
  void ipEvidenceImportsAsTheTableSays() {
    AlertImport imported = DefenderAlerts.fromGraphAlert(Fixtures.graph("ipEvidence"));

    assertTrue(
        imported.unmapped().isEmpty(),
        "README maps ipEvidence to IpAddress; the importer: " + imported.unmapped());
    assertEquals(1, imported.evidence().size());
  }
}
