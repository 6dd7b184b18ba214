package dev.parry.testkit.generate;

import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator built from a function to {@link Shrinkable} values, which the combinators of {@link
 * Gen} return so that what they build keeps shrinking.
 *
 * @param <T> the type of value generated
 */
final class ShrinkingGen<T> implements Gen<T> {

  private final Function<Random, Shrinkable<T>> sampler;

  private ShrinkingGen(Function<Random, Shrinkable<T>> sampler) {
    this.sampler = sampler;
  }

  static <T> Gen<T> of(Function<Random, Shrinkable<T>> sampler) {
    return new ShrinkingGen<>(Objects.requireNonNull(sampler, "sampler"));
  }

  @Override
  public T next(Random random) {
    return generate(random).value();
  }

  @Override
  public Shrinkable<T> generate(Random random) {
    return sampler.apply(random);
  }

  @Override
  public String toString() {
    return "Gen{shrinking}";
  }
}
