package dev.parry.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo plays every scenario to a remediated investigation and prints the action center")
class DemoTest {

  static String play() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("seven investigations, each remediated in the device group it opened in; the same output every time")
  void playsToTheEnd() {
    String output = play();
    assertTrue(output.contains("ACTION CENTER: PENDING"), output);
    assertTrue(output.contains("ACTION CENTER: HISTORY (newest first)"), output);
    String investigations = output.substring(output.indexOf("INVESTIGATIONS"));
    List<String> rows = investigations.lines().skip(2).filter(line -> !line.isBlank()).toList();
    assertEquals(7, rows.size(), investigations);
    for (String row : rows) {
      assertTrue(row.contains("REMEDIATED"), row);
      assertFalse(row.contains("(open)"), row);
    }
    assertTrue(Pattern.compile("inv-1-trojan +Workstations +FULL").matcher(investigations).find(), investigations);
    assertTrue(Pattern.compile("inv-2-server +Servers +SEMI_ALL_FOLDERS").matcher(investigations).find(),
        investigations);
    assertEquals(output, play(), "a virtual clock and fixed ids: the demo replays exactly");
  }
}
