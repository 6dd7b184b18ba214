package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import dev.parry.spi.safety.ControlStore.Window;
import dev.parry.spi.safety.InMemoryControlStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory control store counts a window's uses by its scope and length")
class ControlWindowsTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  @DisplayName("two windows with one scope and length are refused, in a short list and a long one")
  void repeatedWindowRefused() {
    InMemoryControlStore store = InMemoryControlStore.create();
    for (int size : new int[] {2, 5, 9, 40}) {
      List<Window> windows = new ArrayList<>();
      for (int i = 0; i < size - 1; i++) {
        windows.add(new Window("KIND:" + i, Duration.ofMinutes(1), 3));
      }
      windows.add(new Window("KIND:" + (size - 1) / 2, Duration.ofMinutes(1), 7));
      InvalidInputException refused =
          assertThrows(InvalidInputException.class, () -> store.admit(windows, T0, true));
      assertTrue(
          refused.getMessage().contains("KIND:" + (size - 1) / 2 + "/PT1M"), refused.getMessage());
      List<Window> distinct = windows.subList(0, size - 1);
      assertTrue(store.admit(distinct, T0, false), "windows of " + size);
    }
    assertTrue(
        store.admit(
            List.of(
                new Window("KIND:X", Duration.ofMinutes(1), 3),
                new Window("KIND:X", Duration.ofMinutes(2), 3)),
            T0,
            false),
        "one scope over two lengths is two windows");
  }

  @Test
  @DisplayName(
      "admissions of several near the last instant a clock can read are answered, and one counted"
          + " before now is refused naming the value, counting nothing")
  void admissionsAtTheEndOfTime() {
    InMemoryControlStore store = InMemoryControlStore.create();
    List<Window> windows = List.of(new Window("KIND:END", Duration.ofMinutes(1), 10));
    assertEquals(3, store.admitUpTo(windows, Instant.MAX, 3, Instant.MAX), "counted at now");
    assertEquals(
        2,
        store.admitUpTo(windows, Instant.MAX.minusSeconds(30), 2, Instant.MAX),
        "counted 30 s ahead, within the minute allowed");
    InvalidInputException refused =
        assertThrows(
            InvalidInputException.class,
            () ->
                store.admitUpTo(
                    windows, Instant.MAX.minusSeconds(30), 1, Instant.MAX.minusSeconds(31)));
    assertTrue(
        refused.getMessage().contains(Instant.MAX.minusSeconds(31).toString()),
        refused.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> store.admitUpTo(windows, Instant.MAX, 1, null),
        "no time to count at");
    assertThrows(
        InvalidInputException.class,
        () -> store.admitUpTo(windows, null, 1, Instant.MAX),
        "no time now");
    assertEquals(5, store.admitUpTo(windows, Instant.MAX, 1_000, Instant.MAX), "nothing counted");
  }

  @Test
  @DisplayName("windows of one scope and length share their count, whatever their maximum")
  void oneCountPerScopeAndLength() {
    InMemoryControlStore store = InMemoryControlStore.create();
    Window wide = new Window("KIND:ISOLATE_DEVICE", Duration.ofMinutes(10), 2);
    Window same = new Window("KIND:ISOLATE_DEVICE", Duration.ofMinutes(10), 5);
    assertTrue(store.admit(List.of(wide), T0, true));
    assertTrue(store.admit(List.of(wide), T0, true));
    assertFalse(store.admit(List.of(wide), T0, true), "the third use in the window");
    assertTrue(store.admit(List.of(same), T0, true), "two counted, five allowed");
    assertTrue(store.admit(List.of(same), T0.plusSeconds(1), true));
    assertTrue(store.admit(List.of(same), T0.plusSeconds(2), true));
    assertFalse(store.admit(List.of(same), T0.plusSeconds(3), true), "the sixth use");
    assertTrue(
        store.admit(List.of(wide), T0.plus(Duration.ofMinutes(11)), true), "the window moved on");
    assertEquals(List.of(), store.changes(0, 10));
  }
}
