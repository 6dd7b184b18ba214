package dev.parry.testkit.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.runtime.ParryRuntime;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Fault campaign: 15% of store calls fail (half of the failing writes land), timers are refused and lost,"
        + " executors misbehave; once the faults stop, everything settles without a restart")
class FaultCampaignTest {

  /**
   * Short expiries and boxes so that every obligation comes due within the campaign's settling
   * time.
   */
  static final Consumer<ParryRuntime.Builder> CAMPAIGN =
      b ->
          b.limits(Rig.LIMITS.withPendingExpiry(Duration.ofHours(1)))
              .timeBox(ActionKind.ISOLATE_DEVICE, Duration.ofMinutes(30));

  @Test
  @DisplayName("one runtime, in memory, three seeds")
  void oneRuntime() {
    for (long seed : new long[] {11, 12, 13}) {
      try (Rig rig = new Rig(seed, CAMPAIGN)) {
        Campaign.Result result = new Campaign(seed, List.of(rig), () -> {}).run(400, 0.15, 0.05);
        System.out.println("campaign, one runtime, seed " + seed + ": " + result);
        assertTrue(result.storeFaults() > 100 && result.lostAcks() > 20, result::toString);
      }
    }
  }

  @Test
  @DisplayName("two runtimes on one in-memory store, three seeds")
  void twoRuntimes() {
    for (long seed : new long[] {21, 22, 23}) {
      try (Rig first = new Rig(seed, CAMPAIGN);
          Rig second = new Rig(first, seed + 1000, "rig-2")) {
        Campaign.Result result =
            new Campaign(seed, List.of(first, second), () -> {}).run(400, 0.15, 0.05);
        System.out.println("campaign, two runtimes, seed " + seed + ": " + result);
        assertTrue(result.storeFaults() > 100 && result.lostAcks() > 20, result::toString);
      }
    }
  }
}
