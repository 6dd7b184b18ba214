// Past 400 lines because declaring, checking and binding the JSON shapes belong together.
package dev.parry.spi.json.internal;

import dev.parry.spi.json.JsonFormatException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The documented JSON form as {@link Tables} declares it: each record is an object whose member
 * names the table gives, each member of a sealed family carries the family's discriminator, each
 * identifier is its one value. Declaring checks that every component is covered and every type a
 * member holds is declared; {@link CodecWriter} writes the form and {@link CodecReader} reads it,
 * building every value through its canonical constructor so it is validated exactly like one built
 * in code.
 *
 * <p>Past 400 lines because declaring, checking and binding the JSON shapes belong together.
 */
public final class Codec {

  /** One member of an object: its JSON name and the record component it holds. */
  public record Member(String json, RecordComponent component, boolean nullable, boolean optional) {

    /** {@return the component's declared type} */
    public Type type() {
      return component.getGenericType();
    }
  }

  /**
   * How one record (or family constant) is written: its members in order, and the discriminator and
   * tag it carries if it belongs to a family.
   */
  public record Shape(
      Class<?> type,
      @Nullable String discriminator,
      @Nullable String tag,
      List<Member> members,
      @Nullable Constructor<?> constructor,
      @Nullable Object constant,
      List<Derived> derived) {}

  /**
   * A member written for the reader's convenience, computed from the others (an investigation's
   * status): a reader may leave it out; one that is present must match what the value computes.
   */
  public record Derived(String json, Class<?> type, Function<Object, Object> value) {}

  /** A type written as one JSON string or integer. */
  public record Scalar(
      Class<?> type,
      Class<?> json,
      Function<Object, Object> write,
      Function<Object, Object> read) {}

  private final Map<Class<?>, Shape> shapes = new LinkedHashMap<>();
  private final Map<Class<?>, Scalar> scalars = new LinkedHashMap<>();
  private final Map<Class<?>, String> families = new LinkedHashMap<>();

  // ---- declaring -------------------------------------------------------------------------------

  /**
   * Declares records written as their one component: a string or a number.
   *
   * @throws IllegalStateException if one is not a record of one string, int or long component
   */
  public Codec scalars(Class<?>... types) {
    for (Class<?> type : types) {
      RecordComponent[] components = type.getRecordComponents();
      if (components == null || components.length != 1) {
        throw new IllegalStateException(type.getName() + " is not a record of one component");
      }
      Class<?> json = components[0].getType();
      if (json != String.class && json != long.class && json != int.class) {
        throw new IllegalStateException(
            type.getName() + " holds a " + json.getName() + ", not a string or number");
      }
      Constructor<?> constructor = canonical(type);
      RecordComponent only = components[0];
      scalars.put(
          type,
          new Scalar(
              type,
              json == String.class ? String.class : Long.class,
              value -> Objects.requireNonNull(access(only, value)),
              value ->
                  construct(
                      constructor,
                      new Object[] {json == int.class ? Math.toIntExact((Long) value) : value})));
    }
    return this;
  }

  /** Declares a type written as a string through its own functions. */
  public <T> Codec scalar(Class<T> type, Function<T, String> write, Function<String, T> read) {
    scalars.put(
        type,
        new Scalar(
            type,
            String.class,
            value -> write.apply(type.cast(value)),
            value -> read.apply((String) value)));
    return this;
  }

  /**
   * Declares a record written as an object. Each member is {@code "json"} when its JSON name is the
   * component's name, {@code "json=component"} otherwise, followed by {@code ?} if a reader may
   * leave it out (it then reads as null, empty or false).
   *
   * @throws IllegalStateException if the members do not cover every component exactly once
   */
  public Codec record(Class<?> type, String... members) {
    put(
        new Shape(
            type, null, null, members(type, members, null), canonical(type), null, List.of()));
    return this;
  }

  /**
   * Adds to the declared record {@code type} a member {@code json} computed by {@code value}, of
   * {@code valueType}.
   */
  public <T> Codec derived(
      Class<T> type, String json, Class<?> valueType, Function<T, Object> value) {
    Shape shape = Objects.requireNonNull(shapes.get(type), type.getName());
    for (Member member : shape.members()) {
      if (member.json().equals(json)) {
        throw new IllegalStateException(type.getName() + " maps two values to " + json);
      }
    }
    List<Derived> derived = new ArrayList<>(shape.derived());
    derived.add(new Derived(json, valueType, any -> value.apply(type.cast(any))));
    shapes.put(
        type,
        new Shape(
            shape.type(),
            shape.discriminator(),
            shape.tag(),
            shape.members(),
            shape.constructor(),
            shape.constant(),
            List.copyOf(derived)));
    return this;
  }

  /** Declares a sealed family whose members carry {@code discriminator}. */
  public Codec family(Class<?> root, String discriminator) {
    if (!root.isSealed()) {
      throw new IllegalStateException(root.getName() + " is not a sealed interface");
    }
    families.put(root, discriminator);
    return this;
  }

