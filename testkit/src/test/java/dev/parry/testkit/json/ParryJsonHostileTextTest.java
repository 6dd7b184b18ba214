package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.generate.HostileText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Hostile text survives the JSON form unchanged, and the written text shows it escaped")
class ParryJsonHostileTextTest {

  static Stream<String> hostile() {
    List<String> out = new ArrayList<>(HostileText.freeText());
    for (HostileText.Sample sample : HostileText.spoofing()) {
      out.add("before" + sample.text() + "after");
    }
    out.addAll(
        List.of(
            "\"",
            "\\",
            "\\\"",
            "\\u0041",
            "</script><script>alert(1)</script>",
            "a & b",
            "\u2028\u2029",
            "\uD83D\uDE00",
            "\uDE00\uD83D",
            "\u0000\u001f\u007f\u0085",
            "\u202Egnp.exe",
            "'; DROP TABLE actions; --"));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("hostile")
  @DisplayName("in an action's reason, note and comment, and in evidence detail")
  void survives(String text) {
    ActionRecord a = JsonValues.actions().next(new Random(text.hashCode()));
    ActionRecord action =
        new ActionRecord(
            a.id(),
            a.action(),
            a.mode(),
            text,
            a.rule(),
            a.requestedBy(),
            text,
            a.source(),
            a.proposedAt(),
            a.status(),
            a.steps(),
            a.attempts(),
            a.updatedAt(),
            a.updatedBy(),
            text,
            a.timeBox(),
            a.expiresAt(),
            a.deadline(),
            a.undoAttempts());
    String json = ParryJson.write(action);
    assertEquals(action, ParryJson.readActionRecord(json));
    assertSafe(json);

    InvestigationEvent event =
        new InvestigationEvent.Terminated(
            a.id().investigation(),
            a.updatedAt(),
            a.requestedBy(),
            Text.withoutControls(text)); // a comment refuses control characters
    assertEquals(event, ParryJson.readEvent(assertSafe(ParryJson.write(event))));
  }

  @Test
  @DisplayName("evidence detail with every hostile string at once reads back")
  void evidenceDetail() {
    Evidence evidence = DomainGenerators.evidence().next(new Random(1));
    String all = String.join("|", hostile().toList());
    InvestigationEvent event =
        new InvestigationEvent.EvidenceRecorded(
            dev.parry.core.investigation.InvestigationId.of("inv-1"),
            DomainGenerators.EPOCH,
            dev.parry.core.actor.Actor.system(),
            Evidence.of(
                evidence.entity(),
                Verdict.MALICIOUS,
                all.substring(0, Math.min(all.length(), 1000)).replace("\u0000", ""),
                DomainGenerators.EPOCH));
    assertEquals(event, ParryJson.readEvent(assertSafe(ParryJson.write(event))));
  }

  /**
   * Checks that the written text is printable ASCII plus visible characters beyond it: every
   * control, surrogate, bidirectional or invisible character, line separator and HTML-significant
   * character is escaped.
   */
  private static String assertSafe(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean hidden =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || Character.isSurrogate(c)
              || c == '<'
              || c == '>'
              || c == '&'
              || c == 0x061c
              || (c >= 0x200b && c <= 0x200f)
              || (c >= 0x2028 && c <= 0x202e)
              || (c >= 0x2060 && c <= 0x206f)
              || c == 0xfeff;
      int at = i;
      assertTrue(!hidden, () -> "U+" + Integer.toHexString(c) + " written raw at " + at);
    }
    return json;
  }
}
