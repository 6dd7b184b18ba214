package dev.parry.bench;

import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.InMemoryInvestigationStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures what one investigation costs end to end (open, evidence, automatic quarantine dispatched
 * and succeeded, complete) on one thread, in figures that other work on the machine does not move:
 * the bytes the thread allocates, the thread's CPU time, and the bytes the investigation leaves in
 * the heap. Each round runs 200,000 investigations on a fresh runtime whose store is sized up
 * front, reading the thread's counters around them and the used heap after full collections before
 * and after; one investigation runs before the first reading, so that the store's tables, made at
 * its first write, are not counted. The first rounds warm up.
 */
public final class EndToEndCost {

  private static final int BATCH = 200_000;
  private static final int ROUNDS = 8;
  private static final int WARM_UP = 3;

  private EndToEndCost() {}

  /**
   * Runs the measurement.
   *
   * @param args none
   */
  public static void main(String[] args) throws InterruptedException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported() || !threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM does not count a thread's allocation and CPU time");
    }
    threads.setThreadAllocatedMemoryEnabled(true);
    threads.setThreadCpuTimeEnabled(true);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int round = 1; round <= ROUNDS; round++) {
      ParryRuntime runtime = RuntimeBenchmark.runtime(InMemoryInvestigationStore.create(2 * BATCH));
      RuntimeBenchmark.investigate(runtime, "first");
      long heap = usedAfterGc(memory);
      long bytes = threads.getCurrentThreadAllocatedBytes();
      long cpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < BATCH; i++) {
        RuntimeBenchmark.investigate(runtime, "c" + i);
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
      heap = usedAfterGc(memory) - heap;
      System.out.printf(
          "%s round %d: %,d B allocated, %,d B kept, %.2f µs of CPU per investigation%n",
          round <= WARM_UP ? "warm-up" : "measured",
          round,
          bytes / BATCH,
          heap / BATCH,
          cpu / 1e3 / BATCH);
      runtime.close();
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
