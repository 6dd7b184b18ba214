package dev.parry.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo plays every scenario to its final status and prints the action center")
class DemoTest {

  static String play() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Each scenario's investigation and the status it must end in (core/DOMAIN.md D33). */
  static final Map<String, String> FINAL_STATUSES =
      Map.of(
          "inv-1-trojan", "REMEDIATED", // quarantined automatically
          "inv-2-server", "REMEDIATED", // approved, then carried out
          "inv-3-phish", "NOT_REMEDIATED", // the only action rejected: nothing was remediated
          "inv-4-identity", "REMEDIATED", // user disabled and sessions revoked automatically
          "inv-5-isolate", "REMEDIATED", // carried out; the later undo does not take that back
          "inv-6-expiry", "NOT_REMEDIATED", // the only action expired, which counts as rejected
          "manual-1", "REMEDIATED", // the two-step manual scan, approved and run
          "inv-8-defender",
              "REMEDIATED"); // the SHA-1-only file quarantined; the pod is not Parry's to act on

  @Test
  @DisplayName(
      "eight investigations, each complete with its truthful status in the device group it opened in; the same output every time")
  void playsToTheEnd() {
    String output = play();
    assertTrue(output.contains("ACTION CENTER: PENDING"), output);
    assertTrue(output.contains("ACTION CENTER: HISTORY (newest first)"), output);
    String investigations = output.substring(output.indexOf("INVESTIGATIONS"));
    List<String> rows = investigations.lines().skip(2).filter(line -> !line.isBlank()).toList();
    assertEquals(8, rows.size(), investigations);
    assertTrue(
        output.contains(
            "unmapped: evidence 2 (kubernetesPodEvidence): Parry takes no remediation action on"
                + " kubernetesPodEvidence"),
        output);
    Map<String, String> statuses = new HashMap<>();
    for (String row : rows) {
      String[] columns = row.trim().split(" {2,}");
      assertFalse(row.contains("(open)"), row);
      statuses.put(columns[0], columns[3]);
    }
    assertEquals(FINAL_STATUSES, statuses, investigations);
    assertTrue(
        Pattern.compile("inv-1-trojan +Workstations +FULL").matcher(investigations).find(),
        investigations);
    assertTrue(
        Pattern.compile("inv-2-server +Servers +SEMI_ALL_FOLDERS").matcher(investigations).find(),
        investigations);
    assertEquals(output, play(), "a virtual clock and fixed ids: the demo replays exactly");
  }
}
