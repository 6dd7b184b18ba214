package dev.parry.core.internal;

import java.util.Locale;

/**
 * How NTFS compares file and folder names: each UTF-16 unit is mapped on its own to its simple
 * upper case ({@link Character#toUpperCase(char)}, one unit to one unit) and the results are
 * compared unit by unit. There is no full case folding, no locale and no normalization: {@code ß}
 * is not {@code SS}, the Kelvin sign U+212A is not {@code k} (it is its own upper case), {@code İ}
 * U+0130 is not {@code i}; but the long s U+017F upper-cases to {@code S}, so it is {@code s}, and
 * a final sigma is a sigma. Java's {@code equalsIgnoreCase} and {@code toLowerCase} match more than
 * this.
 *
 * <p>Also here: whether a name may be an 8.3 short name, which only the file system can resolve.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class NtfsNames {

  private NtfsNames() {}

  /**
   * {@return the simple upper case of {@code c}}, {@link Character#toUpperCase(char)} with ASCII
   * first: names are mostly ASCII
   */
  public static char upper(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
    return Character.toUpperCase(c);
  }

  /**
   * {@return whether NTFS takes {@code a} and {@code b} for the same name}
   *
   * @param a one name or path
   * @param b the other
   */
  public static boolean equal(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && upper(x) != upper(y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return whether the characters of {@code text} from {@code from} to {@code to} are the name
   * {@code upper}} that is already in upper case ({@link #upper(String)})
   *
   * @param text the text holding the name
   * @param from the name's first index
   * @param to the index after its last character
   * @param upper the name to compare with, upper case
   */
  public static boolean regionIs(String text, int from, int to, String upper) {
    if (to - from != upper.length()) {
      return false;
    }
    for (int i = 0; i < upper.length(); i++) {
      if (upper(text.charAt(from + i)) != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return whether NTFS takes the name in {@code a} from {@code aFrom} to {@code aTo} and the
   * name in {@code b} from {@code bFrom} to {@code bTo} for the same name}
   *
   * @param a the text holding one name
   * @param aFrom its first index
   * @param aTo the index after its last character
   * @param b the text holding the other name
   * @param bFrom its first index
   * @param bTo the index after its last character
   */
  public static boolean regionsEqual(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
    if (aTo - aFrom != bTo - bFrom) {
      return false;
    }
    for (int i = 0; i < aTo - aFrom; i++) {
      char x = a.charAt(aFrom + i);
      char y = b.charAt(bFrom + i);
      if (x != y && upper(x) != upper(y)) {
        return false;
      }
    }
    return true;
  }

  /** {@return {@code name} with every unit mapped to its simple upper case} */
  public static String upper(String name) {
    char[] out = name.toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = upper(out[i]);
    }
    return new String(out);
  }

  /**
   * {@return the unit standing for every unit NTFS takes for {@code c}}: the lower case of its
   * upper case where that upper-cases back to it (so ASCII reads lower case, as Parry's keys always
   * have), else the upper case itself. Two units have one key exactly when their upper cases are
   * equal.
   *
   * @param c a UTF-16 unit
   */
  public static char keyOf(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    char upper = Character.toUpperCase(c);
    char lower = Character.toLowerCase(upper);
    return Character.toUpperCase(lower) == upper ? lower : upper;
  }

  /**
   * {@return {@code name} with every unit replaced by its {@link #keyOf(char) key}}: two names have
   * equal keys exactly when NTFS takes them for the same name
   *
   * @param name a name or a path
   */
  public static String key(String name) {
    if (isAscii(name)) {
      // the same mapping (A-Z to a-z, nothing else), done on the string's bytes without a copy
      // to chars and back
      return name.toLowerCase(Locale.ROOT);
    }
    int first = 0;
    while (first < name.length() && keyOf(name.charAt(first)) == name.charAt(first)) {
      first++;
    }
    if (first == name.length()) {
      return name; // already its own key
    }
    char[] out = name.toCharArray();
    for (int i = first; i < out.length; i++) {
      out[i] = keyOf(out[i]);
    }
    return new String(out);
  }

  private static boolean isAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return the hash code of {@link #key(String) key(name)}}, computed without building the key
   *
   * @param name a name or a path
   */
  public static int keyHash(String name) {
    int hash = 0;
    for (int i = 0; i < name.length(); i++) {
      hash = 31 * hash + keyOf(name.charAt(i));
    }
    return hash;
  }

  /**
   * {@return whether the name from {@code from} to {@code to} may be an 8.3 short name}: it holds a
   * {@code ~} followed by a digit, as the names Windows generates do ({@code PROGRA~1}, {@code
   * WINDOW~1}, {@code AB12F~1.TXT}). Which long name such a name stands for only the file system
   * knows.
   *
   * @param text the text holding the name
   * @param from the name's first index
   * @param to the index after its last character
   */
  public static boolean mayBeShortName(String text, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (text.charAt(i) == '~') {
        char next = text.charAt(i + 1);
        if (next >= '0' && next <= '9') {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@return whether {@code name} may be an 8.3 short name, see {@link #mayBeShortName(String, int,
   * int)}}
   */
  public static boolean mayBeShortName(String name) {
    return mayBeShortName(name, 0, name.length());
  }
}
