package dev.parry.testkit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A generated value and the simpler values it can shrink to, each shrinkable in turn: a lazy tree
 * whose root is the value and whose children are candidates, simplest first. A shrinker walks down
 * while a child still fails.
 *
 * <p>The children are computed on demand, every time {@link #shrinks()} is called, so a tree that
 * is never shrunk costs nothing beyond its value.
 *
 * <pre>{@code
 * Shrinkable<Integer> value = Gen.integers(0, 100).generate(new Random(42));
 * value.shrinks().map(Shrinkable::value).forEach(System.out::println);   // 0 first, then closer values
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class Shrinkable<T> {

  private final T value;
  private final Supplier<Stream<Shrinkable<T>>> shrinks;

  private Shrinkable(T value, Supplier<Stream<Shrinkable<T>>> shrinks) {
    this.value = value;
    this.shrinks = shrinks;
  }

  /**
   * {@return a value that does not shrink}
   *
   * @param value the value
   * @param <T> the type
   * @throws NullPointerException if {@code value} is null
   */
  public static <T> Shrinkable<T> of(T value) {
    Objects.requireNonNull(value, "value");
    return new Shrinkable<>(value, Stream::empty);
  }

  /**
   * {@return a value whose candidates are {@code shrinker} applied to it, then to each candidate,
   * and so on}; {@code shrinker} must make progress toward a value it returns no candidates for
   *
   * @param value the value
   * @param shrinker the simpler candidates of a value, simplest first
   * @param <T> the type
   * @throws NullPointerException if an argument is null
   */
  public static <T> Shrinkable<T> unfold(
      T value, Function<? super T, ? extends List<? extends T>> shrinker) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(shrinker, "shrinker");
    return new Shrinkable<>(
        value, () -> shrinker.apply(value).stream().map(v -> unfold(v, shrinker)));
  }

  /**
   * {@return the candidates between {@code target} and {@code value}: the target first, then
   * halving the distance, ending one step from {@code value}}; none when they are equal
   *
   * @param value the value to shrink
   * @param target the simplest value, which the candidates approach
   */
  static List<Long> toward(long value, long target) {
    List<Long> out = new ArrayList<>();
    if (value == target) {
      return out;
    }
    out.add(target);
    // target lies between zero and value, so the distance overflows only from Long.MIN_VALUE to 0
    boolean up = value > target;
    long gap = up ? value - target : target - value;
    if (gap < 0) {
      gap = Long.MAX_VALUE;
    }
    for (long step = gap / 2; step > 0; step /= 2) {
      out.add(up ? value - step : value + step);
    }
    return out;
  }

  /** {@return the value} */
  public T value() {
    return value;
  }

  /**
   * {@return the simpler candidates, simplest first, each a tree of its own; computed on each call}
   */
  public Stream<Shrinkable<T>> shrinks() {
    return shrinks.get();
  }

  /**
   * {@return this tree with {@code mapper} applied to every value}
   *
   * @param mapper the transformation; it is applied again to each candidate a shrinker visits
   * @param <R> the result type
   */
  public <R> Shrinkable<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    R mapped = Objects.requireNonNull(mapper.apply(value), "mapper returned null");
    return new Shrinkable<>(mapped, () -> shrinks().map(s -> s.map(mapper)));
  }

  /**
   * {@return a tree whose value comes from {@code next} applied to this value}; it shrinks this
   * value first (recomputing {@code next}), then the value {@code next} gave
   *
   * @param next the dependent tree of a value; must be deterministic
   * @param <R> the result type
   */
  public <R> Shrinkable<R> flatMap(Function<? super T, Shrinkable<R>> next) {
    Objects.requireNonNull(next, "next");
    Shrinkable<R> inner = next.apply(value);
    return new Shrinkable<>(
        inner.value, () -> Stream.concat(shrinks().map(s -> s.flatMap(next)), inner.shrinks()));
  }

  /**
   * {@return this tree without the candidates that fail {@code predicate}}, nor those below them;
   * the value itself must pass
   *
   * @param predicate what every value must satisfy
   * @throws IllegalArgumentException if this value fails {@code predicate}
   */
  public Shrinkable<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    if (!predicate.test(value)) {
      throw new IllegalArgumentException("the value must pass the filter, was: " + value);
    }
    return new Shrinkable<>(
        value, () -> shrinks().filter(s -> predicate.test(s.value)).map(s -> s.filter(predicate)));
  }

  /**
   * {@return a list of the elements' values that shrinks by removing elements (never below {@code
   * minSize}), then by shrinking one element at a time}
   *
   * @param elements the elements, in order
   * @param minSize the fewest elements a candidate may have
   * @param <T> the element type
   */
  static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> elements, int minSize) {
    List<Shrinkable<T>> copy = List.copyOf(elements);
    List<T> values = copy.stream().map(Shrinkable::value).toList();
    return new Shrinkable<>(
        values,
        () ->
            Stream.concat(removals(copy, minSize), elementShrinks(copy))
                .map(candidate -> list(candidate, minSize)));
  }

  private static <T> Stream<List<Shrinkable<T>>> removals(
      List<Shrinkable<T>> elements, int minSize) {
    int removable = elements.size() - minSize;
    if (removable <= 0) {
      return Stream.empty();
    }
    // the largest removals first: down to the minimum at once, then halves, quarters... single
    // elements
    return Stream.iterate(removable, chunk -> chunk > 0, chunk -> chunk / 2)
        .flatMap(
            chunk ->
                IntStream.iterate(
                        0, start -> start + chunk <= elements.size(), start -> start + chunk)
                    .mapToObj(
                        start -> {
                          List<Shrinkable<T>> candidate = new ArrayList<>(elements.size() - chunk);
                          candidate.addAll(elements.subList(0, start));
                          candidate.addAll(elements.subList(start + chunk, elements.size()));
                          return candidate;
                        }));
  }

  private static <T> Stream<List<Shrinkable<T>>> elementShrinks(List<Shrinkable<T>> elements) {
    return IntStream.range(0, elements.size())
        .boxed()
        .flatMap(
            i ->
                elements
                    .get(i)
                    .shrinks()
                    .map(
                        shrunk -> {
                          List<Shrinkable<T>> candidate = new ArrayList<>(elements);
                          candidate.set(i, shrunk);
                          return candidate;
                        }));
  }

  @Override
  public String toString() {
    return "Shrinkable{value=" + value + "}";
  }
}
