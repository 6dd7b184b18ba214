package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (core/DOMAIN.md D45, README safety controls): a kill switch pauses automatic actions;
 * "pausing automation also stops what is already queued". The guards are asked again before an
 * automatic action is dispatched.
 *
 * <p>The break it guards against: the dispatcher asks the guards only before the first attempt
 * ({@code flight.attempt == 0} in {@code Dispatcher.call}, {@code record.attempts() == 0} in {@code
 * begin}). An automatic quarantine answered 429 "retry after 5 minutes" has nothing out at its
 * executor (the dispatcher itself marks it answered), yet when the pause is thrown during those 5
 * minutes the retry goes out automatically anyway and quarantines the file.
 */
@DisplayName("Attack: the kill switch thrown while an automatic action waits out a Retry-After")
class KillSwitchDuringRetryAfterAttackTest {

  @Test
  @DisplayName("an automatic action backing off after a 429 is not sent once automation is paused")
  void pausedRetryIsHeld() {
    try (ParryHarness parry =
        ParryHarness.create(
            b -> b.deviceGroups(DeviceGroups.of(AutomationLevel.FULL, List.of())))) {
      parry.devices().inject(Fault.rateLimited(Duration.ofMinutes(5)), 1);
      InvestigationId id = Fixtures.open(parry, "inv-ks-retry", Fixtures.WS);
      DeviceFile file =
          DeviceFile.onDevice(Fixtures.HASH, Fixtures.WS.id(), WindowsPath.of("C:\\Temp\\x.exe"));
      parry.runtime().reportEvidence(id, Fixtures.evidence(parry, file, Verdict.MALICIOUS));
      parry.settle();
      assertEquals(
          1,
          Fixtures.executeCalls(parry, ActionKind.QUARANTINE_FILE),
          "answered 429, nothing done");

      parry
          .runtime()
          .pauseAutomation(ParryHarness.ANALYST, null, "bad signature update: stop all automation");
      parry.advance(Duration.ofMinutes(30));

      assertEquals(
          1,
          Fixtures.executeCalls(parry, ActionKind.QUARANTINE_FILE),
          "the automatic quarantine was sent again after the kill switch; it is now "
              + Fixtures.action(parry, id, ActionKind.QUARANTINE_FILE).status()
              + ", quarantined="
              + parry.devices().isQuarantined(Fixtures.HASH));
    }
  }
}
