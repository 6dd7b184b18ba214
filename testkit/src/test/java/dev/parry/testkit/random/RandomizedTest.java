package dev.parry.testkit.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.testkit.generate.Gen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The randomized runner prints seeds, replays them and shrinks sequences")
class RandomizedTest {

  private static final Gen<Integer> INTS = random -> random.nextInt(1000);

  @Test
  @DisplayName("a failure names the case's seed, and that seed replays the same value first")
  void seedReplays() {
    List<Integer> values = new ArrayList<>();
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 99L)
                    .forAll(
                        INTS,
                        v -> {
                          values.add(v);
                          assertTrue(v < 990, "too big: " + v);
                        }));
    assertTrue(failure.getMessage().contains("seed " + failure.seed()), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("-Dparry.seed=" + failure.seed()), failure.getMessage());
    assertEquals(99L + failure.caseIndex(), failure.seed());
    int failing = values.get(values.size() - 1);
    List<Integer> replayed = new ArrayList<>();
    assertThrows(
        PropertyFailure.class,
        () ->
            Randomized.cases(1, failure.seed())
                .forAll(
                    INTS,
                    v -> {
                      replayed.add(v);
                      assertTrue(v < 990);
                    }));
    // the runner re-runs the property on the failing value while it shrinks; a lambda's value stays
    // as drawn
    assertEquals(List.of(failing), replayed.stream().distinct().toList());
  }

  @Test
  @DisplayName("a property that holds runs every case")
  void runsEveryCase() {
    int[] count = {0};
    Randomized.cases(500, 1L).forAll(INTS, v -> count[0]++);
    assertEquals(500, count[0]);
  }

  @Test
  @DisplayName("a failing sequence is shrunk to a 1-minimal one and printed step by step")
  void shrinksSequences() {
    Gen<List<Integer>> sequences = INTS.list(20, 60);
    // fails when the sequence holds two values above 900
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 5L)
                    .forAllSequences(
                        sequences,
                        steps ->
                            assertTrue(
                                steps.stream().filter(v -> v > 900).count() < 2,
                                "two big values")));
    assertEquals(2, failure.shrunk().size(), () -> "shrunk to " + failure.shrunk());
    assertTrue(failure.getMessage().contains("shrunk from"), failure.getMessage());
    assertTrue(failure.getMessage().contains("1. "), failure.getMessage());
  }

  @Test
  @DisplayName(
      "forAll shrinks a failing list to one of exactly 4 simplest elements, and prints it with the seed")
  void shrinksAnyGeneratedValue() {
    Gen<List<Integer>> lists = Gen.integers(0, 1000).list(0, 30);
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 7L)
                    .forAll(lists, list -> assertTrue(list.size() <= 3, "too long")));
    assertEquals(List.of(0, 0, 0, 0), failure.shrunkValue());
    assertEquals(List.of(0, 0, 0, 0), failure.shrunk());
    assertTrue(failure.getMessage().contains("seed " + failure.seed()), failure.getMessage());
    assertTrue(failure.getMessage().contains("shrunk to: [0, 0, 0, 0]"), failure.getMessage());
    assertTrue(failure.getMessage().contains("too long"), failure.getMessage());
  }

  @Test
  @DisplayName("the shrunk value is 1-minimal: each of its own shrinks passes")
  void shrunkValueIsOneMinimal() {
    Gen<String> words = Gen.strings(0, 20, "abcz");
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 11L)
                    .forAll(words, w -> assertTrue(w.indexOf('z') < 0, "holds a z")));
    assertEquals("z", failure.shrunkValue());
    PropertyFailure number =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 11L)
                    .forAll(Gen.integers(0, 1_000_000), v -> assertTrue(v < 1234)));
    assertEquals(1234, number.shrunkValue());
    PropertyFailure pair =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(1000, 11L)
                    .forAll(
                        Gen.anyOf(java.time.DayOfWeek.class).list(1, 5),
                        days -> assertTrue(days.size() < 2)));
    assertEquals(
        List.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.MONDAY), pair.shrunkValue());
  }

  @Test
  @DisplayName("a value from a plain lambda generator is reported as generated")
  void lambdaValuesAreReportedAsGenerated() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () -> Randomized.cases(1000, 99L).forAll(INTS, v -> assertTrue(v < 990)));
    assertTrue((Integer) failure.shrunkValue() >= 990);
    assertTrue(
        failure.getMessage().contains("value: " + failure.shrunkValue()), failure.getMessage());
  }

  @Test
  @DisplayName("shrinking keeps order and refuses a sequence that does not fail")
  void shrinkContract() {
    List<Integer> minimal =
        Shrink.sequence(List.of(5, 1, 7, 3, 9, 2), s -> s.contains(7) && s.contains(2));
    assertEquals(List.of(7, 2), minimal);
    assertThrows(IllegalArgumentException.class, () -> Shrink.sequence(List.of(1), s -> false));
  }

  @Test
  @DisplayName("a generator that throws is reported with its seed")
  void generatorFailure() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                Randomized.cases(10, 3L)
                    .forAll(
                        random -> {
                          throw new IllegalStateException("broken generator");
                        },
                        v -> {}));
    assertTrue(failure.getMessage().contains("seed 3"), failure.getMessage());
  }

  @Test
  @DisplayName("bad arguments are refused")
  void validation() {
    assertThrows(IllegalArgumentException.class, () -> Randomized.cases(0));
    assertThrows(IllegalArgumentException.class, () -> Randomized.cases(0, 1L));
    assertThrows(IllegalArgumentException.class, () -> INTS.list(3, 2));
    assertThrows(IllegalArgumentException.class, () -> Gen.oneOf(List.of()));
  }

  @Test
  @DisplayName(
      "a shrink that uses its whole budget says the value it reports may not be minimal; one that ends early does not")
  void shrinkBudgetIsStated() {
    // every smaller number fails, one step at a time: far more than the budget of tries
    Gen<Integer> slow =
        new Gen<>() {
          @Override
          public Integer next(java.util.Random random) {
            return 1_000_000;
          }

          @Override
          public dev.parry.testkit.generate.Shrinkable<Integer> generate(java.util.Random random) {
            return dev.parry.testkit.generate.Shrinkable.unfold(
                1_000_000, v -> v > 0 ? List.of(v - 1) : List.of());
          }
        };
    PropertyFailure stopped =
        assertThrows(
            PropertyFailure.class,
            () -> Randomized.cases(1, 5L).forAll(slow, v -> assertTrue(v <= 0)));
    assertTrue(
        stopped.getMessage().contains("shrinking stopped after " + Shrink.MAX_ATTEMPTS + " tries"),
        stopped.getMessage());
    assertEquals(1_000_000 - Shrink.MAX_ATTEMPTS, stopped.shrunkValue());
    PropertyFailure minimal =
        assertThrows(
            PropertyFailure.class,
            () -> Randomized.cases(1, 5L).forAll(slow, v -> assertTrue(v < 999_990)));
    assertEquals(999_990, minimal.shrunkValue());
    assertTrue(!minimal.getMessage().contains("shrinking stopped"), minimal.getMessage());
  }
}
