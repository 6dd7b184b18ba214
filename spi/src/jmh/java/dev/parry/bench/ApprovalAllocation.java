package dev.parry.bench;

import dev.parry.core.investigation.ActionId;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import java.lang.management.ManagementFactory;

/**
 * Measures what one approval allocates, which {@code -prof gc} cannot tell for {@code
 * RuntimeBenchmark.approveOneThread}: its fixture (a fresh runtime with 400,000 pending actions) is
 * built before each iteration, and the profiler counts that too. Here each round builds the same
 * fixture, collects, then reads this thread's allocation counter around 200,000 approvals of
 * distinct pending actions; the first rounds warm up.
 */
public final class ApprovalAllocation {

  private static final int BATCH = 200_000;
  private static final int ROUNDS = 6;
  private static final int WARM_UP = 3;

  private ApprovalAllocation() {}

  /**
   * Runs the measurement.
   *
   * @param args none
   */
  public static void main(String[] args) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Caller alice = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);
    for (int round = 1; round <= ROUNDS; round++) {
      ParryRuntime runtime = RuntimeBenchmark.approvalRuntime();
      ActionId[] pending = RuntimeBenchmark.pendingActions(runtime, BATCH, "p");
      RuntimeBenchmark.settleFixture();
      long bytes = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      for (ActionId id : pending) {
        runtime.approve(id, alice, "");
      }
      long nanos = System.nanoTime() - start;
      bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
      System.out.printf(
          "%s round %d: %,d approvals in %,d ms (%.2f M/s), %,d bytes each%n",
          round <= WARM_UP ? "warm-up" : "measured",
          round,
          BATCH,
          nanos / 1_000_000,
          BATCH / (nanos / 1e9) / 1e6,
          bytes / BATCH);
      runtime.close();
    }
  }
}
