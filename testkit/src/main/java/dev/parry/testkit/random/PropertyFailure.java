package dev.parry.testkit.random;

import java.util.List;

/**
 * A randomized property failed. The message names the seed that replays the failing case and, for
 * sequences, the shrunk sequence of steps.
 */
public final class PropertyFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int caseIndex;
  private final transient List<?> shrunk;

  PropertyFailure(String message, long seed, int caseIndex, List<?> shrunk, Throwable cause) {
    super(message, cause);
    this.seed = seed;
    this.caseIndex = caseIndex;
    this.shrunk = List.copyOf(shrunk);
  }

  /** {@return the seed of the failing case: {@code -Dparry.seed=} this value replays it first} */
  public long seed() {
    return seed;
  }

  /** {@return the index of the failing case in its run} */
  public int caseIndex() {
    return caseIndex;
  }

  /** {@return the shrunk failing sequence, or an empty list when the value was not a sequence} */
  public List<?> shrunk() {
    return shrunk;
  }
}
