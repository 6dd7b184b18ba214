package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.spi.internal.LogSafe;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Where the runtime runs its work and timers: dispatches, executor outcomes, retries, polls,
 * deadlines and pending-action expiry. Tests plug in a deterministic scheduler driven by a virtual
 * clock; production uses {@link #threadPool(int)}.
 */
public interface TaskScheduler extends AutoCloseable {

  /**
   * Runs {@code task} soon, on a scheduler thread.
   *
   * @param task the task; an exception it throws is the scheduler's to handle (the thread pool logs
   *     it), never the caller's
   */
  void execute(Runnable task);

  /**
   * Runs {@code task} once after {@code delay}.
   *
   * @param delay how long to wait, zero or more
   * @param task the task
   * @return a handle that cancels the task if it has not run
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** Stops the scheduler, letting running tasks finish. The default does nothing. */
  @Override
  default void close() {}

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run yet. */
    void cancel();
  }

  /**
   * {@return a scheduler backed by a pool of {@code threads} daemon threads named {@code parry-N}}
   *
   * @param threads the pool size, 1 or more
   * @throws InvalidInputException if {@code threads} is less than 1
   */
  static TaskScheduler threadPool(int threads) {
    return threadPool(
        threads,
        failure ->
            LoggerFactory.getLogger(TaskScheduler.class)
                .atError()
                .log(
                    "scheduled task failed: "
                        + failure.getClass().getName()
                        + ": "
                        + LogSafe.of(failure.getMessage())));
  }

  /**
   * {@return a scheduler backed by a pool of {@code threads} daemon threads named {@code parry-N}},
   * handing the exception of a task that throws to {@code onFailure}; the pool keeps running.
   *
   * <pre>
   * {@code TaskScheduler pool = TaskScheduler.threadPool(4, e -> metrics.counter("parry.task.failed").increment());}
   * </pre>
   *
   * @param threads the pool size, 1 or more
   * @param onFailure what to do with a task's exception (it must not throw)
   * @throws InvalidInputException if {@code threads} is less than 1
   */
  static TaskScheduler threadPool(int threads, Consumer<Throwable> onFailure) {
    Checks.notNull(onFailure, "onFailure");
    if (threads < 1) {
      throw new InvalidInputException(
          "threads", threads, "threads must be 1 or more, was: " + threads);
    }
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "parry-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, factory);
    pool.setRemoveOnCancelPolicy(true);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(
        false); // timers (expiry, polling) die with the pool
    return new TaskScheduler() {
      @Override
      public void execute(Runnable task) {
        pool.execute(guarded(Checks.notNull(task, "task")));
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future =
            pool.schedule(
                guarded(Checks.notNull(task, "task")),
                Math.max(0, delay.toNanos()),
                TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }

      @Override
      public void close() {
        pool.shutdown();
        try {
          if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
          }
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }

      private Runnable guarded(Runnable task) {
        return () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
              throw e;
            }
            try {
              onFailure.accept(e);
            } catch (RuntimeException ignored) {
              // the handler's own failure must not kill the pool thread
            }
          }
        };
      }

      @Override
      public String toString() {
        return "TaskScheduler.threadPool(" + threads + ")";
      }
    };
  }
}
