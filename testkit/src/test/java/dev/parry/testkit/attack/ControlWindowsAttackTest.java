package dev.parry.testkit.attack;

import static dev.parry.testkit.attack.Fixtures.evidence;
import static dev.parry.testkit.attack.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.Limits;
import dev.parry.runtime.RateLimit;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.SafetyGuards;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rate limits and blast-radius windows under configuration edge cases and concurrency. */
@DisplayName("Attack: rate limits and the blast-radius breaker hold, and only as configured")
class ControlWindowsAttackTest {

  static final Limits LIMITS =
      Limits.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1))
          .withAttemptTimeout(Duration.ofMinutes(2))
          .withActionTimeout(Duration.ofDays(1));

  static void quarantine(ParryHarness parry, int n) {
    Device device = Device.of(DeviceId.of("d-w-" + n), DeviceName.of("ws-w-" + n));
    InvestigationId id = open(parry, "inv-w-" + n, device);
    DeviceFile file =
        DeviceFile.onDevice(
            Sha256.of(String.format(Locale.ROOT, "%064x", n + 1)),
            device.id(),
            WindowsPath.of("C:\\Temp\\x" + n + ".exe"));
    parry.runtime().reportEvidence(id, evidence(parry, file, Verdict.MALICIOUS));
  }

  @Test
  @DisplayName(
      "held: two rate limits of one period are refused at configuration, so no call is counted twice")
  void twoLimitsOfOnePeriodRefused() {
    InvalidInputException refused =
        assertThrows(
            InvalidInputException.class,
            () ->
                LIMITS.withRateLimit(
                    RateLimit.of(4, Duration.ofMinutes(1)),
                    RateLimit.of(10, Duration.ofMinutes(1))));
    assertTrue(refused.getMessage().contains("PT1M"), refused.getMessage());
  }

  @Test
  @DisplayName(
      "two blast-radius limits of one kind and window (3 and 5 an hour): 3 automatic isolations, not 2")
  void twoBreakersOfOneWindow() {
    SafetyGuards guards =
        SafetyGuards.builder()
            .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 3, Duration.ofHours(1)))
            .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 5, Duration.ofHours(1)))
            .build();
    try (ParryHarness parry =
        ParryHarness.create(b -> b.planTable(Fixtures.ISOLATE).safetyGuards(guards))) {
      for (int i = 0; i < 6; i++) {
        Device device = Device.of(DeviceId.of("d-b-" + i), DeviceName.of("b-" + i));
        InvestigationId id = open(parry, "inv-b-" + i, device);
        parry.runtime().reportEvidence(id, evidence(parry, device, Verdict.MALICIOUS));
      }
      parry.settle();
      assertEquals(
          3, automaticIsolations(parry), "automatic isolations under 3 an hour and 5 an hour");
    }
  }

  static long automaticIsolations(ParryHarness... runtimes) {
    List<ActionRecord> all =
        runtimes[0]
            .runtime()
            .actions(ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build(), ParryHarness.ANALYST)
            .items();
    return all.stream()
        .filter(a -> a.action().kind() == ActionKind.ISOLATE_DEVICE)
        .filter(a -> a.mode() == ApprovalMode.AUTOMATIC)
        .count();
  }

  @Test
  @DisplayName(
      "held: 8 threads on two runtimes sharing a store plan 40 isolations under a breaker of 3 an hour: 3 automatic")
  void breakerUnderConcurrencyAcrossRuntimes() throws Exception {
    SafetyGuards guards =
        SafetyGuards.builder()
            .limit(BlastRadiusLimit.of(BlastRadiusLimit.Scope.KIND, 3, Duration.ofHours(1)))
            .build();
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    try (ParryHarness a =
            ParryHarness.onStore(
                store, b -> b.planTable(Fixtures.ISOLATE).safetyGuards(guards).instanceName("a"));
        ParryHarness b =
            ParryHarness.onStore(
                store, x -> x.planTable(Fixtures.ISOLATE).safetyGuards(guards).instanceName("b"))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 5; i++) {
                    ParryHarness on = (thread + i) % 2 == 0 ? a : b;
                    Device device =
                        Device.of(
                            DeviceId.of("d-c-" + thread + "-" + i),
                            DeviceName.of("c-" + thread + "-" + i));
                    InvestigationId id = open(on, "inv-c-" + thread + "-" + i, device);
                    on.runtime().reportEvidence(id, evidence(on, device, Verdict.MALICIOUS));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      a.settle();
      b.settle();
      assertEquals(3, automaticIsolations(a));
      long isolated =
          a.devices().calls().stream().filter(c -> c.operation().equals("execute")).count()
              + b.devices().calls().stream().filter(c -> c.operation().equals("execute")).count();
      assertTrue(isolated <= 3, "isolations sent: " + isolated);
    }
  }
}
