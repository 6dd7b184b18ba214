package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ContainUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.KillProcess;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Time-boxed containment is undone when its time is up, unless an extension is approved")
class TimeBoxTest {

  ParryHarness parry =
      ParryHarness.create(
          b ->
              b.deviceGroups(Samples.groups())
                  .timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofHours(4)));

  @AfterEach
  void close() {
    parry.close();
  }

  ActionRecord isolateServerForAnHour() {
    ActionRecord isolation =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "contain while we look",
                false,
                Duration.ofHours(1));
    parry.settle();
    assertTrue(parry.devices().isIsolated(SERVER.id()));
    return isolation;
  }

  @Test
  @DisplayName("a manual isolation for one hour is released after the hour")
  void released() {
    ActionRecord isolation = isolateServerForAnHour();
    parry.advance(Duration.ofMinutes(59));
    assertTrue(parry.devices().isIsolated(SERVER.id()));
    parry.advance(Duration.ofMinutes(1));
    assertFalse(parry.devices().isIsolated(SERVER.id()));
    assertEquals(ActionStatus.UNDONE, parry.action(isolation.id()).status());
  }

  @Test
  @DisplayName("an approved extension keeps it in effect; it is released at the new end")
  void extended() {
    ActionRecord isolation = isolateServerForAnHour();
    parry.advance(Duration.ofMinutes(30));
    parry.runtime().extendTimeBox(isolation.id(), Duration.ofHours(2), ANALYST, "still spreading");
    parry.advance(Duration.ofHours(2));
    assertTrue(parry.devices().isIsolated(SERVER.id()), "extended to 3 hours after success");
    parry.advance(Duration.ofMinutes(31));
    assertFalse(parry.devices().isIsolated(SERVER.id()));
  }

  @Test
  @DisplayName("the box survives a restart")
  void restart() {
    isolateServerForAnHour();
    parry.restart();
    parry.advance(Duration.ofHours(1));
    assertFalse(parry.devices().isIsolated(SERVER.id()));
  }

  @Test
  @DisplayName(
      "policy-planned actions get the configured box; contain user is boxed to 5 days by default")
  void configured() {
    InvestigationId id = open(parry, "inv-tb", Samples.WORKSTATION);
    parry.runtime().reportEvidence(id, evidence(parry, Samples.WORKSTATION, Verdict.MALICIOUS));
    parry.approve(parry.runtime().investigation(id, ANALYST).orElseThrow().actions().get(0).id());
    assertTrue(parry.devices().isIsolated(Samples.WORKSTATION.id()));
    parry.advance(Duration.ofHours(4));
    assertFalse(parry.devices().isIsolated(Samples.WORKSTATION.id()));
    ActionRecord contain =
        parry.runtime().takeAction(new ContainUser(USER), ANALYST, "contain", false);
    assertEquals(null, contain.timeBox(), "a manual action is boxed only when asked");
  }

  @Test
  @DisplayName("irreversible kinds cannot be boxed; nothing to extend before success")
  void refused() {
    assertThrows(
        InvalidInputException.class,
        () ->
            parry
                .runtime()
                .takeAction(
                    new KillProcess(Samples.PROCESS), ANALYST, "kill", false, Duration.ofHours(1)));
    assertThrows(
        InvalidInputException.class,
        () -> ParryRuntime.builder().timeBox(ActionKind.KILL_PROCESS, Duration.ofHours(1)));
    ActionRecord pending =
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(SERVER, IsolationType.FULL),
                ANALYST,
                "contain",
                true,
                Duration.ofHours(1));
    assertThrows(
        CommandRejectedException.class,
        () -> parry.runtime().extendTimeBox(pending.id(), Duration.ofHours(1), ANALYST, ""));
  }
}
