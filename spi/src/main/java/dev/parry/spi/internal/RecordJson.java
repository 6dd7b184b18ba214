// Past 400 lines because writing, binding and parsing the stored JSON belong together: one codec,
// no dependency.
package dev.parry.spi.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the domain's records as JSON and reads them back, through their canonical constructors so
 * that every value read is validated exactly like one built in code.
 *
 * <p>Every name it writes comes from a table of stored types ({@link StoredFormat#TYPES} unless
 * given another), never from a Java name: a type's stored name, its members' stored names, in the
 * table's order, and its enum constants' stored names. Only the types reachable from the roots
 * given at construction can be read: the records and enums of their sealed hierarchies and of their
 * components, recursively; each must be in the table. A value whose declared type is a sealed
 * interface carries its type's stored name in an {@code "@type"} member; a record with one
 * component that is not in such a position is written as that component alone. A type past format
 * version 1 writes its version in a {@code "@version"} member (and a one-member record is then
 * written as an object); a value without one is at version 1. A set is written in the order of its
 * elements' text, so a value writes the same bytes in every run. Strings escape control characters,
 * surrogates and DEL, so the text is safe in any database text column and every Java string, even
 * an ill-formed one, reads back unchanged.
 *
 * <p>A stored record is read in four explicit steps ({@link #construct}): its version ({@code
 * "@version"}, 1 when absent); at version 1, the values whose meaning changed within it rewritten
 * ({@link StoredDefaults#upcast}); the type's {@linkplain StoredType#upcasters upcasters} from that
 * version to the current one; then its members bound, where a member that releases before it was
 * added did not write is read as {@link StoredDefaults} says and any other missing member reads as
 * null, which the record's constructor refuses unless the component may be null. A component whose
 * type became a sealed interface, where an earlier release wrote a bare value, reads that value as
 * the type {@link StoredDefaults#bareType} names.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because writing, binding and parsing the stored JSON belong together: one
 * codec, no dependency.
 */
public final class RecordJson {

  private static final String TYPE = "@type";
  private static final String VALUE = "@value";
  private static final String VERSION = "@version";

  /** One stored member of a record: its stored name and the component it holds. */
  private record Slot(String name, int index, Class<?> type, Type generic, Method accessor) {}

  /** How one record is read and written: its members in stored order, and how to build it. */
  private record Shape(
      Class<?> type, StoredType stored, List<Slot> slots, int arity, Constructor<?> constructor) {}

  private final StoredTypes table;
  private final Map<Class<?>, Shape> shapes = new HashMap<>();
  private final Map<String, Class<?>> byTag = new HashMap<>();
  private final Map<Class<?>, String> tags = new HashMap<>();
  private final Map<Class<?>, StoredType> enums = new HashMap<>();

  /**
   * Collects every type reachable from {@code roots}, stored as {@link StoredFormat#TYPES} says.
   *
   * @param roots the types to read and write, records or sealed interfaces
   * @throws IllegalArgumentException if a reachable type cannot be written (an open interface, a
   *     class that is neither a record nor an enum) or has no entry in the stored format
   */
  public RecordJson(Class<?>... roots) {
    this(StoredFormat.TYPES, roots);
  }

  /**
   * Collects every type reachable from {@code roots}, stored as {@code table} says.
   *
   * @param table the stored names of the types
   * @param roots the types to read and write, records or sealed interfaces
   * @throws IllegalArgumentException if a reachable type cannot be written (an open interface, a
   *     class that is neither a record nor an enum) or {@code table} does not list it
   */
  public RecordJson(StoredTypes table, Class<?>... roots) {
    this.table = table;
    for (Class<?> root : roots) {
      visit(root);
    }
  }

  private void visit(Class<?> type) {
    if (type.isPrimitive()
        || type == String.class
        || type == Instant.class
        || type == Duration.class
        || shapes.containsKey(type)
        || tags.containsKey(type)) {
      return;
    }
    if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      tag(type.isEnum() ? type : type.getSuperclass());
      return;
    }
    if (type.isInterface()) {
      if (!type.isSealed()) {
        throw new IllegalArgumentException("cannot write open interface " + type.getName());
      }
      tags.put(type, "");
      for (Class<?> permitted : Objects.requireNonNull(type.getPermittedSubclasses())) {
        visit(permitted);
      }
      return;
    }
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          "cannot write " + type.getName() + ": not a record, enum or sealed interface");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    Map<String, Integer> indexes = new HashMap<>();
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      indexes.put(components[i].getName(), i);
    }
    StoredType stored = table.forType(type);
    List<Slot> slots = new ArrayList<>(components.length);
    for (StoredMember member : stored.members()) {
      int index = Objects.requireNonNull(indexes.get(member.component()), member.component());
      RecordComponent component = components[index];
      slots.add(
          new Slot(
              member.name(),
              index,
              component.getType(),
              component.getGenericType(),
              component.getAccessor()));
    }
    try {
      shapes.put(
          type,
          new Shape(
              type,
              stored,
              List.copyOf(slots),
              components.length,
              type.getDeclaredConstructor(parameterTypes)));
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "record without a canonical constructor: " + type.getName(), e);
    }
    tag(type);
    for (RecordComponent component : components) {
      Type generic = component.getGenericType();
      if (generic instanceof ParameterizedType parameterized) {
        for (Type argument : parameterized.getActualTypeArguments()) {
          visit((Class<?>) argument);
        }
      } else {
        visit(component.getType());
      }
    }
  }

  private void tag(Class<?> type) {
    StoredType stored = table.forType(type);
    if (type.isEnum()) {
      enums.put(type, stored);
    }
    String name = stored.name();
    Class<?> other = byTag.putIfAbsent(name, type);
    if (other != null && other != type) {
      throw new IllegalArgumentException(
          "two types share the tag " + name + ": " + other.getName() + ", " + type.getName());
    }
    tags.put(type, name);
  }

  // ---- writing ---------------------------------------------------------------------------------

  /**
   * {@return {@code value} as JSON, tagged with its type}
   *
   * @param value a record of one of the root types
   */
  public String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    writeValue(out, value, Object.class, null);
    return out.toString();
  }

  private void writeValue(
      StringBuilder out, @Nullable Object value, Class<?> declared, @Nullable Type generic) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Instant || value instanceof Duration) {
      string(out, value.toString());
    } else if (value instanceof List<?> list) {
      Class<?> element = elementType(generic);
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeValue(out, item, element, null);
      }
      out.append(']');
    } else if (value instanceof Set<?> set) {
      // in the order of the elements' text: a set writes the same bytes whatever order it iterates
      // in
      Class<?> element = elementType(generic);
      List<String> items = new ArrayList<>(set.size());
      for (Object item : set) {
        StringBuilder written = new StringBuilder();
        writeValue(written, item, element, null);
        items.add(written.toString());
      }
      items.sort(null);
      out.append('[').append(String.join(",", items)).append(']');
    } else if (value instanceof Enum<?> constant) {
      if (declared.isInterface() || declared == Object.class) {
        out.append('{');
        string(out, TYPE);
        out.append(':');
        string(out, tagOf(constant.getDeclaringClass()));
        out.append(',');
        string(out, VALUE);
        out.append(':');
        string(out, constantName(constant));
        out.append('}');
      } else {
        string(out, constantName(constant));
      }
    } else {
      writeRecord(out, value, declared);
    }
  }

  private void writeRecord(StringBuilder out, Object value, Class<?> declared) {
    Shape shape = shapes.get(value.getClass());
    if (shape == null) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
    boolean tagged = declared.isInterface() || declared == Object.class;
    int version = shape.stored().version();
    if (!tagged && version == 1 && shape.slots().size() == 1) {
      Slot only = shape.slots().get(0);
      writeValue(out, read(shape, only, value), only.type(), only.generic());
      return;
    }
    out.append('{');
    boolean first = true;
    if (tagged) {
      string(out, TYPE);
      out.append(':');
      string(out, tagOf(shape.type()));
      first = false;
    }
    if (version > 1) {
      if (!first) {
        out.append(',');
      }
      string(out, VERSION);
      out.append(':').append(version);
      first = false;
    }
    for (Slot slot : shape.slots()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, slot.name());
      out.append(':');
      writeValue(out, read(shape, slot, value), slot.type(), slot.generic());
    }
    out.append('}');
  }

  private static @Nullable Object read(Shape shape, Slot slot, Object value) {
    try {
      return slot.accessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read " + slot.accessor().getName() + " of " + shape.type().getName(), e);
    }
  }

  private String constantName(Enum<?> constant) {
    StoredType stored = enums.get(constant.getDeclaringClass());
    String name = stored == null ? null : stored.constantName(constant.name());
    if (name == null) {
      throw new IllegalArgumentException(
          "cannot write " + constant.getDeclaringClass().getName() + "." + constant.name());
    }
    return name;
  }

  private String tagOf(Class<?> type) {
    String tag = tags.get(type);
    if (tag == null || tag.isEmpty()) {
      throw new IllegalArgumentException("cannot write " + type.getName());
    }
    return tag;
  }

  private static Class<?> elementType(@Nullable Type generic) {
    if (generic instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getActualTypeArguments()[0];
    }
    return Object.class;
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  // ---- reading ---------------------------------------------------------------------------------

  /**
   * {@return the value {@code json} describes, as a {@code type}}
   *
   * @param json text written by {@link #write(Object)}
   * @param type the root type expected
   * @param <T> the type
   * @throws IllegalArgumentException if the text is not well-formed, names a type this codec does
   *     not know, or describes a value its constructor refuses
   */
  public <T> T read(String json, Class<T> type) {
    Object tree = JsonText.parse(json);
    Object value = bind(tree, Object.class, null, "$");
    if (value == null || !type.isInstance(value)) {
      throw new IllegalArgumentException(
          "expected a "
              + type.getSimpleName()
              + ", read "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return type.cast(value);
  }

  private @Nullable Object bind(
      @Nullable Object tree, Class<?> declared, @Nullable Type generic, String path) {
    if (tree == null) {
      if (declared.isPrimitive()) {
        throw new IllegalArgumentException(path + ": null for a " + declared.getName());
      }
      return null;
    }
    if (declared == String.class) {
      return as(tree, String.class, path);
    }
    if (declared == int.class || declared == Integer.class) {
      long number = as(tree, Long.class, path);
      if (number != (int) number) {
        throw new IllegalArgumentException(path + ": " + number + " is out of range for an int");
      }
      return (int) number;
    }
    if (declared == long.class || declared == Long.class) {
      return as(tree, Long.class, path);
    }
    if (declared == boolean.class || declared == Boolean.class) {
      return as(tree, Boolean.class, path);
    }
    try {
      if (declared == Instant.class) {
        return Instant.parse(as(tree, String.class, path));
      }
      if (declared == Duration.class) {
        return Duration.parse(as(tree, String.class, path));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
    if (declared == List.class || declared == Set.class) {
      List<?> items = as(tree, List.class, path);
      Class<?> element = elementType(generic);
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(bind(items.get(i), element, null, path + "[" + i + "]"));
      }
      if (declared == Set.class) {
        return new LinkedHashSet<>(out);
      }
      return out;
    }
    if (declared.isEnum()) {
      return constant(declared, as(tree, String.class, path), path);
    }
    if (declared.isInterface() && !(tree instanceof Map<?, ?>)) {
      Class<?> earlier = StoredDefaults.bareType(declared);
      if (earlier
          != null) { // a component whose type became an interface: an earlier release wrote the
        // value bare
        return bind(tree, earlier, null, path);
      }
    }
    if (declared.isInterface() || declared == Object.class) {
      Map<?, ?> object = as(tree, Map.class, path);
      Object tag = object.get(TYPE);
      Class<?> concrete = tag instanceof String name ? byTag.get(name) : null;
      if (concrete == null || !declared.isAssignableFrom(concrete)) {
        throw new IllegalArgumentException(
            path + ": unknown or unexpected type " + LogSafe.of(String.valueOf(tag)));
      }
      if (concrete.isEnum()) {
        return constant(concrete, as(object.get(VALUE), String.class, path + "." + VALUE), path);
      }
      return construct(concrete, object, path);
    }
    Shape shape = shapes.get(declared);
    if (shape == null) {
      throw new IllegalArgumentException(path + ": cannot read a " + declared.getName());
    }
    if (shape.slots().size() == 1 && !(tree instanceof Map<?, ?>)) { // written bare, at version 1
      Slot only = shape.slots().get(0);
      if (shape.stored().version() == 1) {
        @Nullable Object[] arguments = new Object[1];
        arguments[only.index()] = bind(tree, only.type(), only.generic(), path);
        return instantiate(shape, arguments, path);
      }
      Map<String, @Nullable Object> members = new LinkedHashMap<>();
      members.put(only.name(), tree);
      return construct(declared, members, path);
    }
    return construct(declared, as(tree, Map.class, path), path);
  }

  /**
   * Builds a {@code type} from its stored members, in the four steps the class comment names: the
   * version, the rewrites within version 1, the upcasters to the current version, the binding.
   */
  private Object construct(Class<?> type, Map<?, ?> stored, String path) {
    Shape shape = Objects.requireNonNull(shapes.get(type));
    int version = versionOf(shape.stored(), stored.get(VERSION), path);
    Map<?, ?> object = version == 1 ? StoredDefaults.upcast(type, stored) : stored;
    object = upcast(shape.stored(), version, object, path);
    @Nullable Object[] arguments = new Object[shape.arity()];
    Map<String, @Nullable Object> read = new HashMap<>();
    List<Slot> absent = new ArrayList<>(0);
    for (Slot slot : shape.slots()) {
      if (!object.containsKey(slot.name()) && StoredDefaults.covers(type, slot.name())) {
        absent.add(slot); // written by an earlier release: filled in below, from what was read
        continue;
      }
      arguments[slot.index()] =
          bind(object.get(slot.name()), slot.type(), slot.generic(), path + "." + slot.name());
      read.put(slot.name(), arguments[slot.index()]);
    }
    for (Slot slot : absent) {
      arguments[slot.index()] = StoredDefaults.of(type, slot.name(), object, read);
    }
    return instantiate(shape, arguments, path);
  }

  /**
   * {@return the format version {@code stored} (the {@code "@version"} member) says: 1 when absent}
   */
  private static int versionOf(StoredType type, @Nullable Object stored, String path) {
    if (stored == null) {
      return 1;
    }
    if (!(stored instanceof Long version) || version < 1 || version > type.version()) {
      throw new IllegalArgumentException(
          path
              + "."
              + VERSION
              + ": "
              + LogSafe.of(String.valueOf(stored))
              + " is not a version of "
              + type.name()
              + " this release reads (1 to "
              + type.version()
              + ")");
    }
    return version.intValue();
  }

  /**
   * {@return {@code stored}, written at {@code version}, through the upcasters to the current
   * version}
   */
  private static Map<?, ?> upcast(StoredType type, int version, Map<?, ?> stored, String path) {
    if (version == type.version()) {
      return stored;
    }
    Map<String, @Nullable Object> members = new LinkedHashMap<>();
    for (Map.Entry<?, ?> member : stored.entrySet()) {
      if (!TYPE.equals(member.getKey()) && !VERSION.equals(member.getKey())) {
        members.put(String.valueOf(member.getKey()), member.getValue());
      }
    }
    for (int from = version; from < type.version(); from++) {
      try {
        members =
            Objects.requireNonNull(
                type.upcasters().get(from - 1).upcast(Collections.unmodifiableMap(members)),
                "an upcaster answered null");
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            path
                + ": cannot read version "
                + from
                + " of "
                + type.name()
                + " as version "
                + (from + 1)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return members;
  }

  private static Object instantiate(Shape shape, @Nullable Object[] arguments, String path) {
    try {
      return shape.constructor().newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException(
          path
              + ": "
              + shape.type().getSimpleName()
              + " refused: "
              + (cause == null ? e : cause.getClass().getSimpleName() + ": " + cause.getMessage()),
          cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(path + ": cannot build " + shape.type().getName(), e);
    }
  }

  private Object constant(Class<?> type, String name, String path) {
    StoredType stored = Objects.requireNonNull(enums.get(type));
    String javaName = stored.constants().get(name);
    if (javaName != null) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(javaName)) {
          return constant;
        }
      }
    }
    throw new IllegalArgumentException(
        path + ": " + LogSafe.of(name) + " is not a " + stored.name());
  }

  private static <T> T as(@Nullable Object tree, Class<T> type, String path) {
    if (!type.isInstance(tree)) {
      throw new IllegalArgumentException(
          path
              + ": expected "
              + type.getSimpleName()
              + ", read "
              + (tree == null ? "null" : tree.getClass().getSimpleName()));
    }
    return type.cast(tree);
  }
}
