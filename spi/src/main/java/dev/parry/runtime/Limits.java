// Past 400 lines because each setting has its accessor, its builder method and its documented
// default and range.
package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How hard the runtime tries and how much it runs at once. Immutable; start from {@link
 * #defaults()} or {@link #builder()} and change what differs. Settings may be added in a minor
 * release, each with a default, so code written against the builder and the {@code with…} methods
 * keeps compiling.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().maxAttempts(3).attemptTimeout(Duration.ofSeconds(30)).build();
 * Limits patient = Limits.defaults().withActionTimeout(Duration.ofDays(5));
 * }</pre>
 *
 * <p>Past 400 lines because each setting has its accessor, its builder method and its documented
 * default and range.
 */
public final class Limits {

  /** Executor calls per action by default: {@value}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Executor calls in flight per family by default: {@value}. */
  public static final int DEFAULT_MAX_CONCURRENT_PER_FAMILY = 64;

  private static final Limits DEFAULTS = new Builder().build();

  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final Duration attemptTimeout;
  private final Duration actionTimeout;
  private final int maxConcurrentPerFamily;
  private final List<RateLimit> rateLimits;
  private final Duration pendingExpiry;

  private Limits(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.backoffBase = builder.backoffBase;
    this.backoffMax = builder.backoffMax;
    this.attemptTimeout = builder.attemptTimeout;
    this.actionTimeout = builder.actionTimeout;
    this.maxConcurrentPerFamily = builder.maxConcurrentPerFamily;
    this.rateLimits = builder.rateLimits;
    this.pendingExpiry = builder.pendingExpiry;
  }

