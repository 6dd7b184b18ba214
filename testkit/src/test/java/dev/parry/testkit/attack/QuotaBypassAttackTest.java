package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroups;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.RateLimit;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.Call;
import dev.parry.testkit.fake.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (core/DOMAIN.md D40): executor calls are limited per family, N per window "never exceeded
 * in any window of that length", shared by every runtime on the store.
 */
@DisplayName("Attack: executor calls that the rate limit does not count")
class QuotaBypassAttackTest {

  private static final Limits LIMITS =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofDays(1));

  private static void quarantine(ParryHarness parry, int n) {
    Device device = Device.of(DeviceId.of("d-q-" + n), DeviceName.of("ws-q-" + n));
    InvestigationId id = Fixtures.open(parry, "inv-q-" + n, device);
    DeviceFile file =
        DeviceFile.onDevice(
            Sha256.of(String.format(Locale.ROOT, "%064x", n + 1)),
            device.id(),
            WindowsPath.of("C:\\Temp\\q" + n + ".exe"));
    parry.runtime().reportEvidence(id, Fixtures.evidence(parry, file, Verdict.MALICIOUS));
  }

  private static int mostInAnyWindow(List<Instant> times, Duration length) {
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(null);
    int most = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (!sorted.get(start).isAfter(sorted.get(end).minus(length))) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  /**
   * The break it guards against: a status poll ({@code ActionExecutor.status}) goes straight to the
   * executor ({@code Dispatcher.poll} calls {@code send}, skipping {@code admitThenCall}), so
   * actions in progress poll their backend as often as it says, whatever the quota: with 2 calls a
   * minute allowed, the backend receives more.
   */
  @Test
  @DisplayName("status polls count against the family's quota")
  void pollsAreCounted() {
    try (ParryHarness parry =
        ParryHarness.create(
            b ->
                b.deviceGroups(DeviceGroups.of(AutomationLevel.FULL, List.of()))
                    .limits(LIMITS.withRateLimit(RateLimit.of(2, Duration.ofMinutes(1)))))) {
      parry.devices().inject(Fault.inProgress(6), 2);
      quarantine(parry, 0);
      quarantine(parry, 1);
      parry.advance(Duration.ofMinutes(10));
      List<Instant> calls =
          parry.devices().calls().stream()
              .filter(c -> c.operation().equals("execute") || c.operation().equals("status"))
              .map(Call::at)
              .toList();
      assertTrue(
          mostInAnyWindow(calls, Duration.ofMinutes(1)) <= 2,
          "most executor calls in any minute: "
              + mostInAnyWindow(calls, Duration.ofMinutes(1))
              + " of "
              + parry.devices().calls().stream().map(c -> c.operation() + "@" + c.at()).toList());
    }
  }
}
