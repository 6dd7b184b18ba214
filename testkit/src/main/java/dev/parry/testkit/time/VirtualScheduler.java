package dev.parry.testkit.time;

import dev.parry.runtime.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic {@link TaskScheduler} on a {@link TestClock}: nothing runs until the test says
 * so. {@link #runDue()} runs every task due now (including tasks they schedule for now), in the
 * order they fell due; {@link #advance(Duration)} moves the clock timer by timer, running each when
 * it falls due, so retries, backoff, polling, deadlines and expiry happen at their exact virtual
 * time.
 *
 * <p>A task that throws is recorded ({@link #failures()}) and does not stop the others.
 *
 * <pre>{@code
 * TestClock clock = TestClock.create();
 * VirtualScheduler scheduler = VirtualScheduler.on(clock);
 * runtime.approve(id, analyst, "");
 * scheduler.runDue();                     // the dispatch happens here
 * scheduler.advance(Duration.ofDays(7));  // expiry timers fire here
 * }</pre>
 */
public final class VirtualScheduler implements TaskScheduler {

  private static final int MAX_TASKS_PER_RUN = 1_000_000;

  private record Task(Instant due, long sequence, Runnable body, AtomicBoolean cancelled)
      implements Comparable<Task> {
    @Override
    public int compareTo(Task other) {
      int byTime = due.compareTo(other.due);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final TestClock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final List<Throwable> failures = new ArrayList<>();
  private long sequence;
  private long ran;

  private VirtualScheduler(TestClock clock) {
    this.clock = clock;
  }

  /**
   * {@return a scheduler on {@code clock}}
   *
   * @param clock the clock it reads and moves
   */
  public static VirtualScheduler on(TestClock clock) {
    return new VirtualScheduler(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public synchronized void execute(Runnable task) {
    queue.add(
        new Task(
            clock.instant(),
            sequence++,
            Objects.requireNonNull(task, "task"),
            new AtomicBoolean()));
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    AtomicBoolean cancelled = new AtomicBoolean();
    Duration wait = delay.isNegative() ? Duration.ZERO : delay;
    queue.add(
        new Task(
            clock.instant().plus(wait),
            sequence++,
            Objects.requireNonNull(task, "task"),
            cancelled));
    return () -> cancelled.set(true);
  }

  /**
   * Runs every task due at the current virtual time, including those they schedule for now.
   *
   * @return how many tasks ran
   * @throws IllegalStateException if tasks keep scheduling tasks for now without end
   */
  public int runDue() {
    int count = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due().isAfter(clock.instant())) {
          return count;
        }
        queue.poll();
        if (next.cancelled().get()) {
          continue;
        }
      }
      run(next);
      if (++count > MAX_TASKS_PER_RUN) {
        throw new IllegalStateException(
            "more than " + MAX_TASKS_PER_RUN + " tasks at one instant: a livelock?");
      }
    }
  }

  /**
   * Moves the clock forward by {@code duration}, running each task when its time comes.
   *
   * @param duration how far, zero or more
   * @return how many tasks ran
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public int advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time never moves back, duration was: " + duration);
    }
    Instant target = clock.instant().plus(duration);
    int count = runDue();
    while (true) {
      Instant due;
      synchronized (this) {
        Task next = queue.peek();
        if (next == null || next.due().isAfter(target)) {
          break;
        }
        due = next.due();
      }
      clock.moveTo(due);
      count += runDue();
    }
    clock.moveTo(target);
    return count + runDue();
  }

  /**
   * Runs tasks, moving the clock to each next timer, until none is left or {@code limit} of virtual
   * time has passed.
   *
   * @param limit the most virtual time to let pass
   * @return how many tasks ran
   */
  public int runUntilIdle(Duration limit) {
    Instant end = clock.instant().plus(limit);
    int count = runDue();
    while (true) {
      Instant due;
      synchronized (this) {
        Task next = queue.peek();
        if (next == null || next.due().isAfter(end)) {
          return count;
        }
        due = next.due();
      }
      clock.moveTo(due);
      count += runDue();
    }
  }

  private void run(Task task) {
    try {
      task.body().run();
    } catch (RuntimeException | AssertionError e) {
      synchronized (this) {
        failures.add(e);
      }
    }
    synchronized (this) {
      ran++;
    }
  }

  /** Drops every waiting task, as a process that stops loses its timers. */
  public synchronized void dropAll() {
    queue.clear();
  }

  /** {@return the tasks waiting, cancelled ones excluded} */
  public synchronized int pending() {
    return (int) queue.stream().filter(t -> !t.cancelled().get()).count();
  }

  /** {@return how many tasks have run} */
  public synchronized long ran() {
    return ran;
  }

  /** {@return what tasks threw, in order} */
  public synchronized List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** {@return the clock} */
  public TestClock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "VirtualScheduler{now=" + clock.instant() + ", pending=" + pending() + "}";
  }
}
