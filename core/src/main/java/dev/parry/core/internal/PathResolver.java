// Past 400 lines because it is one resolution order over every Win32 path form (drive, UNC, admin
// share, device path, volume); split up, the order in which the forms are tried would be spread
// over several classes.
package dev.parry.core.internal;

import dev.parry.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the spelling of an absolute Windows path to the place Windows opens, without the file
 * system: the one place where Parry decides what a path spelling means.
 *
 * <p><b>Win32 spellings</b> ({@code C:\...}, drive-less {@code \...}, UNC {@code
 * \\server\share\...} and the device form {@code \\.\...}) are resolved as {@code GetFullPathName}
 * does: {@code /} is a separator, repeated separators collapse, {@code .} names are dropped, {@code
 * ..} removes the name before it, and trailing dots and spaces are stripped from every name. Two
 * choices are Parry's: a {@code ..} that would climb above the root (Windows stops at the root) and
 * a name of only dots and spaces (Windows versions disagree about it) are refused.
 *
 * <p><b>Verbatim spellings</b> ({@code \\?\...}, {@code \??\...} and the NT device form {@code
 * \Device\...}) are passed to the file system as they are, so nothing is stripped: a name keeps its
 * trailing dots and spaces, and {@code /}, {@code .}, {@code ..} and empty names are refused. A
 * resolved path holding such a name keeps the {@code \\?\} prefix, so resolving it again changes
 * nothing.
 *
 * <p><b>Roots.</b> After {@code \\?\}, {@code \\.\} or {@code \??\} comes a drive ({@code C:\}),
 * {@code UNC\server\share}, {@code Volume{GUID}}, {@code HarddiskVolumeN} or {@code
 * GLOBALROOT\Device\...}; anything else (a pipe, a physical disk) is refused. After {@code
 * \Device\}, {@code HarddiskVolumeN} is a volume, {@code Mup} and {@code LanmanRedirector} are UNC,
 * and any other device is one Parry cannot place. An admin share of a drive on this machine ({@code
 * \\localhost\C$}, {@code \\127.0.0.1\C$}, {@code \\0--1.ipv6-literal.net\C$}, the IPv6 loopback's
 * UNC name) is that drive; on another host it is that host's drive. A share that is not a drive's
 * admin share ({@code \\server\share}, {@code ADMIN$}) may point at any folder. The machine's own
 * name and other loopback addresses are not recognised as local: without the machine there is no
 * telling, and a share of a drive is classified by its folders anyway.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Just past 400 lines because it is one resolution order over every Win32 path form (drive, UNC,
 * admin share, device path, volume); split up, the order in which the forms are tried would be
 * spread over several classes.
 */
public final class PathResolver {

  /** Where a resolved path starts. */
  public enum Root {
    /** A drive letter, {@code C:\}. */
    DRIVE(true),
    /** The root of a drive not named, {@code \dir}. */
    ANY_DRIVE(true),
    /**
     * A volume named without its letter, {@code \\?\Volume{GUID}\} or {@code
     * \Device\HarddiskVolumeN\}.
     */
    VOLUME(true),
    /** A drive's admin share on another machine, {@code \\server\C$}. */
    REMOTE_DRIVE(true),
    /** A share whose folder is unknown, {@code \\server\share}. */
    SHARE(false),
    /** An NT device Parry cannot place, {@code \Device\Name}. */
    DEVICE(false);

    private final boolean volumeRoot;

    Root(boolean volumeRoot) {
      this.volumeRoot = volumeRoot;
    }

    /** {@return whether the names after this root start at the top of a volume} */
    public boolean isVolumeRoot() {
      return volumeRoot;
    }
  }

  /**
   * A resolved path.
   *
   * @param path the resolved path: the root, then the names, each after one {@code \}
   * @param root the kind of root
   * @param rootName the root, the same for every spelling of it: {@code C:}, empty for {@link
   *     Root#ANY_DRIVE}, {@code \\server\share}, {@code \\?\Volume{GUID}}, {@code
   *     \\?\GLOBALROOT\Device\Name}
   * @param namesStart the index in {@code path} of the first name, or its length if there is none
   * @param mayHoldShortName whether a name may be an 8.3 short name; if false, none is
   */
  public record Resolution(
      String path, Root root, String rootName, int namesStart, boolean mayHoldShortName) {

    /** {@return the drive letter, upper case, or 0 when the root names none} */
    public char driveLetter() {
      return switch (root) {
        case DRIVE -> rootName.charAt(0);
        case REMOTE_DRIVE -> Character.toUpperCase(rootName.charAt(rootName.length() - 2));
        default -> (char) 0;
      };
    }
  }

