package dev.parry.spi.json;

import dev.parry.core.internal.Text;
import dev.parry.spi.internal.JsonText;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the documented JSON form from the name tables {@link Tables} declares: each record
 * is an object whose member names the table gives, each member of a sealed family carries the family's
 * discriminator, each identifier is its one value. Reading builds every value through its canonical
 * constructor, so it is validated exactly like one built in code.
 *
 * <p>Past 400 lines because declaring, checking, writing and reading one table belong together: a
 * table that is checked in one place and used in another could drift.
 */
final class Codec {

  /** One member of an object: its JSON name and the record component it holds. */
  record Member(String json, RecordComponent component, boolean nullable, boolean optional) {

    /** {@return the component's declared type} */
    Type type() {
      return component.getGenericType();
    }
  }

  /**
   * How one record (or family constant) is written: its members in order, and the discriminator and
   * tag it carries if it belongs to a family.
   */
  record Shape(Class<?> type, @Nullable String discriminator, @Nullable String tag, List<Member> members,
      @Nullable Constructor<?> constructor, @Nullable Object constant, List<Derived> derived) {}

  /**
   * A member written for the reader's convenience, computed from the others (an investigation's status):
   * a reader may leave it out; one that is present must match what the value computes.
   */
  record Derived(String json, Class<?> type, Function<Object, Object> value) {}

  /** A type written as one JSON string or integer. */
  record Scalar(Class<?> type, Class<?> json, Function<Object, Object> write, Function<Object, Object> read) {}

  /** The longest domain message an error carries, in characters. */
  private static final int MAX_MESSAGE = 400;

  /** The longest unknown member name a path shows, in characters. */
  private static final int MAX_NAME = 80;

  private final Map<Class<?>, Shape> shapes = new LinkedHashMap<>();
  private final Map<Class<?>, Scalar> scalars = new LinkedHashMap<>();
  private final Map<Class<?>, String> families = new LinkedHashMap<>();

  // ---- declaring -------------------------------------------------------------------------------

  /**
   * Declares records written as their one component: a string or a number.
   *
   * @throws IllegalStateException if one is not a record of one string, int or long component
   */
  Codec scalars(Class<?>... types) {
    for (Class<?> type : types) {
      RecordComponent[] components = type.getRecordComponents();
      if (components == null || components.length != 1) {
        throw new IllegalStateException(type.getName() + " is not a record of one component");
      }
      Class<?> json = components[0].getType();
      if (json != String.class && json != long.class && json != int.class) {
        throw new IllegalStateException(type.getName() + " holds a " + json.getName() + ", not a string or number");
      }
      Constructor<?> constructor = canonical(type);
      RecordComponent only = components[0];
      scalars.put(type, new Scalar(type, json == String.class ? String.class : Long.class,
          value -> Objects.requireNonNull(access(only, value)), value -> construct(constructor,
              new Object[] {json == int.class ? Math.toIntExact((Long) value) : value})));
    }
    return this;
  }

  /** Declares a type written as a string through its own functions. */
  <T> Codec scalar(Class<T> type, Function<T, String> write, Function<String, T> read) {
    scalars.put(type, new Scalar(type, String.class, value -> write.apply(type.cast(value)),
        value -> read.apply((String) value)));
    return this;
  }

  /**
   * Declares a record written as an object. Each member is {@code "json"} when its JSON name is the
   * component's name, {@code "json=component"} otherwise, followed by {@code ?} if a reader may leave it
   * out (it then reads as null, empty or false).
   *
   * @throws IllegalStateException if the members do not cover every component exactly once
   */
  Codec record(Class<?> type, String... members) {
    put(new Shape(type, null, null, members(type, members, null), canonical(type), null, List.of()));
    return this;
  }

  /**
   * Adds to the declared record {@code type} a member {@code json} computed by {@code value}, of
   * {@code valueType}.
   */
  <T> Codec derived(Class<T> type, String json, Class<?> valueType, Function<T, Object> value) {
    Shape shape = Objects.requireNonNull(shapes.get(type), type.getName());
    for (Member member : shape.members()) {
      if (member.json().equals(json)) {
        throw new IllegalStateException(type.getName() + " maps two values to " + json);
      }
    }
    List<Derived> derived = new ArrayList<>(shape.derived());
    derived.add(new Derived(json, valueType, any -> value.apply(type.cast(any))));
    shapes.put(type, new Shape(shape.type(), shape.discriminator(), shape.tag(), shape.members(),
        shape.constructor(), shape.constant(), List.copyOf(derived)));
    return this;
  }

