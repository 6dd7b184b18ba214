// Past 400 lines because the generator interface carries its combinators and primitive generators
// as default and static methods, so that a suite composes them from {@code Gen} alone, each one
// documenting how its values shrink.
package dev.parry.testkit.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A generator: a function from a {@link Random} to a value. Generators are pure functions of the
 * random source, so a seed reproduces the value, and they plug into any property-testing library
 * that hands out a {@code Random}.
 *
 * <p>A generator also says how its values shrink: {@link #generate(Random)} returns the value with
 * its simpler candidates ({@link Shrinkable}). The factories and combinators here keep that through
 * {@link #map}, {@link #flatMap}, {@link #filter}, {@link #list} and {@link #set}: numbers shrink
 * toward zero (or the bound nearest it), strings and lists toward shorter ones and simpler
 * elements, choices toward the first alternative, enums toward their first constant. A generator
 * written as a lambda does not shrink unless given a {@link #shrinkWith shrinker}.
 *
 * <pre>{@code
 * Gen<List<String>> names = Gen.strings(1, 12, "abc").list(0, 5);
 * List<String> value = names.next(new Random(42));
 * Gen<DeviceId> ids = DomainGenerators.deviceIds();
 * }</pre>
 *
 * <p>Past 400 lines because the generator interface carries its combinators and primitive
 * generators as default and static methods, so that a suite composes them from {@code Gen} alone,
 * each one documenting how its values shrink.
 *
 * @param <T> the type of value generated
 */
@FunctionalInterface
public interface Gen<T> {

  /** How many values {@link #filter(Predicate)} draws before it gives up: {@value}. */
  int FILTER_ATTEMPTS = 100;

  /**
   * {@return the next value, drawn from {@code random}}
   *
   * @param random the source of randomness
   */
  T next(Random random);

  /**
   * {@return the next value with the simpler values it shrinks to}; it draws from {@code random}
   * exactly as {@link #next} does, so both give the same value for the same seed. By default the
   * value does not shrink.
   *
   * @param random the source of randomness
   */
  default Shrinkable<T> generate(Random random) {
    return Shrinkable.of(next(random));
  }

  /**
   * {@return a generator of this generator's values transformed by {@code mapper}}; the values
   * shrink as this generator's do
   *
   * @param mapper the transformation, which must not return null
   * @param <R> the result type
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return ShrinkingGen.of(random -> generate(random).map(mapper));
  }

  /**
   * {@return a generator that draws a value, then a value from the generator {@code next} makes of
   * it}; it shrinks the first value (drawing the second again from the same seed), then the second
   *
   * <pre>{@code
   * Gen<List<Integer>> sized = Gen.integers(1, 6).flatMap(n -> Gen.integers(0, 9).list(n, n));
   * }</pre>
   *
   * @param next the generator for a value; must be deterministic
   * @param <R> the result type
   */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> next) {
    Objects.requireNonNull(next, "next");
    return ShrinkingGen.of(
        random -> {
          Shrinkable<T> first = generate(random);
          long seed = random.nextLong();
          return first.flatMap(
              value -> next.apply(value).generate(new Random(seed)).<R>map(v -> v));
        });
  }

  /**
   * {@return a generator of this generator's values that satisfy {@code predicate}}, drawing at
   * most {@value #FILTER_ATTEMPTS} values for each; shrinking keeps only values that satisfy it
   *
   * @param predicate what every value must satisfy
   * @see #filter(Predicate, int)
   */
  default Gen<T> filter(Predicate<? super T> predicate) {
    return filter(predicate, FILTER_ATTEMPTS);
  }

  /**
   * {@return a generator of this generator's values that satisfy {@code predicate}}, drawing at
   * most {@code maxAttempts} values for each; its {@link #next} throws an {@link
   * IllegalStateException} naming the attempts and the last value rejected when none passes
   *
   * @param predicate what every value must satisfy
   * @param maxAttempts how many values to draw before giving up, 1 or more
   * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
   */
  default Gen<T> filter(Predicate<? super T> predicate, int maxAttempts) {
    Objects.requireNonNull(predicate, "predicate");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("filter attempts must be 1 or more, was: " + maxAttempts);
    }
    return ShrinkingGen.of(
        random -> {
          @Nullable T last = null;
          for (int i = 0; i < maxAttempts; i++) {
            Shrinkable<T> candidate = generate(random);
            if (predicate.test(candidate.value())) {
              return candidate.filter(predicate);
            }
            last = candidate.value();
          }
          throw new IllegalStateException(
              "filter rejected "
                  + maxAttempts
                  + " values in a row, the last: "
                  + last
                  + "; loosen the predicate or generate passing values directly");
        });
  }

  /**
   * {@return a generator of lists of {@code min}..{@code max} values}; a list shrinks by losing
   * elements (never below {@code min}), then by shrinking its elements one at a time
   *
   * @param min the smallest size, 0 or more
   * @param max the largest size, at least {@code min}
   * @throws IllegalArgumentException if the bounds are negative or reversed
   */
  default Gen<List<T>> list(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "list size bounds must satisfy 0 <= min <= max, were: " + min + ", " + max);
    }
    return ShrinkingGen.of(
        random -> {
          int size = min + random.nextInt(max - min + 1);
          List<Shrinkable<T>> elements = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            elements.add(generate(random));
          }
          return Shrinkable.list(elements, min);
        });
  }

  /**
   * {@return a generator of sets of {@code min}..{@code max} distinct values}, in the order drawn;
   * it draws up to ten times the size plus {@value #FILTER_ATTEMPTS} values to find distinct ones
   * and settles for fewer than the size it picked, but not for fewer than {@code min}. A set
   * shrinks as a {@linkplain #list list} does, keeping its values distinct.
   *
   * @param min the smallest size, 0 or more
   * @param max the largest size, at least {@code min}
   * @throws IllegalArgumentException if the bounds are negative or reversed
   */
  default Gen<Set<T>> set(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "set size bounds must satisfy 0 <= min <= max, were: " + min + ", " + max);
    }
    return ShrinkingGen.of(
        random -> {
          int size = min + random.nextInt(max - min + 1);
          Map<T, Shrinkable<T>> distinct = new LinkedHashMap<>();
          int draws = size * 10 + FILTER_ATTEMPTS;
          for (int i = 0; i < draws && distinct.size() < size; i++) {
            Shrinkable<T> candidate = generate(random);
            distinct.putIfAbsent(candidate.value(), candidate);
          }
          if (distinct.size() < min) {
            throw new IllegalStateException(
                "a set needs at least "
                    + min
                    + " distinct values, found "
                    + distinct.size()
                    + " in "
                    + draws
                    + " draws: "
                    + distinct.keySet());
          }
          return Shrinkable.list(new ArrayList<>(distinct.values()), min)
              .filter(list -> new HashSet<>(list).size() == list.size())
              .map(list -> Collections.unmodifiableSet(new LinkedHashSet<>(list)));
        });
  }

  /**
   * {@return this generator with values that shrink by {@code shrinker}}, applied again to each
   * candidate; it replaces any shrinking this generator had
   *
   * <pre>{@code
   * Gen<Integer> halving = (Random r) -> r.nextInt(1000);
   * halving = halving.shrinkWith(v -> v == 0 ? List.of() : List.of(v / 2));
   * }</pre>
   *
   * @param shrinker the simpler candidates of a value, simplest first; it must make progress toward
   *     a value it returns no candidates for
   */
  default Gen<T> shrinkWith(Function<? super T, ? extends List<? extends T>> shrinker) {
    Objects.requireNonNull(shrinker, "shrinker");
    return ShrinkingGen.of(random -> Shrinkable.unfold(next(random), shrinker));
  }

  /**
   * {@return a generator that always gives {@code value}}
   *
   * @param value the value
   * @param <T> the type
   * @throws NullPointerException if {@code value} is null
   */
  static <T> Gen<T> constant(T value) {
    Shrinkable<T> shrinkable = Shrinkable.of(value);
    return ShrinkingGen.of(random -> shrinkable);
  }

  /**
   * {@return a generator of integers from {@code min} to {@code max} inclusive}, uniform, shrinking
   * toward zero or, when zero is out of range, the bound nearest it
   *
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @throws IllegalArgumentException if {@code max} is less than {@code min}
   */
  static Gen<Integer> integers(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException(
          "integer bounds must satisfy min <= max, were: " + min + ", " + max);
    }
    long span = (long) max - min + 1;
    long target = Math.max(min, Math.min(max, 0));
    return ShrinkingGen.of(
        random -> {
          long value =
              span <= Integer.MAX_VALUE
                  ? min + random.nextInt((int) span)
                  : random.nextLong(min, span + min);
          return Shrinkable.unfold(value, v -> Shrinkable.toward(v, target)).map(Long::intValue);
        });
  }

  /**
   * {@return a generator of longs from {@code min} to {@code max} inclusive}, uniform, shrinking
   * toward zero or, when zero is out of range, the bound nearest it
   *
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @throws IllegalArgumentException if {@code max} is less than {@code min}
   */
  static Gen<Long> longs(long min, long max) {
    if (max < min) {
      throw new IllegalArgumentException(
          "long bounds must satisfy min <= max, were: " + min + ", " + max);
    }
    long target = Math.max(min, Math.min(max, 0));
    return ShrinkingGen.of(
        random -> {
          long value;
          if (max < Long.MAX_VALUE) {
            value = random.nextLong(min, max + 1);
          } else if (min > Long.MIN_VALUE) {
            value = random.nextLong(min - 1, max) + 1;
          } else {
            value = random.nextLong();
          }
          return Shrinkable.unfold(value, v -> Shrinkable.toward(v, target));
        });
  }

  /** {@return a generator of booleans, shrinking toward {@code false}} */
  static Gen<Boolean> booleans() {
    return integers(0, 1).map(i -> i == 1);
  }

  /**
   * {@return a generator of strings of {@code minLength}..{@code maxLength} code points drawn from
   * {@code alphabet}}, shrinking toward shorter strings and toward the alphabet's first character
   *
   * @param minLength the fewest code points, 0 or more
   * @param maxLength the most code points, at least {@code minLength}
   * @param alphabet the code points to draw from, at least one
   * @throws IllegalArgumentException if the bounds are negative or reversed, or the alphabet is
   *     empty
   */
  static Gen<String> strings(int minLength, int maxLength, String alphabet) {
    int[] codePoints = alphabet.codePoints().toArray();
    if (codePoints.length == 0) {
      throw new IllegalArgumentException("the alphabet must hold at least one character");
    }
    return integers(0, codePoints.length - 1)
        .map(i -> codePoints[i])
        .list(minLength, maxLength)
        .map(
            points -> {
              StringBuilder out = new StringBuilder(points.size());
              points.forEach(out::appendCodePoint);
              return out.toString();
            });
  }

  /**
   * {@return a generator that picks one of {@code values} uniformly}, shrinking toward the first
   *
   * @param values the values, at least one
   * @param <T> the type
   * @throws IllegalArgumentException if {@code values} is empty
   */
  static <T> Gen<T> oneOf(List<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("oneOf needs at least one value");
    }
    List<T> copy = List.copyOf(values);
    return integers(0, copy.size() - 1).map(copy::get);
  }

  /**
   * {@return a generator that picks one of {@code gens} uniformly and draws from it}, shrinking
   * toward the first generator
   *
   * <pre>{@code
   * Gen<FilePath> paths = Gen.oneOf(DomainGenerators.filePaths(), DomainGenerators.posixPaths());
   * }</pre>
   *
   * @param gens the generators, at least one
   * @param <T> the type
   * @throws IllegalArgumentException if {@code gens} is empty
   */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    if (gens.length == 0) {
      throw new IllegalArgumentException("oneOf needs at least one generator");
    }
    List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
    for (Gen<? extends T> gen : gens) {
      copy.add(Objects.requireNonNull(gen, "gen"));
    }
    return integers(0, copy.size() - 1).flatMap(copy::get);
  }

  /**
   * {@return a generator that picks one constant of {@code type} uniformly}, shrinking toward the
   * first constant
   *
   * @param type the enum class
   * @param <E> the enum type
   */
  static <E extends Enum<E>> Gen<E> anyOf(Class<E> type) {
    return oneOf(List.of(type.getEnumConstants()));
  }

  /**
   * {@return {@code gen} with a weight, for {@link #frequency}}
   *
   * @param weight the relative weight, 0 or more
   * @param gen the generator
   * @param <T> the type
   * @throws IllegalArgumentException if {@code weight} is negative
   */
  static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /**
   * {@return a generator that picks among {@code choices} in proportion to their weights},
   * shrinking toward the first choice of non-zero weight
   *
   * <pre>{@code
   * Gen<Verdict> verdicts = Gen.frequency(Gen.weighted(8, Gen.constant(Verdict.MALICIOUS)),
   *     Gen.weighted(1, Gen.anyOf(Verdict.class)));
   * }</pre>
   *
   * @param choices the weighted generators
   * @param <T> the type
   * @throws IllegalArgumentException if no choice has a positive weight, or the weights add up past
   *     {@link Integer#MAX_VALUE}
   */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = new ArrayList<>(choices.length);
    for (Weighted<? extends T> choice : choices) {
      copy.add(Objects.requireNonNull(choice, "choice"));
    }
    long total = copy.stream().mapToLong(Weighted::weight).sum();
    if (total < 1 || total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "frequency weights must add up to 1.."
              + Integer.MAX_VALUE
              + ", were: "
              + copy.stream().map(Weighted::weight).toList());
    }
    return integers(0, (int) total - 1)
        .flatMap(
            roll -> {
              int remaining = roll;
              for (Weighted<? extends T> choice : copy) {
                if (remaining < choice.weight()) {
                  return choice.gen();
                }
                remaining -= choice.weight();
              }
              throw new IllegalStateException("roll " + roll + " past the total weight " + total);
            });
  }

  /**
   * A generator with a relative weight, for {@link Gen#frequency}.
   *
   * @param weight the relative weight, 0 or more; 0 never picks the generator
   * @param gen the generator picked with that weight
   * @param <T> the type
   */
  record Weighted<T>(int weight, Gen<? extends T> gen) {

    /**
     * Checks the weight.
     *
     * @param weight the relative weight, 0 or more; 0 never picks the generator
     * @param gen the generator picked with that weight
     * @throws IllegalArgumentException if {@code weight} is negative
     */
    public Weighted {
      if (weight < 0) {
        throw new IllegalArgumentException("weight must not be negative, was: " + weight);
      }
      Objects.requireNonNull(gen, "gen");
    }
  }
}
