package dev.parry.bench;

import dev.parry.spi.store.InMemoryInvestigationStore;

/**
 * Measures the retained heap per pending action: 1,000,000 pending actions in 100,000
 * investigations in the in-memory store, indexes included, after a full GC.
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  /**
   * Runs the measurement.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws InterruptedException {
    long before = usedAfterGc();
    InMemoryInvestigationStore store = Fixtures.store(100_000, 10, 10);
    long after = usedAfterGc();
    long pending =
        store
            .queryActions(dev.parry.spi.store.ActionQuery.pending().limit(1).build())
            .items()
            .size();
    double perAction = (after - before) / 1_000_000.0;
    System.out.printf("store: %s%n", store);
    System.out.printf(
        "retained heap: %.1f MiB for 1,000,000 pending actions (%d checked)%n",
        (after - before) / 1048576.0, pending);
    System.out.printf(
        "per pending action: %.0f bytes (investigation state, event log and indexes included)%n",
        perAction);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
