package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.InvestigationStatus;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Generators compose, stay reproducible from a seed, and carry how their values shrink")
class GenTest {

  private static final long SEED = 20260301L;

  private static <T> List<T> draw(Gen<T> gen, int count) {
    Random random = new Random(SEED);
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(gen.next(random));
    }
    return out;
  }

  private static <T> List<T> shrinksOf(Shrinkable<T> value) {
    return value.shrinks().map(Shrinkable::value).collect(Collectors.toList());
  }

  @Test
  @DisplayName("the same seed gives the same values, through next and through generate")
  void reproducible() {
    Gen<List<String>> gen = Gen.strings(0, 8, "abc").list(0, 5);
    assertEquals(draw(gen, 50), draw(gen, 50));
    Random a = new Random(SEED);
    Random b = new Random(SEED);
    for (int i = 0; i < 50; i++) {
      assertEquals(gen.next(a), gen.generate(b).value());
    }
  }

  @Test
  @DisplayName("integers stay in range and shrink toward zero, or the bound nearest it")
  void integers() {
    for (int v : draw(Gen.integers(-5, 5), 1000)) {
      assertTrue(v >= -5 && v <= 5, "out of range: " + v);
    }
    Shrinkable<Integer> big = Gen.integers(0, 100).filter(v -> v >= 40).generate(new Random(SEED));
    assertTrue(
        shrinksOf(big).stream().allMatch(v -> v >= 40 && v < big.value()),
        "shrinks " + shrinksOf(big));
    Random random = new Random(SEED);
    for (int i = 0; i < 100; i++) {
      Shrinkable<Integer> negative = Gen.integers(-100, -1).generate(random);
      if (negative.value() < -1) {
        assertEquals(-1, shrinksOf(negative).get(0), "toward the bound nearest zero");
      }
    }
    Shrinkable<Integer> value = Gen.integers(10, 100).generate(new Random(SEED));
    List<Integer> candidates = shrinksOf(value);
    if (value.value() > 10) {
      assertEquals(10, candidates.get(0), "the first candidate is the simplest value");
      assertEquals(
          value.value() - 1, candidates.get(candidates.size() - 1), "the last is one step closer");
    }
    assertThrows(IllegalArgumentException.class, () -> Gen.integers(3, 2));
  }

  @Test
  @DisplayName("map and flatMap keep values shrinking")
  void mapAndFlatMapShrink() {
    Gen<String> words = Gen.integers(0, 20).map(n -> "x".repeat(n));
    Shrinkable<String> word = words.filter(w -> w.length() > 3).generate(new Random(SEED));
    assertTrue(
        shrinksOf(word).stream()
            .allMatch(w -> w.length() > 3 && w.length() < word.value().length()));

    Gen<List<Integer>> sized = Gen.integers(1, 6).flatMap(n -> Gen.integers(0, 9).list(n, n));
    Random random = new Random(SEED);
    for (int i = 0; i < 100; i++) {
      Shrinkable<List<Integer>> list = sized.generate(random);
      for (List<Integer> shrunk : shrinksOf(list)) {
        assertTrue(
            !shrunk.isEmpty() && shrunk.size() <= list.value().size(), "shrunk to " + shrunk);
      }
    }
  }

  @Test
  @DisplayName("filter retries a bounded number of times, then names the retries")
  void filterGivesUp() {
    Gen<Integer> never = Gen.integers(0, 9).filter(v -> v > 100);
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> never.next(new Random(SEED)));
    assertTrue(error.getMessage().contains(Gen.FILTER_ATTEMPTS + " "), error.getMessage());
    assertTrue(error.getMessage().contains("filter"), error.getMessage());
    IllegalStateException bounded =
        assertThrows(
            IllegalStateException.class,
            () -> Gen.integers(0, 9).filter(v -> v > 100, 7).next(new Random(SEED)));
    assertTrue(bounded.getMessage().contains("7 "), bounded.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Gen.integers(0, 9).filter(v -> true, 0));
    for (int v : draw(Gen.integers(0, 9).filter(v -> v % 2 == 0), 200)) {
      assertEquals(0, v % 2);
    }
  }

  @Test
  @DisplayName("oneOf picks among generators and shrinks toward the first")
  void oneOfGenerators() {
    Gen<String> gen =
        Gen.oneOf(Gen.constant("first"), Gen.constant("second"), Gen.constant("third"));
    assertEquals(Set.of("first", "second", "third"), new HashSet<>(draw(gen, 300)));
    Random random = new Random(SEED);
    for (int i = 0; i < 50; i++) {
      Shrinkable<String> value = gen.generate(random);
      if (!value.value().equals("first")) {
        assertEquals("first", shrinksOf(value).get(0));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Gen.<String>oneOf());
  }

  @Test
  @DisplayName("enum constants and listed values shrink toward the first")
  void enumsShrinkToFirst() {
    Random random = new Random(SEED);
    for (int i = 0; i < 50; i++) {
      Shrinkable<DayOfWeek> day = Gen.anyOf(DayOfWeek.class).generate(random);
      if (day.value() != DayOfWeek.MONDAY) {
        assertEquals(DayOfWeek.MONDAY, shrinksOf(day).get(0));
      }
      Shrinkable<String> listed = Gen.oneOf(List.of("a", "b", "c")).generate(random);
      if (!listed.value().equals("a")) {
        assertEquals("a", shrinksOf(listed).get(0));
      }
    }
    assertEquals(
        EnumSet.allOf(InvestigationStatus.class),
        EnumSet.copyOf(draw(Gen.anyOf(InvestigationStatus.class), 500)));
  }

  @Test
  @DisplayName("frequency follows its weights with a fixed seed")
  void frequencyFollowsWeights() {
    Gen<String> gen =
        Gen.frequency(
            Gen.weighted(1, Gen.constant("rare")),
            Gen.weighted(3, Gen.constant("common")),
            Gen.weighted(0, Gen.constant("never")));
    List<String> values = draw(gen, 20_000);
    long rare = values.stream().filter("rare"::equals).count();
    long common = values.stream().filter("common"::equals).count();
    assertEquals(0, values.stream().filter("never"::equals).count());
    assertEquals(20_000, rare + common);
    assertTrue(
        Math.abs(rare - 5_000) < 300,
        "rare drawn " + rare + " times of 20000, expected about 5000");
    assertThrows(IllegalArgumentException.class, () -> Gen.weighted(-1, Gen.constant("x")));
    assertThrows(
        IllegalArgumentException.class, () -> Gen.frequency(Gen.weighted(0, Gen.constant("x"))));
  }

  @Test
  @DisplayName("lists and sets honour their size ranges and shrink to shorter ones")
  void collections() {
    for (List<Integer> list : draw(Gen.integers(0, 3).list(2, 6), 500)) {
      assertTrue(list.size() >= 2 && list.size() <= 6, "size " + list.size());
    }
    for (Set<Integer> set : draw(Gen.integers(0, 100).set(3, 8), 500)) {
      assertTrue(set.size() >= 3 && set.size() <= 8, "size " + set.size());
    }
    Shrinkable<Set<Integer>> set = Gen.integers(0, 100).set(3, 8).generate(new Random(SEED));
    for (Set<Integer> shrunk : shrinksOf(set)) {
      assertTrue(shrunk.size() >= 3, "below the minimum: " + shrunk);
    }
    Shrinkable<List<Integer>> list = Gen.integers(0, 3).list(2, 6).generate(new Random(SEED));
    assertTrue(shrinksOf(list).stream().allMatch(l -> l.size() >= 2));
    IllegalStateException tooFew =
        assertThrows(
            IllegalStateException.class, () -> Gen.integers(0, 2).set(5, 5).next(new Random(SEED)));
    assertTrue(tooFew.getMessage().contains("distinct"), tooFew.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Gen.integers(0, 2).set(2, 1));
  }

  @Test
  @DisplayName("strings draw from their alphabet and shrink shorter and toward its first character")
  void strings() {
    for (String s : draw(Gen.strings(1, 12, "xyz"), 500)) {
      assertTrue(
          s.length() >= 1 && s.length() <= 12 && s.chars().allMatch(c -> "xyz".indexOf(c) >= 0), s);
    }
    Shrinkable<String> s =
        Gen.strings(4, 12, "xyz").filter(v -> v.indexOf('z') >= 0).generate(new Random(SEED));
    assertTrue(shrinksOf(s).stream().allMatch(v -> v.length() >= 4));
    assertThrows(IllegalArgumentException.class, () -> Gen.strings(0, 3, ""));
  }

  @Test
  @DisplayName("a lambda generator keeps working, and shrinkWith gives it a way to shrink")
  void lambdas() {
    Gen<Integer> plain = random -> random.nextInt(50);
    assertEquals(List.of(), shrinksOf(plain.generate(new Random(SEED))));
    Gen<Integer> halving = plain.shrinkWith(v -> v == 0 ? List.of() : List.of(v / 2));
    Shrinkable<Integer> value = halving.filter(v -> v > 0).generate(new Random(SEED));
    assertEquals(
        List.of(value.value() / 2).stream().filter(v -> v > 0).collect(Collectors.toList()),
        shrinksOf(value));
  }

  @Test
  @DisplayName("a failing Windows path shrinks to one with no folder it could lose")
  void pathsShrink() {
    Gen<String> drivePaths =
        DomainGenerators.filePaths()
            .filter(p -> p.value().charAt(1) == ':')
            .map(p -> p.value().replace('/', '\\'));
    dev.parry.testkit.random.PropertyFailure failure =
        assertThrows(
            dev.parry.testkit.random.PropertyFailure.class,
            () ->
                dev.parry.testkit.random.Randomized.cases(1000, SEED)
                    .forAll(
                        drivePaths,
                        p ->
                            assertTrue(
                                p.chars().filter(c -> c == '\\').count() < 3,
                                "three separators: " + p)));
    String shrunk = (String) failure.shrunkValue();
    assertEquals(3, shrunk.chars().filter(c -> c == '\\').count(), shrunk);
  }
}
