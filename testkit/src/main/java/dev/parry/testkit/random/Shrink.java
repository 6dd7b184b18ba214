package dev.parry.testkit.random;

import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.generate.Shrinkable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Shrinks a failing value to a simpler one that still fails. {@link #value} walks a {@link
 * Shrinkable} tree, as {@link Gen#generate} makes it; {@link #sequence} removes chunks of steps,
 * from half the sequence down to single steps, keeping every removal after which the sequence still
 * fails, until no single step can go. The result fails and is 1-minimal: removing any one of its
 * steps makes it pass.
 *
 * <pre>{@code
 * List<Integer> minimal = Shrink.value(Gen.integers(0, 99).list(0, 30).generate(random), list -> list.size() > 3);
 * List<Step> minimal = Shrink.sequence(failing, steps -> !propertyHolds(steps));
 * }</pre>
 */
public final class Shrink {

  /** The most re-runs one shrink may take: {@value}. */
  public static final int MAX_ATTEMPTS = 10_000;

  private Shrink() {}

  /**
   * {@return the simplest-found value below {@code failing} for which {@code fails} still holds}:
   * from the root, it moves to the first candidate that still fails, again and again, until no
   * candidate of the value reached fails. That value is 1-minimal (no single shrink of it fails)
   * unless {@value #MAX_ATTEMPTS} candidates were tried first.
   *
   * @param failing a value for which {@code fails} is true, with its candidates
   * @param fails whether a candidate value still fails; must not throw
   * @param <T> the value type
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code failing} does not fail
   */
  public static <T> T value(Shrinkable<T> failing, Predicate<? super T> fails) {
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(fails, "fails");
    if (!fails.test(failing.value())) {
      throw new IllegalArgumentException("the value to shrink must fail, was: " + failing.value());
    }
    Shrinkable<T> current = failing;
    int attempts = 0;
    boolean moved = true;
    while (moved && attempts < MAX_ATTEMPTS) {
      moved = false;
      Iterator<Shrinkable<T>> candidates = current.shrinks().iterator();
      while (candidates.hasNext() && attempts < MAX_ATTEMPTS) {
        Shrinkable<T> candidate = candidates.next();
        attempts++;
        if (fails.test(candidate.value())) {
          current = candidate;
          moved = true;
          break;
        }
      }
    }
    return current.value();
  }

  /**
   * {@return a shortest-found sub-sequence of {@code failing} for which {@code fails} still holds}
   *
   * @param failing a sequence for which {@code fails} is true
   * @param fails whether a candidate sequence still fails; must not throw
   * @param <S> the step type
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code failing} does not fail
   */
  public static <S> List<S> sequence(List<S> failing, Predicate<List<S>> fails) {
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(fails, "fails");
    if (!fails.test(failing)) {
      throw new IllegalArgumentException(
          "the sequence to shrink must fail, it has " + failing.size() + " steps");
    }
    List<S> current = new ArrayList<>(failing);
    int attempts = 0;
    int chunk = Math.max(1, current.size() / 2);
    while (chunk >= 1 && attempts < MAX_ATTEMPTS) {
      boolean removedAny = false;
      for (int start = 0; start + chunk <= current.size() && attempts < MAX_ATTEMPTS; ) {
        List<S> candidate = new ArrayList<>(current.size() - chunk);
        candidate.addAll(current.subList(0, start));
        candidate.addAll(current.subList(start + chunk, current.size()));
        attempts++;
        if (fails.test(candidate)) {
          current = candidate;
          removedAny = true;
        } else {
          start += chunk;
        }
      }
      if (!removedAny) {
        chunk /= 2;
      }
    }
    return List.copyOf(current);
  }
}
