package dev.parry.core.investigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Action statuses: settled, active, carried by a dispatcher")
class ActionStatusTest {

  @ParameterizedTest(name = "{0}: settled={1}, active={2}, dispatched={3}")
  @CsvSource({
    "PENDING_APPROVAL, false, true, false",
    "APPROVED, false, true, true",
    "IN_PROGRESS, false, true, true",
    "SUCCEEDED, true, false, false",
    "FAILED, true, false, false",
    "TIMED_OUT, true, false, false",
    "CANCELLED, true, false, false",
    "REJECTED, true, false, false",
    "EXPIRED, true, false, false",
    "UNDO_IN_PROGRESS, true, false, true",
    "UNDONE, true, false, false",
    "UNDO_FAILED, true, false, false"
  })
  void table(ActionStatus status, boolean settled, boolean active, boolean dispatched) {
    assertEquals(settled, status.isSettled());
    assertEquals(active, status.isActive());
    assertEquals(dispatched, status.isDispatched());
    assertEquals(dispatched, ActionStatus.dispatched().contains(status));
  }

  @Test
  @DisplayName("every status is in the table, and the dispatched set answered is a copy")
  void tableIsComplete() {
    assertEquals(12, ActionStatus.values().length, "a new status needs a row in the table above");
    Set<ActionStatus> copy = ActionStatus.dispatched();
    copy.add(ActionStatus.UNDONE);
    assertNotSame(copy, ActionStatus.dispatched());
    assertEquals(
        EnumSet.of(ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.UNDO_IN_PROGRESS),
        ActionStatus.dispatched(),
        "changing the answered set changed the definition");
  }
}
