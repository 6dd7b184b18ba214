package dev.parry.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The action catalogue covers core/DOMAIN.md D23 to D26 and its undo pairs are total")
class ActionCatalogueTest {

  private static final List<RemediationAction> ALL = Fixtures.oneActionOfEachKind();

  @Test
  @DisplayName("every kind has exactly one record, whose kind() is that kind")
  void oneRecordPerKind() {
    assertEquals(ActionKind.values().length, ALL.size());
    for (int i = 0; i < ALL.size(); i++) {
      RemediationAction action = ALL.get(i);
      assertEquals(ActionKind.values()[i], action.kind());
      assertEquals(action.kind().recordType(), action.getClass());
    }
    assertEquals(ALL.size(), ALL.stream().map(Object::getClass).distinct().count());
  }

  @Test
  @DisplayName("the catalogue holds every action core/DOMAIN.md D23 to D25 lists")
  void domainCatalogue() {
    Set<String> expected =
        Set.of(
            "ISOLATE_DEVICE",
            "RELEASE_FROM_ISOLATION",
            "CONTAIN_DEVICE",
            "RELEASE_FROM_CONTAINMENT",
            "RESTRICT_CODE_EXECUTION",
            "REMOVE_CODE_RESTRICTION",
            "RUN_ANTIVIRUS_SCAN",
            "COLLECT_INVESTIGATION_PACKAGE",
            "OFFBOARD_DEVICE",
            "STOP_AND_QUARANTINE_FILE",
            "QUARANTINE_FILE",
            "RESTORE_FILE",
            "REQUEST_SAMPLE",
            "KILL_PROCESS",
            "STOP_SERVICE",
            "START_SERVICE",
            "DISABLE_DRIVER",
            "ENABLE_DRIVER",
            "REMOVE_REGISTRY_KEY",
            "RESTORE_REGISTRY_KEY",
            "REMOVE_REGISTRY_VALUE",
            "RESTORE_REGISTRY_VALUE",
            "REMOVE_SCHEDULED_TASK",
            "RESTORE_SCHEDULED_TASK",
            "SOFT_DELETE_EMAIL",
            "HARD_DELETE_EMAIL",
            "MOVE_EMAIL",
            "QUARANTINE_EMAIL",
            "RELEASE_EMAIL_FROM_QUARANTINE",
            "QUARANTINE_ATTACHMENT",
            "RELEASE_ATTACHMENT",
            "BLOCK_URL",
            "UNBLOCK_URL",
            "TURN_OFF_EXTERNAL_FORWARDING",
            "REMOVE_DELEGATION",
            "DISABLE_USER",
            "ENABLE_USER",
            "RESET_PASSWORD",
            "REVOKE_SESSIONS",
            "MARK_USER_COMPROMISED",
            "CONTAIN_USER",
            "RELEASE_USER_CONTAINMENT",
            "SUSPEND_USER_IN_PROVIDER");
    assertEquals(
        expected, Arrays.stream(ActionKind.values()).map(Enum::name).collect(Collectors.toSet()));
  }

  @Test
  @DisplayName("each action's family matches its sealed sub-interface and its target's family")
  void families() {
    for (RemediationAction action : ALL) {
      EntityFamily family = action.kind().family();
      assertEquals(family, action.target().family(), action.kind().name());
      switch (family) {
        case DEVICE -> assertInstanceOf(DeviceAction.class, action);
        case EMAIL -> assertInstanceOf(EmailAction.class, action);
        case IDENTITY -> assertInstanceOf(IdentityAction.class, action);
      }
    }
  }

  @Test
  @DisplayName("reversible kinds implement ReversibleAction, and only they do")
  void reversibilityMatchesType() {
    for (RemediationAction action : ALL) {
      assertEquals(
          action.kind().isReversible(), action instanceof ReversibleAction, action.kind().name());
    }
  }