  private static final String FORBIDDEN = "<>\"|?*:";
  private static final String[] DRIVES = new String[26];

  /**
   * ASCII characters a plain path does not hold: controls, {@code /} and those Windows refuses in
   * names.
   */
  private static final boolean[] NOT_PLAIN_ASCII = new boolean[0x80];

  static {
    for (int i = 0; i < 26; i++) {
      DRIVES[i] = (char) ('A' + i) + ":";
    }
    for (char c = 0; c < 0x80; c++) {
      NOT_PLAIN_ASCII[c] = c == '/' || FORBIDDEN.indexOf(c) >= 0 || Text.isControl(c);
    }
  }

  private PathResolver() {}

  /**
   * {@return where {@code value} leads}
   *
   * @param value an absolute path, already checked for length and control characters
   * @throws InvalidInputException if the path is relative, climbs above its root, holds a character
   *     Windows refuses in a name or a name of only dots and spaces, or names no place Parry can
   *     resolve (see the class comment)
   */
  public static Resolution resolve(String value) {
    int plain = plain(value);
    if (plain != NOT_PLAIN) {
      return new Resolution(
          value, Root.DRIVE, DRIVES[value.charAt(0) - 'A'], 3, plain == PLAIN_WITH_TILDE);
    }
    return resolveSpelling(value);
  }

  private static Resolution resolveSpelling(String value) {
    int length = value.length();
    if (value.startsWith("\\\\?\\") || value.startsWith("\\??\\")) {
      return device(value, verbatimNames(value, 4), true);
    }
    if (length >= 4
        && isSeparator(value.charAt(0))
        && isSeparator(value.charAt(1))
        && (value.charAt(2) == '.' || value.charAt(2) == '?')
        && isSeparator(value.charAt(3))) {
      return device(value, win32Names(value, 4, 0), false);
    }
    if (NtfsNames.regionIs(value, 0, Math.min(length, 8), "\\DEVICE\\")) {
      return ntDevice(value, verbatimNames(value, 8), true);
    }
    if (length >= 2 && isSeparator(value.charAt(0)) && isSeparator(value.charAt(1))) {
      return unc(value, win32Names(value, 2, 2), false);
    }
    if (length >= 2 && isAsciiLetter(value.charAt(0)) && value.charAt(1) == ':') {
      if (length == 2 || !isSeparator(value.charAt(2))) {
        throw bad("must be absolute (drive letter then '\\')", value);
      }
      return build(value, Root.DRIVE, driveName(value.charAt(0)), win32Names(value, 3, 0), false);
    }
    if (length >= 11
        && isSeparator(value.charAt(0))
        && NtfsNames.regionIs(value, 1, 11, "SYSTEMROOT")
        && (length == 11 || isSeparator(value.charAt(11)))) {
      // the object manager's link to the Windows folder, the form drivers and services are reported
      // in:
      // a volume whose letter is unknown, so it is judged on the cautious side
      return build(
          value,
          Root.VOLUME,
          "\\\\?\\GLOBALROOT\\SystemRoot",
          length <= 12 ? List.of() : win32Names(value, 12, 0),
          false);
    }
    if (isSeparator(value.charAt(0))) {
      return build(value, Root.ANY_DRIVE, "", win32Names(value, 1, 0), false);
    }
    throw bad("must be absolute (C:\\..., \\... or \\\\server\\share)", value);
  }

  private static final int NOT_PLAIN = -1;
  private static final int PLAIN = 0;
  private static final int PLAIN_WITH_TILDE = 1;

