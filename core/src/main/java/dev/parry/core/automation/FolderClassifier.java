package dev.parry.core.automation;

import dev.parry.core.entity.WindowsPath;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.internal.PathResolver;
import dev.parry.core.internal.PathResolver.Resolution;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Classifies a file path as {@link FolderClass#CORE core}, {@link FolderClass#TEMP temp} or
 * {@link FolderClass#OTHER other}, on the place Windows resolves it to, whatever the drive.
 *
 * <p>A pattern is a folder written with {@code \} or {@code /}, where a {@code *} segment stands
 * for exactly one folder name; a file matches a pattern when it lies anywhere beneath the folder. A
 * final {@code \*} adds nothing: {@code \Windows\*} is {@code \Windows}.
 * When several patterns match, the one with the most segments wins (so {@code /windows/temp} is
 * temp although {@code /windows} is core); at equal length temp wins.
 *
 * <p><b>Path rules</b> (README "Path rules"). The path is classified as {@link WindowsPath} resolves
 * it: {@code C:\Windows.\x}, {@code \\localhost\C$\Windows\x} and {@code \\?\C:\Windows\x}
 * are all in {@code \Windows}. Names are compared as NTFS compares them, one character's simple upper
 * case against another's: {@code WINDOWS} spelled with a dotted capital I (U+0130) is not {@code Windows}.
 *
 * <p><b>8.3 short names are classified on the cautious side.</b> A folder name holding {@code ~}
 * then a digit ({@code PROGRA~1}, {@code WINDOW~1}) may be the short name of any folder in its parent:
 * only the file system knows which. Such a path is given the most protected class any of its
 * readings could have, in the order core, other, temp (core needs approval under both folder-based
 * Semi levels, other under one, temp under none). So {@code C:\PROGRA~1\x.exe} and
 * {@code C:\ABC~1\x.exe} are core (either could be Program Files or Windows);
 * {@code C:\Windows\SYSTEM~1\x.dll} is core; {@code C:\Users\alice\DOWNLO~1\x.exe} is other (it
 * could be Downloads, or not); {@code C:\Users\ALICE~1\Downloads\x.exe} is temp (any user folder
 * will do). Short names set by hand ({@code fsutil file setshortname}) need administrator rights and
 * are out of scope.
 *
 * <p><b>Places Parry cannot tell are core.</b> A file on a share that is not a drive's admin share
 * ({@code \\server\share\x}, {@code ADMIN$}) or on an NT device other than a volume may lie in any
 * folder of that machine, so it is core. A drive's admin share on another host
 * ({@code \\fs01\C$\Windows\x}) is classified by its folders, like a drive.
 *
 * <p><b>Program Files is core.</b> Defender's documentation names Program Files a core folder on one
 * page and a temp folder on another. Parry's defaults follow the conservative reading: a file under
 * Program Files or Program Files (x86) is core, so under {@link AutomationLevel#SEMI_CORE_FOLDERS}
 * and {@link AutomationLevel#SEMI_NON_TEMP_FOLDERS} its remediation waits for approval. A caller who
 * wants the other reading builds its own classifier with {@link #of(List, List)}.
 *
 * <pre>{@code
 * FolderClassifier folders = FolderClassifier.defaults();
 * folders.classify(WindowsPath.of("C:\\Windows\\System32\\evil.dll"));   // CORE
 * folders.classify(WindowsPath.of("D:\\Windows\\Temp\\evil.exe"));       // TEMP
 * folders.classify(WindowsPath.of("C:\\PROGRA~1\\Vendor\\app.exe"));     // CORE
 * }</pre>
 */
public final class FolderClassifier {

  /** The default core folders. */
  public static final List<String> DEFAULT_CORE =
      List.of("/windows", "/program files", "/program files (x86)");

  /** The default temp folders, as Defender lists them, less Program Files (see the class comment). */
  public static final List<String> DEFAULT_TEMP = List.of(
      "/users/*/appdata/local/temp",
      "/documents and settings/*/local settings/temp",
      "/documents and settings/*/local settings/temporary",
      "/windows/temp",
      "/users/*/downloads",
      "/documents and settings/*/users");

  /** The most segments a pattern may have: {@value}. */
  public static final int MAX_SEGMENTS = 64;

  private static final FolderClassifier DEFAULTS = of(DEFAULT_CORE, DEFAULT_TEMP);

  /** A pattern's segments in upper case, {@code *} for a wildcard. */
  private final String[][] core;
  private final String[][] temp;
  /** The most segments of any pattern: folders deeper than this never decide a match. */
  private final int depth;

  private FolderClassifier(String[][] core, String[][] temp) {
    this.core = core;
    this.temp = temp;
    int deepest = 0;
    for (String[] pattern : core) {
      deepest = Math.max(deepest, pattern.length);
    }
    for (String[] pattern : temp) {
      deepest = Math.max(deepest, pattern.length);
    }
    this.depth = deepest;
  }

  /** {@return the classifier with {@link #DEFAULT_CORE} and {@link #DEFAULT_TEMP}} */
  public static FolderClassifier defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a classifier with these patterns}
   *
   * @param corePatterns folders whose files are core
   * @param tempPatterns folders whose files are temp
   * @throws NullPointerException if a list or a pattern is null
   * @throws IllegalArgumentException if a pattern is not absolute, has an empty segment, a control
   *     character, a {@code *} that is not a whole segment, a {@code .} or {@code ..} segment or one
   *     ending in a dot or a space (Windows strips those), or more than {@value #MAX_SEGMENTS} segments
   */
  public static FolderClassifier of(List<String> corePatterns, List<String> tempPatterns) {
    return new FolderClassifier(parse(corePatterns), parse(tempPatterns));
  }

  private static String[][] parse(List<String> patterns) {
    List<String[]> out = new ArrayList<>();
    for (String pattern : Objects.requireNonNull(patterns, "patterns")) {
      Text.require("folder pattern", pattern, 1, 1024);
      String p = pattern.replace('\\', '/');
      if (p.endsWith("/*")) {
        p = p.substring(0, p.length() - 2);
      }
      if (!p.startsWith("/") || p.length() < 2) {
        throw new IllegalArgumentException("folder pattern must start with '/' or '\\' and name a folder, was: "
            + Text.show(pattern));
      }
      String[] segments = p.substring(1).split("/", -1);
      if (segments.length > MAX_SEGMENTS) {
        throw new IllegalArgumentException("folder pattern must have at most " + MAX_SEGMENTS + " segments, was: "
            + Text.show(pattern));
      }
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.isEmpty() || (segment.contains("*") && !segment.equals("*"))) {
          throw new IllegalArgumentException(
              "folder pattern segments must be non-empty and '*' must stand alone, was: " + Text.show(pattern));
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
          throw new IllegalArgumentException("folder pattern segments must not be '.' or '..' or end in a dot or a"
              + " space (Windows strips those from names), was: " + Text.show(pattern));
        }
        segments[i] = NtfsNames.upper(segment);
      }
      out.add(segments);
    }
    return out.toArray(new String[0][]);
  }

  /**
   * {@return the class of the folder {@code file} lies in}: the most protected class it could be
   * where an 8.3 short name or an unplaceable share leaves a doubt (see the class comment)
   *
   * @param file the file's path
   * @throws NullPointerException if {@code file} is null
   */
  public FolderClass classify(WindowsPath file) {
    Resolution resolved = PathResolver.resolve(file.value());
    if (!resolved.root().isVolumeRoot()) {
      return FolderClass.CORE;
    }
    Folders folders = Folders.of(resolved, depth);
    if (folders.count == 0) {
      return FolderClass.OTHER; // a file at the root lies in no folder
    }
    if (folders.shortNames == 0) { // one reading: the deepest match decides
      int coreDepth = deepestMatch(core, folders);
      int tempDepth = deepestMatch(temp, folders);
      if (tempDepth > 0 && tempDepth >= coreDepth) {
        return FolderClass.TEMP;
      }
      return coreDepth > 0 ? FolderClass.CORE : FolderClass.OTHER;
    }
    for (String[] pattern : core) { // indexed loops over arrays: classification allocates no iterators
      if (folders.couldMatch(pattern) && !tempFollows(pattern, folders)) {
        return FolderClass.CORE;
      }
    }
    if (!matchesCertainly(core, folders) && !matchesCertainly(temp, folders)) {
      return FolderClass.OTHER;
    }
    return FolderClass.TEMP;
  }

  /**
   * Whether every reading in which the core pattern matches has a temp pattern at least as deep
   * matching too. The reading that gives temp the least chance fixes each short name the core
   * pattern names and leaves every other short name matching no literal segment: a temp pattern
   * that matches it matches every such reading.
   */
  private boolean tempFollows(String[] corePattern, Folders folders) {
    for (String[] pattern : temp) {
      if (pattern.length < corePattern.length || pattern.length > folders.count) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < pattern.length && matches; i++) {
        String segment = pattern[i];
        if (isWildcard(segment)) {
          continue;
        }
        matches = folders.isShort(i)
            ? i < corePattern.length && !isWildcard(corePattern[i]) && corePattern[i].equals(segment)
            : folders.is(i, segment);
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** Whether a pattern matches in every reading: a short name matches only a wildcard. */
  private static boolean matchesCertainly(String[][] patterns, Folders folders) {
    return deepestMatch(patterns, folders) > 0;
  }

  /** The number of segments of the longest pattern that matches in every reading, or 0. */
  private static int deepestMatch(String[][] patterns, Folders folders) {
    int best = 0;
    for (String[] pattern : patterns) {
      if (pattern.length <= best || pattern.length > folders.count) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < pattern.length && matches; i++) {
        matches = isWildcard(pattern[i]) || (!folders.isShort(i) && folders.is(i, pattern[i]));
      }
      if (matches) {
        best = pattern.length;
      }
    }
    return best;
  }

  private static boolean isWildcard(String segment) {
    return segment.length() == 1 && segment.charAt(0) == '*';
  }

  /** The folder names of a resolved path, as positions in it, with those that may be short names marked. */
  private static final class Folders {
    private final String path;
    private final int[] bounds;
    private final int count;
    private final long shortNames;

    private Folders(String path, int[] bounds, int count, long shortNames) {
      this.path = path;
      this.bounds = bounds;
      this.count = count;
      this.shortNames = shortNames;
    }

    /** The first {@code depth} folders of {@code resolved}; the file's own name is not a folder. */
    static Folders of(Resolution resolved, int depth) {
      String path = resolved.path();
      int[] bounds = new int[2 * depth];
      int count = 0;
      long shortNames = 0;
      int from = resolved.namesStart();
      while (count < depth) {
        int to = path.indexOf('\\', from);
        if (to < 0) {
          break;
        }
        bounds[2 * count] = from;
        bounds[2 * count + 1] = to;
        if (resolved.mayHoldShortName() && NtfsNames.mayBeShortName(path, from, to)) {
          shortNames |= 1L << count;
        }
        count++;
        from = to + 1;
      }
      return new Folders(path, bounds, count, shortNames);
    }

    boolean isShort(int index) {
      return (shortNames & (1L << index)) != 0;
    }

    /** Whether folder {@code index} is the name {@code upper}, already upper case. */
    boolean is(int index, String upper) {
      return NtfsNames.regionIs(path, bounds[2 * index], bounds[2 * index + 1], upper);
    }

    /** Whether some reading of the short names makes {@code pattern} match. */
    boolean couldMatch(String[] pattern) {
      if (pattern.length > count) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!isWildcard(pattern[i]) && !isShort(i) && !is(i, pattern[i])) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return "FolderClassifier{core=" + core.length + " patterns, temp=" + temp.length + " patterns}";
  }
}
