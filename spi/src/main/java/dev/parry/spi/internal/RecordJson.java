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
 * <p>Only the types reachable from the roots given at construction can be read: the records and
 * enums of their sealed hierarchies and of their components, recursively. A value whose declared type
 * is a sealed interface carries its concrete type in an {@code "@type"} member; a record with one
 * component that is not in such a position is written as that component alone. A set is written in
 * the order of its elements' text, so a value writes the same bytes in every run. Strings escape
 * control characters, surrogates and DEL, so the text is safe in any database text column and every
 * Java string, even an ill-formed one, reads back unchanged. A component that an earlier release did
 * not write is read as {@link StoredDefaults} says; any other missing component reads as null, which
 * the record's constructor refuses unless the component may be null. A component whose type became a
 * sealed interface, where an earlier release wrote a bare value, reads that value as the type
 * {@link StoredDefaults#bareType} names.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because writing, binding and parsing the stored JSON belong together: one codec, no dependency.
 */
public final class RecordJson {

  private static final String TYPE = "@type";
  private static final String VALUE = "@value";

  /** How one record is read and written. */
  private record Shape(Class<?> type, List<RecordComponent> components, List<Method> accessors,
      Constructor<?> constructor) {}

  private final Map<Class<?>, Shape> shapes = new HashMap<>();
  private final Map<String, Class<?>> byTag = new HashMap<>();
  private final Map<Class<?>, String> tags = new HashMap<>();

  /**
   * Collects every type reachable from {@code roots}.
   *
   * @param roots the types to read and write, records or sealed interfaces
   * @throws IllegalArgumentException if a reachable type cannot be written (an open interface, a
   *     class that is neither a record nor an enum) or two concrete types share a tag
   */
  public RecordJson(Class<?>... roots) {
    for (Class<?> root : roots) {
      visit(root);
    }
  }

  private void visit(Class<?> type) {
    if (type.isPrimitive() || type == String.class || type == Instant.class || type == Duration.class
        || shapes.containsKey(type) || tags.containsKey(type)) {
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
      throw new IllegalArgumentException("cannot write " + type.getName() + ": not a record, enum or sealed interface");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    Method[] accessors = new Method[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      accessors[i] = components[i].getAccessor();
    }
    try {
      shapes.put(type, new Shape(type, List.of(components), List.of(accessors),
          type.getDeclaredConstructor(parameterTypes)));
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("record without a canonical constructor: " + type.getName(), e);
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
    String name = type.getName().substring(type.getPackageName().length() + 1);
    Class<?> other = byTag.putIfAbsent(name, type);
    if (other != null && other != type) {
      throw new IllegalArgumentException("two types share the tag " + name + ": " + other.getName() + ", " + type.getName());
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

  private void writeValue(StringBuilder out, @Nullable Object value, Class<?> declared, @Nullable Type generic) {
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
      // in the order of the elements' text: a set writes the same bytes whatever order it iterates in
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
        string(out, constant.name());
        out.append('}');
      } else {
        string(out, constant.name());
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
    if (!tagged && shape.components().size() == 1) {
      writeValue(out, read(shape, 0, value), shape.components().get(0).getType(), shape.components().get(0).getGenericType());
      return;
    }
    out.append('{');
    if (tagged) {
      string(out, TYPE);
      out.append(':');
      string(out, tagOf(shape.type()));
    }
    for (int i = 0; i < shape.components().size(); i++) {
      if (tagged || i > 0) {
        out.append(',');
      }
      RecordComponent component = shape.components().get(i);
      string(out, component.getName());
      out.append(':');
      writeValue(out, read(shape, i, value), component.getType(), component.getGenericType());
    }
    out.append('}');
  }

  private static @Nullable Object read(Shape shape, int index, Object value) {
    try {
      return shape.accessors().get(index).invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + shape.components().get(index).getName() + " of "
          + shape.type().getName(), e);
    }
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
      throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", read "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return type.cast(value);
  }

  private @Nullable Object bind(@Nullable Object tree, Class<?> declared, @Nullable Type generic, String path) {
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
      if (earlier != null) { // a component whose type became an interface: an earlier release wrote the value bare
        return bind(tree, earlier, null, path);
      }
    }
    if (declared.isInterface() || declared == Object.class) {
      Map<?, ?> object = as(tree, Map.class, path);
      Object tag = object.get(TYPE);
      Class<?> concrete = tag instanceof String name ? byTag.get(name) : null;
      if (concrete == null || !declared.isAssignableFrom(concrete)) {
        throw new IllegalArgumentException(path + ": unknown or unexpected type " + LogSafe.of(String.valueOf(tag)));
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
    if (shape.components().size() == 1 && !(tree instanceof Map<?, ?>)) {
      RecordComponent only = shape.components().get(0);
      return instantiate(shape, new Object[] {bind(tree, only.getType(), only.getGenericType(), path)}, path);
    }
    return construct(declared, as(tree, Map.class, path), path);
  }

  private Object construct(Class<?> type, Map<?, ?> stored, String path) {
    Map<?, ?> object = StoredDefaults.upcast(type, stored);
    Shape shape = Objects.requireNonNull(shapes.get(type));
    @Nullable Object[] arguments = new Object[shape.components().size()];
    Map<String, @Nullable Object> read = new HashMap<>();
    List<Integer> absent = new ArrayList<>(0);
    for (int i = 0; i < arguments.length; i++) {
      RecordComponent component = shape.components().get(i);
      if (!object.containsKey(component.getName()) && StoredDefaults.covers(type, component.getName())) {
        absent.add(i); // written by an earlier release: filled in below, from what was read
        continue;
      }
      arguments[i] = bind(object.get(component.getName()), component.getType(), component.getGenericType(),
          path + "." + component.getName());
      read.put(component.getName(), arguments[i]);
    }
    for (int i : absent) {
      arguments[i] = StoredDefaults.of(type, shape.components().get(i).getName(), object, read);
    }
    return instantiate(shape, arguments, path);
  }

  private static Object instantiate(Shape shape, @Nullable Object[] arguments, String path) {
    try {
      return shape.constructor().newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException(path + ": " + shape.type().getSimpleName() + " refused: "
          + (cause == null ? e : cause.getClass().getSimpleName() + ": " + cause.getMessage()), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(path + ": cannot build " + shape.type().getName(), e);
    }
  }

  private static Object constant(Class<?> type, String name, String path) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(path + ": " + LogSafe.of(name) + " is not a " + type.getSimpleName());
  }

  private static <T> T as(@Nullable Object tree, Class<T> type, String path) {
    if (!type.isInstance(tree)) {
      throw new IllegalArgumentException(path + ": expected " + type.getSimpleName() + ", read "
          + (tree == null ? "null" : tree.getClass().getSimpleName()));
    }
    return type.cast(tree);
  }
}