  @Test
  @DisplayName("every inverse exists, has the declared kind and targets the same entity")
  void undoPairsAreTotal() {
    for (RemediationAction action : ALL) {
      if (action instanceof ReversibleAction reversible) {
        RemediationAction inverse = reversible.inverse();
        assertEquals(action.kind().inverse().orElseThrow(), inverse.kind(), action.kind().name());
        assertEquals(action.target(), inverse.target(), action.kind().name());
        if (inverse.kind()
            != ActionKind.MOVE_EMAIL) { // a soft delete is undone by a move back to the inbox
          assertEquals(ImpactClass.RESTORATIVE, inverse.kind().impact(), action.kind().name());
        }
        assertFalse(
            inverse.kind().isReversible(), "undoing an undo is a new action: " + inverse.kind());
      } else {
        assertTrue(action.kind().inverse().isEmpty(), action.kind().name());
      }
    }
  }

  @Test
  @DisplayName(
      "the History's undoable actions are exactly the reversible non-email kinds, and kill process is not")
  void undoableFromHistory() {
    Set<ActionKind> expected =
        EnumSet.of(
            ActionKind.ISOLATE_DEVICE,
            ActionKind.CONTAIN_DEVICE,
            ActionKind.CONTAIN_USER,
            ActionKind.RESTRICT_CODE_EXECUTION,
            ActionKind.QUARANTINE_FILE,
            ActionKind.STOP_AND_QUARANTINE_FILE,
            ActionKind.REMOVE_REGISTRY_KEY,
            ActionKind.REMOVE_REGISTRY_VALUE,
            ActionKind.STOP_SERVICE,
            ActionKind.DISABLE_DRIVER,
            ActionKind.REMOVE_SCHEDULED_TASK,
            ActionKind.DISABLE_USER);
    Set<ActionKind> reversible = EnumSet.noneOf(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      if (kind.isReversible() && kind.family() != EntityFamily.EMAIL) {
        reversible.add(kind);
      }
    }
    assertEquals(expected, reversible);
    assertFalse(ActionKind.KILL_PROCESS.isReversible());
    assertFalse(ActionKind.RESET_PASSWORD.isReversible());
    assertFalse(ActionKind.HARD_DELETE_EMAIL.isReversible());
    assertTrue(ActionKind.SOFT_DELETE_EMAIL.isReversible());
  }

  @Test
  @DisplayName(
      "counterparts, offboarding and hard delete never run automatically; other email kinds may, if email automation allows")
  void neverAutomatic() {
    for (ActionKind kind : ActionKind.values()) {
      boolean never =
          kind.impact() == ImpactClass.RESTORATIVE
              || kind == ActionKind.OFFBOARD_DEVICE
              || kind == ActionKind.HARD_DELETE_EMAIL;
      assertEquals(!never, kind.mayRunAutomatically(), kind.name());
    }
  }

  @Test
  @DisplayName("impact classes of representative kinds")
  void impacts() {
    assertEquals(ImpactClass.CONTAINMENT, ActionKind.ISOLATE_DEVICE.impact());
    assertEquals(ImpactClass.DESTRUCTIVE, ActionKind.KILL_PROCESS.impact());
    assertEquals(ImpactClass.DESTRUCTIVE, ActionKind.HARD_DELETE_EMAIL.impact());
    assertEquals(ImpactClass.COLLECTION, ActionKind.COLLECT_INVESTIGATION_PACKAGE.impact());
    assertEquals(ImpactClass.INFORMATIONAL, ActionKind.RUN_ANTIVIRUS_SCAN.impact());
  }

  @Test
  @DisplayName("the soft-delete undo is a move back to the inbox")
  void softDeleteUndo() {
    SoftDeleteEmail delete = new SoftDeleteEmail(Fixtures.MESSAGE, true);
    assertEquals(new MoveEmail(Fixtures.MESSAGE, MailFolder.INBOX), delete.inverse());
  }

  @Test
  @DisplayName("the action key ignores parameters but not kind or target")
  void keys() {
    assertEquals(
        new IsolateDevice(Fixtures.DEVICE, IsolationType.FULL).key(),
        new IsolateDevice(Fixtures.DEVICE, IsolationType.SELECTIVE).key());
    assertFalse(
        new IsolateDevice(Fixtures.DEVICE, IsolationType.FULL)
            .key()
            .equals(new ContainDevice(Fixtures.DEVICE).key()));
  }

  @Test
  @DisplayName("actions refuse a null target")
  void nullTarget() {
    assertThrows(InvalidInputException.class, () -> new IsolateDevice(null, IsolationType.FULL));
    assertThrows(InvalidInputException.class, () -> new DisableUser(null));
  }
}
