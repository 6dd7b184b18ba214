package dev.parry.testkit.random;

import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.generate.Shrinkable;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;

/**
 * Runs a property against many generated cases, each with its own seed. A failure names the seed
 * that replays it and the failing value, shrunk first as far as its generator allows.
 *
 * <p>The base seed is random unless the system property {@value #SEED_PROPERTY} sets it; case
 * {@code i} uses seed {@code base + i}, so {@code -Dparry.seed=<seed of the failing case>} replays
 * that case first. {@value #CASES_PROPERTY} overrides the number of cases (set it to 1 to replay
 * one case alone).
 *
 * <pre>{@code
 * Randomized.cases(10_000).forAll(DomainGenerators.evidence(), evidence -> {
 *   RemediationPlan plan = RemediationPolicy.standard().plan(evidence, context);
 *   assertFalse(plan.summary().isBlank());
 * });
 * }</pre>
 */
public final class Randomized {

  /** The system property that fixes the base seed: {@value}. */
  public static final String SEED_PROPERTY = "parry.seed";

  /** The system property that overrides the number of cases: {@value}. */
  public static final String CASES_PROPERTY = "parry.cases";

  private final int cases;
  private final long baseSeed;

  private Randomized(int cases, long baseSeed) {
    this.cases = cases;
    this.baseSeed = baseSeed;
  }

