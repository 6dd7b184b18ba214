package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.Pages;
import dev.parry.testkit.ParryHarness;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Testing your integration": {@code Pages.stream} walks every page once, and no page it
 * does not need.
 */
@DisplayName("Pages.stream walks every page of a query, lazily")
class PagesTest {

  @Test
  void everyActionOnceAndNoPageTooMany() {
    try (ParryHarness parry = ParryHarness.create()) {
      for (int i = 0; i < 25; i++) {
        parry
            .runtime()
            .takeAction(
                new IsolateDevice(
                    Device.of(DeviceId.of("d-page-" + i), DeviceName.of("ws-p" + i)),
                    IsolationType.FULL),
                ParryHarness.ANALYST,
                "page test",
                true);
      }
      AtomicInteger fetched = new AtomicInteger();
      Function<ActionQuery, Page<ActionRecord>> fetch =
          query -> {
            fetched.incrementAndGet();
            return parry.runtime().actions(query, ParryHarness.ANALYST);
          };
      ActionQuery first = ActionQuery.pending().limit(10).build();

      List<ActionId> all = Pages.stream(first, fetch).map(ActionRecord::id).toList();
      assertEquals(25, all.size());
      Set<ActionId> distinct = new HashSet<>(all);
      assertEquals(25, distinct.size(), "each action once");
      assertEquals(3, fetched.get(), "three pages of ten");

      fetched.set(0);
      Pages.stream(first, fetch).findFirst().orElseThrow();
      assertEquals(1, fetched.get(), "the first action needs the first page only");
    }
  }

  @Test
  @DisplayName(
      "a store that answers a page with the cursor it was asked for fails the stream instead of paging forever")
  void repeatedCursorFails() {
    Function<ActionQuery, Page<ActionRecord>> stuck = query -> new Page<>(List.of(), "same-cursor");
    ActionQuery first = ActionQuery.pending().limit(10).build();
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> Pages.stream(first, stuck).count());
    assertTrue(failure.getMessage().contains("same-cursor"), failure.getMessage());
  }

  @Test
  @DisplayName(
      "a store whose pages name two cursors in turn fails the stream instead of paging forever")
  void alternatingCursorsFail() {
    AtomicInteger fetched = new AtomicInteger();
    Function<ActionQuery, Page<ActionRecord>> cycling =
        query -> {
          if (fetched.incrementAndGet() > 100) {
            throw new AssertionError("still paging after 100 pages");
          }
          return new Page<>(List.of(), "cursor-b".equals(query.cursor()) ? "cursor-a" : "cursor-b");
        };
    ActionQuery first = ActionQuery.pending().limit(10).build();
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> Pages.stream(first, cycling).count());
    assertTrue(failure.getMessage().contains("cursor-"), failure.getMessage());
    assertEquals(3, fetched.get(), "it stops at the first page naming a cursor already read");
  }
}
