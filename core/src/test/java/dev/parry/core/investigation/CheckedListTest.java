package dev.parry.core.investigation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A checked list of none, one or more elements reads as the JDK's list of them")
class CheckedListTest {

  static List<String> items(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("e" + i);
    }
    return out;
  }

  @Test
  @DisplayName(
      "of, threats and plus hold one element in place and more in an array, by size and not mark")
  void shapes() {
    for (boolean threats : new boolean[] {false, true}) {
      CheckedList<String> list = CheckedList.empty(threats);
      for (int n = 0; n < 4; n++) {
        assertEquals(items(n), list);
        assertEquals(threats, list.markedAsThreats(), "the mark is kept as the list grows");
        if (n == 1) {
          assertInstanceOf(CheckedList.One.class, list);
        } else {
          assertInstanceOf(CheckedList.Many.class, list);
        }
        List<String> built =
            threats ? CheckedList.threats(items(n)) : CheckedList.of(items(n), "x");
        assertEquals(list, built);
        assertEquals(list.getClass(), built.getClass());
        list = list.plus("e" + n);
      }
    }
  }

  @Test
  @DisplayName(
      "null is no element, an index out of range and an iterator past the end are refused as the"
          + " JDK's lists refuse them")
  void readsAsJdkList() {
    for (int n = 0; n < 4; n++) {
      List<String> expected = List.copyOf(items(n));
      List<String> list = CheckedList.of(items(n), "x");
      assertFalse(list.contains(null));
      assertEquals(-1, list.indexOf(null));
      assertEquals(-1, list.lastIndexOf(null));
      assertEquals(n == 0 ? -1 : n - 1, list.lastIndexOf("e" + (n - 1)));
      assertEquals(expected, list.stream().toList(), "streamed");
      assertEquals(expected, List.of(list.toArray(String[]::new)), "as an array");
      String[] larger = {"a", "b", "c", "d", "e", "f"};
      String[] filled = list.toArray(larger);
      assertSame(larger, filled);
      assertNull(filled[n], "the element after the last is null");
      assertArrayEquals(expected.toArray(), list.toArray());
      assertTrue(list.containsAll(expected));
      Iterator<String> it = list.iterator();
      for (int i = 0; i < n; i++) {
        assertEquals("e" + i, it.next());
      }
      assertFalse(it.hasNext());
      assertThrows(NoSuchElementException.class, it::next);
      ListIterator<String> back = list.listIterator(n);
      for (int i = n - 1; i >= 0; i--) {
        assertEquals("e" + i, back.previous());
      }
      assertThrows(NoSuchElementException.class, back::previous);
      int size = n;
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(size));
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
      assertThrows(IndexOutOfBoundsException.class, () -> list.listIterator(size + 1));
      assertThrows(IndexOutOfBoundsException.class, () -> list.subList(0, size + 1));
      assertEquals(expected.subList(0, n), list.subList(0, n));
      assertEquals(List.of(), list.subList(n, n));
      assertEquals(expected.hashCode(), list.hashCode());
      assertEquals(expected, list);
      assertEquals(list, expected);
      assertFalse(list.equals(items(n + 1)));
      assertThrows(UnsupportedOperationException.class, () -> list.set(0, "x"));
      assertThrows(UnsupportedOperationException.class, () -> list.add(0, "x"));
      assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
      if (n > 0) {
        assertThrows(UnsupportedOperationException.class, () -> list.subList(0, 1).clear());
        ListIterator<String> changing = list.listIterator();
        changing.next();
        assertThrows(UnsupportedOperationException.class, changing::remove);
        assertThrows(UnsupportedOperationException.class, () -> changing.set("x"));
      }
    }
  }

  @Test
  @DisplayName(
      "a list of threats of one taken as a list of anything loses its mark, and so does what grows"
          + " from it; the list of threats keeps its own")
  void oneThreatTakenUnmarked() {
    CheckedList<String> threats = CheckedList.threats(List.of("t"));
    List<String> taken = CheckedList.of(threats, "evidence");
    assertEquals(threats, taken);
    assertFalse(((CheckedList<String>) taken).markedAsThreats());
    assertNull(CheckedList.ownThreats(taken));
    assertNull(CheckedList.ownThreats(((CheckedList<String>) taken).plus("clean")));
    assertSame(threats, CheckedList.ownThreats(threats));
    assertTrue(threats.markedAsThreats(), "the list of threats keeps its mark");
    assertTrue(threats.plus("t2").markedAsThreats());
    List<String> unmarkedEmpty = CheckedList.of(CheckedList.<String>empty(true), "evidence");
    assertNull(CheckedList.ownThreats(unmarkedEmpty));
    assertSame(CheckedList.empty(false), unmarkedEmpty);
  }

  @Test
  @DisplayName(
      "a view of part of a list refuses every change, even one that would change nothing, as the"
          + " whole list and the JDK's lists do")
  void subListRefusesEvenNoChange() {
    for (int n = 0; n < 4; n++) {
      List<String> list = CheckedList.of(items(n), "x");
      for (int from = 0; from <= n; from++) {
        List<String> part = list.subList(from, n);
        assertEquals(List.copyOf(items(n)).subList(from, n), part);
        assertThrows(UnsupportedOperationException.class, part::clear);
        assertThrows(UnsupportedOperationException.class, () -> part.removeIf(x -> false));
        assertThrows(UnsupportedOperationException.class, () -> part.addAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> part.addAll(0, List.of()));
        assertThrows(UnsupportedOperationException.class, () -> part.removeAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> part.retainAll(part));
        assertThrows(UnsupportedOperationException.class, () -> part.replaceAll(x -> x));
        assertThrows(UnsupportedOperationException.class, () -> part.sort(null));
        assertThrows(UnsupportedOperationException.class, () -> part.subList(0, 0).clear());
        assertThrows(UnsupportedOperationException.class, () -> part.add("x"));
      }
      int size = n;
      assertThrows(IndexOutOfBoundsException.class, () -> list.subList(-1, size));
      assertThrows(IndexOutOfBoundsException.class, () -> list.subList(0, size + 1));
      if (n > 0) {
        assertThrows(IllegalArgumentException.class, () -> list.subList(size, 0));
      }
    }
  }
}
