package dev.parry.core.investigation;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A list a state or a decision of this package hands out: every change is refused with {@link
 * UnsupportedOperationException}, even one that would change nothing, as the JDK's unmodifiable
 * lists refuse it.
 *
 * @param <T> the element type
 */
abstract class ReadOnlyList<T> extends AbstractList<T> implements RandomAccess {

  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException("this list cannot be changed");
  }

  @Override
  public final boolean add(T element) {
    throw refused();
  }

  @Override
  public final boolean addAll(Collection<? extends T> elements) {
    throw refused();
  }

  @Override
  public final boolean addAll(int index, Collection<? extends T> elements) {
    throw refused();
  }

  @Override
  public final boolean remove(@Nullable Object element) {
    throw refused();
  }

  @Override
  public final boolean removeAll(Collection<?> elements) {
    throw refused();
  }

  @Override
  public final boolean retainAll(Collection<?> elements) {
    throw refused();
  }

  @Override
  public final boolean removeIf(Predicate<? super T> filter) {
    throw refused();
  }

  @Override
  public final void replaceAll(UnaryOperator<T> operator) {
    throw refused();
  }

  @Override
  public final void sort(@Nullable Comparator<? super T> comparator) {
    throw refused();
  }

  @Override
  public final void clear() {
    throw refused();
  }

  /** {@return a view of part of this list}, refusing every change as this list does */
  @Override
  public final List<T> subList(int fromIndex, int toIndex) {
    if (fromIndex < 0 || toIndex > size()) {
      throw new IndexOutOfBoundsException(
          "part " + fromIndex + " to " + toIndex + " of a list of " + size());
    }
    if (fromIndex > toIndex) {
      throw new IllegalArgumentException(
          "part " + fromIndex + " to " + toIndex + " starts after its end");
    }
    return new Part<>(this, fromIndex, toIndex - fromIndex);
  }

  /** Part of a list, read through to it. */
  private static final class Part<T> extends ReadOnlyList<T> {
    private final ReadOnlyList<T> whole;
    private final int offset;
    private final int size;

    Part(ReadOnlyList<T> whole, int offset, int size) {
      this.whole = whole;
      this.offset = offset;
      this.size = size;
    }

    @Override
    public T get(int index) {
      Objects.checkIndex(index, size);
      return whole.get(offset + index);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
