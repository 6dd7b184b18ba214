package dev.parry.testkit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.runtime.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Virtual time: a clock that moves only when told and timers that fire exactly when due")
class VirtualTimeTest {

  final TestClock clock = TestClock.create();
  final VirtualScheduler scheduler = VirtualScheduler.on(clock);

  @Test
  @DisplayName("the clock starts at a fixed non-zero instant and never moves back")
  void clock() {
    assertEquals(Instant.parse("2026-03-01T09:00:00Z"), clock.instant());
    assertTrue(clock.instant().getEpochSecond() > 0);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    clock.advance(Duration.ofDays(7));
    assertEquals(Instant.parse("2026-03-08T09:00:00Z"), clock.instant());
  }

  @Test
  @DisplayName("advancing runs each timer at its due time, in order, including timers they set")
  void timers() {
    List<String> log = new ArrayList<>();
    scheduler.schedule(Duration.ofDays(7), () -> log.add("expiry@" + clock.instant()));
    scheduler.schedule(
        Duration.ofSeconds(10),
        () -> {
          log.add("retry@" + clock.instant());
          scheduler.schedule(
              Duration.ofSeconds(20), () -> log.add("second retry@" + clock.instant()));
        });
    TaskScheduler.Cancellable cancelled =
        scheduler.schedule(Duration.ofSeconds(15), () -> log.add("cancelled"));
    cancelled.cancel();
    scheduler.execute(() -> log.add("now@" + clock.instant()));
    assertEquals(List.of(), log, "nothing runs until time moves");
    scheduler.advance(Duration.ofDays(7));
    assertEquals(
        List.of(
            "now@2026-03-01T09:00:00Z",
            "retry@2026-03-01T09:00:10Z",
            "second retry@2026-03-01T09:00:30Z",
            "expiry@2026-03-08T09:00:00Z"),
        log);
    assertEquals(0, scheduler.pending());
  }

  @Test
  @DisplayName("a task that throws is recorded and does not stop the others")
  void failures() {
    List<String> log = new ArrayList<>();
    scheduler.execute(
        () -> {
          throw new IllegalStateException("bug");
        });
    scheduler.execute(() -> log.add("ran"));
    assertEquals(2, scheduler.runDue());
    assertEquals(List.of("ran"), log);
    assertEquals(1, scheduler.failures().size());
  }
}