  /**
   * {@return the defaults}: 5 attempts, backoff from 1 second to 5 minutes, 2 minutes per attempt,
   * 3 days per action (Defender retries an offline device's isolation for 3 days), 64 calls in
   * flight and, per family, 100 calls a minute and 1,500 an hour (Defender's machine-action API
   * quota), 7 days of pending approval.
   */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a builder holding the {@linkplain #defaults() defaults}}
   *
   * <pre>{@code Limits limits = Limits.builder().maxConcurrentPerFamily(8).build();}</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a builder holding these limits}, to make limits that differ in some settings
   *
   * <pre>
   * {@code Limits slower = limits.toBuilder().rateLimits(RateLimit.of(10, Duration.ofMinutes(1))).build();}
   * </pre>
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxAttempts = maxAttempts;
    builder.backoffBase = backoffBase;
    builder.backoffMax = backoffMax;
    builder.attemptTimeout = attemptTimeout;
    builder.actionTimeout = actionTimeout;
    builder.maxConcurrentPerFamily = maxConcurrentPerFamily;
    builder.rateLimits = rateLimits;
    builder.pendingExpiry = pendingExpiry;
    return builder;
  }

  /** {@return executor calls per action before a retryable failure becomes final}, 1 or more */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the first retry's delay}; each retry doubles it, with up to 20% jitter */
  public Duration backoffBase() {
    return backoffBase;
  }

  /** {@return the longest delay between retries} */
  public Duration backoffMax() {
    return backoffMax;
  }

  /**
   * {@return how long one executor call may go unanswered before it counts as a retryable failure}
   */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /**
   * {@return how long an action may stay in progress (retries and polling included) before it times
   * out}
   */
  public Duration actionTimeout() {
    return actionTimeout;
  }

  /** {@return executor calls in flight per family}; more wait in a queue, 1 or more */
  public int maxConcurrentPerFamily() {
    return maxConcurrentPerFamily;
  }

  /**
   * {@return executor calls per family, at most so many in any window of each limit's period}:
   * every limit holds at once, and runtimes sharing a store share the count; at least one, each
   * with its own period
   */
  public List<RateLimit> rateLimits() {
    return rateLimits;
  }

  /** {@return how long an action may wait for approval before it expires (counts as rejected)} */
  public Duration pendingExpiry() {
    return pendingExpiry;
  }

  /**
   * {@return these limits with another attempt count}
   *
   * @param value attempts, 1 or more
   * @throws InvalidInputException if {@code value} is less than 1
   */
  public Limits withMaxAttempts(int value) {
    return toBuilder().maxAttempts(value).build();
  }

  /**
   * {@return these limits with another backoff}
   *
   * @param base the first delay, positive and at most 3,650 days
   * @param max the longest delay, positive and at most 3,650 days
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if a duration is not positive or too long
   */
  public Limits withBackoff(Duration base, Duration max) {
    return toBuilder().backoffBase(base).backoffMax(max).build();
  }

  /**
   * {@return these limits with another attempt timeout}
   *
   * @param value the timeout, positive and at most 3,650 days
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not positive or too long
   */
  public Limits withAttemptTimeout(Duration value) {
    return toBuilder().attemptTimeout(value).build();
  }

  /**
   * {@return these limits with another action timeout}
   *
   * @param value the timeout, positive and at most 3,650 days
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not positive or too long
   */
  public Limits withActionTimeout(Duration value) {
    return toBuilder().actionTimeout(value).build();
  }

  /**
   * {@return these limits with another concurrency cap}
   *
   * @param value calls in flight per family, 1 or more
   * @throws InvalidInputException if {@code value} is less than 1
   */
  public Limits withMaxConcurrentPerFamily(int value) {
    return toBuilder().maxConcurrentPerFamily(value).build();
  }

  /**
   * {@return these limits with other rate limits, all of which hold at once}
   *
   * @param values the rate limits, at least one, each with its own period
   * @throws InvalidInputException if a value is null
   * @throws InvalidInputException if there is none or two share a period
   */
  public Limits withRateLimit(RateLimit... values) {
    return toBuilder().rateLimits(values).build();
  }

  /**
   * {@return these limits with another pending expiry}
   *
   * @param value the expiry, positive and at most 3,650 days
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not positive or too long
   */
  public Limits withPendingExpiry(Duration value) {
    return toBuilder().pendingExpiry(value).build();
  }

  /** {@return whether {@code other} is limits with equal settings} */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Limits that
        && maxAttempts == that.maxAttempts
        && backoffBase.equals(that.backoffBase)
        && backoffMax.equals(that.backoffMax)
        && attemptTimeout.equals(that.attemptTimeout)
        && actionTimeout.equals(that.actionTimeout)
        && maxConcurrentPerFamily == that.maxConcurrentPerFamily
        && rateLimits.equals(that.rateLimits)
        && pendingExpiry.equals(that.pendingExpiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxAttempts,
        backoffBase,
        backoffMax,
        attemptTimeout,
        actionTimeout,
        maxConcurrentPerFamily,
        rateLimits,
        pendingExpiry);
  }

  /** {@return every setting, named}: limits hold no secret */
  @Override
  public String toString() {
    return "Limits[maxAttempts="
        + maxAttempts
        + ", backoffBase="
        + backoffBase
        + ", backoffMax="
        + backoffMax
        + ", attemptTimeout="
        + attemptTimeout
        + ", actionTimeout="
        + actionTimeout
        + ", maxConcurrentPerFamily="
        + maxConcurrentPerFamily
        + ", rateLimits="
        + rateLimits
        + ", pendingExpiry="
        + pendingExpiry
        + "]";
  }

  /**
   * Makes {@link Limits}, starting from the {@linkplain Limits#defaults() defaults}. Every setter
   * checks its argument at once and leaves the builder unchanged when it refuses it. A builder is
   * not thread-safe.
   */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);
    private Duration attemptTimeout = Duration.ofMinutes(2);
    private Duration actionTimeout = Duration.ofDays(3);
    private int maxConcurrentPerFamily = DEFAULT_MAX_CONCURRENT_PER_FAMILY;
    private List<RateLimit> rateLimits =
        List.of(RateLimit.MACHINE_ACTION_API, RateLimit.MACHINE_ACTION_API_HOURLY);
    private Duration pendingExpiry = Duration.ofDays(7);

    private Builder() {}

    /**
     * Sets how many executor calls an action gets before a retryable failure becomes final (default
     * {@value Limits#DEFAULT_MAX_ATTEMPTS}); 1 means no retry.
     *
     * @param value 1 or more
     * @return this builder
     * @throws InvalidInputException if {@code value} is less than 1
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new InvalidInputException(
            "maxAttempts", value, "maxAttempts must be 1 or more, was: " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the first retry's delay (default 1 second); each further retry doubles it, up to {@link
     * #backoffMax}, with up to 20% jitter.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is not positive or too long
     */
    public Builder backoffBase(Duration value) {
      this.backoffBase = Durations.requirePositive("backoffBase", value);
      return this;
    }

    /**
     * Sets the longest delay between two attempts (default 5 minutes). No delay is ever longer, not
     * even the first: with a {@link #backoffBase} longer than this, every retry waits this long.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is not positive or too long
     */
    public Builder backoffMax(Duration value) {
      this.backoffMax = Durations.requirePositive("backoffMax", value);
      return this;
    }

    /**
     * Sets how long one executor call may go unanswered before it counts as a retryable failure
     * (default 2 minutes); it is also the deadline an executor is given.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is not positive or too long
     */
    public Builder attemptTimeout(Duration value) {
      this.attemptTimeout = Durations.requirePositive("attemptTimeout", value);
      return this;
    }

    /**
     * Sets how long an action may stay in progress, retries and polling included, before it times
     * out (default 3 days, as Defender retries an offline device's isolation for 3 days).
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is not positive or too long
     */
    public Builder actionTimeout(Duration value) {
      this.actionTimeout = Durations.requirePositive("actionTimeout", value);
      return this;
    }

    /**
     * Sets how many executor calls may be in flight per family at once (default {@value
     * Limits#DEFAULT_MAX_CONCURRENT_PER_FAMILY}); more wait in a queue.
     *
     * @param value 1 or more
     * @return this builder
     * @throws InvalidInputException if {@code value} is less than 1
     */
    public Builder maxConcurrentPerFamily(int value) {
      if (value < 1) {
        throw new InvalidInputException(
            "maxConcurrentPerFamily",
            value,
            "maxConcurrentPerFamily must be 1 or more, was: " + value);
      }
      this.maxConcurrentPerFamily = value;
      return this;
    }

    /**
     * Sets the executor call rates per family, all of which hold at once (default {@link
     * RateLimit#MACHINE_ACTION_API} and {@link RateLimit#MACHINE_ACTION_API_HOURLY}: 100 a minute
     * and 1,500 an hour). Runtimes sharing a store share the count. For no practical limit, give a
     * large one.
     *
     * @param values at least one, each with its own period
     * @return this builder
     * @throws InvalidInputException if a value is null
     * @throws InvalidInputException if there is none or two share a period
     */
    public Builder rateLimits(RateLimit... values) {
      return rateLimits(Arrays.asList(Checks.notNull(values, "rateLimits")));
    }

    /**
     * Sets the executor call rates per family, as {@link #rateLimits(RateLimit...)}.
     *
     * @param values at least one, each with its own period
     * @return this builder
     * @throws InvalidInputException if the list or a value is null
     * @throws InvalidInputException if there is none or two share a period
     */
    public Builder rateLimits(List<RateLimit> values) {
      for (RateLimit value : Checks.notNull(values, "rateLimits")) {
        Checks.notNull(value, "rateLimits");
      }
      List<RateLimit> copy = List.copyOf(values);
      if (copy.isEmpty()) {
        throw new InvalidInputException(
            "rateLimits",
            copy,
            "at least one rate limit is needed; for no practical limit give a large one");
      }
      Set<Duration> periods = new HashSet<>();
      for (RateLimit limit : copy) {
        if (!periods.add(limit.period())) {
          throw new InvalidInputException(
              "rateLimits",
              copy,
              "two rate limits have the period " + limit.period() + ": " + copy);
        }
      }
      this.rateLimits = copy;
      return this;
    }

    /**
     * Sets how long an action may wait for approval before it expires and counts as rejected
     * (default 7 days); {@link ParryRuntime.Builder#pendingExpiry(dev.parry.core.action.ActionKind,
     * Duration)} sets it per kind.
     *
     * @param value positive, at most 3,650 days
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is not positive or too long
     */
    public Builder pendingExpiry(Duration value) {
      this.pendingExpiry = Durations.requirePositive("pendingExpiry", value);
      return this;
    }

    /** {@return the limits} */
    public Limits build() {
      return new Limits(this);
    }
  }
}