  /**
   * {@return a runner of {@code cases} cases, honouring {@value #SEED_PROPERTY} and {@value
   * #CASES_PROPERTY}}
   *
   * @param cases the number of cases, 1 or more
   * @throws IllegalArgumentException if {@code cases} is less than 1, or a property is not a number
   */
  public static Randomized cases(int cases) {
    if (cases < 1) {
      throw new IllegalArgumentException("cases must be 1 or more, was: " + cases);
    }
    String seed = System.getProperty(SEED_PROPERTY);
    String override = System.getProperty(CASES_PROPERTY);
    try {
      return new Randomized(
          override == null ? cases : Integer.parseInt(override.trim()),
          seed == null ? new Random().nextLong() : Long.parseLong(seed.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED_PROPERTY + " and " + CASES_PROPERTY + " must be integers", e);
    }
  }

  /**
   * {@return a runner of {@code cases} cases from a fixed base seed, ignoring system properties}
   *
   * @param cases the number of cases, 1 or more
   * @param baseSeed the seed of the first case
   * @throws IllegalArgumentException if {@code cases} is less than 1
   */
  public static Randomized cases(int cases, long baseSeed) {
    if (cases < 1) {
      throw new IllegalArgumentException("cases must be 1 or more, was: " + cases);
    }
    return new Randomized(cases, baseSeed);
  }

  /** {@return the seed of the first case} */
  public long baseSeed() {
    return baseSeed;
  }

  /** {@return the number of cases} */
  public int caseCount() {
    return cases;
  }

  /**
   * Checks {@code property} against {@link #caseCount()} generated values. A failing value is
   * {@linkplain Shrink#value shrunk} as its generator says (a 1-minimal value: none of its own
   * shrinks fails) and reported with the seed, the value as generated and the failure of the shrunk
   * one.
   *
   * @param gen the generator
   * @param property throws (an {@link AssertionError}, typically) when the value breaks the
   *     property; it must be deterministic
   * @param <T> the value type
   * @throws PropertyFailure naming the seed and the shrunk value, at the first failing case
   */
  public <T> void forAll(Gen<T> gen, Consumer<? super T> property) {
    for (int i = 0; i < cases; i++) {
      long seed = baseSeed + i;
      Shrinkable<T> generated = generate(gen, seed, i);
      Throwable failure = failureOf(property, generated.value());
      if (failure != null) {
        if (failureOf(property, generated.value())
            == null) { // passes when run again: nothing to shrink
          throw new PropertyFailure(
              "property failed at case "
                  + i
                  + " with seed "
                  + seed
                  + " (replay: -D"
                  + SEED_PROPERTY
                  + "="
                  + seed
                  + " -D"
                  + CASES_PROPERTY
                  + "=1), then passed on the same value: the"
                  + " property is not deterministic\n  value: "
                  + generated.value()
                  + "\n  failure: "
                  + failure,
              seed,
              i,
              List.of(),
              generated.value(),
              failure);
        }
        int[] tries = {0};
        T shrunk =
            Shrink.value(
                generated,
                candidate -> {
                  tries[0]++;
                  return failureOf(property, candidate) != null;
                });
        Throwable shrunkFailure = failureOf(property, shrunk);
        if (shrunkFailure == null) { // the property is not deterministic: report what did fail
          shrunk = generated.value();
          shrunkFailure = failure;
        }
        StringBuilder message =
            new StringBuilder("property failed at case ")
                .append(i)
                .append(" with seed ")
                .append(seed)
                .append(" (replay: -D")
                .append(SEED_PROPERTY)
                .append('=')
                .append(seed)
                .append(" -D")
                .append(CASES_PROPERTY)
                .append("=1)");
        if (shrunk.equals(generated.value())) {
          message.append("\n  value: ").append(shrunk);
        } else {
          message
              .append("\n  shrunk to: ")
              .append(shrunk)
              .append("\n  generated: ")
              .append(generated.value());
        }
        message.append(budgetNote(tries[0]));
        message.append("\n  failure: ").append(shrunkFailure);
        throw new PropertyFailure(
            message.toString(),
            seed,
            i,
            shrunk instanceof List<?> list ? list : List.of(),
            shrunk,
            shrunkFailure);
      }
    }
  }

  /**
   * Checks {@code property} against {@link #caseCount()} generated sequences; a failing sequence is
   * {@linkplain Shrink shrunk} before it is reported.
   *
   * @param gen the sequence generator
   * @param property throws when the sequence breaks the property; it must be deterministic
   * @param <S> the step type
   * @throws PropertyFailure naming the seed and the shrunk sequence, at the first failing case
   */
  public <S> void forAllSequences(Gen<List<S>> gen, Consumer<List<S>> property) {
    for (int i = 0; i < cases; i++) {
      long seed = baseSeed + i;
      List<S> steps = generate(gen, seed, i).value();
      Throwable failure = failureOf(property, steps);
      if (failure != null) {
        int[] tries = {0};
        Predicate<List<S>> fails =
            candidate -> {
              tries[0]++;
              return failureOf(property, candidate) != null;
            };
        List<S> shrunk = Shrink.sequence(steps, fails);
        Throwable shrunkFailure = Objects.requireNonNull(failureOf(property, shrunk));
        StringBuilder message =
            new StringBuilder("property failed at case ")
                .append(i)
                .append(" with seed ")
                .append(seed)
                .append(" (replay: -D")
                .append(SEED_PROPERTY)
                .append('=')
                .append(seed)
                .append(" -D")
                .append(CASES_PROPERTY)
                .append("=1)\n  shrunk from ")
                .append(steps.size())
                .append(" to ")
                .append(shrunk.size())
                .append(" steps:");
        for (int s = 0; s < shrunk.size(); s++) {
          message.append("\n    ").append(s + 1).append(". ").append(shrunk.get(s));
        }
        message.append(budgetNote(tries[0]));
        message.append("\n  failure: ").append(shrunkFailure);
        throw new PropertyFailure(message.toString(), seed, i, shrunk, shrunk, shrunkFailure);
      }
    }
  }

  private static <T> Shrinkable<T> generate(Gen<T> gen, long seed, int index) {
    try {
      return gen.generate(new Random(seed));
    } catch (RuntimeException e) {
      throw new PropertyFailure(
          "the generator failed at case "
              + index
              + " with seed "
              + seed
              + " (replay: -D"
              + SEED_PROPERTY
              + "="
              + seed
              + " -D"
              + CASES_PROPERTY
              + "=1): "
              + e,
          seed,
          index,
          List.of(),
          null,
          e);
    }
  }

  private static <T> @Nullable Throwable failureOf(Consumer<? super T> property, T value) {
    try {
      property.accept(value);
      return null;
    } catch (TestAbortedException assumed) {
      return null; // the property does not apply to this value: not a failure, and shrinking does
      // not seek it
    } catch (RuntimeException | AssertionError e) {
      return e;
    }
  }

  @Override
  public String toString() {
    return "Randomized{cases=" + cases + ", baseSeed=" + baseSeed + "}";
  }

  /**
   * What a report says when shrinking used its whole budget: the value shown may not be minimal.
   */
  private static String budgetNote(int tries) {
    return tries < Shrink.MAX_ATTEMPTS
        ? ""
        : "\n  (shrinking stopped after "
            + Shrink.MAX_ATTEMPTS
            + " tries: a simpler failing value may exist)";
  }
}
