package dev.parry.spi.audit;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic text form of an event for hashing: records by their components (never by
 * {@code toString}, which redacts personal data and would hide a change), enums by name, strings
 * length-prefixed so no separator can be forged, collections in order (sets sorted).
 *
 * <p>Stores keep the hashes computed from it, so it is a stored format: like the stored JSON, it
 * names records and components as the domain does, and a release that renames them must keep
 * reading the hashes earlier ones stored.
 */
final class CanonicalForm {

  /**
   * How a record type is written: its name and its components' names and accessors, read once per type.
   * The accessors are functions spun from each component's accessor method: a reflective call on every
   * component of every event cost more than the hashing itself.
   */
  private static final class Shape {
    final String open;
    final String[] names;
    final List<Function<Object, @Nullable Object>> accessors;

    Shape(String open, String[] names, List<Function<Object, @Nullable Object>> accessors) {
      this.open = open;
      this.names = names;
      this.accessors = accessors;
    }
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      String[] names = new String[components.length];
      List<Function<Object, @Nullable Object>> accessors = new ArrayList<>(components.length);
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName() + "=";
        accessors.add(accessor(type, components[i]));
      }
      return new Shape("r" + type.getSimpleName() + "{", names, accessors);
    }
  };

  private CanonicalForm() {}

  static String of(Object value) {
    StringBuilder out = new StringBuilder(512);
    write(value, out);
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out) {
    if (value == null) {
      out.append('~');
    } else if (value instanceof String text) {
      out.append('s').append(text.length()).append(':').append(text);
    } else if (value instanceof Enum<?> constant) {
      out.append('e').append(constant.getDeclaringClass().getSimpleName()).append('.').append(constant.name());
    } else if (value instanceof Record record) {
      Shape shape = SHAPES.get(record.getClass());
      out.append(shape.open);
      for (int i = 0; i < shape.names.length; i++) {
        out.append(shape.names[i]);
        write(shape.accessors.get(i).apply(record), out);
        out.append(';');
      }
      out.append('}');
    } else if (value instanceof Instant instant) {
      // seconds and nanoseconds: the same instant always, and far cheaper than its ISO text
      out.append("Instant:").append(instant.getEpochSecond()).append('.').append(instant.getNano());
    } else if (value instanceof Duration duration) {
      out.append("Duration:").append(duration.getSeconds()).append('.').append(duration.getNano());
    } else if (value instanceof Set<?> set) {
      List<String> items = new ArrayList<>(set.size());
      for (Object item : set) {
        items.add(of(item));
      }
      items.sort(null);
      out.append("set").append(items);
    } else if (value instanceof Collection<?> list) {
      out.append("list[");
      for (Object item : list) {
        write(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (value instanceof Optional<?> optional) {
      write(optional.orElse(null), out);
    } else if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException("maps have no canonical form here: " + value.getClass());
    } else {
      // numbers and booleans: their text form is canonical
      out.append(value.getClass().getSimpleName()).append(':');
      String text = value.toString();
      out.append(text.length()).append(':').append(text);
    }
  }

  /** {@return a function calling the accessor of {@code component} of record type {@code type}} */
  @SuppressWarnings("unchecked") // the call site makes a Function, as asked
  private static Function<Object, @Nullable Object> accessor(Class<?> type, RecordComponent component) {
    try {
      MethodHandle target = LOOKUP.unreflect(component.getAccessor());
      MethodType read = MethodType.methodType(target.type().returnType(), type).wrap();
      CallSite site = LambdaMetafactory.metafactory(LOOKUP, "apply", MethodType.methodType(Function.class),
          MethodType.methodType(Object.class, Object.class), target, read);
      return (Function<Object, @Nullable Object>) site.getTarget().invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + type.getName(), e);
    }
  }
}
