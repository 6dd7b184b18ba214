package dev.parry.testkit.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The faulty store's control store answers admissions of several through its faults")
class FaultyStoreControlsTest {

  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final ControlStore.Window WINDOW =
      new ControlStore.Window("KIND:ISOLATE_DEVICE/faulty", Duration.ofMinutes(1), 100);

  @Test
  @DisplayName(
      "an admission of several is answered by the control store behind it, not one at a time")
  void admitsSeveralThroughTheDelegate() {
    InMemoryInvestigationStore behind = InMemoryInvestigationStore.create();
    FaultyStore store = FaultyStore.wrapping(behind, 1);
    ControlStore controls = store.controls().orElseThrow();
    assertEquals(40, controls.admitUpTo(List.of(WINDOW), T0, 40, T0.plusSeconds(1)));
    assertEquals(
        60,
        behind.controls().orElseThrow().admitUpTo(List.of(WINDOW), T0, 1_000, T0),
        "the store behind counted the 40");
  }

  @Test
  @DisplayName(
      "a planned admission fault fails an admission of several; landing first, its uses are"
          + " counted and its answer lost")
  void admissionsOfSeveralFailAsPlanned() {
    InMemoryInvestigationStore behind = InMemoryInvestigationStore.create();
    FaultyStore store = FaultyStore.wrapping(behind, 1);
    ControlStore controls = store.controls().orElseThrow();
    store.failNext(FaultyStore.Call.CONTROL_ADMIT, 1, false);
    assertThrows(
        StoreUnavailableException.class,
        () -> controls.admitUpTo(List.of(WINDOW), T0, 30, T0.plusSeconds(1)));
    store.failNext(FaultyStore.Call.CONTROL_ADMIT, 1, true);
    assertThrows(
        StoreUnavailableException.class,
        () -> controls.admitUpTo(List.of(WINDOW), T0, 30, T0.plusSeconds(1)));
    assertEquals(
        70,
        behind.controls().orElseThrow().admitUpTo(List.of(WINDOW), T0, 1_000, T0),
        "only the fault that landed first counted its 30");
  }
}