  /** Declares a sealed family whose members carry {@code discriminator}. */
  Codec family(Class<?> root, String discriminator) {
    if (!root.isSealed()) {
      throw new IllegalStateException(root.getName() + " is not a sealed interface");
    }
    families.put(root, discriminator);
    return this;
  }

  /** Declares a record of a declared family, tagged {@code tag}; members as for {@link #record}. */
  Codec variant(Class<?> type, String tag, String... members) {
    String discriminator = families.get(familyOf(type));
    put(new Shape(type, discriminator, tag, members(type, members, discriminator), canonical(type), null, List.of()));
    return this;
  }

  /** Declares a constant of a declared family, written as its tag alone. */
  Codec constant(Object value, String tag) {
    Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
    put(new Shape(type, families.get(familyOf(type)), tag, List.of(), null, value, List.of()));
    return this;
  }

  private void put(Shape shape) {
    if (shapes.putIfAbsent(shape.type(), shape) != null) {
      throw new IllegalStateException(shape.type().getName() + " is declared twice");
    }
    if (shape.tag() != null) {
      for (Shape other : shapes.values()) {
        if (other.type() != shape.type() && shape.tag().equals(other.tag()) && familyOf(other.type()) == familyOf(shape.type())) {
          throw new IllegalStateException("tag " + shape.tag() + " is used by " + other.type().getName() + " and "
              + shape.type().getName());
        }
      }
    }
  }

