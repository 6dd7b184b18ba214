package dev.parry.spi.internal;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A table of stored types: what {@link RecordJson} and the audit chain's canonical form read every
 * stored name from. {@link StoredFormat#TYPES} is the one Parry stores with; tests build others.
 *
 * <p>The table is checked whole when built: each type is listed once, under a name (and a hash
 * name) no other type has, and lists every component (or constant) it has, and nothing else.
 *
 * <pre>{@code
 * StoredTypes table = StoredTypes.of(
 *     StoredType.record(Note.class, "Note", "text", "count"),
 *     StoredType.constants(Colour.class, "Colour", "RED", "GREEN"));
 * StoredType note = table.forType(Note.class);
 * }</pre>
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class StoredTypes {

  private final Map<Class<?>, StoredType> byType;
  private final Map<String, StoredType> byName;

  private StoredTypes(Map<Class<?>, StoredType> byType, Map<String, StoredType> byName) {
    this.byType = byType;
    this.byName = byName;
  }

  /**
   * {@return the table of {@code types}}
   *
   * @param types the stored types
   * @throws IllegalArgumentException if a type is listed twice, two types share a stored name or a
   *     hash name, a record component or enum constant has no stored name, or a stored name names a
   *     component or constant the type does not have
   */
  public static StoredTypes of(StoredType... types) {
    Map<Class<?>, StoredType> byType = new LinkedHashMap<>();
    Map<String, StoredType> byName = new HashMap<>();
    Map<String, StoredType> byHashName = new HashMap<>();
    for (StoredType type : types) {
      check(type);
      StoredType other = byType.putIfAbsent(type.type(), type);
      if (other != null) {
        throw new IllegalArgumentException(
            type.type().getName()
                + " is listed twice: as "
                + other.name()
                + " and as "
                + type.name());
      }
      other = byName.putIfAbsent(type.name(), type);
      if (other != null) {
        throw new IllegalArgumentException(
            "two types are stored as "
                + type.name()
                + ": "
                + other.type().getName()
                + ", "
                + type.type().getName());
      }
      other = byHashName.putIfAbsent(type.hashName(), type);
      if (other != null) {
        throw new IllegalArgumentException(
            "two types hash as " + type.hashName() + ": " + other.name() + ", " + type.name());
      }
    }
    return new StoredTypes(byType, byName);
  }

  private static void check(StoredType type) {
    Class<?> java = type.type();
    Set<String> names;
    Collection<String> listed;
    String what;
    if (java.isEnum()) {
      names =
          Arrays.stream(java.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name())
              .collect(Collectors.toCollection(LinkedHashSet::new));
      listed = type.constants().values();
      what = "constant";
    } else {
      names =
          Arrays.stream(java.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      listed = type.members().stream().map(StoredMember::component).toList();
      what = "component";
    }
    Set<String> unlisted = new LinkedHashSet<>(names);
    unlisted.removeAll(listed);
    if (!unlisted.isEmpty()) {
      throw new IllegalArgumentException(
          type.name()
              + " ("
              + java.getName()
              + "): no stored name for the "
              + what
              + (unlisted.size() > 1 ? "s " : " ")
              + String.join(", ", unlisted)
              + ": list the stored name of each, or"
              + " map a renamed "
              + what
              + " to the name it is stored under with renamed(storedName, javaName)");
    }
    Set<String> unknown = new HashSet<>(listed);
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          type.name()
              + " ("
              + java.getName()
              + ") has no "
              + what
              + " named "
              + String.join(", ", unknown));
    }
  }

  /**
   * {@return how {@code type} is stored}
   *
   * @param type a record or enum class
   * @throws IllegalArgumentException if the table does not list it
   */
  public StoredType forType(Class<?> type) {
    StoredType stored = byType.get(type);
    if (stored == null) {
      throw new IllegalArgumentException(
          "no stored name for "
              + type.getName()
              + ": every type Parry stores is"
              + " listed, with the name it is stored under, in the stored format table (StoredFormat)");
    }
    return stored;
  }

  /** {@return the type stored as {@code name}}, or null if there is none */
  public @Nullable StoredType named(String name) {
    return byName.get(name);
  }

  /** {@return every type of the table, in the order listed} */
  public Collection<StoredType> all() {
    return Collections.unmodifiableCollection(byType.values());
  }

  @Override
  public String toString() {
    return "StoredTypes{types=" + byType.size() + "}";
  }
}
