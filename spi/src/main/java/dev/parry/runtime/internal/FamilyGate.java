package dev.parry.runtime.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Caps the executor calls in flight for one family; work past the cap waits in a queue, in order,
 * and is never failed.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class FamilyGate {

  private final int permits;
  private final Executor executor;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int inUse;

  /**
   * Creates a gate.
   *
   * @param permits calls in flight at most
   * @param executor where queued work runs once a permit frees up
   */
  public FamilyGate(int permits, Executor executor) {
    this.permits = permits;
    this.executor = executor;
  }

  /**
   * Runs {@code task} now if a permit is free, or queues it.
   *
   * @param task work that must later call {@link #release()} exactly once
   * @return true if it ran now, false if it was queued (it may have started on another thread
   *     since)
   */
  public boolean run(Runnable task) {
    synchronized (this) {
      if (inUse >= permits) {
        waiting.add(task);
        return false;
      }
      inUse++;
    }
    task.run();
    return true;
  }

  /**
   * Frees a permit, handing it straight to the next queued task if there is one: on the executor,
   * or on this thread if the executor refuses it, so that a refused hand-off never strands the
   * queue or leaks the permit.
   */
  public void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inUse = Math.max(0, inUse - 1);
        return;
      }
    }
    try {
      executor.execute(next);
    } catch (RuntimeException refused) {
      next.run();
    }
  }
}
