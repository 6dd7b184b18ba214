package dev.parry.core.investigation;

import dev.parry.core.internal.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list that a state of this package built and checked: no element is null and, for a
 * list of threats, each element is a threat. A new state takes it as it is, so a transition that
 * leaves the evidence or an action's steps alone neither copies nor checks them again; a list from
 * outside is copied and checked once, into one of these.
 *
 * @param <T> the element type
 */
final class CheckedList<T> extends ReadOnlyList<T> {

  private static final Object[] NONE = {};
  private static final CheckedList<?> EMPTY = new CheckedList<>(NONE, false);
  private static final CheckedList<?> NO_THREATS = new CheckedList<>(NONE, true);

  private final Object[] items;

  /**
   * Whether each element was checked to be a threat ({@link Investigation#threatsWithoutAction}).
   */
  private final boolean threats;

  private CheckedList(Object[] items, boolean threats) {
    this.items = items;
    this.threats = threats;
  }

  /** {@return an empty list, of threats or not} */
  @SuppressWarnings("unchecked") // an empty list is one of any type
  static <T> CheckedList<T> empty(boolean threats) {
    return (CheckedList<T>) (threats ? NO_THREATS : EMPTY);
  }

  /**
   * {@return {@code values} if this package built it, or an unmodifiable copy checked to hold no
   * null}; a list of threats is taken without its mark, sharing its elements, since what is added
   * to it from then on need not be a threat
   *
   * @param values the values
   * @param name the component, for the error
   * @throws dev.parry.core.error.InvalidInputException if {@code values} or an element is null
   */
  static <T> List<T> of(Collection<? extends T> values, String name) {
    if (values instanceof CheckedList<?> own) {
      @SuppressWarnings("unchecked") // a list is read only: one of a subtype is one of the type
      List<T> same = (List<T>) (own.threats ? new CheckedList<>(own.items, false) : own);
      return same;
    }
    List<? extends T> checked = Checks.listOf(values, name);
    return checked.isEmpty() ? empty(false) : new CheckedList<>(checked.toArray(), false);
  }

  /**
   * {@return {@code values} if this package built it as a list of threats, or null for any other
   * list}, which the caller checks
   */
  static <T> @Nullable List<T> ownThreats(Collection<? extends T> values) {
    if (values instanceof CheckedList<?> own && own.threats) {
      @SuppressWarnings("unchecked") // a list is read only: one of a subtype is one of the type
      List<T> threats = (List<T>) own;
      return threats;
    }
    return null;
  }

  /**
   * {@return an unmodifiable copy of {@code values}, whose every element the caller checked to be a
   * threat}
   */
  static <T> CheckedList<T> threats(List<T> values) {
    return new CheckedList<>(values.toArray(), true);
  }

  /** {@return this list and one more element, of threats if this one is} */
  CheckedList<T> plus(T element) {
    Object[] more = Arrays.copyOf(items, items.length + 1);
    more[items.length] = Checks.notNull(element, "element");
    return new CheckedList<>(more, threats);
  }

  @Override
  @SuppressWarnings("unchecked") // only elements of T are ever stored
  public T get(int index) {
    return (T) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public Object[] toArray() {
    return items.clone();
  }
}