  private static List<Member> members(Class<?> type, String[] specs, @Nullable String discriminator) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalStateException(type.getName() + " is not a record");
    }
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent component : components) {
      byName.put(component.getName(), component);
    }
    List<Member> out = new ArrayList<>(specs.length);
    Set<String> names = new LinkedHashSet<>();
    for (String spec : specs) {
      boolean optional = spec.endsWith("?");
      String plain = optional ? spec.substring(0, spec.length() - 1) : spec;
      int equals = plain.indexOf('=');
      String json = equals < 0 ? plain : plain.substring(0, equals);
      String componentName = equals < 0 ? plain : plain.substring(equals + 1);
      RecordComponent component = byName.remove(componentName);
      if (component == null) {
        throw new IllegalStateException(type.getName() + " has no component " + componentName + " (or it is mapped twice)");
      }
      if (!names.add(json) || json.equals(discriminator)) {
        throw new IllegalStateException(type.getName() + " maps two components to " + json);
      }
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      if (optional && !nullable && component.getType() != String.class && component.getType() != boolean.class
          && component.getType() != List.class && component.getType() != Set.class) {
        throw new IllegalStateException(type.getName() + "." + componentName + " has no value to read when absent");
      }
      out.add(new Member(json, component, nullable, optional));
    }
    if (!byName.isEmpty()) {
      throw new IllegalStateException(type.getName() + " components not covered by the JSON form: " + byName.keySet());
    }
    return List.copyOf(out);
  }

  private static Constructor<?> canonical(Class<?> type) {
    RecordComponent[] components = Objects.requireNonNull(type.getRecordComponents(), type.getName());
    Class<?>[] parameters = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameters[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
    }
  }

  /** {@return the declared family root {@code type} belongs to} */
  Class<?> familyOf(Class<?> type) {
    Class<?> found = null;
    for (Class<?> root : families.keySet()) {
      if (root.isAssignableFrom(type)) {
        if (found != null) {
          throw new IllegalStateException(type.getName() + " belongs to two families: " + found.getName() + ", "
              + root.getName());
        }
        found = root;
      }
    }
    if (found == null) {
      throw new IllegalStateException(type.getName() + " belongs to no declared family");
    }
    return found;
  }

  /**
   * Checks that every type a declared member can hold is declared, so that writing never meets a type
   * it cannot name.
   *
   * @throws IllegalStateException naming the first type that is not
   */
  Codec check() {
    for (Shape shape : shapes.values()) {
      for (Member member : shape.members()) {
        checkType(member.type(), shape.type().getName() + "." + member.component().getName());
      }
    }
    for (Class<?> root : families.keySet()) {
      checkFamily(root);
    }
    return this;
  }

  private void checkType(Type type, String where) {
    Class<?> raw = raw(type);
    if (raw == List.class || raw == Set.class) {
      checkType(((ParameterizedType) type).getActualTypeArguments()[0], where);
    } else if (!(raw == String.class || raw == int.class || raw == long.class || raw == boolean.class
        || raw == Instant.class || raw == Duration.class || raw.isEnum() || scalars.containsKey(raw)
        || shapes.containsKey(raw) || (raw.isInterface() && families.containsKey(familyOf(raw))))) {
      throw new IllegalStateException(where + " holds a " + raw.getName() + ", which the JSON form does not declare");
    }
  }

  private void checkFamily(Class<?> type) {
    for (Class<?> permitted : Objects.requireNonNull(type.getPermittedSubclasses())) {
      if (permitted.isInterface()) {
        checkFamily(permitted);
      } else if (!shapes.containsKey(permitted)) {
        throw new IllegalStateException(permitted.getName() + " of family " + type.getName() + " is not declared");
      }
    }
  }

  /** {@return the declared records and constants, in declaration order} */
  Map<Class<?>, Shape> shapes() {
    return java.util.Collections.unmodifiableMap(shapes);
  }

  /** {@return the declared scalars} */
  Map<Class<?>, Scalar> scalars() {
    return java.util.Collections.unmodifiableMap(scalars);
  }

  /** {@return the declared family roots, with their discriminators} */
  Map<Class<?>, String> families() {
    return java.util.Collections.unmodifiableMap(families);
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** {@return {@code value}, declared as {@code type}, as JSON text} */
  String write(Object value, Type type) {
    StringBuilder out = new StringBuilder(512);
    write(out, value, type);
    return out.toString();
  }

  private void write(StringBuilder out, @Nullable Object value, Type type) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Instant || value instanceof Duration) {
      string(out, value.toString());
    } else if (value instanceof Collection<?> items) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<String> written = new ArrayList<>(items.size());
      for (Object item : items) {
        StringBuilder one = new StringBuilder();
        write(one, item, element);
        written.add(one.toString());
      }
      if (value instanceof Set<?>) { // a set's order is the JVM's hash order: sorted, the text does not change
        java.util.Collections.sort(written);
      }
      out.append('[').append(String.join(",", written)).append(']');
    } else {
      Class<?> concrete = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
      Scalar scalar = scalars.get(concrete);
      Shape shape = shapes.get(concrete);
      if (scalar != null) {
        write(out, scalar.write().apply(value), scalar.json());
      } else if (shape != null) {
        object(out, shape, value);
      } else if (value instanceof Enum<?> constant) {
        string(out, constant.name());
      } else {
        throw new IllegalArgumentException("cannot write a " + concrete.getName());
      }
    }
  }

  private void object(StringBuilder out, Shape shape, Object value) {
    out.append('{');
    boolean first = true;
    if (shape.tag() != null) {
      string(out, Objects.requireNonNull(shape.discriminator()));
      out.append(':');
      string(out, shape.tag());
      first = false;
    }
    for (Member member : shape.members()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, member.json());
      out.append(':');
      write(out, access(member.component(), value), member.type());
    }
    for (Derived derived : shape.derived()) {
      out.append(',');
      string(out, derived.json());
      out.append(':');
      write(out, derived.value().apply(value), derived.type());
    }
    out.append('}');
  }

  private static @Nullable Object access(RecordComponent component, Object value) {
    try {
      return component.getAccessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of a "
          + value.getClass().getName(), e);
    }
  }

  /**
   * Writes {@code text} as a JSON string. Besides what JSON requires (quote, backslash, control
   * characters), it escapes DEL and the C1 controls, every surrogate, the line and paragraph
   * separators, the bidirectional and invisible formatting characters, and {@code <}, {@code >} and
   * {@code &}: the text stays ASCII-safe where it matters, shows what a viewer would hide, and can be
   * embedded in HTML or a script; every Java string, even an ill-formed one, reads back unchanged.
   */
  static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (mustEscape(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean mustEscape(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || c == '<' || c == '>' || c == '&'
        || c == 0x061c || c == 0x00ad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /**
   * {@return the value {@code json} describes, as a {@code type}}
   *
   * @throws JsonFormatException if the text is not well-formed JSON or does not describe such a value
   */
  <T> T read(String json, Class<T> type) {
    return type.cast(bind(parse(json), type, "$"));
  }

  /**
   * {@return the tree {@code json} holds}
   *
   * @throws JsonFormatException if the text is not one well-formed JSON value
   */
  static @Nullable Object parse(String json) {
    try {
      return JsonText.parse(Objects.requireNonNull(json, "json"));
    } catch (JsonText.MalformedJsonException e) {
      throw new JsonFormatException("$", String.valueOf(e.getMessage()), e);
    }
  }

  /** {@return the value {@code tree} describes as a {@code type}; it must not be JSON null} */
  Object bind(@Nullable Object tree, Type type, String path) {
    Class<?> raw = raw(type);
    if (tree == null) {
      throw new JsonFormatException(path, "must not be null", null);
    }
    if (raw == String.class) {
      return as(tree, String.class, path);
    }
    if (raw == int.class || raw == long.class) {
      long number = as(tree, Long.class, path);
      if (raw == int.class && number != (int) number) {
        throw new JsonFormatException(path, number + " is out of range for this member", null);
      }
      return raw == int.class ? (Object) (int) number : (Object) number;
    }
    if (raw == boolean.class) {
      return as(tree, Boolean.class, path);
    }
    if (raw == Instant.class || raw == Duration.class) {
      String text = as(tree, String.class, path);
      try {
        return raw == Instant.class ? Instant.parse(text) : Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonFormatException(path, JsonFormatException.show(text) + " is not an ISO-8601 "
            + (raw == Instant.class ? "instant such as 2026-03-01T09:00:00Z" : "duration such as PT4H"), e);
      }
    }
    if (raw == List.class || raw == Set.class) {
      List<?> items = as(tree, List.class, path);
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(bind(items.get(i), element, path + "[" + i + "]"));
      }
      return raw == Set.class ? new LinkedHashSet<>(out) : out;
    }
    Scalar scalar = scalars.get(raw);
    if (scalar != null) {
      Object value = as(tree, scalar.json(), path);
      try {
        return scalar.read().apply(value);
      } catch (ArithmeticException e) {
        throw new JsonFormatException(path, value + " is out of range for this member", e);
      } catch (RuntimeException e) {
        throw refused(path, value, e);
      }
    }
    if (raw.isEnum() && !shapes.containsKey(raw)) {
      return constant(raw, as(tree, String.class, path), path);
    }
    if (raw.isInterface() || (shapes.containsKey(raw) && shapes.get(raw).tag() != null)) {
      return variant(as(tree, Map.class, path), raw, path);
    }
    Shape shape = shapes.get(raw);
    if (shape == null) {
      throw new IllegalStateException(path + ": cannot read a " + raw.getName());
    }
    return object(as(tree, Map.class, path), shape, path);
  }

  private Object variant(Map<?, ?> object, Class<?> declared, String path) {
    Class<?> root = familyOf(declared);
    String discriminator = Objects.requireNonNull(families.get(root));
    String where = path + "." + discriminator;
    if (!object.containsKey(discriminator)) {
      throw new JsonFormatException(where, "missing", null);
    }
    String tag = as(object.get(discriminator), String.class, where);
    List<String> allowed = new ArrayList<>();
    for (Shape shape : shapes.values()) {
      if (shape.tag() != null && declared.isAssignableFrom(shape.type())) {
        if (shape.tag().equals(tag)) {
          Object constant = shape.constant();
          if (constant != null) {
            unknownMembers(object, shape, path);
            return constant;
          }
          return object(object, shape, path);
        }
        allowed.add(shape.tag());
      }
    }
    throw new JsonFormatException(where, JsonFormatException.show(tag) + " is not one of " + allowed, null);
  }

  private Object object(Map<?, ?> object, Shape shape, String path) {
    unknownMembers(object, shape, path);
    @Nullable Object[] arguments = new Object[shape.members().size()];
    for (int i = 0; i < arguments.length; i++) {
      Member member = shape.members().get(i);
      String where = path + "." + member.json();
      Object tree = object.get(member.json());
      if (!object.containsKey(member.json())) {
        if (!member.optional()) {
          throw new JsonFormatException(where, "missing", null);
        }
        arguments[i] = absent(member);
      } else if (tree == null) {
        if (!member.nullable()) {
          throw new JsonFormatException(where, "must not be null", null);
        }
        arguments[i] = null;
      } else {
        arguments[i] = bind(tree, member.type(), where);
      }
    }
    Object value;
    try {
      value = construct(Objects.requireNonNull(shape.constructor()), arguments);
    } catch (RuntimeException e) {
      throw refused(memberNamed(e.getMessage(), shape, path), null, e);
    }
    for (Derived derived : shape.derived()) {
      if (object.containsKey(derived.json())) {
        String where = path + "." + derived.json();
        Object read = bind(object.get(derived.json()), derived.type(), where);
        Object computed = derived.value().apply(value);
        if (!read.equals(computed)) {
          throw new JsonFormatException(where, JsonFormatException.show(read) + " does not match the other members,"
              + " which make it " + JsonFormatException.show(computed), null);
        }
      }
    }
    return value;
  }

  /**
   * {@return the path of the member a refusal names, or the object's own path}: the domain's messages
   * start with the component they refuse ({@code "comment must not …"}, {@code "timeBox must be …"})
   */
  private static String memberNamed(@Nullable String message, Shape shape, String path) {
    if (message != null) {
      for (Member member : shape.members()) {
        String name = member.component().getName();
        if (message.startsWith(name) && message.length() > name.length()
            && " :[".indexOf(message.charAt(name.length())) >= 0) {
          return path + "." + member.json();
        }
      }
    }
    return path;
  }

  private static @Nullable Object absent(Member member) {
    Class<?> type = member.component().getType();
    if (member.nullable()) {
      return null;
    }
    if (type == String.class) {
      return "";
    }
    if (type == boolean.class) {
      return false;
    }
    return type == Set.class ? Set.of() : List.of();
  }

  private static void unknownMembers(Map<?, ?> object, Shape shape, String path) {
    for (Object name : object.keySet()) {
      if (name.equals(shape.discriminator())) {
        continue;
      }
      boolean known = false;
      for (Member member : shape.members()) {
        known |= member.json().equals(name);
      }
      for (Derived derived : shape.derived()) {
        known |= derived.json().equals(name);
      }
      if (!known) {
        throw new JsonFormatException(path + "." + Text.escape(String.valueOf(name), MAX_NAME),
            "unknown member " + JsonFormatException.show(name), null);
      }
    }
  }

  private static Object construct(Constructor<?> constructor, @Nullable Object[] arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException refused) {
        throw refused;
      }
      throw new IllegalStateException("cannot build a " + constructor.getDeclaringClass().getName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + constructor.getDeclaringClass().getName(), e);
    }
  }

  private static JsonFormatException refused(String path, @Nullable Object value, RuntimeException e) {
    if (e instanceof JsonFormatException inner) {
      return inner;
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new JsonFormatException(path, (value == null ? "" : JsonFormatException.show(value) + " refused: ")
        + Text.escape(what, MAX_MESSAGE), e);
  }

  private static Object constant(Class<?> type, String name, String path) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
      names.add(((Enum<?>) constant).name());
    }
    throw new JsonFormatException(path, JsonFormatException.show(name) + " is not one of " + names, null);
  }

  private static <T> T as(@Nullable Object tree, Class<T> type, String path) {
    if (type.isInstance(tree)) {
      return type.cast(tree);
    }
    String expected = type == String.class ? "a string" : type == Long.class ? "an integer"
        : type == Boolean.class ? "true or false" : type == List.class ? "an array" : "an object";
    String shown = tree instanceof BigDecimal || tree instanceof Long || tree instanceof Boolean
        ? String.valueOf(tree) : tree instanceof String text ? JsonFormatException.show(text)
        : tree instanceof List<?> ? "an array" : tree instanceof Map<?, ?> ? "an object" : "null";
    throw new JsonFormatException(path, "expected " + expected + ", was: " + shown, null);
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    throw new IllegalStateException("cannot write a " + type.getTypeName());
  }
}
