package dev.parry.bench;

import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.InMemoryInvestigationStore;

/**
 * Measures that bounded retention keeps the heap flat: 10,000,000 investigations run end to end
 * (open, evidence, automatic quarantine dispatched and succeeded, complete) through a runtime on an
 * in-memory store that keeps at most 100,000 investigations, with the used heap after a full GC
 * printed at every 1,000,000 (the figures compared are those at 1,000,000 and at 10,000,000).
 */
public final class RetentionFootprint {

  private static final int KEPT = 100_000;
  private static final int FIRST = 1_000_000;
  private static final int TOTAL = 10_000_000;

  private RetentionFootprint() {}

  /**
   * Runs the measurement.
   *
   * @param args optionally the total number of investigations (default 10,000,000), then {@code
   *     keep-all} to measure without retention
   */
  public static void main(String[] args) throws InterruptedException {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : TOTAL;
    InMemoryInvestigationStore.Builder builder =
        InMemoryInvestigationStore.builder().expected(2 * KEPT);
    InMemoryInvestigationStore store =
        args.length > 1 && args[1].equals("keep-all")
            ? builder.build()
            : builder.retainAtMost(KEPT).build();
    ParryRuntime runtime = RuntimeBenchmark.runtime(store);
    long baseline = usedAfterGc();
    long start = System.nanoTime();
    long atFirst = 0;
    for (int n = 1; n <= total; n++) {
      RuntimeBenchmark.investigate(runtime, "r" + n);
      if (n % FIRST == 0 || n == total) {
        long used = usedAfterGc();
        if (n == FIRST) {
          atFirst = used;
        }
        System.out.printf(
            "after %,d investigations (%.0f s): used heap %.1f MiB (%.1f MiB above the empty"
                + " runtime); %s%n",
            n,
            (System.nanoTime() - start) / 1e9,
            used / 1048576.0,
            (used - baseline) / 1048576.0,
            store);
      }
    }
    long atEnd = usedAfterGc();
    System.out.printf(
        "heap at %,d / at %,d: %.3f (target: within 10 %%)%n",
        total, FIRST, (double) (atEnd - baseline) / (atFirst - baseline));
    runtime.close();
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime heap = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return heap.totalMemory() - heap.freeMemory();
  }
}
