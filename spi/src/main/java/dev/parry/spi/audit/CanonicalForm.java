package dev.parry.spi.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** Each record type's components, read once: reflection answers a fresh array on every call. */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };

  private CanonicalForm() {}

  static String of(Object value) {
    StringBuilder out = new StringBuilder(256);
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
      out.append('r').append(record.getClass().getSimpleName()).append('{');
      for (RecordComponent component : COMPONENTS.get(record.getClass())) {
        out.append(component.getName()).append('=');
        write(read(component, record), out);
        out.append(';');
      }
      out.append('}');
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
      // numbers, booleans, Instant, Duration, enums-as-singletons: their text form is canonical
      out.append(value.getClass().getSimpleName()).append(':');
      String text = value.toString();
      out.append(text.length()).append(':').append(text);
    }
  }

  private static @Nullable Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getName(), e);
    }
  }
}
