package dev.parry.testkit.random;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A randomized property failed. The message names the seed that replays the failing case and the
 * failing value, shrunk when its generator says how.
 */
public final class PropertyFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  /** The seed that replays the failing case. */
  private final long seed;

  /** The index of the failing case in its run, from 0. */
  private final int caseIndex;

  private final transient List<?> shrunk;
  private final transient @Nullable Object shrunkValue;

  PropertyFailure(
      String message,
      long seed,
      int caseIndex,
      List<?> shrunk,
      @Nullable Object shrunkValue,
      Throwable cause) {
    super(message, cause);
    this.seed = seed;
    this.caseIndex = caseIndex;
    this.shrunk = Collections.unmodifiableList(new ArrayList<>(shrunk));
    this.shrunkValue = shrunkValue;
  }

  /** {@return the seed of the failing case: {@code -Dparry.seed=} this value replays it first} */
  public long seed() {
    return seed;
  }

  /** {@return the index of the failing case in its run} */
  public int caseIndex() {
    return caseIndex;
  }

  /** {@return the shrunk failing sequence, or an empty list when the value was not a list} */
  public List<?> shrunk() {
    return shrunk;
  }

  /**
   * {@return the failing value, as shrunk as its generator allows (as generated when it does not
   * shrink)}, or null when the generator itself failed
   */
  public @Nullable Object shrunkValue() {
    return shrunkValue;
  }
}
