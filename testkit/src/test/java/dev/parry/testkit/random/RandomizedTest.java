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
    PropertyFailure failure = assertThrows(PropertyFailure.class,
        () -> Randomized.cases(1000, 99L).forAll(INTS, v -> {
          values.add(v);
          assertTrue(v < 990, "too big: " + v);
        }));
    assertTrue(failure.getMessage().contains("seed " + failure.seed()), failure.getMessage());
    assertTrue(failure.getMessage().contains("-Dparry.seed=" + failure.seed()), failure.getMessage());
    assertEquals(99L + failure.caseIndex(), failure.seed());
    int failing = values.get(values.size() - 1);
    List<Integer> replayed = new ArrayList<>();
    assertThrows(PropertyFailure.class, () -> Randomized.cases(1, failure.seed()).forAll(INTS, v -> {
      replayed.add(v);
      assertTrue(v < 990);
    }));
    assertEquals(List.of(failing), replayed);
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
    PropertyFailure failure = assertThrows(PropertyFailure.class,
        () -> Randomized.cases(1000, 5L).forAllSequences(sequences,
            steps -> assertTrue(steps.stream().filter(v -> v > 900).count() < 2, "two big values")));
    assertEquals(2, failure.shrunk().size(), () -> "shrunk to " + failure.shrunk());
    assertTrue(failure.getMessage().contains("shrunk from"), failure.getMessage());
    assertTrue(failure.getMessage().contains("1. "), failure.getMessage());
  }

  @Test
  @DisplayName("shrinking keeps order and refuses a sequence that does not fail")
  void shrinkContract() {
    List<Integer> minimal = Shrink.sequence(List.of(5, 1, 7, 3, 9, 2), s -> s.contains(7) && s.contains(2));
    assertEquals(List.of(7, 2), minimal);
    assertThrows(IllegalArgumentException.class, () -> Shrink.sequence(List.of(1), s -> false));
  }

  @Test
  @DisplayName("a generator that throws is reported with its seed")
  void generatorFailure() {
    PropertyFailure failure = assertThrows(PropertyFailure.class,
        () -> Randomized.cases(10, 3L).forAll(random -> { throw new IllegalStateException("broken generator"); },
            v -> { }));
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
}
