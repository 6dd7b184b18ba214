package dev.parry.core.internal;

import dev.parry.core.error.InvalidInputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks for public entry points: each failure is an {@link InvalidInputException} that
 * names the parameter.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Checks {

  private Checks() {}

  /**
   * {@return {@code value}, checked not to be null}
   *
   * @param value the value
   * @param name the parameter or field, for the error
   * @throws InvalidInputException if {@code value} is null
   */
  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw InvalidInputException.nullValue(name);
    }
    return value;
  }

  /**
   * {@return {@code values}, checked to be present and to hold no null}; the error for a null
   * element names it as {@code name[index]}
   *
   * @param values the values
   * @param name the parameter, for the error
   * @throws InvalidInputException if the array or an element is null
   */
  public static <T> T[] noNulls(T[] values, String name) {
    notNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw InvalidInputException.nullValue(name + "[" + i + "]");
      }
    }
    return values;
  }

  /**
   * {@return an unmodifiable copy of {@code values}, checked to be present and to hold no null};
   * the error for a null element names it as {@code name[index]}
   *
   * @param values the values
   * @param name the parameter or component, for the error
   * @throws InvalidInputException if the list or an element is null
   */
  public static <T> List<T> listOf(@Nullable Collection<? extends T> values, String name) {
    Collection<? extends T> checked = notNull(values, name);
    try {
      // an unmodifiable list of the JDK's own holds no null and is returned as it is, without a
      // walk through its elements or a type check against an interface
      return List.copyOf(checked);
    } catch (NullPointerException e) {
      int i = 0;
      for (T value : checked) {
        if (value == null) {
          throw InvalidInputException.nullValue(name + "[" + i + "]");
        }
        i++;
      }
      throw e;
    }
  }

  /**
   * {@return an unmodifiable copy of {@code values}, checked to be present and to hold no null};
   * the error for a null element names the set, which has no index to show
   *
   * @param values the values
   * @param name the parameter or component, for the error
   * @throws InvalidInputException if the set or an element is null
   */
  public static <T> Set<T> setOf(@Nullable Collection<? extends T> values, String name) {
    for (T value : notNull(values, name)) {
      if (value == null) {
        throw new InvalidInputException(name, null, name + " must not hold null");
      }
    }
    return Set.copyOf(values);
  }

  /**
   * {@return the exception for an invalid value}, to throw
   *
   * @param name the parameter or field
   * @param value the offending value, or null if it is not worth showing
   * @param message what was wrong, naming the field and showing the value
   */
  public static InvalidInputException invalid(String name, @Nullable Object value, String message) {
    return new InvalidInputException(name, value, message);
  }

  /**
   * {@return an unmodifiable copy of {@code values}, checked to be present and to hold no null key
   * or value}
   *
   * @param values the entries
   * @param name the parameter or component, for the error
   * @throws InvalidInputException if the map, a key or a value is null
   */
  public static <K, V> Map<K, V> mapOf(
      @Nullable Map<? extends K, ? extends V> values, String name) {
    Map<? extends K, ? extends V> checked = notNull(values, name);
    for (Map.Entry<? extends K, ? extends V> entry : checked.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new InvalidInputException(
            name, null, name + " must not hold a null key or value, was: " + checked.keySet());
      }
    }
    return Map.copyOf(checked);
  }
}
