package dev.parry.core.investigation;

import dev.parry.core.internal.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list that a state of this package built and checked: no element is null and, for a
 * list of threats, each element is a threat. A new state takes it as it is, so a transition that
 * leaves the evidence or an action's steps alone neither copies nor checks them again; a list from
 * outside is copied and checked once, into one of these.
 *
 * <p>A list of one element holds it in place of an array (most evidence lists, an approved action's
 * steps): one object instead of two.
 *
 * @param <T> the element type
 */
abstract sealed class CheckedList<T> extends ReadOnlyList<T>
    permits CheckedList.One, CheckedList.Many {

  /**
   * Whether each element was checked to be a threat ({@link Investigation#threatsWithoutAction}).
   */
  private final boolean threats;

  private CheckedList(boolean threats) {
    this.threats = threats;
  }

  /** {@return a list of {@code items}, taken as they are, of threats or not} */
  private static <T> CheckedList<T> holding(Object[] items, boolean threats) {
    if (items.length == 0) {
      return empty(threats);
    }
    return items.length == 1 ? new One<>(items[0], threats) : new Many<>(items, threats);
  }

  /** {@return an empty list, of threats or not} */
  @SuppressWarnings("unchecked") // an empty list is one of any type
  static <T> CheckedList<T> empty(boolean threats) {
    return (CheckedList<T>) (threats ? Many.NO_THREATS : Many.EMPTY);
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
      List<T> same = (List<T>) (own.threats ? own.unmarked() : own);
      return same;
    }
    List<? extends T> checked = Checks.listOf(values, name);
    return holding(checked.toArray(), false);
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
    return holding(values.toArray(), true);
  }

  /** {@return this list and one more element, of threats if this one is} */
  CheckedList<T> plus(T element) {
    Checks.notNull(element, "element");
    return isEmpty() ? new One<>(element, threats) : holding(elementsAnd(element), threats);
  }

  /** {@return this list's elements in a new array, and {@code element} after them} */
  abstract Object[] elementsAnd(Object element);

  /** {@return whether each element was checked to be a threat} */
  boolean markedAsThreats() {
    return threats;
  }

  /** {@return the same elements, not marked as threats} */
  abstract CheckedList<T> unmarked();

  /** One element. */
  static final class One<T> extends CheckedList<T> {
    private final Object element;

    One(Object element, boolean threats) {
      super(threats);
      this.element = element;
    }

    @Override
    CheckedList<T> unmarked() {
      return new One<>(element, false);
    }

    @Override
    Object[] elementsAnd(Object next) {
      return new Object[] {element, next};
    }

    @Override
    @SuppressWarnings("unchecked") // only an element of T is ever stored
    public T get(int index) {
      Objects.checkIndex(index, 1);
      return (T) element;
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public Object[] toArray() {
      return new Object[] {element};
    }
  }

  /** No element, or two and more. */
  static final class Many<T> extends CheckedList<T> {
    private static final CheckedList<?> EMPTY = new Many<>(new Object[0], false);
    private static final CheckedList<?> NO_THREATS = new Many<>(new Object[0], true);

    private final Object[] items;

    Many(Object[] items, boolean threats) {
      super(threats);
      this.items = items;
    }

    @Override
    CheckedList<T> unmarked() {
      return items.length == 0 ? empty(false) : new Many<>(items, false);
    }

    @Override
    Object[] elementsAnd(Object next) {
      Object[] more = Arrays.copyOf(items, items.length + 1);
      more[items.length] = next;
      return more;
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
}