  /**
   * Whether {@code value} is already resolved ({@code C:\} and simple names), and whether it holds
   * a {@code ~}: {@link #NOT_PLAIN}, {@link #PLAIN} or {@link #PLAIN_WITH_TILDE}. Most paths are
   * plain; they cost this one scan.
   */
  private static int plain(String value) {
    int length = value.length();
    if (length < 3
        || value.charAt(0) < 'A'
        || value.charAt(0) > 'Z'
        || value.charAt(1) != ':'
        || value.charAt(2) != '\\') {
      return NOT_PLAIN;
    }
    boolean tilde = false;
    int start = 3;
    for (int i = 3; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        if (i == start
            || endsInDotOrSpace(value, i)) { // empty, ".", "..", or a trailing dot or space
          return NOT_PLAIN;
        }
        start = i + 1;
      } else if (c < 0x80 ? NOT_PLAIN_ASCII[c] : Text.isControl(c)) {
        return NOT_PLAIN;
      }
      tilde |= c == '~';
    }
    if (length > 3 && (start == length || endsInDotOrSpace(value, length))) {
      return NOT_PLAIN; // a final separator, or a last name ending in a dot or a space
    }
    return tilde ? PLAIN_WITH_TILDE : PLAIN;
  }

  private static boolean endsInDotOrSpace(String value, int end) {
    char last = value.charAt(end - 1);
    return last == '.' || last == ' ';
  }

  /**
   * The names from {@code from} on, resolved as Win32 does; {@code keep} leading names are a root
   * {@code ..} cannot remove.
   */
  private static List<String> win32Names(String value, int from, int keep) {
    List<String> names = new ArrayList<>();
    int start = from;
    for (int i = from; i <= value.length(); i++) {
      if (i < value.length() && !isSeparator(value.charAt(i))) {
        continue;
      }
      String name = value.substring(start, i);
      start = i + 1;
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (names.size() <= keep) {
          throw bad("must not climb above its root with '..'", value);
        }
        names.remove(names.size() - 1);
        continue;
      }
      String stripped = withoutTrailingDotsAndSpaces(name);
      if (stripped.isEmpty()) {
        throw bad("must not hold a name of only dots and spaces", value);
      }
      names.add(stripped);
    }
    return names;
  }

  /**
   * The names from {@code from} on, taken as they are: a final separator is allowed, nothing else
   * is changed.
   */
  private static List<String> verbatimNames(String value, int from) {
    if (value.indexOf('/', from) >= 0) {
      throw bad(
          "must not hold '/' after \\\\?\\, \\??\\ or \\Device\\ (Windows takes the rest as it is)",
          value);
    }
    List<String> names = new ArrayList<>();
    int start = from;
    for (int i = from; i <= value.length(); i++) {
      if (i < value.length() && value.charAt(i) != '\\') {
        continue;
      }
      String name = value.substring(start, i);
      start = i + 1;
      if (name.isEmpty() && i == value.length() && !names.isEmpty()) {
        break; // a final separator
      }
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw bad(
            "must not hold empty, '.' or '..' names after \\\\?\\, \\??\\ or \\Device\\", value);
      }
      names.add(name);
    }
    return names;
  }

  private static Resolution device(String value, List<String> names, boolean verbatim) {
    if (names.isEmpty()) {
      throw bad(DEVICE_ROOTS, value);
    }
    String first = names.get(0);
    List<String> rest = names.subList(1, names.size());
    if (first.length() == 2 && isAsciiLetter(first.charAt(0)) && first.charAt(1) == ':') {
      requireRootFolder(value, rest);
      return build(value, Root.DRIVE, driveName(first.charAt(0)), rest, verbatim);
    }
    if (NtfsNames.equal(first, "UNC")) {
      return unc(value, rest, verbatim);
    }
    if (isVolumeGuid(first)) {
      requireRootFolder(value, rest);
      return build(value, Root.VOLUME, "\\\\?\\" + first, rest, verbatim);
    }
    if (isHarddiskVolume(first)) {
      requireRootFolder(value, rest);
      return build(value, Root.VOLUME, "\\\\?\\GLOBALROOT\\Device\\" + first, rest, verbatim);
    }
    if (NtfsNames.equal(first, "GLOBALROOT")
        && !rest.isEmpty()
        && NtfsNames.equal(rest.get(0), "Device")) {
      return ntDevice(value, rest.subList(1, rest.size()), verbatim);
    }
    throw bad(DEVICE_ROOTS, value);
  }

  private static final String DEVICE_ROOTS =
      "must continue a device path with a drive (C:\\), UNC\\server\\share,"
          + " Volume{GUID}, HarddiskVolumeN or GLOBALROOT\\Device\\...";

  private static Resolution ntDevice(String value, List<String> names, boolean verbatim) {
    if (names.isEmpty()) {
      throw bad("must name a device after \\Device\\", value);
    }
    String first = names.get(0);
    List<String> rest = names.subList(1, names.size());
    checkName(value, first);
    if (isHarddiskVolume(first)) {
      requireRootFolder(value, rest);
      return build(value, Root.VOLUME, "\\\\?\\GLOBALROOT\\Device\\" + first, rest, verbatim);
    }
    if (NtfsNames.equal(first, "Mup") || NtfsNames.equal(first, "LanmanRedirector")) {
      return unc(value, rest, verbatim);
    }
    return build(value, Root.DEVICE, "\\\\?\\GLOBALROOT\\Device\\" + first, rest, verbatim);
  }

  private static Resolution unc(String value, List<String> names, boolean verbatim) {
    if (names.size() < 2) {
      throw bad("must name a server and a share after '\\\\'", value);
    }
    String server = names.get(0);
    String share = names.get(1);
    checkName(value, server);
    checkName(value, share);
    List<String> rest = names.subList(2, names.size());
    boolean driveShare =
        share.length() == 2 && isAsciiLetter(share.charAt(0)) && share.charAt(1) == '$';
    if (driveShare && isThisMachine(server)) {
      return build(value, Root.DRIVE, driveName(share.charAt(0)), rest, verbatim);
    }
    return build(
        value,
        driveShare ? Root.REMOTE_DRIVE : Root.SHARE,
        "\\\\" + server + "\\" + share,
        rest,
        verbatim);
  }

  /** The documented names of this machine in a UNC path. */
  private static boolean isThisMachine(String server) {
    return NtfsNames.equal(server, "localhost")
        || server.equals("127.0.0.1")
        || NtfsNames.equal(server, "0--1.ipv6-literal.net");
  }

  private static Resolution build(
      String value, Root root, String rootName, List<String> names, boolean verbatim) {
    boolean literal = false;
    for (String name : names) {
      checkName(value, name);
      char last = name.charAt(name.length() - 1);
      literal |= verbatim && (last == '.' || last == ' ');
    }
    String prefix =
        switch (root) {
          case DRIVE -> literal ? "\\\\?\\" + rootName : rootName;
          case REMOTE_DRIVE, SHARE -> literal ? "\\\\?\\UNC" + rootName.substring(1) : rootName;
          case ANY_DRIVE, VOLUME, DEVICE -> rootName;
        };
    StringBuilder out = new StringBuilder(value.length() + 16).append(prefix);
    if (names.isEmpty()) {
      if (root != Root.SHARE && root != Root.REMOTE_DRIVE) {
        out.append('\\');
      }
      return new Resolution(out.toString(), root, rootName, out.length(), false);
    }
    int namesStart = out.length() + 1;
    boolean shortName = false;
    for (String name : names) {
      out.append('\\').append(name);
      shortName |= NtfsNames.mayBeShortName(name);
    }
    return new Resolution(out.toString(), root, rootName, namesStart, shortName);
  }

  /**
   * {@code \\?\C:} and {@code \\?\Volume{...}} without a separator name a volume, not its root
   * folder.
   */
  private static void requireRootFolder(String value, List<String> rest) {
    if (rest.isEmpty() && !isSeparator(value.charAt(value.length() - 1))) {
      throw bad("must name a folder or file, not a volume: end a drive or volume with '\\'", value);
    }
  }

  private static void checkName(String value, String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0 || Text.isControl(c)) {
        throw bad("must not contain the characters <>\"|?*: in a name (found '" + c + "')", value);
      }
    }
  }

  private static String withoutTrailingDotsAndSpaces(String name) {
    int end = name.length();
    while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
      end--;
    }
    return end == name.length() ? name : name.substring(0, end);
  }

  private static boolean isVolumeGuid(String name) {
    if (name.length() != 44
        || !NtfsNames.regionIs(name, 0, 7, "VOLUME{")
        || name.charAt(43) != '}') {
      return false;
    }
    for (int i = 7; i < 43; i++) {
      char c = name.charAt(i);
      boolean dash = i == 15 || i == 20 || i == 25 || i == 30;
      if (dash ? c != '-' : !Text.isHex(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHarddiskVolume(String name) {
    int digits = name.length() - 14;
    if (digits < 1 || digits > 5 || !NtfsNames.regionIs(name, 0, 14, "HARDDISKVOLUME")) {
      return false;
    }
    for (int i = 14; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String driveName(char letter) {
    return DRIVES[Character.toUpperCase(letter) - 'A'];
  }

  private static boolean isSeparator(char c) {
    return c == '\\' || c == '/';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static InvalidInputException bad(String rule, String value) {
    return new InvalidInputException(
        "windowsPath", value, "windowsPath " + rule + ", was: " + Text.show(value));
  }
}
