package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.ParryHarness.SECOND_ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.Actor;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
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

@DisplayName(
    "Who did what: every request, approval, rejection, cancellation and undo keeps its principal and comment")
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
    @DisplayName(
        "a manual action without a comment is refused, naming the field, and nothing changes")
    void refusedWithoutComment(String comment) {
      int events = parry.events().size();
      InvalidInputException taken =
          assertThrows(
              InvalidInputException.class,
              () ->
                  runtime.takeAction(
                      new IsolateDevice(SERVER, IsolationType.FULL), ANALYST, comment, false));
      assertTrue(taken.getMessage().startsWith("comment "), taken.getMessage());
      InvalidInputException reported =
          assertThrows(
              InvalidInputException.class,
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
      ActionRecord isolate =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.FULL),
              ANALYST,
              "ransomware spreading from this host",
              true);
      assertEquals("ransomware spreading from this host", isolate.requestComment());
      assertEquals(
          "ransomware spreading from this host", parry.action(isolate.id()).requestComment());
      InvestigationEvent.ActionProposed proposed =
          runtime.history(isolate.id().investigation(), ANALYST).stream()
              .filter(InvestigationEvent.ActionProposed.class::isInstance)
              .map(InvestigationEvent.ActionProposed.class::cast)
              .findFirst()
              .orElseThrow();
      assertEquals("ransomware spreading from this host", proposed.comment());

      List<ActionRecord> opened = runtime.reportFalseNegative(USER, ANALYST, "missed by detection");
      assertTrue(opened.size() > 0);
      opened.forEach(
          a -> assertEquals("missed by detection", parry.action(a.id()).requestComment()));
    }
  }

  @Nested
  @DisplayName("Every transition keeps who made it and why")
  class Steps {

    @Test
    @DisplayName(
        "History shows each approver with their comment, and who asked for an undo the system carried out")
    void approvalsAndUndo() {
      ActionRecord isolate =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.FULL),
              ANALYST,
              "contain before the call",
              true);
      runtime.approve(isolate.id(), SECOND_ANALYST, "confirmed with the owner");
      parry.settle();
      runtime.undo(isolate.id(), ANALYST, "owner cleared it");
      parry.settle();
      ActionRecord row = runtime.actions(ActionQuery.history().build(), ANALYST).items().get(0);
      assertEquals(ActionStatus.UNDONE, row.status());
      assertEquals(Actor.system(), row.updatedBy(), "the system carried the undo out");
      assertEquals(List.of(SECOND_ANALYST.name()), row.approvers());
      assertEquals("confirmed with the owner", row.approvals().get(0).comment());
      ActionStep undo = row.undoRequest().orElseThrow();
      assertEquals(ANALYST.actor(), undo.actor());
      assertEquals("owner cleared it", undo.comment());
      assertEquals(ANALYST.actor(), row.requestedBy());
      assertEquals("contain before the call", row.requestComment());
    }

    @Test
    @DisplayName("a rejection and a cancellation keep their principal and comment")
    void rejectionAndCancellation() {
      ActionRecord rejected =
          runtime.takeAction(
              new IsolateDevice(SERVER, IsolationType.FULL), ANALYST, "contain", true);
      runtime.reject(rejected.id(), SECOND_ANALYST, "server is a honeypot");
      ActionStep rejection = parry.action(rejected.id()).rejection().orElseThrow();
      assertEquals(SECOND_ANALYST.actor(), rejection.actor());
      assertEquals("server is a honeypot", rejection.comment());

      ActionRecord scan =
          runtime.takeAction(new RunAntivirusScan(SERVER, ScanType.FULL), ANALYST, "scan it", true);
      runtime.approve(scan.id(), SECOND_ANALYST, "go");
      runtime.cancel(scan.id(), SECOND_ANALYST, "wrong host");
      parry.settle();
      ActionRecord cancelled = parry.action(scan.id());
      assertEquals(ActionStatus.CANCELLED, cancelled.status());
      assertEquals(
          List.of(
              new ActionStep(
                  ActionStep.Kind.APPROVED, SECOND_ANALYST.actor(), cancelled.updatedAt(), "go"),
              new ActionStep(
                  ActionStep.Kind.CANCELLED,
                  SECOND_ANALYST.actor(),
                  cancelled.updatedAt(),
                  "wrong host")),
          cancelled.steps());
    }
  }
}
