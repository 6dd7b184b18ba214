package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Who did what: every request, approval, rejection, cancellation and undo keeps its principal and comment")
class WhoDidWhatTest {

  final ParryHarness parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));
  final ParryRuntime runtime = parry.runtime();

  @AfterEach
  void close() {
    parry.close();
  }

  @Nested
  @DisplayName("A manual action needs a comment, and keeps it")
  class ManualComment {

    @ParameterizedTest(name = "comment ''{0}''")
    @ValueSource(strings = {"", " ", "   "})
    @DisplayName("a manual action without a comment is refused, naming the field, and nothing changes")
    void refusedWithoutComment(String comment) {
      int events = parry.events().size();
      IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
          () -> runtime.takeAction(new IsolateDevice(SERVER, IsolationType.FULL), ANALYST, comment, false));
      assertTrue(taken.getMessage().startsWith("comment "), taken.getMessage());
      IllegalArgumentException reported = assertThrows(IllegalArgumentException.class,
          () -> runtime.reportFalseNegative(USER, ANALYST, comment));
      assertTrue(reported.getMessage().startsWith("comment "), reported.getMessage());
      parry.settle();
      assertEquals(events, parry.events().size(), "nothing was stored");
      assertEquals(List.of(), runtime.actions(ActionQuery.all().build(), ANALYST).items());
      assertEquals(List.of(), parry.devices().calls(), "nothing was sent");
    }

    @Test
    @DisplayName("the comment is kept on the action, on its proposal and in the store")
    void kept() {
      ActionRecord isolate = runtime.takeAction(new IsolateDevice(SERVER, IsolationType.FULL), ANALYST,
          "ransomware spreading from this host", true);
      assertEquals("ransomware spreading from this host", isolate.requestComment());
      assertEquals("ransomware spreading from this host", parry.action(isolate.id()).requestComment());
      InvestigationEvent.ActionProposed proposed = runtime.history(isolate.id().investigation(), ANALYST).stream()
          .filter(InvestigationEvent.ActionProposed.class::isInstance).map(InvestigationEvent.ActionProposed.class::cast)
          .findFirst().orElseThrow();
      assertEquals("ransomware spreading from this host", proposed.comment());

      List<ActionRecord> opened = runtime.reportFalseNegative(USER, ANALYST, "missed by detection");
      assertTrue(opened.size() > 0);
      opened.forEach(a -> assertEquals("missed by detection", parry.action(a.id()).requestComment()));
    }
  }
}
