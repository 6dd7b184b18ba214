package dev.parry.spi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The stored format table names every stored type, component and constant, and nothing else")
class StoredFormatTest {

  /**
   * {@return every record and enum reachable from {@code roots}, as the stored JSON codec walks
   * them}
   */
  static Set<Class<?>> reachable(Class<?>... roots) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> root : roots) {
      visit(root, seen);
    }
    seen.removeIf(Class::isInterface);
    return seen;
  }

  private static void visit(Class<?> type, Set<Class<?>> seen) {
    if (type.isPrimitive()
        || type == String.class
        || type == Instant.class
        || type == Duration.class) {
      return;
    }
    Class<?> named =
        type.getSuperclass() != null && type.getSuperclass().isEnum() ? type.getSuperclass() : type;
    if (!seen.add(named)) {
      return;
    }
    if (named.isInterface()) {
      for (Class<?> permitted : Objects.requireNonNull(named.getPermittedSubclasses())) {
        visit(permitted, seen);
      }
    } else if (named.isRecord()) {
      for (RecordComponent component : named.getRecordComponents()) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized) {
          for (Type argument : parameterized.getActualTypeArguments()) {
            visit((Class<?>) argument, seen);
          }
        } else {
          visit(component.getType(), seen);
        }
      }
    }
  }

  @Test
  @DisplayName(
      "every record and enum reachable from a stored investigation or event is in the table, and every"
          + " entry is one of them")
  void tableListsExactlyTheStoredTypes() {
    Set<String> stored =
        reachable(Investigation.class, InvestigationEvent.class).stream()
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed =
        StoredFormat.TYPES.all().stream()
            .map(type -> type.type().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unlisted = new TreeSet<>(stored);
    unlisted.removeAll(listed);
    assertEquals(
        Set.of(), unlisted, "stored types without a stored name: add them to StoredFormat");
    Set<String> unreachable = new TreeSet<>(listed);
    unreachable.removeAll(stored);
    assertEquals(Set.of(), unreachable, "entries of StoredFormat that nothing stores");
  }

  /** A record standing for a stored type in these tests. */
  record Note(String text, long count) {}

  /** A record holding another. */
  record Pinned(Note note, String by) {}

  @Test
  @DisplayName(
      "a reachable record without an entry is refused when the codec is built, naming the record")
  void reachableTypeWithoutEntry() {
    StoredTypes withoutNote =
        StoredTypes.of(StoredType.record(Pinned.class, "Pinned", "note", "by"));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> new RecordJson(withoutNote, Pinned.class));
    assertTrue(
        refused.getMessage().contains("no stored name for " + Note.class.getName()),
        refused.getMessage());
  }

  @Test
  @DisplayName(
      "a component without a stored name, or a stored name without a component, is refused when the table"
          + " is built, naming it")
  void componentWithoutEntry() {
    IllegalArgumentException unlisted =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoredTypes.of(StoredType.record(Note.class, "Note", "text")));
    assertTrue(
        unlisted.getMessage().contains("no stored name for the component count"),
        unlisted.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoredTypes.of(StoredType.record(Note.class, "Note", "text", "count", "colour")));
    assertTrue(unknown.getMessage().contains("no component named colour"), unknown.getMessage());
    IllegalArgumentException constant =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoredTypes.of(StoredType.constants(Thread.State.class, "State", "NEW")));
    assertTrue(
        constant.getMessage().contains("no stored name for the constants RUNNABLE"),
        constant.getMessage());
  }

  @Test
  @DisplayName(
      "two types under one stored name or one hash name, and a type listed twice, are refused")
  void namesAreUnique() {
    StoredType note = StoredType.record(Note.class, "Note", "text", "count");
    assertThrows(
        IllegalArgumentException.class,
        () -> StoredTypes.of(note, StoredType.record(Pinned.class, "Note", "note", "by")));
    IllegalArgumentException hash =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StoredTypes.of(note, StoredType.record(Pinned.class, "Board$Note", "note", "by")));
    assertTrue(hash.getMessage().contains("two types hash as Note"), hash.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StoredTypes.of(note, StoredType.record(Note.class, "Memo", "text", "count")));
    assertThrows(
        IllegalArgumentException.class,
        () -> StoredType.record(Note.class, "Note", "text", "text"));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoredType.record(Note.class, "@type", "text", "count"));
    assertTrue(bad.getMessage().contains("'@type'"), bad.getMessage());
  }
}
