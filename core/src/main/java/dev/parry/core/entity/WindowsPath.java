package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.internal.PathResolver;
import dev.parry.core.internal.PathResolver.Resolution;
import dev.parry.core.internal.PathResolver.Root;
import dev.parry.core.internal.Text;

/**
 * An absolute Windows file or folder path: the spelling given, kept for display, and the place
 * Windows resolves it to, which is what paths are compared, classified and excluded on.
 *
 * <p><b>Spellings resolved</b> (README "Path rules"): {@code /} is a separator, repeated separators
 * collapse, {@code .} is dropped and {@code ..} removes the name before it, trailing dots and
 * spaces are stripped from every name, as Win32 does; {@code \\.\C:\}, {@code \\?\C:\}, {@code
 * \??\C:\} and an admin share of this machine ({@code \\localhost\C$\}, {@code \\127.0.0.1\C$\},
 * {@code \\0--1.ipv6-literal.net\C$\}, also after {@code \\?\UNC\}) are drive {@code C:}; {@code
 * \\?\Volume{GUID}\} and {@code \Device\HarddiskVolumeN\} are volumes whose letter is unknown.
 * After {@code \\?\}, {@code \??\} and {@code \Device\} Windows takes the names as they are, so
 * nothing is stripped there: {@code \\?\C:\Windows.\x} is in a folder named {@code Windows.}. So
 * {@code C:/Windows//System32/}, {@code \\localhost\c$\WINDOWS.\System32} and {@code
 * c:\windows\system32} are equal.
 *
 * <p><b>Comparison</b> is NTFS's: each character is mapped on its own to its simple upper case
 * ({@link Character#toUpperCase(char)}), with no full case folding and no locale. {@code ß} is not
 * {@code SS} and the Kelvin sign is not {@code k}, although Java's {@code equalsIgnoreCase} says
 * so.
 *
 * <p><b>8.3 short names</b> ({@code PROGRA~1}) are kept as they are: only the file system knows
 * which long name one stands for, so two spellings that differ by a short name are different paths.
 * Where that matters, Parry takes the cautious side ({@link #couldBeWithin(WindowsPath)}, the
 * folder classifier).
 *
 * <p><b>Refused</b>, naming the value: relative paths, {@code ..} above the root, the characters
 * {@code < > " | ? *} and {@code :} in a name (a path names one place, never a pattern or a
 * stream), a name of only dots and spaces, a UNC path without a share, and a device path that names
 * no drive, UNC share or volume ({@code \\.\pipe\x}).
 *
 * @param value the path as given, kept for display: absolute, 1-{@value #MAX_LENGTH} characters, no
 *     spoofing characters, none of the forms listed under <b>Refused</b> in the class comment
 */
public record WindowsPath(String value) implements FilePath {

  /** The longest path accepted, Windows' extended-length limit: {@value}. */
  public static final int MAX_LENGTH = 32_767;

  /**
   * Validates the path.
   *
   * @param value the path as given, kept for display: absolute, 1-{@value #MAX_LENGTH} characters,
   *     no spoofing characters, none of the forms listed under <b>Refused</b> in the class comment
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the path is empty, too long, holds a spoofing character, or is
   *     refused as the class comment says
   */
  public WindowsPath {
    Text.requireIdentifier("windowsPath", value, 1, MAX_LENGTH);
    PathResolver.resolve(value);
  }

  /**
   * {@return the path for {@code value}}
   *
   * <pre>{@code WindowsPath path = WindowsPath.of("C:\\Users\\alice\\Downloads\\invoice.exe");}
   * </pre>
   *
   * @param value an absolute Windows path
   * @throws InvalidInputException if the value is not a valid absolute path
   */
  public static WindowsPath of(String value) {
    return new WindowsPath(value);
  }

  /**
   * {@return the place Windows resolves this path to}: {@code C:\Windows\System32} for {@code
   * \\localhost\c$\Windows.\System32\}, the case of each name as given
   *
   * <pre>{@code WindowsPath.of("//?/c:/Temp/./x.exe").resolved();   // C:\Temp\x.exe}</pre>
   */
  public String resolved() {
    return resolution().path();
  }

  /**
   * {@return the path's resolved form in a case-insensitive form NTFS would agree with, for keys}
   */
  @Override
  public String comparisonKey() {
    return NtfsNames.key(resolved());
  }

