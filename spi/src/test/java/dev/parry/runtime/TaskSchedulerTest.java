package dev.parry.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The thread-pool scheduler runs work, and closing it drops its timers instead of waiting for them")
class TaskSchedulerTest {

  @Test
  @DisplayName(
      "close lets running work finish and drops a timer due in a week, without waiting for it")
  void closeDropsTimers() throws InterruptedException {
    TaskScheduler pool = TaskScheduler.threadPool(1);
    AtomicBoolean timerRan = new AtomicBoolean();
    CountDownLatch ran = new CountDownLatch(1);
    pool.schedule(Duration.ofDays(7), () -> timerRan.set(true));
    pool.execute(ran::countDown);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "queued work did not run");
    long start = System.nanoTime();
    pool.close();
    // the pool used to wait 30 s for delayed tasks before giving up on them
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "close waited for a timer");
    assertFalse(timerRan.get());
  }
}
