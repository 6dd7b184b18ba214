package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.random.PropertyFailure;
import dev.parry.testkit.random.Randomized;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generator sample of README's "Testing your integration", as written there. */
@DisplayName("README's generator sample compiles and runs as written")
class ReadmeGeneratorsExampleTest {

  record Upload(DeviceId device, List<Evidence> evidence) {}

  private static void sample() {
    // README sample start
    Gen<Upload> uploads =
        DomainGenerators.deviceIds()
            .flatMap(
                device ->
                    DomainGenerators.evidence()
                        .list(1, 10)
                        .map(evidence -> new Upload(device, evidence)));
    Gen<Evidence> mostlyThreats =
        Gen.frequency(
            Gen.weighted(
                3,
                DomainGenerators.evidence().filter(e -> e.verdict() != Verdict.NO_THREATS_FOUND)),
            Gen.weighted(1, DomainGenerators.evidence()));
    Gen<Set<String>> tags = Gen.strings(1, 8, "abcdef").set(0, 4);

    Randomized.cases(1_000).forAll(uploads, upload -> assertFalse(upload.evidence().isEmpty()));
    Randomized.cases(1_000)
        .forAll(mostlyThreats, evidence -> assertFalse(evidence.detail().contains("\n")));
    Randomized.cases(1_000).forAll(tags, set -> assertTrue(set.size() <= 4));

    // fails, and reports the seed and a shortest list: 4 numbers, each 0
    Randomized.cases(1_000)
        .forAll(Gen.integers(0, 99).list(0, 20), list -> assertTrue(list.size() <= 3));
    // README sample end
  }

  @Test
  @DisplayName("the sample's properties run, and the failing one reports the seed and [0, 0, 0, 0]")
  void failingPropertyOfTheSample() {
    PropertyFailure failure =
        assertThrows(PropertyFailure.class, ReadmeGeneratorsExampleTest::sample);
    assertTrue(failure.getMessage().contains("seed " + failure.seed()), failure.getMessage());
    assertEquals(List.of(0, 0, 0, 0), failure.shrunkValue());
    assertTrue(failure.getMessage().contains("shrunk to: [0, 0, 0, 0]"), failure.getMessage());
  }
}