  /** {@return the last name of the resolved path (the file name), or an empty string for a root} */
  @Override
  public String fileName() {
    Resolution resolution = resolution();
    String path = resolution.path();
    return resolution.namesStart() >= path.length()
        ? ""
        : path.substring(path.lastIndexOf('\\') + 1);
  }

  /**
   * {@return the file name's extension without the dot, in lower case where NTFS's upper-case rule
   * allows (always for ASCII), or an empty string if none}
   */
  public String extension() {
    String name = fileName();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : NtfsNames.key(name.substring(dot + 1));
  }

  /**
   * {@return whether this path is certainly {@code folder} or beneath it} A folder without a drive
   * letter matches on every drive of this machine, volumes named without a letter included. A short
   * name matches only itself here: see {@link #couldBeWithin(WindowsPath)}.
   *
   * @param folder the folder
   * @throws InvalidInputException if {@code folder} is null
   */
  public boolean isWithin(WindowsPath folder) {
    Resolution mine = resolution();
    Resolution theirs = Checks.notNull(folder, "folder").resolution();
    return sameRoot(mine, theirs) && namesWithin(mine, theirs, false);
  }

  /**
   * {@return whether this path could be {@code folder} or beneath it, as far as its spelling
   * tells}: true where {@link #isWithin(WindowsPath)} is, and also where a name that may be an 8.3
   * short name ({@code ~} then a digit) stands against another name on either side, or where the
   * roots may be one drive (a volume or a drive-less path against a drive, a drive's admin share on
   * another host against the same letter). A share whose folder is unknown is never taken to be a
   * local folder.
   *
   * @param folder the folder
   * @throws InvalidInputException if {@code folder} is null
   */
  public boolean couldBeWithin(WindowsPath folder) {
    Resolution mine = resolution();
    Resolution theirs = Checks.notNull(folder, "folder").resolution();
    return (sameRoot(mine, theirs) || rootsCouldBeSame(mine, theirs))
        && namesWithin(mine, theirs, true);
  }

  private Resolution resolution() {
    return PathResolver.resolve(value);
  }

  private static boolean sameRoot(Resolution mine, Resolution theirs) {
    if (theirs.root() == Root.ANY_DRIVE) {
      return mine.root() == Root.DRIVE
          || mine.root() == Root.ANY_DRIVE
          || mine.root() == Root.VOLUME;
    }
    return mine.root() == theirs.root() && NtfsNames.equal(mine.rootName(), theirs.rootName());
  }

  private static boolean rootsCouldBeSame(Resolution mine, Resolution theirs) {
    if (mine.root().isVolumeRoot() && theirs.root().isVolumeRoot()) {
      char a = mine.driveLetter();
      char b = theirs.driveLetter();
      return a == 0 || b == 0 || a == b;
    }
    if (mine.root() == Root.SHARE
        && theirs.root() == Root.SHARE) { // the hosts may be two names of one machine
      String a = mine.rootName();
      String b = theirs.rootName();
      return NtfsNames.regionsEqual(
          a, a.lastIndexOf('\\') + 1, a.length(), b, b.lastIndexOf('\\') + 1, b.length());
    }
    return false;
  }

  /**
   * Whether the folder's names begin this path's names; with {@code orShortName}, a short name on
   * either side matches any name.
   */
  private static boolean namesWithin(Resolution mine, Resolution theirs, boolean orShortName) {
    String path = mine.path();
    String folder = theirs.path();
    int at = mine.namesStart();
    for (int from = theirs.namesStart(); from < folder.length(); ) {
      if (at >= path.length()) {
        return false;
      }
      int to = endOfName(folder, from);
      int end = endOfName(path, at);
      boolean same =
          NtfsNames.regionsEqual(path, at, end, folder, from, to)
              || (orShortName
                  && (NtfsNames.mayBeShortName(path, at, end)
                      || NtfsNames.mayBeShortName(folder, from, to)));
      if (!same) {
        return false;
      }
      from = to + 1;
      at = end + 1;
    }
    return true;
  }

  private static int endOfName(String path, int from) {
    int end = path.indexOf('\\', from);
    return end < 0 ? path.length() : end;
  }

  /** Equal when both resolve to the same place, compared as NTFS compares names. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WindowsPath that && NtfsNames.equal(resolved(), that.resolved());
  }

  @Override
  public int hashCode() {
    return NtfsNames.keyHash(resolved());
  }

  /** {@return the path as given} */
  @Override
  public String toString() {
    return value;
  }
}