  /** Declares a record of a declared family, tagged {@code tag}; members as for {@link #record}. */
  public Codec variant(Class<?> type, String tag, String... members) {
    String discriminator = families.get(familyOf(type));
    put(
        new Shape(
            type,
            discriminator,
            tag,
            members(type, members, discriminator),
            canonical(type),
            null,
            List.of()));
    return this;
  }

  /** Declares a constant of a declared family, written as its tag alone. */
  public Codec constant(Object value, String tag) {
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
        if (other.type() != shape.type()
            && shape.tag().equals(other.tag())
            && familyOf(other.type()) == familyOf(shape.type())) {
          throw new IllegalStateException(
              "tag "
                  + shape.tag()
                  + " is used by "
                  + other.type().getName()
                  + " and "
                  + shape.type().getName());
        }
      }
    }
  }

  private static List<Member> members(
      Class<?> type, String[] specs, @Nullable String discriminator) {
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
        throw new IllegalStateException(
            type.getName() + " has no component " + componentName + " (or it is mapped twice)");
      }
      if (!names.add(json) || json.equals(discriminator)) {
        throw new IllegalStateException(type.getName() + " maps two components to " + json);
      }
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      if (optional
          && !nullable
          && component.getType() != String.class
          && component.getType() != boolean.class
          && component.getType() != List.class
          && component.getType() != Set.class) {
        throw new IllegalStateException(
            type.getName() + "." + componentName + " has no value to read when absent");
      }
      out.add(new Member(json, component, nullable, optional));
    }
    if (!byName.isEmpty()) {
      throw new IllegalStateException(
          type.getName() + " components not covered by the JSON form: " + byName.keySet());
    }
    return List.copyOf(out);
  }

  private static Constructor<?> canonical(Class<?> type) {
    RecordComponent[] components =
        Objects.requireNonNull(type.getRecordComponents(), type.getName());
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
  public Class<?> familyOf(Class<?> type) {
    Class<?> found = null;
    for (Class<?> root : families.keySet()) {
      if (root.isAssignableFrom(type)) {
        if (found != null) {
          throw new IllegalStateException(
              type.getName()
                  + " belongs to two families: "
                  + found.getName()
                  + ", "
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
   * Checks that every type a declared member can hold is declared, so that writing never meets a
   * type it cannot name.
   *
   * @throws IllegalStateException naming the first type that is not
   */
  public Codec check() {
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
    } else if (!(raw == String.class
        || raw == int.class
        || raw == long.class
        || raw == boolean.class
        || raw == Instant.class
        || raw == Duration.class
        || raw.isEnum()
        || scalars.containsKey(raw)
        || shapes.containsKey(raw)
        || (raw.isInterface() && families.containsKey(familyOf(raw))))) {
      throw new IllegalStateException(
          where + " holds a " + raw.getName() + ", which the JSON form does not declare");
    }
  }

  private void checkFamily(Class<?> type) {
    for (Class<?> permitted : Objects.requireNonNull(type.getPermittedSubclasses())) {
      if (permitted.isInterface()) {
        checkFamily(permitted);
      } else if (!shapes.containsKey(permitted)) {
        throw new IllegalStateException(
            permitted.getName() + " of family " + type.getName() + " is not declared");
      }
    }
  }

  /** {@return the declared records and constants, in declaration order} */
  public Map<Class<?>, Shape> shapes() {
    return Collections.unmodifiableMap(shapes);
  }

  /** {@return the declared scalars} */
  public Map<Class<?>, Scalar> scalars() {
    return Collections.unmodifiableMap(scalars);
  }

  /** {@return the declared family roots, with their discriminators} */
  public Map<Class<?>, String> families() {
    return Collections.unmodifiableMap(families);
  }

  // ---- using -----------------------------------------------------------------------------------

  /** {@return {@code value}, declared as {@code type}, as JSON text} */
  public String write(Object value, Type type) {
    return new CodecWriter(this).write(value, type);
  }

  /**
   * {@return the value {@code json} describes, as a {@code type}}
   *
   * @throws JsonFormatException if the text is not well-formed JSON or does not describe such a
   *     value
   */
  public <T> T read(String json, Class<T> type) {
    return type.cast(new CodecReader(this).bind(CodecReader.parse(json), type, "$"));
  }

  /**
   * {@return the value {@code tree} describes as a {@code type}, {@code path} naming it in errors}
   *
   * @throws JsonFormatException if it does not describe such a value
   */
  public Object bind(@Nullable Object tree, Type type, String path) {
    return new CodecReader(this).bind(tree, type, path);
  }

  public static @Nullable Object access(RecordComponent component, Object value) {
    try {
      return component.getAccessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read " + component.getName() + " of a " + value.getClass().getName(), e);
    }
  }

  public static Object construct(Constructor<?> constructor, @Nullable Object[] arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException refused) {
        throw refused;
      }
      throw new IllegalStateException(
          "cannot build a " + constructor.getDeclaringClass().getName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot build a " + constructor.getDeclaringClass().getName(), e);
    }
  }

  public static Class<?> raw(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    throw new IllegalStateException("cannot write a " + type.getTypeName());
  }
}
