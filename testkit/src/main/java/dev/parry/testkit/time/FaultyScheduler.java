package dev.parry.testkit.time;

import dev.parry.runtime.TaskScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler that fails like a saturated or broken one: in front of another scheduler, it refuses
 * work ({@link RejectedExecutionException}) or accepts a timer and never runs it, at a seeded
 * random rate or on the next calls. {@link #heal()} stops every fault.
 *
 * <pre>{@code
 * FaultyScheduler scheduler = FaultyScheduler.wrapping(VirtualScheduler.on(clock), seed).refusing(0.05);
 * }</pre>
 */
public final class FaultyScheduler implements TaskScheduler {

  private final TaskScheduler delegate;
  private final Random random;
  private final AtomicLong faults = new AtomicLong();
  private double refuseShare;
  private double loseShare;
  private int refuseNextExecutes;
  private int refuseNextTimers;

  private FaultyScheduler(TaskScheduler delegate, long seed) {
    this.delegate = delegate;
    this.random = new Random(seed);
  }

  /**
   * {@return a scheduler that fails nothing yet, in front of {@code delegate}}
   *
   * @param delegate the scheduler that runs the work
   * @param seed the seed of the random faults
   */
  public static FaultyScheduler wrapping(TaskScheduler delegate, long seed) {
    return new FaultyScheduler(Objects.requireNonNull(delegate, "delegate"), seed);
  }

  /**
   * {@return this scheduler, refusing that share of the work and timers it is given}
   *
   * @param share 0 to 1
   * @throws IllegalArgumentException if it is outside 0-1
   */
  public synchronized FaultyScheduler refusing(double share) {
    this.refuseShare = share(share);
    return this;
  }

  /**
   * {@return this scheduler, accepting that share of the timers it is given and never running them}
   *
   * @param share 0 to 1
   * @throws IllegalArgumentException if it is outside 0-1
   */
  public synchronized FaultyScheduler losingTimers(double share) {
    this.loseShare = share(share);
    return this;
  }

  /**
   * {@return this scheduler, refusing the next calls}
   *
   * @param executes how many of the next {@link #execute} calls to refuse
   * @param timers how many of the next {@link #schedule} calls to refuse
   */
  public synchronized FaultyScheduler refuseNext(int executes, int timers) {
    if (executes < 0 || timers < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative, were: " + executes + ", " + timers);
    }
    this.refuseNextExecutes = executes;
    this.refuseNextTimers = timers;
    return this;
  }

  /** Stops every fault. */
  public synchronized void heal() {
    refuseShare = 0;
    loseShare = 0;
    refuseNextExecutes = 0;
    refuseNextTimers = 0;
  }

  /** {@return how many calls were refused or timers lost so far} */
  public long faults() {
    return faults.get();
  }

  private static double share(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be 0-1, was: " + share);
    }
    return share;
  }

  private synchronized boolean refuse(boolean timer) {
    boolean refused;
    if (timer && refuseNextTimers > 0) {
      refuseNextTimers--;
      refused = true;
    } else if (!timer && refuseNextExecutes > 0) {
      refuseNextExecutes--;
      refused = true;
    } else {
      refused = refuseShare > 0 && random.nextDouble() < refuseShare;
    }
    if (refused) {
      faults.incrementAndGet();
    }
    return refused;
  }

  private synchronized boolean lose() {
    boolean lost = loseShare > 0 && random.nextDouble() < loseShare;
    if (lost) {
      faults.incrementAndGet();
    }
    return lost;
  }

  @Override
  public void execute(Runnable task) {
    if (refuse(false)) {
      throw new RejectedExecutionException("injected: work refused");
    }
    delegate.execute(task);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (refuse(true)) {
      throw new RejectedExecutionException("injected: timer refused");
    }
    if (lose()) {
      return () -> {};
    }
    return delegate.schedule(delay, task);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "FaultyScheduler{" + delegate + "}";
  }
}
