package dev.parry.testkit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator: a function from a {@link Random} to a value. Generators are pure functions of the
 * random source, so a seed reproduces the value.
 *
 * <pre>{@code
 * Gen<DeviceId> ids = DomainGenerators.deviceIds();
 * DeviceId id = ids.next(new Random(42));
 * }</pre>
 *
 * @param <T> the type of value generated
 */
@FunctionalInterface
public interface Gen<T> {

  /**
   * {@return the next value, drawn from {@code random}}
   *
   * @param random the source of randomness
   */
  T next(Random random);

  /**
   * {@return a generator of this generator's values transformed by {@code mapper}}
   *
   * @param mapper the transformation
   * @param <R> the result type
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return random -> mapper.apply(next(random));
  }

  /**
   * {@return a generator of lists of {@code min}..{@code max} values}
   *
   * @param min the smallest size, 0 or more
   * @param max the largest size, at least {@code min}
   * @throws IllegalArgumentException if the bounds are negative or reversed
   */
  default Gen<List<T>> list(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("list size bounds must satisfy 0 <= min <= max, were: " + min + ", " + max);
    }
    return random -> {
      int size = min + random.nextInt(max - min + 1);
      List<T> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(next(random));
      }
      return out;
    };
  }

  /**
   * {@return a generator that picks one of {@code values} uniformly}
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
    return random -> copy.get(random.nextInt(copy.size()));
  }

  /**
   * {@return a generator that picks one constant of {@code type} uniformly}
   *
   * @param type the enum class
   * @param <E> the enum type
   */
  static <E extends Enum<E>> Gen<E> anyOf(Class<E> type) {
    return oneOf(List.of(type.getEnumConstants()));
  }
}
